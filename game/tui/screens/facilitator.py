"""The facilitator console (workshops): inject a deck event into the coming turn, take a
timestamped note, reveal both sides' true figures, undo the last turn. Every action goes
through the Game's facilitator API, which journals it for the record and the debrief."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.types import SIDES
from game.tui.present import DASHBOARD_FIGURES, format_value, side_label

if TYPE_CHECKING:
    from game.tui.app import ComputeRaceApp


class FacilitatorScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+r", "reveal", "Reveal truth"),
        Binding("ctrl+u", "app.undo_turn", "Undo turn"),
    ]

    @property
    def race(self) -> ComputeRaceApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        game = self.race.game
        assert game is not None
        deck = game.rules.deck
        yield Static(f"[b]Facilitator console[/b] · {game.date} · turn {game.turn + 1}/"
                     f"{game.turns} · keep this screen from the players", id="fac-title")
        with Horizontal(id="fac-body"):
            with Vertical(id="fac-left"):
                yield Label("Inject an event at the end of this quarter (Enter)",
                            classes="section")
                yield OptionList(*[Option(f"{'★ ' if deck.major[k] else ''}{deck.titles[k]}",
                                          id=deck.ids[k]) for k in range(deck.size)],
                                 id="fac-deck")
                yield Label("Note (Enter to add)", classes="section")
                yield Input(placeholder="what happened in the room", id="fac-note")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Reveal truth (ctrl+r)", id="fac-reveal")
                    yield Button("Undo turn (ctrl+u)", id="fac-undo")
            with VerticalScroll(id="fac-right"):
                yield Static("", id="fac-truth")
                yield Static("", id="fac-journal")
        yield Footer()

    def on_mount(self) -> None:
        self._journal()

    def _journal(self) -> None:
        game = self.race.game
        assert game is not None
        entries = list(getattr(game, "journal", []))[-12:]
        lines = [f"{e.date} {e.kind}: {e.text}" for e in entries] or ["nothing yet"]
        self.query_one("#fac-journal", Static).update("[b]Journal[/b]\n" + "\n".join(lines))

    @on(OptionList.OptionSelected, "#fac-deck")
    def _inject(self, event: OptionList.OptionSelected) -> None:
        game = self.race.game
        assert game is not None
        try:
            game.inject(str(event.option.id))
        except Exception as exc:  # the game says what is not allowed
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Injected: fires at the end of {game.date}.")
        self._journal()

    @on(Input.Submitted, "#fac-note")
    def _note(self, event: Input.Submitted) -> None:
        game = self.race.game
        assert game is not None
        try:
            game.note(event.value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        event.input.value = ""
        self._journal()

    @on(Button.Pressed, "#fac-reveal")
    def action_reveal(self) -> None:
        game = self.race.game
        assert game is not None
        truth = game.reveal()
        table = Table(title="True figures", box=None, title_justify="left")
        table.add_column("figure")
        for side in SIDES:
            table.add_column(side_label(side), justify="right")
        for name, (label, unit) in DASHBOARD_FIGURES.items():
            table.add_row(f"{label} ({unit})",
                          *[format_value(name, truth[side][name]) for side in SIDES])
        self.query_one("#fac-truth", Static).update(table)
        self._journal()

    @on(Button.Pressed, "#fac-undo")
    def _undo(self) -> None:
        self.race.action_undo_turn()

    def action_close(self) -> None:
        self.dismiss(None)
