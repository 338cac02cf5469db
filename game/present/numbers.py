"""Numbers for people: one format for every screen, report and CLI table.

No scientific notation anywhere a person reads: large values in words (`1.2 million`),
small ones with enough decimals to show two significant digits, money in $B or $M,
prices per a token count that keeps them above a cent, shares as percent. Negative
values and changes carry a real minus sign, as on screen. JSON and CSV keep raw numbers.
"""

from __future__ import annotations

import math

MINUS = "−"  # U+2212: the same width as "+", and never read as a hyphen
SMALLEST = 5e-7  # below this (and not zero) a plain number reads "≈0"
LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# Token counts a price can be quoted per, smallest first: $ per million tokens is the
# engine's unit; a price below a cent is quoted per a thousand times more tokens.
TOKEN_COUNTS = (("M", "million"), ("B", "billion"), ("T", "trillion"),
                ("Q", "quadrillion"))


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def _three_digits(magnitude: float) -> str:
    """A magnitude of at least 1 to three significant digits, never in e-notation."""
    if magnitude >= 99.95:
        return f"{magnitude:,.0f}"
    return f"{magnitude:.1f}" if magnitude >= 9.995 else f"{magnitude:.2f}"


def _decimals(magnitude: float) -> int:
    """Enough decimals for two significant digits below 1 (at least two, at most six)."""
    return min(6, max(2, 1 - math.floor(math.log10(magnitude))))


def number(value: float | None, unit: str = "") -> str:
    """A plain number: thousands separators from 100, two decimals from 1, two
    significant digits below 1, words from a million; the unit after a space (`%` and
    `×` attached)."""
    if value is None or not math.isfinite(value):
        text = "n/a"
    else:
        magnitude = abs(value)
        if magnitude == 0:
            text = "0"
        elif magnitude < SMALLEST:
            text = "≈0"
        elif magnitude >= 1e6:
            size, word = next((s, w) for s, w in LARGE if magnitude >= s)
            text = ("−" if value < 0 else "") + f"{_three_digits(magnitude / size)} {word}"
        elif magnitude >= 100:
            text = _minus(f"{value:,.0f}")
        elif magnitude >= 1:
            text = _minus(f"{value:.2f}")
        else:
            text = _minus(f"{value:.{_decimals(magnitude)}f}")
    return with_unit(text, unit)


def with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "×") else f"{text} {unit}"


def signed(value: float, unit: str = "", text: str | None = None) -> str:
    """A change: `+1.20`, `−0.35`, `±0` when it shows as nothing."""
    shown = number(value) if text is None else text
    if shown in ("0", "≈0", "0.00", "0.0", "n/a") or _is_zero(shown):
        return with_unit("±0", unit) if shown != "n/a" else shown
    if not shown.startswith(MINUS):
        shown = "+" + shown
    return with_unit(shown, unit)


def _is_zero(text: str) -> bool:
    digits = text.replace(MINUS, "").replace(",", "").replace("%", "").split(" ")[0]
    try:
        return float(digits) == 0.0
    except ValueError:
        return False


def points(value: float, *, sign: bool = False) -> str:
    """Score points, to one decimal as the score is shown: `61.2`, `+3.1`, `−0.8`."""
    text = _minus(f"{value:.1f}")
    return signed(value, text=text) if sign else text


def percent(share: float, digits: int = 1) -> str:
    """A share (0-1) as percent: `6.9%`; a sliver that would show as zero reads `<0.1%`."""
    if not math.isfinite(share):
        return "n/a"
    limit = 0.5 * 10.0 ** -digits / 100
    if 0 < abs(share) < limit:
        return f"<{10.0 ** -digits:.{digits}f}%"
    return _minus(f"{share * 100:.{digits}f}%")


def signed_percent(points: float, digits: int = 1) -> str:
    """A change of a share, in percentage points: `+2.1 pts`."""
    return signed(points * 100, "pts", text=_minus(f"{points * 100:.{digits}f}"))


def money(busd: float) -> str:
    """An amount given in $B: `$12.3B`, `$450M`, `$12K`, `<$1K`."""
    if not math.isfinite(busd):
        return "n/a"
    sign = MINUS if busd < 0 else ""
    m = abs(busd)
    if m == 0:
        return "$0"
    for size, suffix in ((1000.0, "T"), (1.0, "B"), (1e-3, "M"), (1e-6, "K")):
        if m >= size:
            return f"{sign}${_three_digits(m / size).removesuffix('.00')}{suffix}"
    return f"{sign}<$1K"


def price_scale(usd_per_mtok: float) -> tuple[float, str]:
    """The token count to quote a price per so it reads at least a cent: (multiplier
    from $ per million tokens, short name of the count: M, B, T or Q)."""
    multiplier = 1.0
    for k, (short, _) in enumerate(TOKEN_COUNTS):
        if (abs(usd_per_mtok) * multiplier >= 0.01 or k == len(TOKEN_COUNTS) - 1
                or usd_per_mtok == 0 or not math.isfinite(usd_per_mtok)):
            return multiplier, short
        multiplier *= 1000.0
    raise AssertionError("unreachable")


def price_unit(short: str) -> str:
    return f"$/{short} tok"


def price(usd_per_mtok: float) -> str:
    """A token price for a sentence: `$0.25 per million tokens`, `$4.76 per trillion
    tokens`; below a cent per quadrillion, `<$0.01 per quadrillion tokens`."""
    if not math.isfinite(usd_per_mtok):
        return "n/a"
    multiplier, short = price_scale(usd_per_mtok)
    words = dict(TOKEN_COUNTS)[short]
    value = usd_per_mtok * multiplier
    if 0 < value < 0.01:
        return f"<$0.01 per {words} tokens"
    return f"${number(value)} per {words} tokens"
