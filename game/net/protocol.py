"""The workshop protocol: JSON messages over a WebSocket, one pydantic model per message.

A client opens `/ws`, sends `hello` with the protocol version and its seat code, and gets
`welcome` (or `error` and the socket closes). After that it sends requests, each with an `id`
the server echoes in its `ack` or `error`; the server also pushes `table` updates (the seat's
view of its table) and, to facilitators, `overview` updates (all tables).

What a team seat receives is built only from `Game.view(side)` and public facts (whose
orders are awaited, pause, deadline, scores): never the other side's true figures or its
orders. `game/net/seat_view.py` builds those messages; this module only says their shape.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

PROTOCOL_VERSION = 2
"""Sent in `hello`; a server refuses another version, naming both. 2: `submit` says who
decided the orders; `history` and `advise` requests and the table update's
`params_in_force` (a team seat's screens)."""

MAX_MESSAGE_BYTES = 64 * 1024
"""A client message over this size is refused unread (orders are under 1 kB)."""

MAX_FRAME_BYTES = 1024 * 1024
"""aiohttp closes the socket on frames over this; between the two limits a message is
refused with an error and the connection stays up."""

Side = Literal["us", "china"]
Seat = Literal["us", "china", "facilitator"]
RequestId = Annotated[int, Field(ge=0, lt=2**53)]


class _Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- client to server -------------------------------------------------------------------


class Hello(_Message):
    """The first message: who is joining."""

    type: Literal["hello"] = "hello"
    protocol: int
    code: Annotated[str, Field(min_length=1, max_length=64)]


class Submit(_Message):
    """A team's orders for `turn` (0-based; must be the quarter being played)."""

    type: Literal["submit"] = "submit"
    id: RequestId
    turn: Annotated[int, Field(ge=0)]
    orders: dict[str, Any]
    player: Annotated[str, Field(min_length=1, max_length=256)] = "human"
    """Who decided these orders: `human` (a team at its screen), `bot:NAME[:LEVEL]` or
    `script:FILE` (a headless seat): the table's record names it for the quarter."""


class Suggest(_Message):
    """Ask what a bot would order now from this seat's own view (a headless bot seat plays
    through this: the bot sees exactly what the side sees, never the true state)."""

    type: Literal["suggest"] = "suggest"
    id: RequestId
    player: Annotated[str, Field(min_length=1, max_length=64)] = "bot:balanced"


class History(_Message):
    """A team asks for its side's history from resolved quarter `since` on: its views and
    the quarters' summaries as its side may read them (fogged: game/net/history.py), for
    the dashboard's charts and the turn reports."""

    type: Literal["history"] = "history"
    id: RequestId
    since: Annotated[int, Field(ge=0)] = 0


MAX_FUTURES = 2000
"""A forecast request over this many futures is refused (the UI asks for 1,000)."""


class Advise(_Message):
    """A team asks the advisor what `orders` may lead to: a forecast from its side's own
    (fogged) view, as the local advisor makes it (game/analysis/forecast.py)."""

    type: Literal["advise"] = "advise"
    id: RequestId
    orders: dict[str, Any]
    futures: Annotated[int, Field(ge=1, le=MAX_FUTURES)] = 1000


class Pause(_Message):
    """Facilitator: stop (`paused`) or restart this table's clock. A paused table takes
    orders but does not resolve the quarter and its deadline does not run."""

    type: Literal["pause"] = "pause"
    id: RequestId
    paused: bool = True
    table: Annotated[int, Field(ge=1)] | None = None


class Deadline(_Message):
    """Facilitator: `seconds` from now the side's default bot fills in missing orders and
    the quarter resolves; null clears the deadline."""

    type: Literal["deadline"] = "deadline"
    id: RequestId
    seconds: Annotated[float, Field(gt=0, le=24 * 3600)] | None
    table: Annotated[int, Field(ge=1)] | None = None


class Inject(_Message):
    """Facilitator: force a deck card to fire at the end of the quarter, at this seat's
    table, another one, or every table (`all_tables`)."""

    type: Literal["inject"] = "inject"
    id: RequestId
    event: Annotated[str, Field(min_length=1, max_length=64)]
    table: Annotated[int, Field(ge=1)] | None = None
    all_tables: bool = False


class Debrief(_Message):
    """Facilitator: the comparison debrief across `tables` (default all that have played),
    written into the server's data directory and returned as text."""

    type: Literal["debrief"] = "debrief"
    id: RequestId
    tables: list[Annotated[int, Field(ge=1)]] | None = None
    format: Literal["html", "md"] = "md"


AnyClientMessage = (Hello | Submit | Suggest | History | Advise | Pause | Deadline | Inject
                    | Debrief)
ClientMessage = Annotated[AnyClientMessage, Field(discriminator="type")]
FACILITATOR_ONLY = frozenset({"pause", "deadline", "inject", "debrief"})
_CLIENT = TypeAdapter[AnyClientMessage](ClientMessage)


# --- server to client -------------------------------------------------------------------


class Welcome(_Message):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    table: int
    seat: Seat
    tables: int
    scenario: str
    title: str
    content: dict[str, Any]
    """The scenario itself (public: teams get its briefings; scripts date their orders by
    its clock)."""


class Ack(_Message):
    type: Literal["ack"] = "ack"
    id: int
    detail: dict[str, Any] = {}


class Error(_Message):
    """A refused message: nothing changed. `id` is the request's when it had one."""

    type: Literal["error"] = "error"
    id: int | None = None
    reason: Literal["malformed", "oversized", "protocol", "code", "rate-limited",
                    "unauthorised", "out-of-order", "refused"]
    message: str


class TableUpdate(_Message):
    """Where a seat's table stands, from that seat's point of view (seat_view.py)."""

    type: Literal["table"] = "table"
    table: int
    seat: Seat
    turn: int
    turns: int
    date: str
    over: bool
    paused: bool
    awaiting: list[Side]
    deadline_in: float | None
    submitted: dict[str, Any] | None
    last_orders: dict[str, Any] | None = None
    """A team's own orders of the last quarter (its opening ones before the first): what
    its orders editor starts from."""
    view: dict[str, Any] | None
    facilitator: dict[str, Any] | None = None
    params_in_force: dict[str, Any] | None = None
    """A team's: the parameters the cards in force change this quarter, as they stand
    (public: the scenario's values and the cards), for its policy notes."""


class Overview(_Message):
    """Every table at a glance, for facilitators (one row per table)."""

    type: Literal["overview"] = "overview"
    tables: list[dict[str, Any]]


ServerMessage = Annotated[Welcome | Ack | Error | TableUpdate | Overview,
                          Field(discriminator="type")]
_SERVER = TypeAdapter[Welcome | Ack | Error | TableUpdate | Overview](ServerMessage)


class Refused(Exception):
    """A client message the server will not act on; becomes an `error` message."""

    def __init__(self, reason: str, message: str, request: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.request = request

    def to_message(self) -> Error:
        return Error.model_validate({"id": self.request, "reason": self.reason,
                                     "message": self.message})


def _request_id(text: str) -> int | None:
    """The `id` of a message that failed validation, so the error can name its request."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_client(text: str | bytes) -> AnyClientMessage:
    """A client message, or Refused naming what is wrong and what is allowed."""
    if isinstance(text, bytes):
        raise Refused("malformed", "messages are JSON text frames, not binary")
    if len(text.encode()) > MAX_MESSAGE_BYTES:
        raise Refused("oversized", f"message of {len(text.encode()):,} bytes refused: the "
                                   f"limit is {MAX_MESSAGE_BYTES:,} bytes")
    try:
        return _CLIENT.validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "message"
        raise Refused("malformed", f"{where}: {first['msg']} (message types: hello, "
                                   "submit, suggest, history, advise, pause, deadline, inject, "
                                   "debrief)",
                      _request_id(text)) from None


def parse_server(text: str) -> Welcome | Ack | Error | TableUpdate | Overview:
    return _SERVER.validate_json(text)
