"""The debrief's charts as data (svg.Chart), for one game or several overlaid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from game.engine.types import SIDES
from game.present.figures import figure
from game.present.numbers import price_scale, price_unit
from game.report.facts import (
    CHARTS,
    LOG_CHARTS,
    SIDE_NAMES,
    BeliefTrack,
    Debrief,
)
from game.report.svg import DASHES, PALETTE, Chart, Line, wants_log

SIDE_COLOUR = {"us": PALETTE[0], "china": PALETTE[1]}


def unit_of(metric: str) -> str:
    return figure(metric).unit


def in_shown_unit(chart: Chart) -> Chart:
    """A price chart quoted per the token count its smallest price needs, so neither the
    axis nor a table of its values shows a string of zeros."""
    values = [v for ln in chart.lines for v in ln.values if v is not None and v > 0]
    if chart.unit != figure("price").unit or not values:
        return chart
    multiplier, short = price_scale(min(values))
    if multiplier == 1.0:
        return chart
    lines = [replace(ln, values=[None if v is None else v * multiplier for v in ln.values])
             for ln in chart.lines]
    return replace(chart, unit=price_unit(short), lines=lines)


def game_charts(d: Debrief) -> list[Chart]:
    """One chart per CHARTS entry, both sides on each (tension: one line and the crisis
    threshold)."""
    charts = []
    for metric, title in CHARTS:
        if metric == "tension":
            lines = [Line("tension", d.series["tension"]["both"], PALETTE[6])]
            guides = [(d.crisis_threshold, f"crisis at {d.crisis_threshold:.0f}")]
        else:
            lines = [Line(SIDE_NAMES[side], d.series[metric][side], SIDE_COLOUR[side],
                          DASHES[k]) for k, side in enumerate(SIDES)]
            guides = []
        log = metric in LOG_CHARTS and wants_log([v for ln in lines for v in ln.values
                                                  if v is not None])
        charts.append(in_shown_unit(Chart(title, unit_of(metric), d.dates, lines, log,
                                          guides)))
    return charts


def belief_chart(d: Debrief, track: BeliefTrack) -> Chart:
    side = track.side
    other = SIDES[1 - SIDES.index(side)]
    colour = SIDE_COLOUR[side]
    return Chart(
        f"{SIDE_NAMES[side]}'s estimate of {SIDE_NAMES[other]}'s compute vs the truth",
        "M H100e", d.dates,
        [Line("believed (shaded: range shown)", track.believed, colour, "6 3",
              band=(track.low, track.high)),
         Line("true", track.true, SIDE_COLOUR[other])],
        log=wants_log(track.true + track.believed))


def overlay_charts(debriefs: Sequence[Debrief], labels: Sequence[str],
                   dates: Sequence[str], offsets: Sequence[int]) -> list[Chart]:
    """The same charts with one line per game, per side. `dates` is the common x axis;
    game k's series start at position offsets[k]."""
    charts = []
    n = len(dates)

    def placed(values: Sequence[float], offset: int) -> list[float | None]:
        out: list[float | None] = [None] * n
        for j, v in enumerate(values):
            if 0 <= offset + j < n:
                out[offset + j] = v
        return out

    for metric, title in CHARTS:
        groups = [("both", title)] if metric == "tension" else [
            (side, f"{title}: {SIDE_NAMES[side]}") for side in SIDES]
        for side, chart_title in groups:
            lines = [Line(labels[k], placed(d.series[metric][side], offsets[k]),
                          PALETTE[k % len(PALETTE)],
                          DASHES[k % len(DASHES)])
                     for k, d in enumerate(debriefs)]
            guides = ([(debriefs[0].crisis_threshold,
                        f"crisis at {debriefs[0].crisis_threshold:.0f}")]
                      if metric == "tension" else [])
            values = [v for ln in lines for v in ln.values if v is not None]
            charts.append(in_shown_unit(Chart(chart_title, unit_of(metric), dates, lines,
                                              metric in LOG_CHARTS and wants_log(values),
                                              guides)))
    return charts
