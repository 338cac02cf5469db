"""Reference tables for the scenario authoring guide, generated from the models so the
guide cannot disagree with what `validate` accepts (scripts/write_scenario_docs.py puts
them into docs/scenarios.md; a test keeps them current)."""

from __future__ import annotations

from game.engine.orders import POLICIES, POLICY_MAX, POLICY_SCALE
from game.engine.params import PARAM_NAMES, PARAM_SPECS
from game.engine.rules import CONDITION_METRICS, EVENT_STATE_TARGETS, SCORE_TERMS
from game.model.params_model import domain_text, param_form

BEGIN = "<!-- generated:reference:begin (scripts/write_scenario_docs.py) -->"
END = "<!-- generated:reference:end -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def parameter_table() -> str:
    rows = ["| parameter | unit | form | allowed | meaning |", "|---|---|---|---|---|"]
    for name in PARAM_NAMES:
        spec = PARAM_SPECS[name]
        rows.append(f"| `{name}` | {_cell(spec['unit'])} | {param_form(name)} | "
                    f"{domain_text(name)} | {_cell(spec['doc'])} |")
    return "\n".join(rows)


def policy_table() -> str:
    from game.model.orders import ChinaPolicies, USPolicies

    rows = ["| side | policy | values | meaning |", "|---|---|---|---|"]
    for side, model in (("us", USPolicies), ("china", ChinaPolicies)):
        for column, name in enumerate(POLICIES[side]):
            top = POLICY_MAX[side][column]
            if name == "open_weights":
                values = "true / false (0 / 1 in set_policy)"
            elif POLICY_SCALE[side][column] == 1:
                values = ", ".join(str(v) for v in range(int(top) + 1))
            else:
                values = f"0 to {top:g} (percent)"
            doc = model.model_fields[name].description or ""
            rows.append(f"| {side} | `{name}` | {values} | {_cell(doc)} |")
    return "\n".join(rows)


def reference() -> str:
    """The generated part of the guide."""
    targets = ", ".join(f"`{t}`" for t in EVENT_STATE_TARGETS)
    metrics = ", ".join(f"`{m}`" for m in CONDITION_METRICS)
    terms = ", ".join(f"`{t}`" for t in SCORE_TERMS)
    return "\n\n".join([
        BEGIN,
        "### Parameters (`[params.NAME]`)",
        "Every parameter takes `value` (one number or list for both sides) or `us` and "
        "`china`, plus optional `unit` (must match) and `source`. A table has one entry per "
        "policy level of the policy named in its meaning.",
        parameter_table(),
        "### Policies (`[start.us.policies]`, `[start.china.policies]`, orders, `set_policy`)",
        policy_table(),
        "### Names an event may use",
        f"- `state` targets of `multiply` and `add`: {targets}.",
        f"- `metric` of a condition (`[[events.when.metrics]]`) or a sudden-death rule: "
        f"{metrics}.",
        f"- score terms (`[victory.us]`, `[victory.china]`): {terms}.",
        END,
    ])


def splice(document: str) -> str:
    """The document with its generated part replaced by the current reference."""
    start, end = document.index(BEGIN), document.index(END) + len(END)
    return document[:start] + reference() + document[end:]
