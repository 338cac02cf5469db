"""End of game: the winner and why, final scores term by term, charts; save the record,
export the debrief, start again or quit."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.engine.types import SIDES
from game.port import TableGame
from game.tui import present
from game.tui.score import SCORE_MEANING, Board, board
from game.tui.screens.score import side_goals
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.footer import GameFooter


def summary_text(summary: present.EndSummary, final: Board) -> Group:
    """Who won and why, what the score means, and each side's goals as the engine scored
    them after the last quarter."""
    head = Text()
    head.append(f"{summary.headline}\n", style="bold")
    head.append(f"{summary.why}\n\n")
    head.append(SCORE_MEANING, style="dim")
    return Group(head, Text(""), *[Group(side_goals(final, side), Text("")) for side in SIDES])


class EndScreen(Screen[None]):
    BINDINGS = [
        Binding("m", "chart", "Chart"),
        Binding("n", "app.new_game", "New game"),
        Binding("u", "app.undo_turn", "Undo"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, game: TableGame, seat: str | None = None) -> None:
        super().__init__()
        self.game = game
        # A game played here lifts the fog at the end; a workshop seat keeps its own view.
        self.seat = None if game.reveals_at_end else seat
        self.chart_metric = "capability"

    def compose(self) -> ComposeResult:
        game = self.game
        with VerticalScroll(id="end"):
            seed = f" · seed {game.seed}" if game.reveals_at_end else ""
            yield Static(Text.assemble(("Game over", "bold"), f" · {game.scenario.title}{seed}"),
                         id="end-title")
            yield Static(summary_text(present.end_summary(game), board(game)),
                         id="end-summary")
            yield TrendChart(id="end-chart")
            with Horizontal(id="end-buttons"):
                if game.resolves_here:  # a workshop's record and debrief: the facilitator's
                    yield Button("Save record (ctrl+s)", id="save", action="app.save_game")
                    yield Button("Export debrief (ctrl+d)", id="debrief",
                                 action="app.export_debrief")
                    yield Button("New game (n)", id="new", action="app.new_game")
                yield Button("Quit (q)", id="quit", variant="error", action="app.quit")
        yield GameFooter()

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        game = self.game
        # The game is over: here both sides' truth is shown (the fog lifts at the end).
        series = present.chart_series(game, self.seat, self.chart_metric)
        self.query_one(TrendChart).show(present.CHART_METRICS[self.chart_metric], series)

    def action_chart(self) -> None:
        names = list(present.CHART_METRICS)
        self.chart_metric = names[(names.index(self.chart_metric) + 1) % len(names)]
        self._draw()
