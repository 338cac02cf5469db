"""Finding, reading and validating scenario files."""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.model.errors import InputError, format_validation, read_text
from game.model.scenario import Scenario

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
MAX_EXTENDS_DEPTH = 8


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def find_scenario(name_or_path: str | Path) -> Path:
    """A shipped scenario's name, or a path to a .toml file."""
    text = str(name_or_path)
    candidate = Path(text)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in text:
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
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        msg = getattr(exc, "msg", str(exc))
        raise InputError([f"{where}: malformed TOML: {msg}"]) from None


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `child` over `base`. Tables merge key by key; the event deck merges by
    id (a child card with a parent's id replaces it); other lists are replaced."""
    out = copy.deepcopy(base)
    for key, value in child.items():
        if key == "events" and isinstance(value, list) and isinstance(out.get(key), list):
            by_id = {e.get("id"): i for i, e in enumerate(out[key]) if isinstance(e, dict)}
            for card in value:
                idx = by_id.get(card.get("id")) if isinstance(card, dict) else None
                if idx is None:
                    out[key].append(card)
                else:
                    out[key][idx] = card
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def raw_scenario(path: Path, depth: int = 0) -> tuple[str, dict[str, Any]]:
    """The scenario's data with `extends` resolved (the child's own text is returned for
    locating errors)."""
    text, data = parse_toml(path)
    parent = data.get("extends")
    if parent is None:
        return text, data
    if depth >= MAX_EXTENDS_DEPTH or not isinstance(parent, str):
        raise InputError([f"{path}: extends: must name a scenario, at most "
                          f"{MAX_EXTENDS_DEPTH} levels deep"])
    parent_path = find_scenario(parent if parent.endswith(".toml") is False
                                else str(path.parent / parent))
    _, base = raw_scenario(parent_path, depth + 1)
    base.pop("name", None)
    return text, _merge(base, data)


def validate_scenario_file(path: Path) -> Scenario:
    text, data = raw_scenario(path)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(format_validation(path, text, exc, Scenario)) from None


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Scenario:
    return validate_scenario_file(Path(path))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A validated scenario, by shipped name or path. Raises InputError."""
    path = find_scenario(name_or_path)
    return _load_cached(str(path.resolve()), path.stat().st_mtime)


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON: what a record pins."""
    blob = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()
