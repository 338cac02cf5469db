"""Finding, reading and validating scenario files.

A scenario may `extends` another (a shipped name or a path relative to it): tables merge
key by key, the event deck merges by card id (a child card with a parent's id replaces
it), `drop_events` leaves parent cards out, and other lists are replaced whole. A problem
is reported in the file that wrote the offending value, at its line.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.files import parse_toml as parse_toml_text
from game.model.errors import (
    InputError,
    Loc,
    Problem,
    dotted,
    problems_from,
    read_text,
    toml_error,
    unknown,
)
from game.model.locate import locate
from game.model.scenario import Scenario

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
MAX_EXTENDS_DEPTH = 8


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def find_scenario(name_or_path: str | Path) -> Path:
    """A shipped scenario's name, or a path to a .toml file."""
    text = str(name_or_path)
    candidate = Path(text)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in text or "\\" in text:
        if not candidate.exists():
            raise InputError([f"{candidate}: no such scenario file"])
        return candidate
    shipped = SCENARIO_DIR / f"{text}.toml"
    if shipped.exists():
        return shipped
    names = shipped_names()
    close = difflib.get_close_matches(text, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise InputError([f"{text}: no such scenario{hint} (shipped: {', '.join(names)}; "
                      "or give a path to a .toml file)"])


def parse_toml(path: Path) -> tuple[str, dict[str, Any]]:
    text = read_text(path, "scenario")
    try:
        data = parse_toml_text(path, text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc) from None
    if not data:
        raise InputError([f"{path}: the file holds only comments (expected a scenario)"])
    return text, data


@dataclass
class Source:
    """One file of an `extends` chain: its path, text and own data."""

    path: Path
    text: str
    data: dict[str, Any]


@dataclass
class Merged:
    """A scenario's data with `extends` resolved, and where each part came from."""

    data: dict[str, Any]
    chain: list[Source]  # the file itself first, then its parent, grandparent...
    # merged deck index -> (chain index, index in that file's own [[events]])
    card_origin: list[tuple[int, int]] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `child` over `base`: tables key by key; other values (lists included)
    replaced. The event deck is merged separately, by card id."""
    out = copy.deepcopy(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def resolve(path: Path, seen: tuple[Path, ...] = ()) -> Merged:
    """Read `path` and everything it extends."""
    text, data = parse_toml(path)
    me = Source(path, text, data)
    own_cards = data.get("events")
    own_cards = own_cards if isinstance(own_cards, list) else []
    parent = data.get("extends")
    if parent is None:
        return Merged(data, [me], [(0, j) for j in range(len(own_cards))])
    where = locate(text, ("extends",))
    at = f"{path}:{where}" if where else str(path)
    if not isinstance(parent, str):
        raise InputError([f"{at}: extends: must name a scenario (a shipped name or a path "
                          f"to a .toml file), got {parent!r}"])
    try:
        parent_path = _parent_path(path, parent)
    except InputError as exc:
        raise InputError([f"{at}: extends: {p}" for p in exc.problems]) from None
    chain = (*seen, path.resolve())
    if parent_path.resolve() in chain:
        raise InputError([f"{at}: extends: {parent!r} extends this file again (a loop: "
                          f"{' -> '.join(p.name for p in (*chain, parent_path))})"])
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise InputError([f"{at}: extends: more than {MAX_EXTENDS_DEPTH} levels deep"])
    base = resolve(parent_path, chain)
    return _extend(me, base)


def _parent_path(path: Path, parent: str) -> Path:
    if parent.endswith(".toml") or "/" in parent:
        return find_scenario(path.parent / parent)
    return find_scenario(parent)


def _extend(me: Source, base: Merged) -> Merged:
    data = me.data
    problems: list[tuple[int, Problem]] = [(d + 1, p) for d, p in base.problems]
    cards = [card for card in base.data.get("events", []) if isinstance(card, dict)]
    origin = [(d + 1, j) for d, j in base.card_origin]
    drop = data.get("drop_events", [])
    if isinstance(drop, list):
        ids = [c.get("id") for c in cards]
        for k, card_id in enumerate(drop):
            if card_id not in ids:
                problems.append((0, Problem(("drop_events", k), unknown(
                    "card of the parent's deck", card_id, [str(i) for i in ids]))))
        keep = [i for i, c in enumerate(cards) if c.get("id") not in drop]
        cards, origin = [cards[i] for i in keep], [origin[i] for i in keep]
    own = data.get("events", [])
    if isinstance(own, list):
        for j, card in enumerate(own):
            card_id = card.get("id") if isinstance(card, dict) else None
            index = next((i for i, c in enumerate(cards) if c.get("id") == card_id), None)
            if index is None or card_id is None:
                cards.append(card)
                origin.append((0, j))
            else:
                cards[index] = card
                origin[index] = (0, j)
    merged = _merge({k: v for k, v in base.data.items() if k != "name"},
                    {k: v for k, v in data.items() if k != "events"})
    if "events" in merged or cards:
        merged["events"] = cards
    return Merged(merged, [me, *base.chain], origin, problems)


def _origin(merged: Merged, loc: Loc) -> tuple[Source, Loc]:
    """The file that wrote the value at `loc`, and the path inside that file."""
    if len(loc) >= 2 and loc[0] == "events" and isinstance(loc[1], int) \
            and loc[1] < len(merged.card_origin):
        depth, j = merged.card_origin[loc[1]]
        return merged.chain[depth], ("events", j, *loc[2:])
    best, best_depth = 0, -1
    for d, source in enumerate(merged.chain):
        reach = _reach(source.data, loc)
        if reach > best_depth:
            best, best_depth = d, reach
    return merged.chain[best], loc


def _reach(data: Any, loc: Loc) -> int:
    """How many leading parts of `loc` exist in `data`."""
    n = 0
    for part in loc:
        in_list = isinstance(part, int) and isinstance(data, list) and part < len(data)
        in_table = isinstance(part, str) and isinstance(data, dict) and part in data
        if not (in_list or in_table):
            break
        data = data[part]
        n += 1
    return n


def _render(merged: Merged, problems: list[Problem]) -> list[str]:
    placed: list[tuple[str, int | None, str]] = []
    for problem in problems:
        source, loc = _origin(merged, problem.loc)
        placed.append((str(source.path), locate(source.text, loc),
                       f"{dotted(loc)}: {problem.message}"))
    for depth, problem in merged.problems:
        source = merged.chain[depth]
        placed.append((str(source.path), locate(source.text, problem.loc),
                       f"{dotted(problem.loc)}: {problem.message}"))
    order = {str(s.path): i for i, s in enumerate(merged.chain)}
    placed.sort(key=lambda p: (order.get(p[0], 0), p[1] is None, p[1] or 0))
    return [f"{path}:{line}: {text}" if line else f"{path}: {text}"
            for path, line, text in placed]


def raw_scenario(path: Path) -> tuple[str, dict[str, Any]]:
    """The scenario's data with `extends` resolved, and the file's own text."""
    merged = resolve(path)
    return merged.chain[0].text, merged.data


def validate_scenario_file(path: Path) -> Scenario:
    """The validated scenario in `path`, or an InputError listing every problem as
    `FILE:LINE: dotted.path: message`."""
    merged = resolve(path)
    try:
        scenario = Scenario.model_validate(merged.data, strict=True)
    except ValidationError as exc:
        raise InputError(_render(merged, problems_from(exc, Scenario))) from None
    if merged.problems:
        raise InputError(_render(merged, []))
    return scenario


@lru_cache(maxsize=32)
def _load_cached(path: str, stamp: tuple[float, ...], given: str) -> Scenario:
    """Cached by the real file; messages name the path the user gave."""
    return validate_scenario_file(Path(given))


def _stamp(path: Path) -> tuple[float, ...]:
    """Modification times of the file and of the shipped library: a cached scenario is
    reloaded when it, or a shipped scenario it may extend, changes."""
    return (path.stat().st_mtime, *(p.stat().st_mtime for p in sorted(
        SCENARIO_DIR.glob("*.toml"))))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A validated scenario, by shipped name or path. Raises InputError."""
    path = find_scenario(name_or_path)
    return _load_cached(str(path.resolve()), _stamp(path), str(path))


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON: what a record pins."""
    blob = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()
