"""The names of each policy's levels, in the game's own words: the one list the terminal UI,
the reports and the briefings all read, so a level is called the same thing everywhere.

The pydantic field docstrings in game/model/orders.py describe the levels in prose; these
are the short names for screens and tables (index = level).
"""

from __future__ import annotations

LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "export_controls": ("open", "2022 rules", "2023 rules", "H20 blocked", "cloud closed"),
    "equipment_controls": ("none", "EUV", "EUV+DUV", "all tools"),
    "enforcement": ("none", "basic", "strict", "chip tracking"),
    "mineral_controls": ("none", "licensing", "bans", "full ban"),
    "smuggling": ("none", "some", "organised", "all-out"),
    "price_subsidy": ("none", "mild", "strong", "deep"),
}


def level_name(policy: str, value: float) -> str | None:
    """The name of `policy` at `value` (rounded to its level), or None for a policy set by a
    number (a percent or on/off) or a level out of range."""
    words = LEVEL_WORDS.get(policy)
    level = int(round(value))
    if words is None or not 0 <= level < len(words):
        return None
    return words[level]


def level_text(policy: str, value: float) -> str:
    """`2 2023 rules`: the level and its name, or the bare level when it has no name."""
    name = level_name(policy, value)
    level = int(round(value))
    return f"{level} {name}" if name else str(level)


def level_phrase(policy: str, value: float) -> str:
    """`2 (2023 rules)`: the level and its name for a sentence, as the reports write it."""
    name = level_name(policy, value)
    level = int(round(value))
    return f"{level} ({name})" if name else str(level)


def levels_line(policy: str) -> str:
    """Every level of `policy` with its name (`0 open · 1 2022 rules · …`), or "" for a
    policy without named levels."""
    words = LEVEL_WORDS.get(policy, ())
    return " · ".join(f"{level} {word}" for level, word in enumerate(words))
