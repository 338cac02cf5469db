"""`compute-race join URL [--code CODE]` without --player: the screens for a seat.

With a code, it is checked before any screen opens (a wrong one exits 2). Without one (a
browser tab of `serve --web`), the app's first screen asks for it (code_entry.py), all in
the one app (textual-serve ends the browser session when an app exits). A facilitator's
code opens the workshop overview and console (workshop.py); a team's code opens the
screens of local play (dashboard and charts, orders and advisor, reports, end) on that
side's seat, through `RemoteGame` (game/net/remote_game.py): the screens cannot tell it
from a game played here, and it holds only what the server sends that side.
"""

from __future__ import annotations

from game.model.errors import InputError
from game.net.client import WrongCode
from game.net.remote import RemoteSeat
from game.net.remote_game import RemoteGame
from game.present.words import side_label
from game.tui.app import ComputeRaceApp
from game.tui.code_entry import CodeScreen
from game.tui.messages import SeatChanged, TurnResolved
from game.tui.workshop import WorkshopScreen


class JoinApp(ComputeRaceApp):
    """A seat at a workshop table: a team's plays the local game's screens on a
    `RemoteGame`; a facilitator's shows the overview and console."""

    TITLE = "Compute Race workshop"
    WORKSHOP = True

    def __init__(self, url: str, seat: RemoteSeat | None = None) -> None:
        super().__init__()
        self.url = url
        self.seat = seat
        self.remote: RemoteGame | None = None
        self._handled = 0  # quarters this app has shown as resolved

    def on_mount(self) -> None:
        if self.seat is None or self.seat.welcome is None:  # no code given: ask for it
            self.push_screen(CodeScreen(self.url), self.attach)
        else:
            self.attach(self.seat)

    def attach(self, seat: RemoteSeat | None) -> None:
        if seat is None or seat.welcome is None:
            return
        self.seat = seat
        welcome = seat.welcome
        if welcome.seat == "facilitator":
            self.sub_title = f"{welcome.title} · facilitator of table {welcome.table}"
            self.push_screen(WorkshopScreen(seat))
            return
        game = self.remote = RemoteGame(seat)
        self._handled = game.turn
        self.sub_title = f"{welcome.title} · table {welcome.table} · {side_label(game.side)}"
        # Quarters the server resolves without this seat waiting on them (a deadline's
        # bots fill in its orders): shown as the local flow shows its own.
        game.on_resolved(self._resolved)
        seat.listeners.append(self._changed)
        self.sit_at(game, (game.side,))

    def on_unmount(self) -> None:
        if self.seat is not None:
            if self._changed in self.seat.listeners:
                self.seat.listeners.remove(self._changed)
            self.seat.close()

    def _resolved(self, turn: int) -> None:  # the network thread
        self.post_message(SeatChanged(turn))

    def _changed(self) -> None:
        # The network thread: a message, never a blocking call_from_thread, since drawing
        # may ask the server for the history through that very thread.
        self.post_message(SeatChanged())

    def on_seat_changed(self, message: SeatChanged) -> None:
        if message.resolved is not None:
            self._resolved_elsewhere(message.resolved)
        self._refresh_dashboard()

    def on_turn_resolved(self, message: TurnResolved) -> None:
        # Textual then calls ComputeRaceApp's handler too (handlers run along the MRO).
        self._handled = max(self._handled, message.turn + 1)

    def _resolved_elsewhere(self, turn: int) -> None:
        table = self.table
        if table is None or table.busy or turn < self._handled:
            return  # a worker waits on it and reports it; or it is shown already
        self._handled = turn + 1
        step = table.resolved(turn)
        self.refresh_bindings()
        self._follow(step)


def run_remote_ui(url: str, code: str | None) -> int:
    if code is None:
        JoinApp(url).run()
        return 0
    seat = RemoteSeat(url, code)
    try:
        seat.start()
    except WrongCode as exc:
        raise InputError([f"{url}: code refused: {exc}"]) from None
    except ConnectionError as exc:
        raise InputError([f"{url}: {exc}"]) from None
    JoinApp(url, seat).run()
    return 0
