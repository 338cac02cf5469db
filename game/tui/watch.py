"""Watching the bots (`--side none`): the quarters can advance by themselves, each report
staying on screen for a while; a toggles it, + and - change the pace."""

from __future__ import annotations

from textual.timer import Timer

from game.tui.app_files import FileCommands
from game.tui.dialogs.event import EventDialog
from game.tui.messages import EndTurnRequested
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.report import ReportScreen

PACES = (8.0, 4.0, 2.0, 1.0, 0.5)  # seconds between steps (a report shown, a quarter played)
START_PACE = 2  # index into PACES


class WatchMode(FileCommands):
    """Auto-advance for spectators; the app (game/tui/app.py) builds on it."""

    _watch_timer: Timer | None = None
    _pace = START_PACE

    def watching(self) -> bool:
        return self.table is not None and self.table.seat is None and not self.table.humans

    def action_auto_advance(self) -> None:
        if not self.watching():
            return
        if self._watch_timer is None:
            self._start_watch()
        else:
            self.stop_watch()
        self._say_pace()

    def action_pace(self, delta: int) -> None:
        if not self.watching():
            return
        self._pace = max(0, min(len(PACES) - 1, self._pace + delta))
        if self._watch_timer is not None:
            self._start_watch()
        self._say_pace()

    def _say_pace(self) -> None:
        table = self.table
        assert table is not None
        table.watch_seconds = PACES[self._pace] if self._watch_timer is not None else None
        pace = "off" if table.watch_seconds is None else f"every {table.watch_seconds:g} s"
        self.notify(f"Auto-advance {pace} (a: on/off, + faster, - slower)", timeout=2)
        self.refresh_bindings()
        if isinstance(self.screen, DashboardScreen):
            self.screen.refresh_view()

    def _start_watch(self) -> None:
        if self._watch_timer is not None:
            self._watch_timer.stop()
        self._watch_timer = self.set_interval(PACES[self._pace], self._watch_step)

    def stop_watch(self) -> None:
        if self._watch_timer is not None:
            self._watch_timer.stop()
            self._watch_timer = None
        if self.table is not None:
            self.table.watch_seconds = None

    def _watch_step(self) -> None:
        """One step: close the event dialog or report on screen, else play a quarter.
        Anything else on screen (help, the score, a dialog) holds the pace."""
        table = self.table
        if table is None or not self.watching() or table.game.over:
            self.stop_watch()
            return
        if table.busy:
            return
        screen = self.screen
        if isinstance(screen, EventDialog | ReportScreen):
            screen.dismiss(None)
        elif isinstance(screen, DashboardScreen):
            self.post_message(EndTurnRequested())
