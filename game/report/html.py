"""The debrief as one self-contained HTML file: inline CSS and SVG, no scripts, no links
out, printable."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.engine.types import SIDES
from game.files import HTML_GENERATOR_META
from game.present.numbers import number, percent, points, signed
from game.present.words import TERM_LABELS
from game.report.beliefs import misjudgement_text
from game.report.charts import belief_chart, game_charts
from game.report.facts import SECTIONS, SIDE_NAMES, WORLD_HEADING, Belief, Debrief, Swing
from game.report.svg import render

CSS = """
:root { --us: #0072B2; --china: #D55E00; --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d9d9d9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 10px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 12px; }
nav ol { columns: 2; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 0.93em; }
th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #f3f3f3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.cell { margin: 0; padding-left: 16px; }
.us { color: var(--us); font-weight: 600; }
.china { color: var(--china); font-weight: 600; }
.win { font-size: 1.2em; font-weight: 700; }
.miss { color: #a40000; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 8px; }
figure { margin: 0; }
svg.chart { max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
svg .ct { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .cu, svg .tick, svg .leg { font-size: 11px; fill: var(--muted); }
svg .leg { fill: var(--ink); }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .axis { stroke: #888; stroke-width: 1; }
svg .guide { stroke: #a40000; stroke-width: 1; stroke-dasharray: 4 3; }
ol.questions li { margin-bottom: 10px; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@media print {
  body { padding: 0; font-size: 11pt; }
  h2 { break-before: auto; break-after: avoid; }
  figure, tr { break-inside: avoid; }
  nav { display: none; }
}
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def page(title: str, body: Sequence[str], extra_css: str = "") -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        HTML_GENERATOR_META,  # how the writer knows a report it may replace
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}{extra_css}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def table(header: Sequence[str], rows: Sequence[Sequence[str]],
          numeric: Sequence[int] = ()) -> str:
    """Cells are HTML already (escape text before passing it)."""
    head = "".join(f'<th class="n">{h}</th>' if i in numeric else f"<th>{h}</th>"
                   for i, h in enumerate(header))
    body = []
    for row in rows:
        cells = "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                        for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def side_span(side: str) -> str:
    return f'<span class="{side}">{esc(SIDE_NAMES[side])}</span>'


def items(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    return '<ul class="cell">' + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"


def section(anchor: str) -> str:
    title = dict(SECTIONS)[anchor]
    return f'<h2 id="{anchor}">{esc(title)}</h2>'


def nav() -> str:
    return ("<nav><ol>" + "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in SECTIONS)
            + "</ol></nav>")


# --- sections ------------------------------------------------------------------------


def scenario_section(d: Debrief) -> list[str]:
    rows = [[side_span(side), esc(d.players[side])] for side in SIDES]
    return [section("scenario"),
            f"<p><strong>{esc(d.title)}</strong> (<code>{esc(d.scenario)}</code>), seed "
            f"{d.seed}, from {esc(d.start)}: {d.outcome.turns_played} of {d.outcome.turns} "
            f"quarters played"
            + (f", {d.undone} turn(s) taken back" if d.undone else "") + ".</p>",
            f"<p>{esc(d.description)}</p>",
            table(["Side", "Played by"], rows)]


def result_section(d: Debrief) -> list[str]:
    o = d.outcome
    head = "A draw" if o.winner is None else f"{side_span(o.winner)} wins"
    head += f" ({points(o.scores['us'])} to {points(o.scores['china'])}), after {esc(o.ended)}"
    if o.crisis:
        head += ", in a crisis"
    terms = list(o.term_points["us"])
    rows = [[esc(TERM_LABELS[term]), points(o.term_points["us"][term], sign=True),
             points(o.term_points["china"][term], sign=True)] for term in terms]
    rows.append(["<strong>score</strong>", f"<strong>{points(o.scores['us'])}</strong>",
                 f"<strong>{points(o.scores['china'])}</strong>"])
    out = [section("result"), f'<p class="win">{head}.</p>']
    out += [f"<p>{esc(line)}</p>" for line in o.why]
    out.append("<h3>Points by score term (both sides start at 50)</h3>")
    out.append(table(["Term", side_span("us"), side_span("china")], rows, numeric=(1, 2)))
    out.append("<h3>Crises</h3>")
    out.append(items(d.crises or ["None broke out."]))
    if d.world:
        out.append(f"<h3>{esc(WORLD_HEADING)}</h3>")
        out.append(items(d.world))
    return out


def charts_section(d: Debrief) -> list[str]:
    out = [section("charts"),
           '<p class="lead">Each side after every quarter; "start" is the opening position. '
           "Stranded compute is chips bought but waiting for power or data-center space.</p>",
           '<div class="charts">']
    for chart in game_charts(d):
        out.append(f"<figure>{render(chart)}</figure>")
    out.append("</div>")
    return out


def timeline_section(d: Debrief) -> list[str]:
    rows = [[esc(r.date), items(r.decisions.get("us", [])), items(r.decisions.get("china", [])),
             items(r.followed)] for r in d.timeline]
    return [section("timeline"),
            '<p class="lead">Policy changes, big budget moves (8 points or more since the last '
            "one shown) and training-share changes, beside the events, injects and "
            "facilitator actions at the end of that quarter.</p>",
            table(["Quarter", side_span("us"), side_span("china"), "What followed"], rows)
            if rows else "<p>No decisions or events to show.</p>"]


def swing_text(s: Swing) -> str:
    who = "Tension" if s.side is None else f"{SIDE_NAMES[s.side]} {s.label}"
    causes = ", ".join(f"{c} {signed(v)}" for c, v in s.causes)
    return (f"{who}: {number(s.before)} → {number(s.after)} {s.unit} "
            f"({signed(s.change)}); causes: {causes}")


def swings_section(d: Debrief) -> list[str]:
    rows = [[esc(s.date), side_span(s.side) if s.side else "both", esc(s.label),
             f"{number(s.before)} → {number(s.after)} {esc(s.unit)}", signed(s.change),
             items([f"{c}: {signed(v)}" for c, v in s.causes])] for s in d.swings]
    return [section("swings"),
            '<p class="lead">The largest moves of a quarter, explained by the turn report: the '
            "named causes add up to the change.</p>",
            table(["Quarter", "Side", "Figure", "Moved", "Change", "Causes"], rows,
                  numeric=(4,))]


def belief_rows(beliefs: Sequence[Belief]) -> list[list[str]]:
    rows = []
    for b in beliefs:
        *cells, outside = b.cells()
        row = [esc(c) for c in cells]
        if outside:
            row[-1] += ' <span class="miss">outside the range</span>'
        rows.append(row)
    return rows


def beliefs_section(d: Debrief) -> list[str]:
    out = [section("beliefs"),
           '<p class="lead">At the end of the game, each side\'s estimates of the other (as its '
           "screen showed them, with the range and confidence) beside the truth the record "
           "kept.</p>"]
    for side in SIDES:
        other = SIDES[1 - SIDES.index(side)]
        m = d.misjudgements[side]
        out.append(f"<h3>What {side_span(side)} believed about {side_span(other)}</h3>")
        out.append(table(["Figure", "Believed", "Range shown", "Confidence", "True", "Error"],
                         belief_rows(d.beliefs[side]), numeric=(1, 4, 5)))
        out.append(f"<p>Biggest misjudgement {esc(misjudgement_text(m))}. Average "
                   f"intelligence spending: {percent(d.intel_share[side])} of the budget.</p>")
        out.append(f"<figure>{render(belief_chart(d, d.belief_tracks[side]))}</figure>")
    return out


def notes_section(d: Debrief) -> list[str]:
    rows = [[esc(e.at.replace("T", " ").replace("+00:00", " UTC")), esc(e.date), esc(e.kind),
             esc(e.text)] for e in d.journal]
    return [section("notes"),
            table(["Time", "Quarter", "Kind", "Note or action"], rows) if rows else
            "<p>The facilitator left no notes and took no actions in this game.</p>"]


def questions_section(d: Debrief) -> list[str]:
    return [section("questions"),
            '<ol class="questions">' + "".join(f"<li>{esc(q)}</li>" for q in d.questions)
            + "</ol>"]


def debrief_html(d: Debrief) -> str:
    body = [f"<h1>Debrief: {esc(d.title)}</h1>",
            f'<p class="lead">Compute Race, seed {d.seed}, {esc(d.start)} to '
            f"{esc(d.outcome.ended)}.</p>", nav()]
    for part in (scenario_section, result_section, charts_section, timeline_section,
                 swings_section, beliefs_section, notes_section, questions_section):
        body += part(d)
    body.append("<footer>Every figure comes from the game's model and record. "
                "Generated by compute-race report.</footer>")
    return page(f"Debrief: {d.title}", body)
