"""The Textual app: who sits at the keyboard, the flow of a turn, and the global commands.

All figures come from the `Game`; the app only holds the draft orders of the human sides
(pydantic `Orders`), whose seat is shown, and whether a turn is being resolved. The engine
runs in a worker thread and reports back by message, so the UI never freezes.

Flow of a turn: dashboard ⇄ orders → End turn → (hot-seat: handover to the next side) →
the engine resolves in a worker → turn report (+ a dialog per major event) → dashboard,
or the end screen when the game is over.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from game.model.errors import InputError
from game.model.orders import Orders
from game.session import Game
from game.tui import hooks, present
from game.tui.commands import GameCommands
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.event import EventDialog
from game.tui.dialogs.path import PathDialog
from game.tui.dialogs.resolve import ResolveDialog
from game.tui.messages import TurnFailed, TurnResolved
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.handover import HandoverScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.report import ReportScreen
from game.tui.screens.title import TitleScreen
from game.tui.setup import humans_of, random_seed

ADVISOR_FUTURES = 1000  # futures per advisor forecast (DESIGN.md §5: 1,000 × 8 turns)


class ComputeRaceApp(App[int]):
    TITLE = "Compute Race"
    CSS_PATH = "app.tcss"
    COMMANDS = {GameCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+s", "save_game", "Save"),
        Binding("ctrl+o", "load_game", "Load"),
        Binding("ctrl+d", "export_debrief", "Debrief"),
        Binding("ctrl+f", "facilitator", "Facilitator"),
        Binding("ctrl+t", "change_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, game: Game | None = None, humans: tuple[str, ...] = (),
                 *, scenario: str | None = None, seed: int | None = None,
                 replay: hooks.Replayed | None = None, facilitated: bool = False) -> None:
        super().__init__()
        # A workshop run by a facilitator (play --facilitator): the console is a key away.
        self.facilitated = facilitated
        self.paused = False  # the facilitator holds each quarter until they confirm
        self.game: Game | None = None
        self.humans: tuple[str, ...] = ()
        self.seat: str | None = None  # whose screen is showing; None: a spectator
        self.drafts: dict[str, Orders] = {}
        self.busy = False  # a turn is being resolved in the worker
        self.last_resolve_seconds = 0.0
        self.briefed: set[str | None] = set()
        self._initial = (game, humans)
        self._replay = replay  # `play --replay FILE`: open the viewer first
        self._title_scenario = scenario
        self._title_seed = random_seed() if seed is None else seed
        self.dashboard: DashboardScreen | None = None
        self._report_screen: ReportScreen | None = None  # reused turn after turn
        self.advisor_futures = ADVISOR_FUTURES

    # --- starting -----------------------------------------------------------------------
    def on_mount(self) -> None:
        game, humans = self._initial
        if game is not None:
            self.begin(game, humans)
        elif self._replay is not None:
            from game.tui.screens.replay import ReplayScreen

            self.push_screen(ReplayScreen(self._replay))
        else:
            self.push_screen(TitleScreen(self._title_seed, self._title_scenario))

    def begin(self, game: Game, humans: tuple[str, ...]) -> None:
        """Show `game` with `humans` at the keyboard, from its current turn."""
        self.game = game
        self.humans = humans
        self.seat = humans[0] if humans else None
        self.drafts = {side: game.last_orders(side) for side in humans}
        self.briefed = set()
        self.busy = False
        self.paused = False
        self._to_base()
        if self.facilitated:
            self._mark_facilitated(game)
        self.dashboard = DashboardScreen()
        self.push_screen(self.dashboard)
        if game.over:
            self.push_screen(EndScreen())
        elif len(humans) > 1:
            self._handover(self.seat, previous=None)
        else:
            self.show_briefing(self.seat)

    def _to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _to_dashboard(self) -> None:
        while len(self.screen_stack) > 2 and self.screen is not self.dashboard:
            self.pop_screen()

    # --- state the screens ask about ---------------------------------------------------
    def can_end_turn(self) -> bool:
        return self.game is not None and not self.busy and not self.game.over

    def can_undo(self) -> bool:
        return self.game is not None and not self.busy and bool(self.game.history)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the worker resolves a quarter, End turn and Undo are greyed (None: shown but
        # disabled) wherever they are bound to the app: keys, footer, palette.
        if action in ("end_turn", "undo_turn") and self.busy:
            return None
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.refresh_bindings()

    def status_line(self) -> str:
        game = self.game
        if game is None:
            return ""
        if game.over:
            return "[b]The game is over.[/b] u: undo the last turn · ctrl+s: save the record"
        if self.paused:
            return "[b]⏸ Paused by the facilitator:[/b] the quarter resolves when they say so"
        if self.seat is None:
            return "Watching: e resolves the next quarter with the bots' orders."
        changed = self.drafts[self.seat] != game.last_orders(self.seat)
        state = "changed" if changed else "as last turn"
        waiting = [present.SIDE_NAME[s] for s in self.humans if s in game.pending]
        done = f" · {', '.join(waiting)} done" if waiting else ""
        return f"Your orders: {state} (o to edit) · e to end the turn{done}"

    # --- playing -------------------------------------------------------------------------
    def open_orders(self) -> None:
        if self.game is None or self.seat is None or self.busy:
            self.notify("Watching: the bots give the orders.", timeout=3)
            return
        if self.game.over:
            self.notify("The game is over.", timeout=3)
            return
        self.push_screen(OrdersScreen(self.seat))

    def action_end_turn(self) -> None:
        game = self.game
        if game is None:
            self.notify("Start a game first.", severity="warning")
            return
        if self.busy:  # check_action greys it; a direct call still must not resolve twice
            return
        if game.over:
            self.notify("The game is over: undo a turn or start a new game.",
                        severity="warning")
            return
        if isinstance(self.screen, OrdersScreen) and not self.screen.commit():
            return  # the orders screen shows what is wrong
        self._to_dashboard()
        if self.seat is not None:
            game.submit(self.seat, self.drafts[self.seat])
            waiting = [side for side in self.humans if side not in game.pending]
            if waiting:
                previous, self.seat = self.seat, waiting[0]
                self._handover(self.seat, previous)
                return
        if self.paused:
            self._ask_facilitator()
            return
        self._resolve()

    # --- the facilitator ----------------------------------------------------------------
    def _mark_facilitated(self, game: Game) -> None:
        """Say on screen, and once in the record's journal, that a facilitator runs it."""
        self.sub_title = "facilitated session · ctrl+f: console"
        if hooks.facilitator_ready(game) and not game.journal:
            game.note("Facilitated session (compute-race play --facilitator).")
        self.notify("Facilitator console: ctrl+f (or the palette, ctrl+p).",
                    title="Facilitated session", timeout=6)

    def set_paused(self, paused: bool, why: str = "") -> None:
        """Hold (or release) the game before each quarter resolves; journaled."""
        game = self.game
        if game is None or paused == self.paused:
            return
        self.paused = paused
        if paused:
            game.log_action("pause", why or "paused before resolving")
        else:
            game.log_action("resume", why or "resumed")
        self._refresh_dashboard()

    def _ask_facilitator(self) -> None:
        """End turn while paused: the quarter resolves only when the facilitator confirms."""
        game = self.game
        assert game is not None

        def answer(resolve: bool | None) -> None:
            if resolve and self.can_end_turn():
                self.set_paused(False, f"resumed to resolve {game.date}")
                self._resolve()
            else:
                self.notify("Paused: the facilitator has not released the quarter.",
                            timeout=3)

        self.push_screen(ResolveDialog(game.date), callback=answer)

    def _resolve(self) -> None:
        self._set_busy(True)
        if self.dashboard is not None:
            self.dashboard.show_busy()
        self._resolve_in_worker()

    @work(thread=True, exclusive=True, group="turn")
    def _resolve_in_worker(self) -> None:
        game = self.game
        assert game is not None
        started = time.perf_counter()
        try:
            log = game.advance()
        except Exception as exc:  # reported to the player; the game is left as it was
            self.post_message(TurnFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(TurnResolved(log.turn, time.perf_counter() - started))

    def on_turn_failed(self, message: TurnFailed) -> None:
        self._set_busy(False)
        self.notify(message.problem, title="The turn could not be resolved", severity="error")
        self._refresh_dashboard()

    def on_turn_resolved(self, message: TurnResolved) -> None:
        game = self.game
        assert game is not None
        self._set_busy(False)
        self.last_resolve_seconds = message.seconds
        self.drafts = {side: game.last_orders(side) for side in self.humans}
        self._autosave()
        # No dashboard redraw here: a report or a handover covers it at once, and it redraws
        # when it shows again (DashboardScreen.on_screen_resume). Drawing it twice a turn
        # was a third of the time a turn took on screen.
        turn = message.turn
        if game.over:
            # The game is over: the fog lifts, both sides read the full report.
            self._show_report(turn, None, then=self._show_end)
        elif len(self.humans) > 1:
            previous, self.seat = self.seat, self.humans[0]
            self._handover(self.seat, previous,
                           then=lambda: self._show_report(turn, self.seat))
        else:
            self._show_report(turn, self.seat)

    def _show_report(self, turn: int, seat: str | None,
                     then: Callable[[], None] | None = None) -> None:
        game = self.game
        assert game is not None
        report = present.turn_report(game, turn, seat)
        # One report screen, installed so popping keeps it, refilled each turn: a new screen
        # each turn meant new widgets, styles and footer keys, most of a turn's redraw.
        screen = self._report_screen
        if screen is None or screen in self.screen_stack:
            screen = ReportScreen(report)
            if self._report_screen is None:
                self.install_screen(screen, "turn-report")
                self._report_screen = screen
        else:
            screen.show(report)
        self.push_screen(screen, callback=lambda _: then() if then else None)
        for item in reversed([e for e in report.events if e.major]):
            self.push_screen(EventDialog(item))

    def _show_end(self) -> None:
        self._to_dashboard()
        self.push_screen(EndScreen())

    def _handover(self, side: str | None, previous: str | None,
                  then: Callable[[], None] | None = None) -> None:
        assert side is not None and self.game is not None
        self._refresh_dashboard()

        def after(_: None) -> None:
            self._refresh_dashboard()
            if side not in self.briefed and self.game is not None and self.game.turn == 0:
                self.show_briefing(side)
            if then is not None:
                then()

        self.push_screen(HandoverScreen(side, self.game.date, previous), callback=after)

    def show_briefing(self, side: str | None) -> None:
        if self.game is None:
            return
        self.briefed.add(side)
        self.push_screen(BriefingScreen(self.game, side))

    def show_last_report(self) -> None:
        if self.game is None or not self.game.history:
            self.notify("No turn has been played yet.", timeout=3)
            return
        self._show_report(self.game.turn - 1, self.seat)

    def _refresh_dashboard(self) -> None:
        if self.dashboard is not None and self.dashboard.is_mounted:
            self.dashboard.refresh_view()

    def _autosave(self) -> None:
        try:
            hooks.autosave(self.game)  # type: ignore[arg-type]
        except Exception as exc:  # never lose the game over a failed autosave
            self.notify(f"Autosave failed: {exc}", severity="warning")

    def action_undo_turn(self) -> None:
        """Ask before taking back a turn: `u`, ctrl+u, the palette and the console's button
        all come here, and a stray key (Enter on a focused Undo button) must not undo a quarter."""
        game = self.game
        if game is None or not game.history:
            self.notify("Nothing to undo: no turn has been played.", severity="warning")
            return
        if self.busy:  # check_action greys it; a direct call still must not undo mid-turn
            return
        taken = game.date_of(game.turn - 1)

        def answer(undo: bool | None) -> None:
            if undo and self.can_undo() and game is self.game:
                self._undo_turn()

        self.push_screen(ConfirmDialog(
            f"Undo {taken}?",
            f"The orders and the outcome of {taken} are taken back and it is to be played "
            "again. The record keeps a note that a turn was undone.",
            yes=f"Undo {taken}", no="Keep it"), callback=answer)

    def _undo_turn(self) -> None:
        game = self.game
        assert game is not None
        taken = game.date_of(game.turn - 1)
        game.undo()
        self.drafts = {side: game.last_orders(side) for side in self.humans}
        self._to_dashboard()
        self.refresh_bindings()
        self.notify(f"Took back {taken}: {game.date} is now to play.", title="Turn undone",
                    timeout=4)
        if len(self.humans) > 1 and self.seat != self.humans[0]:
            previous, self.seat = self.seat, self.humans[0]
            self._handover(self.seat, previous)
        else:
            self._refresh_dashboard()

    def action_new_game(self) -> None:
        self._to_base()
        self.game = None
        self.dashboard = None
        self.push_screen(TitleScreen(random_seed(), self._title_scenario))

    # --- global commands -------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.game))

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)

    def _default_name(self, suffix: str) -> str:
        game = self.game
        assert game is not None
        return f"{game.scenario.name}-seed{game.seed}-{game.date}{suffix}"

    def action_save_game(self) -> None:
        game = self.game
        if game is None:
            self.notify("Start a game first: there is nothing to save.", severity="warning")
            return

        def save(path: str | None) -> None:
            if path is None:
                return
            try:
                hooks.save(game, Path(path))
            except hooks.Missing as exc:
                self.notify(str(exc), title="Save game", severity="warning", timeout=8)
            except (InputError, OSError, ValueError) as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            else:
                self.notify(f"Saved to {path}", title="Save game")

        self.push_screen(PathDialog("Save game to", self._default_name(".json"), "Save"),
                         callback=save)

    def action_load_game(self) -> None:
        def load(path: str | None) -> None:
            if path is None:
                return
            try:
                game = hooks.load(Path(path))
            except hooks.Missing as exc:
                self.notify(str(exc), title="Load game", severity="warning", timeout=8)
            except (InputError, OSError, ValueError) as exc:
                self.notify(str(exc), title="Not loaded", severity="error", timeout=8)
            else:
                self.begin(game, humans_of(game))

        self.push_screen(PathDialog("Load game from", "", "Load"), callback=load)

    def action_export_debrief(self) -> None:
        game = self.game
        if game is None:
            self.notify("Start a game first: there is nothing to report.", severity="warning")
            return

        def export(path: str | None) -> None:
            if path is None:
                return
            try:
                hooks.export_debrief(game, Path(path))
            except hooks.Missing as exc:
                self.notify(str(exc), title="Export debrief", severity="warning", timeout=8)
            except (InputError, OSError, ValueError) as exc:
                self.notify(str(exc), title="Not exported", severity="error", timeout=8)
            else:
                self.notify(f"Debrief written to {path}", title="Export debrief")

        self.push_screen(PathDialog("Write the debrief to (.html or .md)",
                                    self._default_name(".html"), "Export"), callback=export)

    def action_facilitator(self) -> None:
        game = self.game
        if game is None:
            self.notify("Start a game first.", severity="warning")
            return
        if not hooks.facilitator_ready(game):
            self.notify("The facilitator console arrives with the workshop feature "
                        "(Game.inject, Game.note and Game.reveal are not all in this build).",
                        title="Facilitator console", severity="warning", timeout=8)
            return
        from game.tui.screens.facilitator import FacilitatorScreen

        self.push_screen(FacilitatorScreen())
