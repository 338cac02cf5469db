"""The record: one versioned JSON document that is both a game's save file and its replay.

It pins everything needed to recompute the game exactly (the scenario's full content and
its hash, the seed, each turn's orders for both sides and the facilitator's injects) and
what is needed to check the recomputation (each turn's state digest and headline
figures). The state itself is never stored: loading a record replays it, so a save can
never disagree with the rules that produced it without `replay --verify` saying so.

Reading and writing files is in `record_file.py`; turning a `Game` into a record and back
is `Game.to_record` / `Game.from_record` in `game/session.py`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from game.engine.log import TurnLog
from game.engine.metrics import METRIC_NAMES, metrics
from game.engine.state import WorldState
from game.engine.types import SIDES
from game.model.facilitator import (
    CustomEvent,
    FacilitatorAction,
    JournalEntry,
    ParamOverride,
    ScheduledInject,
)
from game.model.orders import ChinaOrders, Orders, USOrders
from game.model.scenario import Scenario

FORMAT: Literal["compute-race-record"] = "compute-race-record"
FORMAT_VERSION = 3
"""The newest record format this build reads and the one it writes (2 added `par` and
`record_hash`; 3 added each turn's `players`, where they differ from the record's)."""

Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
GameId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
"""A game's id names its autosave file, so it holds no `/`, `..` or other path parts."""


def _clean(value: float) -> float:
    """Figures to 10 significant digits: what the run JSON shows, and enough to name a
    figure that moved while ignoring the last bit of a vectorised exp."""
    return float(f"{value:.10g}")


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of a scenario's canonical JSON, computed on the stored content itself so a
    later build that adds defaulted scenario fields still accepts old records. Equals
    `game.model.loader.scenario_hash` of the validated scenario (a test keeps it so)."""
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def new_game_id() -> str:
    """A game's identity: names its autosave slot and lets a branch name its parent."""
    return secrets.token_hex(6)


def split_player(text: str) -> tuple[str, str]:
    """("bot", "balanced:hard") from "bot:balanced:hard"; ("human", "human") from "human".
    Not validated against the bot registry: a replay needs no player, only orders."""
    if text == "human":
        return "human", "human"
    kind, _, name = text.partition(":")
    return kind, name


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Players(_Frozen):
    """Who played each side: `human`, `bot:NAME[:LEVEL]` or `script:FILE`."""

    us: str
    """The US bloc's player."""
    china: str
    """China's player."""


class TurnOrders(_Frozen):
    """The orders both sides played in one turn."""

    us: USOrders
    """The US bloc's orders as the engine applied them."""
    china: ChinaOrders
    """China's orders as the engine applied them."""

    def by_side(self) -> dict[str, Orders]:
        return {"us": self.us, "china": self.china}


class SideFigures(_Frozen):
    """Headline figures for both sides after a turn (the run JSON's METRICS)."""

    us: dict[str, float]
    """The US bloc's figures by metric name."""
    china: dict[str, float]
    """China's figures by metric name."""


class PlayedTurn(Protocol):
    """What the record needs of a resolved turn (`game.session.TurnRecord`)."""

    turn: int
    orders: dict[str, Orders]
    log: TurnLog
    state: WorldState
    digest: str
    injects: tuple[int, ...]
    actions: tuple[ParamOverride | CustomEvent | ScheduledInject, ...]

    @property
    def players(self) -> Mapping[str, str]:
        """Who gave each side's orders ({} when not known)."""


