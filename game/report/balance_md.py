"""The balance audit as Markdown: the HTML report's sections, the heatmap as a grid of win
rates and the lever chart as text bars (reads in a terminal, a wiki or a pull request)."""

from __future__ import annotations

from typing import Any

from game.files import MARKDOWN_MARK
from game.report import balance_view as v
from game.report.markdown import md_table

BAR_WIDTH = 20


def lever_bars(audit: dict[str, Any]) -> list[str]:
    """Change in the pulling side's score at each lever's highest setting, as bars."""
    entries = v.levers(audit)
    values = [e["rows"][-1]["effects"][f"{e['side']}.score"]["value"] for e in entries]
    span = max([abs(x) for x in values] + [1e-9])
    rows = []
    for e, value in zip(entries, values, strict=True):
        n = round(BAR_WIDTH * abs(value) / span)
        bar = ("-" if value < 0 else "+") * n
        rows.append([f"{v.SIDE[e['side']]}: {e['lever']}", f"{value:+.2f}", f"`{bar or '.'}`",
                     v.verdict(e["ok"])])
    return md_table(["lever", "own score (points)", "", "documented effects"], rows)


def balance_markdown(audit: dict[str, Any]) -> str:
    out = [MARKDOWN_MARK, f"# {v.title(audit)}", "", v.summary_line(audit),
           "", "## Findings", ""]
    out += [f"{i}. {text}" for i, text in enumerate(v.findings(audit), 1)]
    out += ["", "## Bot matrix", "", "US wins / China wins / draws, US bots down, China bots "
            "across:", "", *md_table(*v.matrix_grid(audit)), *md_table(*v.matrix_rows(audit)),
            "## Levers", "", "Each lever forced on top of the default bot against the default "
            "bot. Change in the pulling side's score at the lever's highest setting:", "",
            *lever_bars(audit), *md_table(*v.lever_rows(audit)),
            "### Every setting", "", *md_table(*v.setting_rows(audit)), v.UNITS, "",
            "## Best responses", "", *md_table(*v.response_rows(audit))]
    for r in audit["best_response"]:
        out += [f"**{v.SIDE[r['side']]} against {r['against']}**", ""]
        out += [f"- {line}" for line in v.plan_lines(r)]
        out.append("")
    return "\n".join(out)
