"""The levers briefing: a printable page per side, generated from a scenario file.

Players forget which actions they have; organisers spend weeks rewriting handouts after a
rules change. This page is rebuilt from the scenario itself: the side's briefing, its
opening position, what each budget share buys at the scenario's unit costs, every policy
with its levels, the model's numbers per level and its tension cost, and how the side
scores. A third page for the facilitator lists the event deck.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analysis.par import rules_with_par
from game.engine.orders import ALLOCATION, POLICIES, POLICY_MAX, POLICY_SCALE
from game.engine.params import PARAM_SPECS, Params
from game.engine.rules import SCORE_TERMS
from game.engine.types import CHINA, US, side_index
from game.model.clock import quarter_label
from game.model.compile import compile_params
from game.model.levels import level_phrase, levels_line
from game.model.orders import Allocation, ChinaPolicies, USPolicies
from game.model.scenario import Scenario
from game.present.numbers import number
from game.report.facts import POLICY_LABELS, SCORE_TERM_LABELS, SIDE_NAMES, scoring_rule
from game.report.html import esc, page, table
from game.summary import effects_text

PRINT_CSS = """
.sheet { break-after: page; page-break-after: always; }
.sheet:last-of-type { break-after: auto; page-break-after: auto; }
.sheet h1 { border-bottom: 3px solid var(--ink); padding-bottom: 4px; }
.sheet.us h1 { border-color: var(--us); } .sheet.china h1 { border-color: var(--china); }
.brief p { margin: 0 0 6px; }
@media print { body { font-size: 9.5pt; } table { font-size: 9pt; } th, td { padding: 2px 5px; } }
"""


@dataclass(frozen=True)
class LevelEffect:
    param: str
    row: int  # whose row of the table the engine reads (see game/engine)
    label: str


# Each policy's per-level numbers, as the engine looks them up.
POLICY_EFFECTS: dict[str, tuple[LevelEffect, ...]] = {
    "export_controls": (
        LevelEffect("export_cap_share", US, "share of US-bloc output China may buy"),
        LevelEffect("export_value", US, "compute per dollar of those chips (x the best)")),
    "equipment_controls": (
        LevelEffect("yield_ceiling", CHINA, "China's best reachable fab yield"),
        LevelEffect("equipment_fab_cost", CHINA, "China's fab cost (x)"),
        LevelEffect("equipment_hw_growth", CHINA, "China's hardware progress (x)")),
    "enforcement": (
        LevelEffect("enforcement_mult", US, "smuggled volume (x)"),
        LevelEffect("smuggle_detect", US, "chance a quarter that smuggling is exposed")),
    "mineral_controls": (
        LevelEffect("mineral_output", US, "US-bloc chip output (x)"),
        LevelEffect("mineral_budget_cost", CHINA, "share of China's budget forgone")),
    "smuggling": (
        LevelEffect("smuggle_volume", CHINA, "M H100e a quarter with no enforcement"),),
    "price_subsidy": (
        LevelEffect("subsidy_price", CHINA, "China's inference price (x)"),),
}
# Policies set by a number rather than a level: a sentence from the parameters.


def _shared(p: Params, name: str) -> float:
    return float(np.asarray(getattr(p, name))[0])


def _side(p: Params, name: str, row: int) -> float:
    return float(np.asarray(getattr(p, name))[row])


def policy_notes(p: Params, side: str, name: str) -> str:
    """The model's numbers for a policy that has no per-level table."""
    if name == "domestic_build_pct":
        return (f"At 100% the US bloc's fabs, data centers and power cost "
                f"{_shared(p, 'onshore_premium'):.0%} more; with no rule "
                f"{_shared(p, 'onshore_fab_share'):.0%} of fab spending goes onshore.")
    if name == "open_weights":
        return (f"Each side releasing open weights cuts both sides' inference margins by "
                f"{_shared(p, 'open_weights_margin_cut'):.0%}; the leader's releases let the "
                f"other side close {_shared(p, 'diffusion_rate'):.0%} of the efficiency gap "
                "a quarter.")
    if name == "localization_pct":
        return (f"At 100%, domestic fab yields learn an extra "
                f"{_side(p, 'localization_learning', CHINA):.1%} of the gap a quarter "
                "(volume teaches the fabs).")
    if name == "export_controls":
        return (f"Below level 4 China also rents {_shared(p, 'cloud_rental'):g} M H100e "
                "abroad for training.")
    return ""


