"""Quarters as players read them: "2025Q1"."""

from __future__ import annotations

import re

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def parse_quarter(text: str) -> tuple[int, int]:
    m = _QUARTER.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a quarter like 2025Q1")
    return int(m.group(1)), int(m.group(2))


def quarter_label(start: str, turn: int) -> str:
    """The date of 0-based `turn` for a clock starting at `start`."""
    year, q = parse_quarter(start)
    index = year * 4 + (q - 1) + turn
    return f"{index // 4}Q{index % 4 + 1}"


def turn_of(start: str, label: str) -> int:
    y0, q0 = parse_quarter(start)
    y, q = parse_quarter(label)
    return (y * 4 + q) - (y0 * 4 + q0)
