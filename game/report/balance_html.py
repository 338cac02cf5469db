"""The balance audit as one self-contained HTML file, styled like the debrief: inline CSS
and SVG charts (the win-matrix heatmap, the lever chart), no scripts, no links out."""

from __future__ import annotations

import json
from typing import Any

from game.report import balance_view as v
from game.report.balance_svg import heatmap, lever_chart
from game.report.html import esc, page, table

EXTRA_CSS = """
figure.chart { overflow-x: auto; margin: 8px 0 16px; }
td.bad { color: #a40000; font-weight: 600; }
details pre { white-space: pre-wrap; font-size: 0.85em; background: #f6f6f6; padding: 8px; }
"""


def _table(header: list[str], rows: v.Rows) -> str:
    return table([esc(h) for h in header], [[esc(c) for c in row] for row in rows])


def balance_html(audit: dict[str, Any]) -> str:
    body = [f"<h1>{esc(v.title(audit))}</h1>", f'<p class="lead">{esc(v.summary_line(audit))}</p>',
            "<h2>Findings</h2>",
            "<ol>" + "".join(f"<li>{esc(t)}</li>" for t in v.findings(audit)) + "</ol>",
            "<h2>Bot matrix</h2>",
            "<p>US bots down, China bots across: blue where the US bloc wins more often, "
            "orange where China does.</p>",
            f'<figure class="chart">{heatmap(audit)}</figure>',
            _table(*v.matrix_rows(audit)),
            "<h2>Levers</h2>",
            "<p>Each lever forced on top of the default bot, against the default bot, "
            "compared with the unforced game of the same seed. Bars: the change in the "
            "pulling side's score at the lever's highest setting; green when every "
            "documented effect shows with its sign.</p>",
            f'<figure class="chart">{lever_chart(audit)}</figure>',
            _table(*v.lever_rows(audit)),
            "<h3>Every setting</h3>", _table(*v.setting_rows(audit)),
            f"<p>{esc(v.UNITS)}</p>",
            "<h2>Best responses</h2>", _table(*v.response_rows(audit))]
    for r in audit["best_response"]:
        plan = json.dumps(r["plan"], indent=2)
        body += [f"<h3>{esc(v.SIDE[r['side']])} against {esc(r['against'])}</h3>",
                 "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in v.plan_lines(r)) + "</ul>",
                 "<details><summary>as an orders file (save as .json, play with "
                 f"<code>run --{esc(r['side'])} script:FILE</code>)</summary>"
                 f"<pre>{esc(plan)}</pre></details>"]
    return page(v.title(audit), body, EXTRA_CSS)
