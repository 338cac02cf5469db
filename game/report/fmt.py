"""Numbers and text for people, shared by the HTML and Markdown renderers."""

from __future__ import annotations

import math


def num(value: float, unit: str = "") -> str:
    """3 significant digits, thousands separators, no scientific notation in everyday
    ranges; the unit after a space (a % sign attached)."""
    if value is None or not math.isfinite(value):
        text = "n/a"
    elif value == 0:
        text = "0"
    elif abs(value) >= 1e6 or abs(value) < 1e-3:
        text = f"{value:.3g}"
    elif abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    if not unit:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def signed(value: float, unit: str = "") -> str:
    text = num(value, unit)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def share(value: float) -> str:
    return f"{value:.0%}"