class TurnEntry(_Frozen):
    """One resolved turn."""

    turn: int = Field(ge=1)
    """The turn number, 1-based."""
    date: str
    """The quarter played, e.g. 2025Q2."""
    orders: TurnOrders
    """Both sides' orders."""
    actions: list[FacilitatorAction] = []
    """Facilitator actions made before this turn resolved, in order: parameter overrides,
    custom cards, scheduled injects (a replay applies them before the turn)."""
    injects: list[str] = []
    """Deck events the facilitator forced to fire at the end of this turn (event ids)."""
    events: list[str] = []
    """Deck events that fired at the end of this turn (event ids), for readers; a replay
    recomputes them."""
    tension: float
    """Tension (0-100) after the turn."""
    figures: SideFigures
    """Headline figures after the turn: `replay --verify` names those that moved."""
    digest: Digest
    """The state digest after the turn (values rounded to 9 significant digits)."""
    players: Players | None = None
    """Who gave each side's orders this turn, when that differs from the record's
    `players`: a networked seat played by a bot (`join --player bot:...`) or a script, or
    a side whose orders the deadline's default bot filled in. Absent when the record's
    players played it (and in records before format version 3)."""

    @model_serializer(mode="wrap")
    def _absent_players(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """`players` absent rather than null when not given, so a turn of an older record
        serializes, and hashes (`record_hash`), as it was written."""
        data: dict[str, Any] = handler(self)
        if self.players is None:
            data.pop("players", None)
        return data

    @classmethod
    def of(cls, played: PlayedTurn, deck_ids: Sequence[str], date: str,
           players: Mapping[str, str] | None = None) -> TurnEntry:
        """The record's entry for a played turn; `players` are the record's (a turn
        played by others names them)."""
        m = metrics(played.state, played.log)
        fired = played.log.events_fired
        events = [] if fired is None else [
            # A turn's log knows only the cards in play then: custom cards added later
            # widen the deck, never that turn's log.
            deck_ids[k] for k in range(fired.shape[1]) if bool(fired[0, k])]
        return cls(
            turn=played.turn + 1,
            date=date,
            orders=TurnOrders.model_validate(
                {side: played.orders[side].model_dump() for side in SIDES}),
            actions=list(played.actions),
            injects=[deck_ids[k] for k in played.injects],
            events=events,
            tension=_clean(float(played.state.tension[0])),
            figures=SideFigures.model_validate(
                {side: {name: _clean(float(m[name][0, i])) for name in METRIC_NAMES}
                 for i, side in enumerate(SIDES)}),
            digest=played.digest,
            players=(Players.model_validate(dict(played.players))
                     if played.players and dict(played.players) != dict(players or {})
                     else None),
        )

    def inject_indices(self, deck_ids: Sequence[str]) -> tuple[int, ...]:
        unknown = [event for event in self.injects if event not in deck_ids]
        if unknown:
            raise ValueError(f"turns[{self.turn - 1}].injects: no event {unknown[0]!r} in "
                             f"the deck (allowed: {', '.join(deck_ids)})")
        return tuple(deck_ids.index(event) for event in self.injects)

    def flat_figures(self) -> dict[str, float]:
        """{"tension": …, "us.compute": …, …}: the figures a verification compares."""
        out = {"tension": self.tension}
        for side in SIDES:
            for name, value in getattr(self.figures, side).items():
                out[f"{side}.{name}"] = value
        return out


class Parent(_Frozen):
    """Where a branched game came from ("take control from here")."""

    game: GameId
    """The parent game's id."""
    turn: int = Field(ge=0)
    """Turns kept from the parent: the branch shares turns 1..turn and plays on from
    there."""
    digest: str = ""
    """The parent's state digest after the kept turns (empty when branched at the
    opening)."""


class Pending(_Frozen):
    """What had been decided for the coming turn when the game was saved."""

    us: USOrders | None = None
    """The US bloc's submitted orders, if any."""
    china: ChinaOrders | None = None
    """China's submitted orders, if any."""
    injects: list[str] = []
    """Deck events the facilitator has queued (event ids)."""
    actions: list[FacilitatorAction] = []
    """Facilitator actions made for the coming turn."""

    @classmethod
    def of(cls, orders: Mapping[str, Orders], injects: Sequence[int],
           actions: Sequence[ParamOverride | CustomEvent | ScheduledInject],
           deck_ids: Sequence[str]) -> Pending:
        return cls.model_validate({**{side: orders[side].model_dump() for side in SIDES
                                      if side in orders},
                                   "injects": [deck_ids[k] for k in injects],
                                   "actions": list(actions)})


class Record(_Frozen):
    """A game's record: its save file and its replay (`compute-race replay RECORD`)."""

    format: Literal["compute-race-record"] = FORMAT
    """Marks the file as a Compute Race record."""
    format_version: int = Field(FORMAT_VERSION, ge=1)
    """The record format's version; older versions are migrated on reading."""
    engine_version: str
    """The engine version that played the game (`game.ENGINE_VERSION`)."""
    app_version: str
    """The compute-race release that wrote the record."""
    game: GameId
    """This game's id (names its autosave; a branch names its parent by it): letters,
    digits, `-` and `_`, so it can never name a path outside the autosave folder."""
    parent: Parent | None = None
    """The game this one was branched from, if any."""
    seed: int = Field(ge=0, lt=2**63)
    """The game's seed: every chance draw is a function of it, the turn and the site."""
    players: Players
    """Who played each side."""
    undone: int = Field(0, ge=0)
    """Turns taken back with Undo over the game's life (they are not in `turns`)."""
    over: bool = False
    """The game had ended (last quarter played, or a crisis)."""
    turns: list[TurnEntry] = []
    """Every resolved turn, in order."""
    pending: Pending = Pending()
    """Orders, injects and facilitator actions given for the coming turn but not yet
    resolved."""
    journal: list[JournalEntry] = []
    """The facilitator's timestamped log (notes, injects, overrides, undo, pause, reveal);
    it survives undo: it is what happened in the room."""
    scenario_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the scenario's canonical JSON; a record whose content no longer matches
    it is refused."""
    scenario: dict[str, Any]
    """The scenario's full content (as validated), so the record replays without the
    scenario file."""
    par: list[list[list[float]]] | None = None
    """The par the game was scored by: for each turn, each side's five score terms as
    the default bots reached them (game/analysis/par.py). A replay scores by it, so the
    record's digests depend only on the scenario, the seed and the orders, never on the
    bot code of the build replaying it. Absent in version 1 records: those are scored by
    the scenario's par as this build finds it."""
    record_hash: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the record's canonical JSON without this field, written with every
    save: a record changed after the game wrote it is refused unless the user passes
    --trust. Tamper-evident, not signed: anyone can recompute it. (Absent in version 1
    records, which are read without the check.)"""

    def body_hash(self) -> str:
        """What `record_hash` must be for this content."""
        body = self.model_dump(mode="json", exclude={"record_hash"})
        blob = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def sealed(self) -> Record:
        """This record with its `record_hash` set, as it is written."""
        return self.model_copy(update={"record_hash": self.body_hash()})

    def scenario_model(self) -> Scenario:
        return Scenario.model_validate(self.scenario, strict=True)

    @property
    def scenario_name(self) -> str:
        return str(self.scenario.get("name", "?"))

    @property
    def scenario_title(self) -> str:
        return str(self.scenario.get("title", self.scenario_name))

    def digest_list(self) -> list[str]:
        return [t.digest for t in self.turns]

    def deck_ids(self) -> list[str]:
        """Every card id the game can know: the scenario's deck and the facilitator's
        custom cards."""
        ids = [str(e.get("id")) for e in self.scenario.get("events", [])
               if isinstance(e, dict)]
        actions = [a for t in self.turns for a in t.actions] + list(self.pending.actions)
        return ids + [a.event.id for a in actions if isinstance(a, CustomEvent)]


# --- migration ------------------------------------------------------------------------

def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added `par` and `record_hash`; a version 1 record has neither (its game
    is scored by the scenario's par as this build finds it, as it was when it was
    written, and it is read without the tamper check)."""
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added each turn's optional `players`; a version 2 record has none (its
    turns were played by the record's players). Its record_hash is checked against the
    version it was written as (record_file.tamper_problem)."""
    return data


# MIGRATIONS[v] turns a version-v document into a version v+1 one (plain dicts, before
# validation); a format change bumps FORMAT_VERSION and adds its step here, with a test.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2,
                                                                      2: _v2_to_v3}


class FormatError(ValueError):
    """A document this build cannot read as a record (the message says why)."""


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """The document brought up to FORMAT_VERSION. Raises FormatError when it is not a
    record, is newer than this build reads, or is older than any migration reaches."""
    if data.get("format") != FORMAT:
        keys = ", ".join(list(data)[:6]) or "none"
        raise FormatError(f"not a Compute Race record (expected \"format\": \"{FORMAT}\"; "
                          f"the document's keys: {keys})")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FormatError(f"format_version: must be a whole number (this build reads 1 to "
                          f"{FORMAT_VERSION}), got {version!r}")
    if version > FORMAT_VERSION:
        raise FormatError(f"format_version {version} is newer than this build reads (up to "
                          f"{FORMAT_VERSION}): update compute-race to open it")
    oldest = min(MIGRATIONS, default=FORMAT_VERSION)
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatError(f"format_version {version} is older than this build can "
                              f"migrate (it reads {oldest} to {FORMAT_VERSION})")
        data = step(dict(data))
        version += 1
        data["format_version"] = version
    return data
