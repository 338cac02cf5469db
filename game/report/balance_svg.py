"""The balance report's two charts as inline SVG (no script, no external file): the win
matrix as a heatmap and the levers' effects as bars with their intervals."""

from __future__ import annotations

from typing import Any

from game.report import balance_view as v
from game.report.html import esc
from game.report.svg import PALETTE

US_COLOUR, CHINA_COLOUR = PALETTE[0], PALETTE[1]
CELL_W, CELL_H, LABEL_W, HEAD_H = 118, 40, 96, 34
VERDICT_COLOUR = {True: PALETTE[2], False: PALETTE[1], None: "#999999"}


def _mix(colour: str, weight: float) -> str:
    """`colour` blended with white: weight 0 is white, 1 the colour itself."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    blend = [round(255 + (c - 255) * weight) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in blend)


def heatmap(audit: dict[str, Any]) -> str:
    """US bots down, China bots across; blue where the US bloc wins more, orange where
    China does, white at even; each cell says both win rates."""
    us, china = v.bots_of(audit, "us"), v.bots_of(audit, "china")
    width, height = LABEL_W + CELL_W * len(china), HEAD_H + CELL_H * len(us)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Win matrix: US bots '
             'down, China bots across" font-family="sans-serif" font-size="11">',
             '<text x="4" y="14" font-weight="bold">US \\ China</text>']
    for j, name in enumerate(china):
        parts.append(f'<text x="{LABEL_W + CELL_W * j + CELL_W / 2}" y="24" '
                     f'text-anchor="middle">{esc(name)}</text>')
    for i, name in enumerate(us):
        y = HEAD_H + CELL_H * i
        parts.append(f'<text x="4" y="{y + CELL_H / 2 + 4}">{esc(name)}</text>')
        for j, other in enumerate(china):
            c = v.cell(audit, name, other)
            lead = c["us_win"] - c["china_win"]
            fill = _mix(US_COLOUR if lead >= 0 else CHINA_COLOUR, abs(lead) * 0.85)
            x = LABEL_W + CELL_W * j
            ink = "#ffffff" if abs(lead) > 0.6 else "#000000"
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                         f'fill="{fill}"><title>{esc(name)} vs {esc(other)}: US '
                         f'{v.pct(c["us_win"])}, China {v.pct(c["china_win"])}, draws '
                         f'{v.pct(c["draw"])}, crisis {v.pct(c["crisis"])}</title></rect>')
            parts.append(f'<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" fill="{ink}" '
                         f'text-anchor="middle">US {v.pct(c["us_win"])} · CN '
                         f'{v.pct(c["china_win"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def lever_chart(audit: dict[str, Any]) -> str:
    """One bar per lever: the change in the pulling side's score at its highest setting
    (against the unforced game), with the 95% interval; green when the lever's documented
    effects all show, orange when not, grey when nothing is documented."""
    entries = v.levers(audit)
    values = []
    for e in entries:
        est = e["rows"][-1]["effects"][f"{e['side']}.score"]
        values.append((est["value"], est["low"], est["high"]))
    span = max([abs(x) for triple in values for x in triple] + [1.0])
    bar_h, label_w, plot_w = 16, 250, 360
    height = 30 + bar_h * len(entries)
    mid = label_w + plot_w / 2
    scale = plot_w / 2 / span
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_w + plot_w + 20} '
             f'{height}" width="{label_w + plot_w + 20}" height="{height}" role="img" '
             'aria-label="Lever effects on the pulling side\'s score" '
             'font-family="sans-serif" font-size="11">',
             f'<text x="{mid}" y="12" text-anchor="middle">change in own score at the '
             f'highest setting (points; axis ±{span:.1f})</text>',
             f'<line x1="{mid}" y1="18" x2="{mid}" y2="{height}" stroke="#000"/>']
    for k, (e, (value, low, high)) in enumerate(zip(entries, values, strict=True)):
        y = 22 + bar_h * k
        x0, x1 = sorted((mid, mid + value * scale))
        parts.append(f'<text x="{label_w - 6}" y="{y + 11}" text-anchor="end">'
                     f'{esc(v.SIDE[e["side"]])}: {esc(e["lever"])}</text>')
        parts.append(f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 0.5):.1f}" '
                     f'height="{bar_h - 5}" fill="{VERDICT_COLOUR[e["ok"]]}"><title>'
                     f'{esc(e["lever"])}: {value:+.2f} points ({low:+.2f} to {high:+.2f}), '
                     f'{esc(v.verdict(e["ok"]))}</title></rect>')
        parts.append(f'<line x1="{mid + low * scale:.1f}" y1="{y + bar_h / 2}" '
                     f'x2="{mid + high * scale:.1f}" y2="{y + bar_h / 2}" stroke="#000"/>')
    parts.append("</svg>")
    return "".join(parts)
