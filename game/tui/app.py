"""The Textual app: shows what the table (game/tui/table.py) says comes next.

The table holds the seats, drafts, hot-seat turn order and pause; the app turns its steps
into screens (handover, report, event dialogs, end) and runs the quarter in a worker thread
that reports back by message, so the UI never freezes. Screens post messages
(`EndTurnRequested`, `OrdersCommitted`, ...) and never write into the app.

Flow of a turn: dashboard ⇄ orders → End turn → (hot-seat: handover to the next side, who
first reads the last quarter's report) → the quarter resolves → report (+ a dialog per major
event) → dashboard, or the end screen when the game is over.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import on, work
from textual.binding import Binding

from game.port import TableGame
from game.session import Game
from game.tui import hooks, present
from game.tui.commands import GameCommands
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.event import EventDialog
from game.tui.dialogs.resolve import ResolveDialog
from game.tui.local_game import LocalGame
from game.tui.messages import (
    BriefingRequested,
    EndTurnRequested,
    GameChosen,
    NewGameRequested,
    OrdersCommitted,
    OrdersRequested,
    ReportRequested,
    TurnFailed,
    TurnResolved,
)
from game.tui.score import score_moves
from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.handover import HandoverScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.replay import ReplayScreen, orders_table
from game.tui.screens.report import ReportScreen
from game.tui.screens.title import TitleScreen
from game.tui.setup import random_seed
from game.tui.table import (
    AskFacilitator,
    Handover,
    NotNow,
    Resolve,
    ShowReport,
    Step,
    Table,
)
from game.tui.watch import WatchMode

ADVISOR_FUTURES = 1000  # futures per advisor forecast (DESIGN.md §5: 1,000 × 8 turns)
FACILITATED = "facilitated session"


class ComputeRaceApp(WatchMode):
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
        # Watching: a and +/- work on the report too (check_action: spectators only).
        Binding("a", "auto_advance", "Auto", show=False),
    ]

    def __init__(self, game: Game | None = None, humans: tuple[str, ...] = (),
                 *, scenario: str | None = None, seed: int | None = None,
                 replay: hooks.Replayed | None = None, facilitated: bool = False) -> None:
        super().__init__()
        # A workshop run by a facilitator (play --facilitator): only then is there a console.
        self.facilitated = facilitated
        self.table: Table | None = None
        self.game: Game | None = None  # the local game behind the table
        self.last_resolve_seconds = 0.0
        self._initial = (game, humans)
        self._replay = replay  # `play --replay FILE`: open the viewer first
        self._title_scenario = scenario
        self._title_seed = random_seed() if seed is None else seed
        self.dashboard: DashboardScreen | None = None
        self._report_screen: ReportScreen | None = None  # reused turn after turn
        self.advisor_futures = ADVISOR_FUTURES
        if facilitated:
            self.sub_title = FACILITATED

    # --- starting -----------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.WORKSHOP:
            return  # the seat is joined first (game/tui/remote.py)
        game, humans = self._initial
        if game is not None:
            self.begin(game, humans)
        elif self._replay is not None:
            self.push_screen(ReplayScreen(self._replay))
        else:
            self.push_screen(TitleScreen(self._title_seed, self._title_scenario))

    def begin(self, game: Game, humans: tuple[str, ...]) -> None:
        """Show `game` with `humans` at the keyboard, from its current turn."""
        self.game = game
        self.sit_at(LocalGame(game), humans)
        if self.facilitated:
            self._mark_facilitated(game)

    def sit_at(self, game: TableGame, humans: tuple[str, ...]) -> None:
        """Show `game` (played here or a workshop seat: the same screens) with `humans`
        at the keyboard, from its current turn."""
        self.stop_watch()
        table = self.table = Table(game, humans, facilitated=self.facilitated)
        self._to_base()
        self.dashboard = DashboardScreen(table)
        self.push_screen(self.dashboard)
        self.refresh_bindings()
        if game.over:
            self.push_screen(EndScreen(game, table.seat))
        elif table.hot_seat:
            assert table.seat is not None
            self._handover(Handover(table.seat, None))
        else:
            self.show_briefing(table.seat)

    @on(GameChosen)
    def _game_chosen(self, message: GameChosen) -> None:
        self.begin(message.game, message.humans)

    def _to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _to_dashboard(self) -> None:
        while len(self.screen_stack) > 2 and self.screen is not self.dashboard:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the worker resolves a quarter, End turn and Undo are greyed (None: shown but
        # disabled) wherever they are bound to the app: keys, footer, palette.
        if action in ("load_game", "new_game", "undo_turn") and self.WORKSHOP:
            return False  # a workshop seat: the server holds the game
        busy = self.table is not None and self.table.busy
        if action in ("end_turn", "undo_turn") and busy:
            return None
        if action == "facilitator":  # the console belongs to a facilitated session only
            return self.facilitated
        if action in ("save_game", "export_debrief"):  # a game played here, once loaded
            return self.game is not None
        if action in ("auto_advance", "pace"):  # spectators only
            return self.watching()
        return True

    # --- playing -------------------------------------------------------------------------
    @on(OrdersRequested)
    def open_orders(self) -> None:
        table = self.table
        if table is None:
            return
        if table.seat is None:
            return  # watching: the bots give the orders (the key is not offered)
        if table.game.over:
            self.notify("The game is over.", timeout=3)
            return
        if not table.busy:
            self.push_screen(OrdersScreen(table, table.seat, self.advisor_futures))

    @on(OrdersCommitted)
    def _orders_committed(self, message: OrdersCommitted) -> None:
        if self.table is not None:
            try:
                self.table.keep(message.side, message.orders)
            except NotNow as exc:
                self.notify(str(exc), severity="warning", markup=False)

    @on(EndTurnRequested)
    def action_end_turn(self) -> None:
        table = self.table
        if table is None:
            self.notify("Start a game first.", severity="warning")
            return
        screen = self.screen
        if isinstance(screen, OrdersScreen):
            # The draft is kept here and now: a message would arrive after the orders
            # went in, and End turn would hand in the draft from before the edits.
            if not screen.commit(post=False):
                return  # the orders screen shows what is wrong
            if screen.kept is not None:
                self._orders_committed(OrdersCommitted(screen.side, screen.kept))
        try:
            step = table.end_turn()
        except NotNow as exc:
            if not table.busy:  # check_action greys it while resolving
                self.notify(f"Not now: {exc}.", severity="warning", markup=False)
            return
        self._to_dashboard()
        self._follow(step)

    def _follow(self, step: Step) -> None:
        """Show what the table says comes next."""
        if isinstance(step, Handover):
            self._handover(step)
        elif isinstance(step, Resolve):
            self.refresh_bindings()
            if self.dashboard is not None:
                self.dashboard.show_busy(step.here)
            self._resolve_in_worker()
        elif isinstance(step, AskFacilitator):
            self._ask_facilitator()
        elif isinstance(step, ShowReport):
            self._show_report(step)

    # --- the facilitator ----------------------------------------------------------------
    def _mark_facilitated(self, game: Game) -> None:
        """Say on screen, and once in the record's journal, that a facilitator runs it."""
        self.sub_title = FACILITATED
        if not game.journal:
            game.note("Facilitated session (compute-race play --facilitator).")
        self.notify("Facilitator console: ctrl+f (or the palette, ctrl+p).",
                    title="Facilitated session", timeout=6)

    def _ask_facilitator(self) -> None:
        """End turn while paused: the quarter resolves only when the facilitator confirms."""
        table, game = self.table, self.game
        assert table is not None and game is not None

        def answer(resolve: bool | None) -> None:
            if resolve and table.can_end_turn() and table is self.table:
                if table.set_paused(False):
                    game.log_action("resume", f"resumed to resolve {game.date}")
                self._follow(table.start_resolving())
            else:
                self.notify("Paused: the facilitator has not released the quarter.",
                            timeout=3)

        self.push_screen(ResolveDialog(game.date), callback=answer)

    @work(thread=True, exclusive=True, group="turn")
    def _resolve_in_worker(self) -> None:
        table = self.table
        assert table is not None
        started = time.perf_counter()
        try:
            turn = table.game.resolve()
        except Exception as exc:  # reported to the player; the game is left as it was
            self.post_message(TurnFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(TurnResolved(turn, time.perf_counter() - started))

    def on_turn_failed(self, message: TurnFailed) -> None:
        if self.table is not None:
            self.table.resolve_failed()
        self.refresh_bindings()
        self.notify(message.problem, title="The turn could not be resolved",
                    severity="error", markup=False)
        self._refresh_dashboard()

    def on_turn_resolved(self, message: TurnResolved) -> None:
        table = self.table
        assert table is not None
        self.last_resolve_seconds = message.seconds
        step = table.resolved(message.turn)
        self.refresh_bindings()
        self._autosave()
        # No dashboard redraw here: a report or a handover covers it at once, and it redraws
        # when it shows again (DashboardScreen.on_screen_resume).
        self._follow(step)

    def _show_report(self, step: ShowReport, then: Callable[[], None] | None = None) -> None:
        assert self.table is not None
        game = self.table.game
        report = present.turn_report(game, step.turn, step.side)
        moves = score_moves(game, step.turn)
        # A spectator (and everyone once the game is over) sees what both sides ordered.
        orders = (orders_table(self.game, step.turn)
                  if step.side is None and self.game is not None else None)
        # One report screen, installed so popping keeps it, refilled each turn: a new screen
        # each turn meant new widgets, styles and footer keys, most of a turn's redraw.
        screen = self._report_screen
        if screen is None or screen in self.screen_stack:
            screen = ReportScreen(report, moves, orders)
            if self._report_screen is None:
                self.install_screen(screen, "turn-report")
                self._report_screen = screen
        else:
            screen.show(report, moves, orders)
        if step.then_end:
            then = self._show_end
        self.push_screen(screen, callback=lambda _: then() if then else None)
        sources = {e.title: e.source for e in game.summary(step.turn).events}
        for item in reversed([e for e in report.events if e.major]):
            self.push_screen(EventDialog(item, sources.get(item.title, "chance")))

    def _show_end(self) -> None:
        self._to_dashboard()
        if self.table is not None:
            self.push_screen(EndScreen(self.table.game, self.table.seat))

    def _handover(self, step: Handover) -> None:
        table = self.table
        assert table is not None
        self._refresh_dashboard()

        def after(_: None) -> None:
            if table is not self.table:
                return
            due = table.take_seat(step.side)
            self._refresh_dashboard()
            if table.needs_briefing(step.side):
                self.show_briefing(step.side)
            if due is not None:
                self._show_report(due)

        self.push_screen(HandoverScreen(step.side, table.game.date, step.previous),
                         callback=after)

    def show_briefing(self, side: str | None) -> None:
        if self.table is None:
            return
        self.table.briefed.add(side)
        self.push_screen(BriefingScreen(self.table.game, side))

    @on(BriefingRequested)
    def _briefing_requested(self) -> None:
        if self.table is not None:
            self.show_briefing(self.table.seat)

    @on(ReportRequested)
    def show_last_report(self) -> None:
        table = self.table
        if table is None or table.game.turn == 0:
            self.notify("No turn has been played yet.", timeout=3)
            return
        self._show_report(ShowReport(table.game.turn - 1, table.seat))

    def _refresh_dashboard(self) -> None:
        if self.dashboard is not None and self.dashboard.is_mounted:
            self.dashboard.refresh_view()

    def _autosave(self) -> None:
        if self.game is None:  # a workshop seat: the server writes the record
            return
        try:
            hooks.autosave(self.game)
        except Exception as exc:  # never lose the game over a failed autosave
            self.notify(f"Autosave failed: {exc}", severity="warning", markup=False)

    def action_undo_turn(self) -> None:
        """Ask before taking back a turn: `u`, ctrl+u, the palette and the console's button
        all come here, and a stray key (Enter on a focused Undo button) must not undo a quarter."""
        table = self.table
        if table is None or table.game.turn == 0:
            self.notify("Nothing to undo: no turn has been played.", severity="warning")
            return
        if self.WORKSHOP:
            self.notify("A workshop's quarters are resolved on its server: ask the "
                        "facilitator.", severity="warning")
            return
        if table.busy:  # check_action greys it; a direct call still must not undo mid-turn
            return
        taken = table.game.date_of(table.game.turn - 1)

        def answer(undo: bool | None) -> None:
            if undo and table.can_undo() and table is self.table:
                self._undo_turn(table, taken)

        self.push_screen(ConfirmDialog(
            f"Undo {taken}?",
            f"The orders and the outcome of {taken} are taken back and it is to be played "
            "again. The record keeps a note that a turn was undone.",
            yes=f"Undo {taken}", no="Keep it"), callback=answer)

    def _undo_turn(self, table: Table, taken: str) -> None:
        step = table.undo()
        self._to_dashboard()
        self.refresh_bindings()
        self.notify(f"Took back {taken}: {table.game.date} is now to play.",
                    title="Turn undone", timeout=4)
        if step is not None:
            self._handover(step)
        else:
            self._refresh_dashboard()

    @on(NewGameRequested)
    def action_new_game(self) -> None:
        self._to_base()
        self.stop_watch()
        self.game = None
        self.table = None
        self.dashboard = None
        self.push_screen(TitleScreen(random_seed(), self._title_scenario))

    # --- global commands -------------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.game))

    def action_facilitator(self) -> None:
        if not self.facilitated:
            return  # players cannot open the console (nor reveal the truth) by a key
        if self.table is None or self.game is None:
            self.notify("Start a game first.", severity="warning")
            return
        if not isinstance(self.screen, FacilitatorScreen):
            self.push_screen(FacilitatorScreen(self.table, self.game))
