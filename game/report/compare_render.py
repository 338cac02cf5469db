"""The comparison report in HTML and Markdown: the same sections in both."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.types import SIDES
from game.files import MARKDOWN_MARK
from game.present.figures import figure
from game.present.numbers import number, points
from game.report.charts import overlay_charts
from game.report.compare import Comparison
from game.report.facts import SIDE_NAMES, Debrief
from game.report.html import esc, items, page, table
from game.report.markdown import chart_table, md_table
from game.report.md_text import text as t
from game.report.svg import render

COMPARISON_SECTIONS: tuple[tuple[str, str], ...] = (
    ("games", "Games compared"),
    ("outcomes", "Outcomes side by side"),
    ("charts", "Charts overlaid"),
    ("divergence", "Where the decisions diverged"),
    ("questions", "Discussion questions"),
)
COLUMNS_GAMES = 6  # games shown as columns of the outcomes; more: one row per game
# Final figures in the outcomes table: metric, side.
OUTCOME_FIGURES: tuple[tuple[str, str], ...] = (
    ("compute", "us"), ("compute", "china"), ("inventory", "us"), ("inventory", "china"),
    ("capability", "us"), ("capability", "china"), ("algo_efficiency", "us"),
    ("algo_efficiency", "china"), ("market_share", "china"), ("price", "us"),
    ("price", "china"),
)


def outcome_rows(c: Comparison) -> list[list[str]]:
    def result(d: Debrief) -> str:
        o = d.outcome
        text = "draw" if o.winner is None else f"{SIDE_NAMES[o.winner]} wins"
        return text + (" (crisis)" if o.crisis else "")

    rows = [["result", *(result(d) for d in c.debriefs)],
            ["score, US bloc", *(points(d.outcome.scores["us"]) for d in c.debriefs)],
            ["score, China", *(points(d.outcome.scores["china"]) for d in c.debriefs)],
            ["last quarter", *(d.outcome.ended for d in c.debriefs)],
            ["seed", *(str(d.seed) for d in c.debriefs)],
            ["tension at the end", *(number(d.series["tension"]["both"][-1]) for d in c.debriefs)]]
    for metric, side in OUTCOME_FIGURES:
        f = figure(metric)
        rows.append([f"{f.words}, {SIDE_NAMES[side]}",
                     *(f.text(d.series[metric][side][-1] / f.scale) for d in c.debriefs)])
    return rows


@dataclass(frozen=True)
class OutcomeTable:
    caption: str  # "" for the first
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...]  # columns of numbers (right-aligned in HTML)


def outcome_tables(c: Comparison) -> list[OutcomeTable]:
    """The outcomes: one column per game for up to COLUMNS_GAMES games; beyond that one row
    per game, in three tables (the result, the US bloc's figures, China's), since a table
    with a column per game would be too wide to read (a workshop of ten tables)."""
    rows = outcome_rows(c)
    n = len(c.labels)
    if n <= COLUMNS_GAMES:
        return [OutcomeTable("", ["", *c.labels], rows, tuple(range(1, n + 1)))]
    general, figures = rows[:len(rows) - len(OUTCOME_FIGURES)], rows[-len(OUTCOME_FIGURES):]
    tables = [OutcomeTable("", ["Game", *(r[0] for r in general)],
                           [[label, *(r[k + 1] for r in general)]
                            for k, label in enumerate(c.labels)], (2, 3, 5, 6))]
    for side in SIDES:
        mine = [(figure(metric).words, row) for (metric, s), row
                in zip(OUTCOME_FIGURES, figures, strict=True) if s == side]
        tables.append(OutcomeTable(
            f"{SIDE_NAMES[side]} at the end", ["Game", *(words for words, _ in mine)],
            [[label, *(row[k + 1] for _, row in mine)] for k, label in enumerate(c.labels)],
            tuple(range(1, len(mine) + 1))))
    return tables


def games_rows(c: Comparison) -> list[list[str]]:
    return [[label, d.title, d.scenario, str(d.seed), d.players["us"], d.players["china"],
             f"{d.outcome.turns_played} of {d.outcome.turns}"]
            for label, d in zip(c.labels, c.debriefs, strict=True)]


GAMES_HEADER = ["Game", "Scenario", "Name", "Seed", "US bloc played by", "China played by",
                "Quarters"]


def comparison_questions(c: Comparison) -> list[str]:
    out = []
    ref = c.debriefs[0]
    for div, d in zip(c.divergences, c.debriefs[1:], strict=True):
        if not div.shown:
            out.append(f"{div.label} and {div.reference} gave the same orders throughout"
                       + (f" yet their worlds differ from {div.first_world_date}"
                          if div.first_world_date else "")
                       + ": what, besides the decisions, decided the outcome?")
            continue
        first = div.shown[0]
        swing = d.outcome.scores["us"] - ref.outcome.scores["us"]
        out.append(
            f"{div.label} first parted from {div.reference} in {first.date} "
            f"({first.lines[0]}); by the end the US bloc's score differed by {swing:+.1f} "
            f"points ({points(ref.outcome.scores['us'])} vs {points(d.outcome.scores['us'])}). "
            "Was that the decision that mattered, or a later one?")
    winners = {d.outcome.winner for d in c.debriefs}
    if len(winners) > 1:
        out.append("The games did not all end with the same winner: which differences in the "
                   "first year of play best predict who won?")
    return out


# --- HTML ------------------------------------------------------------------------------


def comparison_html(c: Comparison) -> str:
    sec = dict(COMPARISON_SECTIONS)

    def h2(anchor: str) -> str:
        return f'<h2 id="{anchor}">{esc(sec[anchor])}</h2>'

    title = f"Comparison of {len(c.labels)} games"
    body = [f"<h1>{esc(title)}</h1>",
            '<p class="lead">Compute Race. The first game listed is the reference the others '
            "are compared with.</p>",
            "<nav><ol>" + "".join(f'<li><a href="#{a}">{esc(t)}</a></li>'
                                  for a, t in COMPARISON_SECTIONS) + "</ol></nav>",
            h2("games"),
            table(GAMES_HEADER, [[esc(x) for x in row] for row in games_rows(c)])]
    body += [f"<p><strong>Note:</strong> {esc(n)}</p>" for n in c.notes]
    body.append(h2("outcomes"))
    for ot in outcome_tables(c):
        if ot.caption:
            body.append(f"<h3>{esc(ot.caption)}</h3>")
        body.append(table([esc(h) for h in ot.header],
                          [[esc(x) for x in row] for row in ot.rows], numeric=ot.numeric))
    body += [h2("charts"), '<div class="charts">']
    for chart in overlay_charts(c.debriefs, c.labels, c.dates, [0] * len(c.labels)):
        body.append(f"<figure>{render(chart)}</figure>")
    body.append("</div>")
    body.append(h2("divergence"))
    for div in c.divergences:
        head = (f"{esc(div.label)} against {esc(div.reference)}: orders or injects differ in "
                f"{div.differing_turns} of {div.compared_turns} quarters")
        head += (f"; the worlds differ from {esc(div.first_world_date)}"
                 if div.first_world_date else "; the worlds never differ")
        body.append(f"<h3>{head}</h3>")
        if div.shown:
            rows = [[esc(td.date) + (" (first)" if k == 0 else ""), items(td.lines)]
                    for k, td in enumerate(div.shown)]
            body.append(table(["Quarter", "Differences"], rows))
            if div.differing_turns > len(div.shown):
                body.append(f"<p>…and {div.differing_turns - len(div.shown)} more quarters "
                            "with different orders.</p>")
    body += [h2("questions"), '<ol class="questions">'
             + "".join(f"<li>{esc(q)}</li>" for q in comparison_questions(c)) + "</ol>",
             "<footer>Every figure comes from the games' model and records. Generated by "
             "compute-race report.</footer>"]
    return page(title, body)


# --- Markdown --------------------------------------------------------------------------


def comparison_markdown(c: Comparison) -> str:
    sec = dict(COMPARISON_SECTIONS)
    out = [MARKDOWN_MARK, f"# Comparison of {len(c.labels)} games", "",
           "Compute Race. The first game listed is the reference the others are compared with.",
           "", f"## {sec['games']}", ""]
    out += md_table(GAMES_HEADER, games_rows(c))
    out += [f"**Note:** {t(n, line_start=False)}\n" for n in c.notes]
    out += [f"## {sec['outcomes']}", ""]
    for ot in outcome_tables(c):
        if ot.caption:
            out += [f"### {t(ot.caption, line_start=False)}", ""]
        out += md_table(ot.header, ot.rows)
    out += [f"## {sec['charts']}", ""]
    for chart in overlay_charts(c.debriefs, c.labels, c.dates, [0] * len(c.labels)):
        out += chart_table(chart)
    out += [f"## {sec['divergence']}", ""]
    for div in c.divergences:
        head = (f"{div.label} against {div.reference}: orders or injects differ in "
                f"{div.differing_turns} of {div.compared_turns} quarters")
        head += (f"; the worlds differ from {div.first_world_date}" if div.first_world_date
                 else "; the worlds never differ")
        out += [f"### {t(head, line_start=False)}", ""]
        if div.shown:
            out += md_table(["Quarter", "Differences"],
                            [[td.date + (" (first)" if k == 0 else ""), "; ".join(td.lines)]
                             for k, td in enumerate(div.shown)])
    out += [f"## {sec['questions']}", ""]
    out += [f"{k}. {t(q, line_start=False)}"
            for k, q in enumerate(comparison_questions(c), 1)] + [""]
    return "\n".join(out)

