"""A seat's connection for a UI: the network on its own thread, plain calls for the screens.

The screens run on Textual's loop and call `request()` or read `table` / `overview`; the
connection lives on a private asyncio loop in a daemon thread, reconnecting with backoff
when the server goes away (`status` says so, for the screen to show) and resuming the seat
with the same code. `RemoteGame` puts the `TableGame` face (game/port.py) on it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from game.net.client import SeatClient, WrongCode, retrying
from game.net.protocol import Ack, Overview, TableUpdate, Welcome

REQUEST_TIMEOUT_S = 30.0
Listener = Callable[[], None]


class RemoteSeat:
    """One seat joined from this process. `listeners` are called (from the network
    thread) whenever something arrives or the connection's status changes."""

    def __init__(self, url: str, code: str) -> None:
        self.url, self.code = url, code
        self.welcome: Welcome | None = None
        self.table: TableUpdate | None = None
        self.overview: Overview | None = None
        self.status = "connecting"
        self.listeners: list[Listener] = []
        self._client: SeatClient | None = None
        self._loop = asyncio.new_event_loop()
        self._joined = threading.Event()
        self._failure: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="seat", daemon=True)

    # --- life -------------------------------------------------------------------------
    def start(self, timeout: float = REQUEST_TIMEOUT_S) -> Welcome:
        """Join; raises WrongCode (refused) or ConnectionError (no server)."""
        self._thread.start()
        if not self._joined.wait(timeout):
            raise ConnectionError(f"no answer from {self.url} in {timeout:g} s")
        if self._failure is not None:
            raise self._failure
        assert self.welcome is not None
        return self.welcome

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        except BaseException as exc:  # handed to start() or shown as the status
            self._failure = exc
            self._set_status(f"disconnected: {exc}")
        finally:
            self._joined.set()

    async def _main(self) -> None:
        self._stop = asyncio.Event()

        async def play(client: SeatClient) -> bool:
            while client.table is None and not client.closed:  # joined = table known
                await client.wait_change()
            self._client, self.welcome = client, client.welcome
            client.on_message = lambda _m: self._arrived(client)
            self._arrived(client)
            self._set_status("connected")
            self._joined.set()
            stop = asyncio.ensure_future(self._stop.wait())  # type: ignore[union-attr]
            while not client.closed and not stop.done():
                changed = asyncio.ensure_future(client.wait_change())
                await asyncio.wait({changed, stop}, return_when=asyncio.FIRST_COMPLETED)
                changed.cancel()
            self._client = None
            return stop.done()

        try:
            await retrying(self.url, self.code, play, self._set_status)
        except WrongCode:
            raise
        except ConnectionError as exc:
            self._set_status(f"disconnected: {exc}")
            raise

    def _arrived(self, client: SeatClient) -> None:
        self.table, self.overview = client.table or self.table, client.overview or self.overview
        self._notify()

    def _set_status(self, text: str) -> None:
        self.status = text
        self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener()

    # --- requests ---------------------------------------------------------------------
    def request(self, kind: str, **fields: Any) -> Ack:
        """Send a request and wait for its answer (from any thread but the network one).
        RequestRefused carries the server's reason; ConnectionError when not connected."""
        client = self._client
        if client is None:
            raise ConnectionError(f"not connected ({self.status})")
        future: Future[Ack] = asyncio.run_coroutine_threadsafe(
            client.request(kind, **fields), self._loop)
        return future.result(REQUEST_TIMEOUT_S)