def policy_rows(p: Params, side: str) -> list[list[str]]:
    model = USPolicies if side == "us" else ChinaPolicies
    i = side_index(side)
    rows = []
    for col, name in enumerate(POLICIES[side]):
        doc = (model.model_fields[name].description or "").replace("\n", " ")
        scale = POLICY_SCALE[side][col]
        top = POLICY_MAX[side][col]
        cost = float(np.asarray(p.tension_cost)[i, col])
        standing = float(np.asarray(p.tension_standing)[i, col])
        per = "per 100 points" if scale != 1 else ("when switched on" if top == 1
                                                    else "per level raised")
        tension = (f"{cost:+g} {per}; {standing:+g} held while in force"
                   + (" (per 100 points)" if scale != 1 else " (per level)" if top > 1 else ""))
        levels = ("0-100%" if scale != 1 else "off/on" if top == 1 else f"0-{top:g}")
        effects = []
        named = levels_line(name)
        if named:
            effects.append(f"Levels: {named}")
        for e in POLICY_EFFECTS.get(name, ()):
            values = np.asarray(getattr(p, e.param))[e.row]
            shown = " / ".join(_level_value(float(v), PARAM_SPECS[e.param]["unit"])
                               for v in values)
            effects.append(f"{e.label}, by level: {shown}")
        note = policy_notes(p, side, name)
        if note:
            effects.append(note)
        rows.append([f"<strong>{esc(POLICY_LABELS[name])}</strong> ({esc(levels)})",
                     esc(doc), "<br>".join(esc(x) for x in effects), esc(tension)])
    return rows


def _level_value(value: float, unit: str) -> str:
    if unit in ("share", "probability"):
        return f"{value:.0%}"
    return f"{value:g}"


def allocation_rows(p: Params, side: str) -> list[list[str]]:
    i = side_index(side)
    costs = {
        "chips": f"{number(_side(p, 'chip_cost', i))} $B per M H100e at the start "
                 f"(hardware gets {_side(p, 'hw_growth', i):.1%} cheaper per quarter)",
        "fabs": f"{number(_side(p, 'fab_cost', i))} $B per M H100e/quarter of capacity, "
                f"{_side(p, 'fab_lead', i):g} quarters to output"
                + (f"; Taiwan {number(_shared(p, 'taiwan_fab_cost'))}" if side == "us" else ""),
        "datacenters": f"{number(_side(p, 'dc_cost', i))} $B per GW, "
                       f"{_side(p, 'dc_lead', i):g} quarters to build",
        "power": f"{number(_side(p, 'power_cost', i))} $B per GW, "
                 f"{_side(p, 'power_lead', i):g} quarters to connect",
        "research": f"{_side(p, 'algo_growth', i):.1%} efficiency growth a quarter at "
                    f"{number(_side(p, 'research_ref', i))} $B a quarter",
        "intel": f"{number(_side(p, 'intel_ref', i))} $B a quarter (built up) halves the "
                 "uncertainty of your estimates",
    }
    defaults = Allocation()
    return [[f"<strong>{esc(name)}</strong>",
             esc((Allocation.model_fields[name].description or "").replace("\n", " ")),
             esc(costs[name]), f"{getattr(defaults, name):.0%}"] for name in ALLOCATION]


def start_rows(scenario: Scenario, side: str) -> list[list[str]]:
    st = scenario.start.us if side == "us" else scenario.start.china
    rows = [["Budget", f"{number(st.budget)} $B a quarter"],
            ["Compute in service", f"{number(st.compute)} M H100e"],
            ["Stranded chips", f"{number(st.inventory)} M H100e"],
            ["Data-center capacity", f"{number(st.dc_gw)} GW"],
            ["Connected power", f"{number(st.power_gw)} GW"],
            ["Home fab capacity", f"{number(st.fab_home)} M H100e a quarter at "
                                  f"{st.fab_yield:.0%} yield"]]
    if side == "us":
        rows.append(["Taiwan fab capacity", f"{number(scenario.start.us.fab_taiwan)} M H100e a "
                                            "quarter"])
    policies = ", ".join(f"{POLICY_LABELS[n]} {_policy_value(n, getattr(st.policies, n))}"
                         for n in POLICIES[side])
    rows.append(["Policies in force", policies])
    rows.append(["Tension", f"{scenario.start.tension:g} of 100"])
    return [[esc(a), esc(b)] for a, b in rows]


def _policy_value(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}%"
    if isinstance(value, int):
        return level_phrase(name, value)
    return str(value)


