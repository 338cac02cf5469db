"""The turn report: what changed and why, cause by cause from the TurnLog; the events that
fired and those in force, each tagged by why it fired; the score change."""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.tui.present import SIDE_MARK, NewsItem, TurnReport, side_label
from game.tui.score import signed
from game.tui.widgets.footer import GameFooter

SCORE_WIDTH = 72  # the score lines' width: 80 columns less the padding and the scrollbar
ScoreMoves = dict[str, list[tuple[str, float]]]  # side -> (goal, points), game/tui/score.py


def goal_lines(start: int, goals: list[str]) -> str:
    """`: goal +1.2, goal −0.3` after a score `start` columns wide, wrapped between goals
    (never inside one) to fit 80 columns, the goals going on indented under the score."""
    lines = [":"]
    width = start
    for k, goal in enumerate(goals):
        piece = goal + ("," if k < len(goals) - 1 else "")
        if width + len(lines[-1]) + 1 + len(piece) > SCORE_WIDTH and lines[-1] != ":":
            lines.append("     ")
            width = 0
        lines[-1] += " " + piece
    return "\n".join(lines) + "\n"


def report_text(report: TurnReport, moves: ScoreMoves | None = None) -> Text:
    """The report; `moves`: the goals that moved each side's score (the score line is then
    one line per side, broken into them)."""
    text = Text()
    text.append(f"Turn report: {report.date} (turn {report.turn + 1})\n\n", style="bold")
    for side, lines in report.sides.items():
        text.append(f"{side_label(side)}\n", style="bold")
        for line in lines:
            text.append(f"  {line.text}\n")
        text.append("\n")
    text.append("Both sides\n", style="bold")
    text.append(f"  {report.tension}\n")
    if moves is None:
        scores = " · ".join(f"{SIDE_MARK[s]} {now:.1f} ({signed(change)})"
                            for s, (now, change) in report.scores.items())
        text.append(f"  score {scores}\n\n")
    else:
        for s, (now, change) in report.scores.items():
            head = f"  score {SIDE_MARK[s]} {now:.1f} ({signed(change)})"
            goals = [f"{goal.lower()} {signed(points)}" if math.isfinite(points) else goal.lower()
                     for goal, points in moves[s]]
            text.append(head, style="bold")
            text.append(goal_lines(len(head), goals or ["no goal moved"]))
        text.append("\n")
    text.append("Events\n", style="bold")
    if not report.events and not report.acting:
        text.append("  none this quarter\n", style="dim")
    for item in report.events:
        _event_line(text, item, "fired")
        if item.text:
            text.append(f"    {item.text}\n", style="dim")
        if item.effects:
            text.append(f"    from next quarter: {item.effects}\n", style="dim")
    for item in report.acting:
        _event_line(text, item, f"fired {item.date}, in force")
        if item.effects:
            text.append(f"    {item.effects}\n", style="dim")
    return text


def _event_line(text: Text, item: NewsItem, when: str) -> None:
    """`  ★ Blockade of Taiwan  [injected · fired]`: the card, why it fired (its source's
    tag) and whether it fired this quarter or acts in it."""
    text.append("  ★ " if item.major else "  • ", style="bold")
    text.append(item.title)
    text.append(f"  [{item.tag} · {when}]\n", style="italic")


class ReportScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "close", "Continue"),
        Binding("escape", "close", "Continue", show=False),
    ]

    def __init__(self, report: TurnReport, moves: ScoreMoves | None = None,
                 orders: RenderableType | None = None) -> None:
        super().__init__()
        self.report = report
        self.moves = moves
        self.orders = orders  # both sides' orders, for a spectator

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(self._body(), id="report-text")
            yield Button("Continue (Enter)", id="continue", variant="primary")
        yield GameFooter()

    def on_mount(self) -> None:
        # Without scrolling to the button: a long report must open at its top.
        self.query_one("#continue", Button).focus(scroll_visible=False)

    def _body(self) -> RenderableType:
        text = report_text(self.report, self.moves)
        if self.orders is None:
            return text
        return Group(Text("The orders given", style="bold"), self.orders, Text(""), text)

    def show(self, report: TurnReport, moves: ScoreMoves | None = None,
             orders: RenderableType | None = None) -> None:
        """Show another turn's report in this screen (the app keeps one and reuses it:
        building a screen's widgets and styles anew each turn cost more than the report)."""
        self.report = report
        self.moves = moves
        self.orders = orders
        self.query_one("#report-text", Static).update(self._body())
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)
        # Without scrolling to the button: a long report must open at its top.
        self.query_one("#continue", Button).focus(scroll_visible=False)

    def on_button_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
