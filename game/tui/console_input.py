"""The facilitator console's typed input, turned into what the Game API takes.

Pure functions (no widgets), so every rule is tested without a screen: a turn given as a
number or a quarter, a parameter named with a did-you-mean on a typo, and a custom card's
effects written one per `;` in the scenario file's words:

    multiply budget_growth us 0.5      (a parameter or state figure, a side or both)
    add tension both 10
    set_policy us export_controls 4
    multiply export_value us 1.2 level 3   (one level of a table parameter)

Every problem is a ValueError with one plain line saying what is wrong and what is allowed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.params import PARAM_NAMES, PARAM_SPECS, Params
from game.engine.rules import EVENT_STATE_TARGETS
from game.model.clock import parse_quarter, turn_of
from game.session import Game

SIDE_WORDS = ("us", "china", "both")
EFFECT_KINDS = ("multiply", "add", "set_policy")
EFFECT_HELP = ("effects, separated by ';': multiply|add NAME us|china|both VALUE "
               "[level N] (NAME a parameter or state figure), or set_policy us|china "
               "POLICY LEVEL")


def chosen_turn(game: Game, text: str) -> int | None:
    """The 0-based turn a card should fire at: blank or the coming turn → None (now); a
    turn number counting from 1, or a quarter like 2026Q3."""
    text = text.strip()
    if not text:
        return None
    allowed = (f"a turn {game.turn + 1}-{game.turns} or a quarter "
               f"{game.date}-{game.date_of(game.turns - 1)}; blank for this quarter")
    if text.isdigit():
        turn = int(text) - 1
    else:
        try:
            parse_quarter(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a turn (allowed: {allowed})") from None
        turn = turn_of(game.scenario.clock.start, text)
    if not game.turn <= turn < game.turns:
        raise ValueError(f"{text} is not to come (allowed: {allowed})")
    return None if turn == game.turn else turn


def param_name(text: str) -> str:
    """A parameter's name as typed, or a ValueError with the closest names."""
    name = text.strip()
    if name in PARAM_SPECS:
        return name
    if not name:
        raise ValueError("give a parameter's name (Tab completes it)")
    close = difflib.get_close_matches(name, PARAM_NAMES, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(f"no parameter {name!r}{hint}")


@dataclass(frozen=True)
class ParamInfo:
    """What the console shows beside a parameter's name."""

    name: str
    unit: str
    doc: str
    kind: str  # "side" | "shared" | "table"
    current: str  # the value in force now, in words


def _values(values: np.ndarray) -> str:
    return " / ".join(f"{float(v):g}" for v in np.ravel(values))


def param_info(params: Params, name: str) -> ParamInfo:
    """The parameter's unit, description and the value in force in `params` (the rules
    with the facilitator's overrides, before any active event's temporary change)."""
    spec = PARAM_SPECS[name]
    values = np.asarray(getattr(params, name), dtype=np.float64)
    if spec["kind"] == "shared":
        current = f"{float(np.ravel(values)[0]):g} (both sides)"
    elif spec["kind"] == "table":
        current = f"US {_values(values[0])} · China {_values(values[1])} (by level)"
    else:
        current = f"US {float(values[0]):g} · China {float(values[1]):g}"
    return ParamInfo(name, str(spec["unit"]), str(spec["doc"]), str(spec["kind"]), current)


def _number(word: str, what: str) -> float:
    try:
        return float(word)
    except ValueError:
        raise ValueError(f"{what}: {word!r} is not a number") from None


def parse_effect(text: str) -> dict[str, Any]:
    """One effect in the scenario file's form (a dict the Event model validates)."""
    words = text.split()
    if not words:
        raise ValueError("an empty effect (" + EFFECT_HELP + ")")
    kind, rest = words[0], words[1:]
    if kind not in EFFECT_KINDS:
        raise ValueError(f"{kind!r} is not an effect kind (allowed: {', '.join(EFFECT_KINDS)})")
    if kind == "set_policy":
        if len(rest) != 3:
            raise ValueError(f"{text.strip()!r}: write set_policy us|china POLICY LEVEL")
        side, policy, value = rest
        return {"kind": kind, "side": side, "policy": policy,
                "value": _number(value, "set_policy")}
    level: int | None = None
    if len(rest) == 5 and rest[3] == "level" and rest[4].isdigit():
        level, rest = int(rest[4]), rest[:3]
    if len(rest) != 3:
        raise ValueError(f"{text.strip()!r}: write {kind} NAME us|china|both VALUE [level N]")
    name, side, value = rest
    effect: dict[str, Any] = {"kind": kind, "side": side, "value": _number(value, kind)}
    if name in PARAM_SPECS:
        effect["param"] = name
    elif name in EVENT_STATE_TARGETS:
        effect["state"] = name
    else:
        close = difflib.get_close_matches(name, [*PARAM_NAMES, *EVENT_STATE_TARGETS], n=1,
                                          cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{kind}: no parameter or state figure {name!r}{hint}")
    if level is not None:
        effect["level"] = level
    return effect


def parse_effects(text: str) -> list[dict[str, Any]]:
    """Effects separated by ';' (none is allowed: a card that is only news)."""
    return [parse_effect(part) for part in text.split(";") if part.strip()]


def card_id(game: Game, title: str) -> str:
    """A fresh deck id from the card's title (the deck's ids are unique)."""
    base = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())[:40]
    base = f"fac-{base or 'card'}"
    taken = set(game.rules.deck.ids)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