def scoring_rows(scenario: Scenario, side: str) -> list[list[str]]:
    weights = getattr(scenario.victory, side)
    total = sum(weights.as_list()) or 1.0
    return [[esc(SCORE_TERM_LABELS[t]), f"{getattr(weights, t) / total:.0%}"]
            for t in SCORE_TERMS]


def side_sheet(scenario: Scenario, p: Params, side: str) -> list[str]:
    v = scenario.victory
    onset = _shared(p, "crisis_onset")
    sudden = list(v.sudden_death)
    end = quarter_label(scenario.clock.start, scenario.clock.turns - 1)
    out = [f'<section class="sheet {side}">',
           f"<h1>{esc(SIDE_NAMES[side])}: your levers</h1>",
           f"<p class=\"lead\">{esc(scenario.title)} · one turn is a quarter, "
           f"{esc(scenario.clock.start)} to {esc(end)} ({scenario.clock.turns} turns)</p>",
           '<div class="brief">']
    brief = getattr(scenario.briefing, side)
    out += [f"<p>{esc(par.strip())}</p>" for par in brief.split("\n\n") if par.strip()]
    out += ["</div>", "<h3>Where you start</h3>",
            table(["Figure", "At the start"], start_rows(scenario, side)),
            "<h3>Each quarter: split your budget (shares add up to 100%)</h3>",
            table(["Share", "What it buys", "At this scenario's prices", "Default split"],
                  allocation_rows(p, side), numeric=(3,)),
            "<p><strong>Training share</strong>: the share of compute that trains models "
            "(raises capability); the rest serves inference (earns revenue and market "
            "share).</p>",
            "<h3>Your policies</h3>",
            table(["Policy (range)", "What it does", "The model's numbers", "Tension"],
                  policy_rows(p, side)),
            "<h3>How you score</h3>",
            f"<p>{esc(scoring_rule(rules_with_par(scenario).victory.par is not None))} The goals are "
            f"weighted as below; a final gap within {v.draw_margin:g} "
            f"point{'' if v.draw_margin == 1 else 's'} is a "
            f"draw. Above {onset:g} points of tension each quarter carries a chance of "
            "crisis, rising with tension; open conflict ends the game and costs each side "
            "points by its share of the blame for the tension.</p>",
            table(["Goal", "Weight"], scoring_rows(scenario, side), numeric=(1,))]
    for r in sudden:
        out.append(f"<p>Sudden death: {esc(r.text or f'{r.side} {r.metric}')} "
                   f"({esc(SIDE_NAMES[r.winner])} wins).</p>")
    out.append("</section>")
    return out


def deck_sheet(scenario: Scenario) -> list[str]:
    rows = []
    for e in scenario.events:
        when = []
        if e.when.start or e.when.end:
            when.append(f"{e.when.start or 'start'} to {e.when.end or 'end'}")
        if e.when.tension_min > 0 or e.when.tension_max < 100:
            when.append(f"tension {e.when.tension_min:g}-{e.when.tension_max:g}")
        when += [f"{c.side} {c.metric} {'≥' if c.at_least is not None else '≤'} "
                 f"{c.at_least if c.at_least is not None else c.at_most:g}"
                 for c in e.when.metrics]
        duration = "rest of game" if e.duration == 0 else f"{e.duration} q"
        rows.append([f"<code>{esc(e.id)}</code>" + (" <strong>major</strong>" if e.major else ""),
                     esc(e.title), esc("; ".join(when) or "any time"),
                     f"{e.probability:.0%}", esc(duration), esc(effects_text(e))])
    injects = ", ".join(f"{i.event} at {i.at}" for i in scenario.injects) or "none"
    return ['<section class="sheet">',
            "<h1>Facilitator: the event deck</h1>",
            '<p class="lead">Keep this page. Cards fire at the end of a quarter with their '
            "probability while their conditions hold; you can inject any card from the "
            "console, now or at a later turn, or write your own.</p>",
            table(["Card", "Title", "When", "Chance/quarter", "Lasts", "Effects"], rows)
            if rows else "<p>This scenario has no event deck.</p>",
            f"<p>Scripted injects: {esc(injects)}.</p>",
            "</section>"]


def briefing_html(scenario: Scenario) -> str:
    p = compile_params(scenario)
    body: list[str] = []
    for side in ("us", "china"):
        body += side_sheet(scenario, p, side)
    body += deck_sheet(scenario)
    return page(f"Levers briefing: {scenario.title}", body, PRINT_CSS)
