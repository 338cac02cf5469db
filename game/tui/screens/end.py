"""End of game: the winner and why, final scores term by term, charts; save the record,
export the debrief, start again or quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.engine.types import SIDES
from game.tui import present
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.footer import GameFooter

if TYPE_CHECKING:
    from game.tui.app import ComputeRaceApp


def summary_text(summary: present.EndSummary) -> Text:
    text = Text()
    text.append(f"{summary.headline}\n", style="bold")
    text.append(f"{summary.why}\n\n")
    for side in SIDES:
        text.append(f"{present.side_label(side)}: {summary.scores[side]:.1f} points  ",
                    style="bold")
        parts = [f"{word} {points:+.1f}".replace("-", "−")
                 for word, points in summary.terms[side]]
        text.append("(50 " + ", ".join(parts) + ")\n", style="dim")
    return text


class EndScreen(Screen[None]):
    BINDINGS = [
        Binding("m", "chart", "Chart"),
        Binding("n", "app.new_game", "New game"),
        Binding("u", "app.undo_turn", "Undo"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart_metric = "capability"

    @property
    def race(self) -> ComputeRaceApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        game = self.race.game
        assert game is not None
        with VerticalScroll(id="end"):
            yield Static(f"[b]Game over[/b] · {game.scenario.title} · seed {game.seed}",
                         id="end-title")
            yield Static(summary_text(present.end_summary(game)), id="end-summary")
            yield TrendChart(id="end-chart")
            with Horizontal(id="end-buttons"):
                yield Button("Save record (ctrl+s)", id="save")
                yield Button("Export debrief (ctrl+d)", id="debrief")
                yield Button("New game (n)", id="new")
                yield Button("Quit (q)", id="quit", variant="error")
        yield GameFooter()

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        game = self.race.game
        assert game is not None
        # The game is over: both sides' truth is shown (fog lifts at the end).
        series = present.chart_series(game, None, self.chart_metric)
        self.query_one(TrendChart).show(present.CHART_METRICS[self.chart_metric], series)

    def action_chart(self) -> None:
        names = list(present.CHART_METRICS)
        self.chart_metric = names[(names.index(self.chart_metric) + 1) % len(names)]
        self._draw()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.race.action_save_game()

    @on(Button.Pressed, "#debrief")
    def _debrief(self) -> None:
        self.race.action_export_debrief()

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.race.action_new_game()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.race.exit(0)
