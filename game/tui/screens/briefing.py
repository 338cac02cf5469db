"""The scenario's briefing for the side about to play (a spectator reads both)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Markdown

from game.port import TableGame
from game.tui.present import SIDE_NAME, side_label
from game.tui.widgets.footer import GameFooter


def briefing_text(game: TableGame, side: str | None) -> str:
    s = game.scenario
    last = game.date_of(game.turns - 1)
    head = f"# {s.title}\n\n*{s.clock.start} to {last}: {s.clock.turns} quarterly turns.*\n\n"
    if side is None:
        return (head + s.description + "\n\n"
                + "".join(f"## {SIDE_NAME[k]}\n\n{getattr(s.briefing, k)}\n\n"
                          for k in ("us", "china")))
    return head + f"## Your briefing: {side_label(side)}\n\n{getattr(s.briefing, side)}\n"


class BriefingScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "begin", "Begin"),
        Binding("escape", "begin", "Back", show=False),
    ]

    def __init__(self, game: TableGame, side: str | None) -> None:
        super().__init__()
        self.text = briefing_text(game, side)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="briefing"):
            yield Markdown(self.text)
            yield Button("Begin (Enter)", id="begin", variant="primary")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus(scroll_visible=False)  # open at the top

    def on_button_pressed(self) -> None:
        self.action_begin()

    def action_begin(self) -> None:
        self.dismiss(None)
