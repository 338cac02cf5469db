"""The facilitator console (workshops). From here the facilitator can: inject a deck card
now or at a later turn; override a parameter for the rest of the game; write a custom card
with effects of the scenario file's kinds and inject it; pause the game before each quarter
resolves; reveal both sides' true figures; undo the last turn; take timestamped notes; and
read the journal. Every action goes through the Game's facilitator API, which journals it
and keeps it in the record, so replays and the debrief include it. Typed input is checked by
game/tui/console_input.py; a problem shows inline under the form and changes nothing.
"""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from game.engine.params import PARAM_NAMES
from game.engine.types import SIDES
from game.session import Game, GameOver
from game.tui.console_input import (
    EFFECT_HELP,
    card_id,
    chosen_turn,
    param_info,
    param_name,
    parse_effects,
)
from game.tui.present import DASHBOARD_FIGURES, format_value, side_label
from game.tui.table import Table
from game.tui.widgets.footer import GameFooter

JOURNAL_SHOWN = 14  # the latest entries; the record and the debrief keep them all
SIDE_CHOICES = [("both sides", "both"), ("US bloc", "us"), ("China", "china")]


class FacilitatorScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+b", "toggle_pause", "Pause/resume"),
        Binding("ctrl+r", "reveal", "Reveal truth"),
        # Priority: a focused Input binds ctrl+u (delete to the start) and would swallow it.
        # Undo asks for confirmation, so a ctrl+u meant for a field cannot take back a turn.
        Binding("ctrl+u", "app.undo_turn", "Undo turn", priority=True),
        # The tabs by keyboard (F-keys: a focused Input keeps letters and ctrl+arrows).
        Binding("f2", "tab('tab-deck')", "Deck"),
        Binding("f3", "tab('tab-override')", "Override"),
        Binding("f4", "tab('tab-card')", "Card"),
    ]

    # The field each tab starts in, so the keyboard lands where the typing is.
    TAB_FIRST = {"tab-deck": "#fac-deck", "tab-override": "#ov-param", "tab-card": "#cc-title"}

    def __init__(self, table: Table, game: Game) -> None:
        super().__init__()
        self.table = table
        self.game = game  # the console is local: the facilitator's tools are on the Game

    def compose(self) -> ComposeResult:
        yield Static("", id="fac-title")
        with Horizontal(id="fac-body"):
            with TabbedContent(id="fac-tabs"):
                with TabPane("Deck card", id="tab-deck"):
                    yield Label("Fires at end of: blank = now, or turn N, or 2026Q3",
                                classes="section")
                    yield Input(placeholder="now (this quarter)", id="fac-at")
                    yield Label("Deck (★ major: a dialog for the players) · Enter injects",
                                classes="section")
                    yield OptionList(*self._deck_options(), id="fac-deck")
                    yield Static("", id="fac-deck-problem", classes="fac-problem")
                with TabPane("Override", id="tab-override"):
                    yield Label("Parameter (→ completes)", classes="section")
                    yield Input(placeholder="e.g. budget_growth", id="ov-param",
                                suggester=SuggestFromList(PARAM_NAMES, case_sensitive=True))
                    yield Static("", id="ov-info")
                    with Horizontal(classes="fac-row"):
                        yield Select(SIDE_CHOICES, value="both", allow_blank=False,
                                     id="ov-side")
                        yield Input(placeholder="new value", id="ov-value")
                        yield Input(placeholder="level (tables)", id="ov-level")
                    yield Button("Override for the rest of the game", id="ov-apply",
                                 variant="warning")
                    yield Static("", id="ov-problem", classes="fac-problem")
                with TabPane("Custom card", id="tab-card"):
                    yield Input(placeholder="title (the headline)", id="cc-title")
                    yield Input(placeholder="text (what happened)", id="cc-text")
                    with Horizontal(classes="fac-row"):
                        yield Checkbox("Major", id="cc-major")
                        yield Input(placeholder="quarters active (0: rest of game)",
                                    value="1", id="cc-duration")
                        yield Input(placeholder="fires: now", id="cc-at")
                    yield Input(placeholder="multiply budget_growth us 0.8; add tension "
                                            "both 5", id="cc-effects")
                    yield Static(f"[dim]{escape(EFFECT_HELP)}[/dim]", id="cc-help")
                    yield Button("Add the card and inject it", id="cc-add", variant="warning")
                    yield Static("", id="cc-problem", classes="fac-problem")
            with Vertical(id="fac-right"):
                with Horizontal(classes="fac-row"):
                    yield Button("Pause (ctrl+b)", id="fac-pause")
                    yield Button("Reveal (ctrl+r)", id="fac-reveal")
                    yield Button("Undo turn (ctrl+u)", id="fac-undo", action="app.undo_turn")
                yield Input(placeholder="note: what happened in the room (Enter adds it)",
                            id="fac-note")
                with VerticalScroll(id="fac-log"):
                    yield Static("", id="fac-truth")
                    yield Static("", id="fac-journal")
        yield GameFooter()

    def _deck_options(self) -> list[Option]:
        deck = self.game.rules.deck
        # Plain text: a custom card's title may hold brackets that are not markup.
        return [Option(Text(f"{'★ ' if deck.major[k] else ''}{deck.titles[k]}"),
                       id=deck.ids[k]) for k in range(deck.size)]

    def on_mount(self) -> None:
        self._refresh()

    def on_screen_resume(self) -> None:
        self._refresh()  # undo or a resolved turn may have happened meanwhile

    def action_tab(self, pane: str) -> None:
        # Nothing focused in the pane that hides: Textual would move that focus on to a
        # widget of its choosing once the layout changes, perhaps after ours.
        self.set_focus(None)
        self.query_one("#fac-tabs", TabbedContent).active = pane
        self._focus_field(pane)

    def _focus_field(self, pane: str, refreshes: int = 50) -> None:  # bounded: 50 frames
        """Focus the pane's first field once the pane is laid out: a field focused while
        its pane is still hidden loses the focus when the pane shows (Textual gives it to
        the pane's first focusable widget, or to none)."""
        tabs = self.query_one("#fac-tabs", TabbedContent)
        if tabs.active != pane:
            return  # another tab was chosen meanwhile
        field = self.query_one(self.TAB_FIRST[pane])
        if field.region.area and field.focusable:
            field.focus()
        elif refreshes:
            self.call_after_refresh(self._focus_field, pane, refreshes - 1)

    # --- what the console shows ----------------------------------------------------------
    def _refresh(self) -> None:
        game = self.game
        paused = "  ⏸ PAUSED before resolving" if self.table.paused else ""
        self.query_one("#fac-title", Static).update(
            f"[b]Facilitator console[/b] · {game.date} · turn {min(game.turn + 1, game.turns)}"
            f"/{game.turns} · keep this screen from the players{paused}")
        self.query_one("#fac-pause", Button).label = (
            "Resume (ctrl+b)" if self.table.paused else "Pause (ctrl+b)")
        entries = game.journal[-JOURNAL_SHOWN:]
        lines = [f"{e.at[11:19]} {e.date} [b]{e.kind}[/b] {escape(e.text)}" for e in entries]
        hidden = len(game.journal) - len(entries)
        more = [f"[dim]… {hidden} earlier (all in the record)[/dim]"] if hidden else []
        self.query_one("#fac-journal", Static).update(
            "[b]Journal[/b] (UTC)\n" + "\n".join(more + lines or ["nothing yet"]))

    def _done(self, message: str) -> None:
        self.notify(message, title="Facilitator", timeout=4, markup=False)
        self._refresh()

    # --- deck cards ----------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#fac-deck")
    def _inject(self, event: OptionList.OptionSelected) -> None:
        game = self.game
        problem = self.query_one("#fac-deck-problem", Static)
        try:
            at = chosen_turn(game, self.query_one("#fac-at", Input).value)
            game.inject(str(event.option.id), at=at)
        except (ValueError, GameOver) as exc:  # the game says what is not allowed
            problem.update(f"✗ {escape(str(exc))}")
            return
        problem.update("")
        when = game.date if at is None else game.date_of(at)
        self._done(f"Injected {event.option.prompt}: fires at the end of {when}.")

    # --- overrides -----------------------------------------------------------------------
    @on(Input.Changed, "#ov-param")
    def _describe_param(self, event: Input.Changed) -> None:
        info = self.query_one("#ov-info", Static)
        name = event.value.strip()
        if name not in PARAM_NAMES:
            info.update("")
            return
        p = param_info(self.game.rules.params, name)
        scope = {"shared": "shared by both sides", "table": "one value per policy level",
                 "side": "one value per side"}[p.kind]
        info.update(f"[b]{p.name}[/b] ({escape(p.unit)}; {scope}): {escape(p.doc)}\n"
                    f"in force: {p.current}")

    @on(Input.Submitted, "#ov-param")
    @on(Input.Submitted, "#ov-value")
    @on(Input.Submitted, "#ov-level")
    @on(Button.Pressed, "#ov-apply")
    def _override(self) -> None:
        problem = self.query_one("#ov-problem", Static)
        try:
            name = param_name(self.query_one("#ov-param", Input).value)
            value_text = self.query_one("#ov-value", Input).value.strip()
            if not value_text:
                raise ValueError(f"give {name} a new value")
            try:
                value = float(value_text)
            except ValueError:
                raise ValueError(f"{value_text!r} is not a number") from None
            level_text = self.query_one("#ov-level", Input).value.strip()
            if level_text and not level_text.isdigit():
                raise ValueError(f"level {level_text!r} is not a whole number")
            level = int(level_text) if level_text else None
            side = str(self.query_one("#ov-side", Select).value)
            action = self.game.override(name, value, side, level)
        except (ValueError, GameOver) as exc:
            problem.update(f"✗ {escape(str(exc))}")
            return
        problem.update("")
        self.query_one("#ov-value", Input).value = ""
        self._describe_param(Input.Changed(self.query_one("#ov-param", Input), name))
        self._done(f"Override from {self.game.date}: {action.describe()}.")

    # --- custom cards --------------------------------------------------------------------
    @on(Button.Pressed, "#cc-add")
    @on(Input.Submitted, "#cc-effects")
    def _custom_card(self) -> None:
        game = self.game
        problem = self.query_one("#cc-problem", Static)
        title = self.query_one("#cc-title", Input).value.strip()
        try:
            if not title:
                raise ValueError("give the card a title (the players read it as a headline)")
            duration_text = self.query_one("#cc-duration", Input).value.strip() or "1"
            if not duration_text.isdigit():
                raise ValueError(f"quarters active: {duration_text!r} is not a whole number "
                                 "(0 for the rest of the game)")
            at = chosen_turn(game, self.query_one("#cc-at", Input).value)
            card = {"id": card_id(game, title), "title": title,
                    "text": self.query_one("#cc-text", Input).value.strip(),
                    "major": self.query_one("#cc-major", Checkbox).value,
                    "duration": int(duration_text),
                    "effects": parse_effects(self.query_one("#cc-effects", Input).value)}
            added = game.add_event(card, inject=True, at=at)
        except (ValueError, GameOver) as exc:
            problem.update(f"✗ {escape(str(exc))}")
            return
        problem.update("")
        for field in ("#cc-title", "#cc-text", "#cc-effects", "#cc-at"):
            self.query_one(field, Input).value = ""
        self.query_one("#fac-deck", OptionList).set_options(self._deck_options())
        when = game.date if at is None else game.date_of(at)
        self._done(f"New card {added.title!r}: fires at the end of {when}.")

    # --- notes, pause, reveal, undo ------------------------------------------------------
    @on(Input.Submitted, "#fac-note")
    def _note(self, event: Input.Submitted) -> None:
        try:
            self.game.note(event.value)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        event.input.value = ""
        self._refresh()

    @on(Button.Pressed, "#fac-pause")
    def action_toggle_pause(self) -> None:
        paused = not self.table.paused
        if self.table.set_paused(paused):
            self.game.log_action("pause" if paused else "resume",
                                 "paused before resolving" if paused else "resumed")
        self._refresh()

    @on(Button.Pressed, "#fac-reveal")
    def action_reveal(self) -> None:
        truth = self.game.reveal()
        table = RichTable(title=f"True figures, {self.game.date}", box=None,
                      title_justify="left")
        table.add_column("figure")
        for side in SIDES:
            table.add_column(side_label(side), justify="right")
        for name, (label, unit) in DASHBOARD_FIGURES.items():
            table.add_row(f"{label} ({unit})",
                          *[format_value(name, truth[side][name]) for side in SIDES])
        self.query_one("#fac-truth", Static).update(table)
        self._refresh()

    def action_close(self) -> None:
        self.dismiss(None)
