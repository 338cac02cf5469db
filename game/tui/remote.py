"""`compute-race join URL [--code CODE]` without --player: the screens for a seat.

With a code, it is checked before any screen opens (a wrong one exits 2). Without one (a
browser tab of `serve --web`), the app's first screen asks for it (code_entry.py). A
facilitator's code opens the workshop overview and console (workshop.py); a team's code
opens that side's seat (screens/remote_seat.py).
"""

from __future__ import annotations

from game.model.errors import InputError
from game.net.client import WrongCode
from game.net.remote import RemoteSeat


def run_remote_ui(url: str, code: str | None) -> int:
    from game.tui.workshop import WorkshopApp

    if code is None:
        WorkshopApp(url).run()
        return 0
    seat = RemoteSeat(url, code)
    try:
        welcome = seat.start()
    except WrongCode as exc:
        raise InputError([f"{url}: code refused: {exc}"]) from None
    except ConnectionError as exc:
        raise InputError([f"{url}: {exc}"]) from None
    if welcome.seat != "facilitator":
        from game.tui.screens.remote_seat import RemoteSeatApp

        RemoteSeatApp(seat).run()
        return 0
    WorkshopApp(url, seat).run()
    return 0
