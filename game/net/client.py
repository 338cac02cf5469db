"""The client side of a seat: connect with a code, keep the latest table update, send
requests and wait for their answers. Reconnects are the caller's (`retrying`), so that a
headless player and the UI can each say on their own screen what is going on."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from pydantic import ValidationError
from yarl import URL

from game.net.protocol import (
    PROTOCOL_VERSION,
    Ack,
    Error,
    Hello,
    Overview,
    TableUpdate,
    Welcome,
    parse_server,
)

MAX_SERVER_MESSAGE = 32 * 1024 * 1024  # a debrief's HTML comes back in one message
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0)


class WrongCode(Exception):
    """The server refused the code (or the address is rate-limited): do not retry."""


class RequestRefused(Exception):
    def __init__(self, error: Error):
        super().__init__(f"{error.reason}: {error.message}")
        self.error = error


def ws_url(url: str) -> URL:
    """`http://host:port` (what `serve` prints) or `ws://host:port/ws` to the socket URL."""
    problem = (f"{url!r} is not a server address: give the one `compute-race serve` "
               "printed (e.g. http://127.0.0.1:8765)")
    try:
        parsed = URL(url if "://" in url else f"http://{url}")
        port = parsed.explicit_port
    except ValueError:
        raise ValueError(problem) from None
    if parsed.scheme not in ("http", "https", "ws", "wss") or not parsed.host:
        raise ValueError(problem)
    if "://" not in url and port is None:  # a bare word ("notaurl"): no scheme, no port
        raise ValueError(problem)
    scheme = {"http": "ws", "https": "wss"}.get(parsed.scheme, parsed.scheme)
    path = parsed.path if parsed.path.endswith("/ws") else parsed.path.rstrip("/") + "/ws"
    return parsed.with_scheme(scheme).with_path(path)


class SeatClient:
    """One connection of one seat. `updates` wakes whoever waits for the table to move."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, welcome: Welcome):
        self.ws = ws
        self.welcome = welcome
        self.table: TableUpdate | None = None
        self.overview: Overview | None = None
        self.changed = asyncio.Event()
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Ack]] = {}
        self.on_message: Callable[[Any], None] | None = None
        self.on_text: Callable[[str], None] | None = None  # every raw message (tests, logs)

    async def pump(self) -> None:
        """Read messages until the connection closes; the caller runs this as a task."""
        try:
            async for msg in self.ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                if self.on_text is not None:
                    self.on_text(msg.data)
                self._dispatch(parse_server(msg.data))
        finally:
            for fut in self._waiting.values():
                if not fut.done():
                    fut.set_exception(ConnectionError("connection lost"))
            self.changed.set()

    def _dispatch(self, message: Any) -> None:
        if isinstance(message, TableUpdate):
            self.table = message
        elif isinstance(message, Overview):
            self.overview = message
        elif isinstance(message, Ack | Error) and message.id in self._waiting:
            fut = self._waiting.pop(message.id)
            if isinstance(message, Ack):
                fut.set_result(message)
            else:
                fut.set_exception(RequestRefused(message))
        if self.on_message is not None:
            self.on_message(message)
        self.changed.set()

    async def request(self, kind: str, **fields: Any) -> Ack:
        """Send a request and wait for its ack; RequestRefused on an error."""
        rid = next(self._ids)
        fut: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        self._waiting[rid] = fut
        await self.ws.send_json({"type": kind, "id": rid, **fields})
        return await fut

    async def wait_change(self) -> None:
        await self.changed.wait()
        self.changed.clear()

    @property
    def closed(self) -> bool:
        return self.ws.closed


@asynccontextmanager
async def connect(url: str, code: str) -> AsyncIterator[SeatClient]:
    """A joined seat (its pump running), closed on exit. WrongCode for a refused code;
    aiohttp.ClientError / OSError when the server cannot be reached."""
    async with aiohttp.ClientSession() as session, session.ws_connect(
            ws_url(url), max_msg_size=MAX_SERVER_MESSAGE, heartbeat=20) as ws:
        await ws.send_str(Hello(protocol=PROTOCOL_VERSION, code=code).model_dump_json())
        first = await ws.receive(timeout=30)
        if first.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError("the server closed the connection during the handshake")
        try:
            message = parse_server(first.data)
        except ValidationError:
            raise ConnectionError("the server sent something that is not a Compute Race "
                                  "welcome (is this the right address?)") from None
        if isinstance(message, Error):
            raise WrongCode(message.message)
        if not isinstance(message, Welcome):
            raise ConnectionError(f"expected a welcome, got {message.type}")
        client = SeatClient(ws, message)
        pump = asyncio.create_task(client.pump())
        try:
            yield client
        finally:
            pump.cancel()


def unreachable(exc: BaseException) -> str:
    """Why the server could not be reached, in words (not aiohttp's)."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        why = ("connection refused" if isinstance(exc.os_error, ConnectionRefusedError)
               else exc.os_error.strerror or str(exc.os_error) or "no answer")
        return (f"cannot reach {exc.host}:{exc.port} ({why.lower()}): is `compute-race "
                "serve` running there?")
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return f"{exc.request_info.url} is not a Compute Race server (HTTP {exc.status})"
    return str(exc) or type(exc).__name__


async def retrying(url: str, code: str, play: Callable[[SeatClient], Awaitable[bool]],
                   say: Callable[[str], None], give_up_s: float = 300.0,
                   first_give_up_s: float = 10.0) -> None:
    """Join and run `play` until it returns True (done); on a lost connection wait with
    backoff, say so, and join again with the same code (the seat resumes where the server
    has it). Gives up after `give_up_s` without a connection (`first_give_up_s` if it
    never got one: a mistyped address should not hang for minutes)."""
    attempt = 0
    waited = 0.0
    joined = False
    while True:
        try:
            async with connect(url, code) as client:
                if attempt:
                    say("reconnected")
                attempt, waited, joined = 0, 0.0, True
                if await play(client):
                    return
                error: str = "the server closed the connection"
        except WrongCode:
            raise
        except (TimeoutError, aiohttp.ClientError, OSError, ConnectionError) as exc:
            error = unreachable(exc)
        delay = BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]
        if waited + delay > (give_up_s if joined else first_give_up_s):
            raise ConnectionError(f"no connection to {url} for {waited:.0f} s: {error}")
        say(f"connection lost ({error}); retrying in {delay:g} s")
        await asyncio.sleep(delay)
        waited += delay
        attempt += 1
