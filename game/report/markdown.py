"""The debrief in Markdown: the same sections as the HTML, charts as tables of yearly values
with a text sparkline (so it reads in a terminal, a wiki or a pull request)."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.types import SIDES
from game.files import MARKDOWN_MARK
from game.present.numbers import number, percent, points, signed
from game.present.words import TERM_LABELS
from game.report.beliefs import misjudgement_text
from game.report.charts import game_charts
from game.report.facts import SECTIONS, SIDE_NAMES, WORLD_HEADING, Debrief
from game.report.md_text import Markup, cell, paragraphs
from game.report.md_text import text as t
from game.report.svg import Chart, sparkline


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A table; every cell is escaped text unless the renderer marked it as Markup."""
    out = ["| " + " | ".join(cell(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def heading(anchor: str) -> str:
    return f"## {dict(SECTIONS)[anchor]}"


def chart_points(dates: Sequence[str]) -> list[int]:
    """The positions shown in a chart table: the start, every fourth quarter, the end."""
    points = [0] + [k for k in range(1, len(dates)) if dates[k].endswith("Q4")]
    if points[-1] != len(dates) - 1:
        points.append(len(dates) - 1)
    return points


def chart_table(chart: Chart) -> list[str]:
    shown = chart_points(chart.x_labels)
    header = ["", *(chart.x_labels[k] for k in shown), "trend"]
    rows = [[line.label, *(number(v) if v is not None else "" for v in
                           (line.values[k] for k in shown)), sparkline(line.values)]
            for line in chart.lines]
    scale = "; log scale in the HTML" if chart.log else ""
    return [f"**{t(chart.title, line_start=False)}** ({t(chart.unit, line_start=False)}"
            f"{scale})", "", *md_table(header, rows)]


def debrief_markdown(d: Debrief) -> str:
    o = d.outcome
    out = [MARKDOWN_MARK, f"# Debrief: {t(d.title, line_start=False)}", "",
           f"Compute Race, seed {d.seed}, {d.start} to {o.ended}.", ""]

    out += [heading("scenario"), "",
            f"**{t(d.title, line_start=False)}** ({t(d.scenario, line_start=False)}), "
            f"seed {d.seed}, from {d.start}: "
            f"{o.turns_played} of {o.turns} quarters played"
            + (f", {d.undone} turn(s) taken back" if d.undone else "") + ".", "",
            *paragraphs(d.description)]
    out += md_table(["Side", "Played by"], [[SIDE_NAMES[s], d.players[s]] for s in SIDES])

    winner = "A draw" if o.winner is None else f"{SIDE_NAMES[o.winner]} wins"
    out += [heading("result"), "",
            f"**{winner} ({points(o.scores['us'])} to {points(o.scores['china'])}), after {o.ended}"
            f"{', in a crisis' if o.crisis else ''}.**", ""]
    out += [t(line) + "\n" for line in o.why]
    rows = [[TERM_LABELS[term], points(o.term_points["us"][term], sign=True),
             points(o.term_points["china"][term], sign=True)] for term in o.term_points["us"]]
    rows.append([Markup("**score**"), points(o.scores["us"]), points(o.scores["china"])])
    out += ["Points by score term (both sides start at 50):", ""]
    out += md_table(["Term", SIDE_NAMES["us"], SIDE_NAMES["china"]], rows)
    out += ["Crises:", ""] + ([f"- {t(c, line_start=False)}" for c in d.crises]
                              or ["- none broke out."]) + [""]
    if d.world:
        out += [WORLD_HEADING, ""] + [f"- {t(w, line_start=False)}" for w in d.world] + [""]

    out += [heading("charts"), "",
            "Each side at the start, at the end of each year and at the end of the game; "
            "the trend runs over every quarter.", ""]
    for chart in game_charts(d):
        out += chart_table(chart)

    out += [heading("timeline"), ""]
    out += md_table(["Quarter", SIDE_NAMES["us"], SIDE_NAMES["china"], "What followed"],
                    [[r.date, "; ".join(r.decisions.get("us", [])),
                      "; ".join(r.decisions.get("china", [])), "; ".join(r.followed)]
                     for r in d.timeline])

    out += [heading("swings"), "",
            "The largest moves of a quarter; the named causes add up to the change.", ""]
    out += md_table(["Quarter", "Side", "Figure", "Moved", "Change", "Causes"],
                    [[s.date, SIDE_NAMES[s.side] if s.side else "both", s.label,
                      f"{number(s.before)} → {number(s.after)} {s.unit}", signed(s.change),
                      "; ".join(f"{c} {signed(v)}" for c, v in s.causes)] for s in d.swings])

    out += [heading("beliefs"), ""]
    for side in SIDES:
        other = SIDES[1 - SIDES.index(side)]
        m = d.misjudgements[side]
        out += [f"### What {SIDE_NAMES[side]} believed about {SIDE_NAMES[other]}", ""]
        rows = []
        for b in d.beliefs[side]:
            *cells, outside = b.cells()
            rows.append([*cells[:-1], Markup(cell(cells[-1])
                                             + (" **outside the range**" if outside else ""))])
        out += md_table(["Figure", "Believed", "Range shown", "Confidence", "True", "Error"],
                        rows)
        track = d.belief_tracks[side]
        out += [f"Biggest misjudgement {t(misjudgement_text(m), line_start=False)}. Average "
                f"intelligence spending: {percent(d.intel_share[side])} of the budget.", "",
                f"Estimate of {SIDE_NAMES[other]}'s compute over time: believed "
                f"`{sparkline(track.believed)}` true `{sparkline(track.true)}`", ""]

    out += [heading("notes"), ""]
    if d.journal:
        out += md_table(["Time", "Quarter", "Kind", "Note or action"],
                        [[e.at.replace("T", " ").replace("+00:00", " UTC"), e.date, e.kind,
                          e.text] for e in d.journal])
    else:
        out += ["The facilitator left no notes and took no actions in this game.", ""]

    out += [heading("questions"), ""]
    out += [f"{k}. {t(q, line_start=False)}" for k, q in enumerate(d.questions, 1)] + [""]
    return "\n".join(out)

