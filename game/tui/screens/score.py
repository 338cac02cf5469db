"""The score in full (g on the dashboard): what it means, each side's five goals with
their value against par, weight and points, and the score over the quarters."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.engine.types import SIDES
from game.port import TableGame
from game.present.words import TERM_LABELS, side_label
from game.tui.score import (
    SCORE_MEANING,
    Board,
    board,
    goal_points,
    score_series,
    term_par,
    term_value,
)
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.footer import GameFooter


def side_goals(board: Board, side: str) -> Table:
    table = Table(title=Text(f"{side_label(side)}: {board.scores[side]:.1f} points",
                             style="bold"),
                  title_justify="left", box=None, padding=(0, 1), header_style="dim")
    table.add_column("goal", no_wrap=True)
    for head in ("value", "par", "weight", "points"):
        table.add_column(head, justify="right", no_wrap=True)
    for term in board.terms[side]:
        table.add_row(TERM_LABELS[term.name], term_value(term), term_par(term),
                      f"{term.weight:.0%}", goal_points(term))
    return table


def score_text(board: Board) -> Group:
    after = f"after {board.date}" if board.date else "at the opening"
    return Group(Text(f"The score {after}", style="bold"), Text(SCORE_MEANING),
                 Text("Capability lead in log10 FLOP over the other side; the other "
                      "goals are shares (stability: 100% minus tension, counted by blame).", style="dim"),
                 Text(""), *[Group(side_goals(board, side), Text("")) for side in SIDES])


class ScoreScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("g", "close", "Back", show=False),
    ]

    def __init__(self, game: TableGame) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="score-scroll"):
            yield Static(score_text(board(self.game)), id="score-text")
            yield TrendChart(id="score-chart")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one(TrendChart).show("Score (points)", score_series(self.game),
                                        cycle=False)

    def action_close(self) -> None:
        self.dismiss(None)
