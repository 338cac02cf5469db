"""Line charts as inline SVG text: no plotting library, no scripts, no external references.

Written by hand rather than with matplotlib because a debrief chart needs little (lines,
a shaded range, axes with round ticks, a legend), the output is then byte-for-byte
deterministic and a few kilobytes, and the report builds in milliseconds without pulling
a plotting stack into the game's dependencies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from game.present.numbers import number

WIDTH, HEIGHT = 560, 250
LEFT, RIGHT, TOP, BOTTOM = 62, 28, 30, 52
# Colour-blind-safe (Okabe-Ito); the first two are the sides' colours everywhere.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
CHAR_WIDTH = 6.6  # px per character of an 11px sans-serif legend, near enough for layout


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[float | None]  # one per x position; None leaves a gap
    colour: str = PALETTE[0]
    dash: str = ""
    band: tuple[Sequence[float], Sequence[float]] | None = None  # low, high (shaded)


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    x_labels: Sequence[str]  # one per x position
    lines: Sequence[Line]
    log: bool = False
    guides: Sequence[tuple[float, str]] = field(default_factory=tuple)  # y, label


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten (with 2 and 5 between them when the range is short)."""
    lo, hi = math.floor(math.log10(low)), math.ceil(math.log10(high))
    if hi == lo:
        hi += 1
    steps = (1, 2, 5) if hi - lo <= 2 else (1,)
    ticks = [m * 10.0**e for e in range(lo, hi + 1) for m in steps]
    inside = [t for t in ticks if low / 1.0001 <= t <= high * 1.0001]
    if len(inside) >= 2:
        below = [t for t in ticks if t < low]
        above = [t for t in ticks if t > high]
        return ([below[-1]] if below else []) + inside + ([above[0]] if above else [])
    return [10.0**lo, 10.0**hi]


def tick_text(value: float) -> str:
    return number(value)


def wants_log(values: Sequence[float]) -> bool:
    """A log axis when every value is positive and they span more than 30x."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return bool(finite) and min(finite) > 0 and max(finite) / min(finite) > 30


def render(chart: Chart) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(chart.x_labels)
    values = [v for line in chart.lines for v in line.values if v is not None]
    for line in chart.lines:
        if line.band is not None:
            values += [*line.band[0], *line.band[1]]
    values += [g for g, _ in chart.guides]
    values = [v for v in values if math.isfinite(v)]
    log = chart.log and bool(values) and min(values) > 0
    if not values:
        values = [0.0, 1.0]
    if log:
        ticks = log_ticks(min(values), max(values))
        lo, hi = math.log10(ticks[0]), math.log10(ticks[-1])
    else:
        low = min(0.0, min(values)) if min(values) >= 0 and min(values) < 0.25 * max(values) \
            else min(values)
        ticks = nice_ticks(low, max(values))
        lo, hi = ticks[0], ticks[-1]

    def y(value: float) -> float:
        v = math.log10(value) if log else value
        return TOP + plot_h * (1 - (v - lo) / ((hi - lo) or 1.0))

    def x(i: int) -> float:
        return LEFT + plot_w * (i / max(n - 1, 1))

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
           f'height="{HEIGHT}" role="img" aria-label="{escape(chart.title)}">',
           f"<title>{escape(chart.title)} ({escape(chart.unit)})</title>",
           f'<text x="{LEFT}" y="16" class="ct">{escape(chart.title)}</text>',
           f'<text x="{WIDTH - RIGHT}" y="16" class="cu" text-anchor="end">'
           f"{escape(chart.unit)}{' (log scale)' if log else ''}</text>"]
    for t in ticks:
        ty = y(t)
        out.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
                   'class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" class="tick">'
                   f"{tick_text(t)}</text>")
    every = max(1, math.ceil(n / 8))
    for i in range(0, n, every):
        out.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" '
                   f'class="tick">{escape(chart.x_labels[i])}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
               f'y2="{TOP + plot_h}" class="axis"/>')
    for value, label in chart.guides:
        gy = y(value)
        out.append(f'<line x1="{LEFT}" y1="{gy:.1f}" x2="{WIDTH - RIGHT}" y2="{gy:.1f}" '
                   'class="guide"/>')
        out.append(f'<text x="{LEFT + 4}" y="{gy - 4:.1f}" class="tick">{escape(label)}</text>')
    for line in chart.lines:
        if line.band is not None:
            low_pts = [(x(i), y(v)) for i, v in enumerate(line.band[0]) if _ok(v, log)]
            high_pts = [(x(i), y(v)) for i, v in enumerate(line.band[1]) if _ok(v, log)]
            if low_pts and high_pts:
                pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in high_pts + low_pts[::-1])
                out.append(f'<polygon points="{pts}" fill="{line.colour}" '
                           'fill-opacity="0.15" stroke="none"/>')
        for segment in _segments(line.values, log):
            pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in segment)
            dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
            out.append(f'<polyline points="{pts}" fill="none" stroke="{line.colour}" '
                       f'stroke-width="2"{dash}/>')
    # Legend under the axis labels, laid out left to right by the labels' estimated width
    # and wrapped onto a second row when it runs out of room.
    positions = []
    lx, row = float(LEFT), 0
    for line in chart.lines:
        width = 30 + CHAR_WIDTH * len(line.label)
        if lx + width > WIDTH - RIGHT and lx > LEFT:
            lx, row = float(LEFT), row + 1
        positions.append((lx, row))
        lx += width
    rows = positions[-1][1] if positions else 0
    for line, (lx, row) in zip(chart.lines, positions, strict=True):
        ly = HEIGHT - 18 + 14 * (row - rows)
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        out.append(f'<line x1="{lx:.1f}" y1="{ly - 4}" x2="{lx + 18:.1f}" y2="{ly - 4}" '
                   f'stroke="{line.colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{lx + 22:.1f}" y="{ly}" class="leg">{escape(line.label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _ok(v: float | None, log: bool) -> bool:
    return v is not None and math.isfinite(v) and (v > 0 or not log)


def _segments(values: Sequence[float | None], log: bool) -> list[list[tuple[int, float]]]:
    segments: list[list[tuple[int, float]]] = [[]]
    for i, v in enumerate(values):
        if _ok(v, log):
            assert v is not None
            segments[-1].append((i, v))
        elif segments[-1]:
            segments.append([])
    return [s for s in segments if s]


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """A text sparkline for the Markdown variant."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return ""
    lo, hi = min(finite), max(finite)
    out = []
    for v in values:
        if v is None or not math.isfinite(v):
            out.append(" ")
        else:
            k = 0 if hi == lo else round((v - lo) / (hi - lo) * (len(SPARKS) - 1))
            out.append(SPARKS[k])
    return "".join(out)
