"""The workshop server: tables, seats and their WebSocket connections (aiohttp).

One process, one event loop: each message is handled to the end (validated, applied, on
disk) before the next, so two seats can never interleave half-done changes, and a message
is acknowledged only once its change is written. See protocol.py for the messages and
seat_view.py for what each seat is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from aiohttp import WSMsgType, web

from game.model.errors import InputError
from game.net.codes import AttemptLimiter, SeatKey, index_codes, normalise
from game.net.protocol import (
    FACILITATOR_ONLY,
    MAX_FRAME_BYTES,
    PROTOCOL_VERSION,
    Ack,
    Advise,
    Deadline,
    Debrief,
    Hello,
    History,
    Inject,
    Pause,
    Refused,
    Submit,
    Suggest,
    Welcome,
    parse_client,
)
from game.net.seat_view import overview, overview_row, table_update
from game.net.table import Table

_T = TypeVar("_T")
HELLO_TIMEOUT_S = 10.0
TICKER = web.AppKey("deadline_ticker", asyncio.Task[None])
DEADLINE_TICK_S = 0.2


@dataclass(eq=False)
class Connection:
    ws: web.WebSocketResponse
    key: SeatKey


@dataclass
class Workshop:
    tables: list[Table]
    codes: list[dict[str, str]]
    data: Path
    scenario: str
    title: str
    limiter: AttemptLimiter = field(default_factory=AttemptLimiter)
    connections: set[Connection] = field(default_factory=set)
    _overview_stale: bool = False
    _overview_task: asyncio.Task[None] | None = None

    def __post_init__(self) -> None:
        self.by_code = index_codes(self.codes)
        self.locks = {t.number: asyncio.Lock() for t in self.tables}
        self.executor = ThreadPoolExecutor(max_workers=min(32, len(self.tables) + 2),
                                           thread_name_prefix="table")
        self.content = self.tables[0].game.scenario.model_dump(mode="json")
        for table in self.tables:
            table.deferred = {}  # written by _flush, off the loop, before each ack

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/ws", self.websocket)
        app.router.add_get("/", self.front_page)
        app.on_startup.append(self._start_ticker)
        app.on_shutdown.append(self._close_all)
        return app

    # --- connections ------------------------------------------------------------------
    async def front_page(self, request: web.Request) -> web.Response:
        return web.Response(text=f"Compute Race workshop: {self.title}\n"
                                 f"Join with: compute-race join {request.url.origin()} "
                                 "--code YOUR-CODE\n")

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME_BYTES, heartbeat=20)
        await ws.prepare(request)
        key = await self._handshake(ws, request.remote or "unknown")
        if key is None:
            await ws.close()
            return ws
        conn = Connection(ws, key)
        self.connections.add(conn)
        try:
            await self._send(conn, Welcome(table=key.table, seat=key.seat,
                                           tables=len(self.tables), scenario=self.scenario,
                                           title=self.title,
                                           content=self.content).model_dump_json())
            async with self._locked([self.tables[key.table - 1]]):
                await self._send(conn, table_update(self.tables[key.table - 1],
                                                    key.seat).model_dump_json())
            self._overview_soon()
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._handle(conn, msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await self._send(conn, Refused("malformed", "messages are JSON text "
                                                   "frames, not binary").to_message()
                                     .model_dump_json())
        finally:
            self.connections.discard(conn)
            self._overview_soon()
        return ws

    async def _handshake(self, ws: web.WebSocketResponse, address: str) -> SeatKey | None:
        try:
            msg = await ws.receive(timeout=HELLO_TIMEOUT_S)
        except TimeoutError:
            await self._refuse(ws, Refused("protocol", "no hello within "
                                                       f"{HELLO_TIMEOUT_S:g} s"))
            return None
        if msg.type != WSMsgType.TEXT:
            return None
        try:
            hello = parse_client(msg.data)
            if not isinstance(hello, Hello):
                raise Refused("protocol", f"the first message must be hello, not {hello.type}")
            if hello.protocol != PROTOCOL_VERSION:
                raise Refused("protocol", f"this server speaks protocol {PROTOCOL_VERSION}, "
                                          f"the client {hello.protocol}: update the game on "
                                          "one side")
            wait = self.limiter.wait_s(address)
            if wait > 0:
                raise Refused("rate-limited", f"too many wrong codes from {address}: try "
                                              f"again in {wait:.0f} s")
            key = self.by_code.get(normalise(hello.code))
            if key is None:
                self.limiter.failed(address)
                raise Refused("code", "no seat has that code: check it with the "
                                      "facilitator (codes look like bakodu-mitesa)")
        except Refused as refused:
            await self._refuse(ws, refused)
            return None
        return key

    async def _refuse(self, ws: web.WebSocketResponse, refused: Refused) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_str(refused.to_message().model_dump_json())

    async def _send(self, conn: Connection, text: str) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await conn.ws.send_str(text)

    # --- requests ---------------------------------------------------------------------
    async def _handle(self, conn: Connection, text: str) -> None:
        request: int | None = None
        try:
            msg = parse_client(text)
            request = None if isinstance(msg, Hello) else msg.id
            targets = self._targets(conn.key, msg)
        except Refused as refused:
            refused.request = request
            await self._send(conn, refused.to_message().model_dump_json())
            return
        async with self._locked(targets):
            try:
                if isinstance(msg, Debrief | Advise | History):
                    # Reading work of up to seconds (a report, a thousand futures, the
                    # views of every quarter): off the loop, so other tables go on.
                    touched, detail = await self._in_thread(self._apply, conn.key, msg)
                else:  # milliseconds of the game's work: on the loop, the writes apart
                    touched, detail = self._apply(conn.key, msg)
                await self._flush(targets)
            except InputError as exc:  # a file the change needed could not be written
                print(f"table {conn.key.table}: {'; '.join(exc.problems)}", file=sys.stderr)
                unsaved = Refused("refused", "the server could not save that change: "
                                  + "; ".join(exc.problems), request)
                await self._send(conn, unsaved.to_message().model_dump_json())
                return
            except Refused as refused:
                refused.request = request
                await self._send(conn, refused.to_message().model_dump_json())
                return
            # The seats' updates first: when a client has its ack, its table is current.
            for table in touched:
                await self._push_table(table)
            await self._send(conn, Ack(id=request or 0, detail=detail).model_dump_json())
        if touched:
            self._overview_soon()

    def _targets(self, key: SeatKey, msg: object) -> list[Table]:
        """The tables a request reads or changes: it holds their locks while it runs."""
        own = self.tables[key.table - 1]
        if isinstance(msg, Pause | Deadline):
            return [self._table(msg.table, own)]
        if isinstance(msg, Inject):
            return self.tables if msg.all_tables else [self._table(msg.table, own)]
        if isinstance(msg, Debrief):
            return self.tables
        return [own]

    @contextlib.asynccontextmanager
    async def _locked(self, tables: list[Table]) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            for table in sorted(tables, key=lambda t: t.number):  # one order: no deadlock
                await stack.enter_async_context(self.locks[table.number])
            yield

    async def _in_thread(self, work: Callable[..., _T], *args: object) -> _T:
        """Run work off the event loop (the table's lock keeps its own requests in
        order)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(work, *args))

    async def _flush(self, tables: list[Table]) -> None:
        """Write what the tables' changes left to write, in a thread: a table's fsyncs
        then overlap other tables' work. Called under the tables' locks, before any ack."""
        def write() -> None:
            for table in tables:
                table.flush()

        if any(t.deferred for t in tables):
            await self._in_thread(write)

    def _apply(self, key: SeatKey, msg: object) -> tuple[list[Table], dict[str, object]]:
        """Carry out one request; the tables it changed and the ack's detail."""
        if isinstance(msg, Hello):
            raise Refused("protocol", "already joined: hello comes once per connection")
        kind = getattr(msg, "type", "")
        if kind in FACILITATOR_ONLY and key.seat != "facilitator":
            raise Refused("unauthorised", f"{kind} is the facilitator's: a team code "
                                          "cannot do it")
        own = self.tables[key.table - 1]
        if isinstance(msg, Submit | Suggest | History | Advise) and key.seat == "facilitator":
            raise Refused("unauthorised", f"{kind} is a team's: the facilitator plays no "
                                          "side (join with a team's code to play one)")
        if isinstance(msg, Submit):
            resolved = own.submit(key.seat, msg.turn, msg.orders, msg.player)
            return [own], {"resolved": resolved, "turn": own.game.turn}
        if isinstance(msg, Suggest):
            return [], {"orders": own.suggest(key.seat, msg.player).model_dump(mode="json")}
        if isinstance(msg, History | Advise):  # the side's own fogged history, its advisor
            from game.net.history import advise, seat_history

            if isinstance(msg, History):
                return [], seat_history(own.game, key.seat, msg.since)
            return [], advise(own.game, key.seat, msg.orders, msg.futures)
        if isinstance(msg, Pause):
            table = self._table(msg.table, own)
            table.pause(msg.paused)
            return [table], {"paused": table.paused}
        if isinstance(msg, Deadline):
            table = self._table(msg.table, own)
            table.set_deadline(msg.seconds)
            return [table], {"deadline_in": table.deadline_in()}
        if isinstance(msg, Inject):
            targets = ([t for t in self.tables if not t.game.over] if msg.all_tables
                       else [self._table(msg.table, own)])
            if not targets:
                raise Refused("refused", "every table's game is over: nothing to inject into")
            for table in targets:  # all or none: check every table before changing any
                if table.game.over:
                    raise Refused("refused", f"table {table.number}: the game is over")
                if msg.event not in table.game.rules.deck.ids:
                    raise Refused("refused", f"table {table.number}: no event {msg.event!r} "
                                             "in the deck (allowed: "
                                             f"{', '.join(table.game.rules.deck.ids)})")
            for table in targets:
                table.inject(msg.event)
            return targets, {"tables": [t.number for t in targets]}
        if isinstance(msg, Debrief):
            from game.net.debrief import export_debrief

            return [], export_debrief(self.tables, msg.tables, msg.format, self.data)
        raise Refused("malformed", f"unknown message {kind!r}")

    def _table(self, number: int | None, own: Table) -> Table:
        if number is None:
            return own
        if not 1 <= number <= len(self.tables):
            raise Refused("refused", f"no table {number} (tables 1-{len(self.tables)})")
        return self.tables[number - 1]

    # --- pushing updates --------------------------------------------------------------
    async def _push_table(self, table: Table) -> None:
        for conn in list(self.connections):
            if conn.key.table == table.number:
                await self._send(conn, table_update(table, conn.key.seat).model_dump_json())

    def _overview_soon(self) -> None:
        """Send the facilitators the overview once the current burst of changes is handled:
        when ten tables resolve at once, one overview follows them, not ten."""
        self._overview_stale = True
        if self._overview_task is None or self._overview_task.done():
            self._overview_task = asyncio.get_running_loop().create_task(self._overviews())

    async def _overviews(self) -> None:
        await asyncio.sleep(0)  # let the changes already in hand finish first
        while self._overview_stale:
            self._overview_stale = False
            await self._push_overview()

    async def _push_overview(self) -> None:
        facilitators = [c for c in self.connections if c.key.seat == "facilitator"]
        if not facilitators:
            return
        connected: dict[int, set[str]] = {}
        for c in self.connections:
            connected.setdefault(c.key.table, set()).add(c.key.seat)
        rows = []
        for table in self.tables:  # each row read under its table's lock: never half-done
            async with self._locked([table]):
                rows.append(overview_row(table, connected.get(table.number, set())))
        text = overview(rows).model_dump_json()
        for conn in facilitators:
            await self._send(conn, text)

    async def _start_ticker(self, app: web.Application) -> None:
        app[TICKER] = asyncio.get_running_loop().create_task(self._tick())

    async def _tick(self) -> None:
        """Deadlines: past one, the default bots fill in and the quarter resolves."""
        while True:
            await asyncio.sleep(DEADLINE_TICK_S)
            for table in self.tables:
                if table.deadline is None:
                    continue
                async with self._locked([table]):
                    try:
                        resolved = table.expire()
                        await self._flush([table])
                    except Exception as exc:  # keep the other tables running; say why
                        print(f"table {table.number}: deadline failed: {exc}", file=sys.stderr)
                        continue
                    if resolved:
                        await self._push_table(table)
                if resolved:
                    self._overview_soon()

    async def _close_all(self, app: web.Application) -> None:
        for task in (app.get(TICKER), self._overview_task):
            if task is not None:
                task.cancel()
        for conn in list(self.connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"server stopping")
        self.executor.shutdown(wait=True)
