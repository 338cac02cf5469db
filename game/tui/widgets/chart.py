"""Line charts over time (textual-plot: it takes numpy arrays and draws in high resolution).

Each side has its own colour AND its own marker (■ US bloc, ▲ China), named in the legend
on the title line (a legend inside the plot covered the first quarters' data), so the chart
reads for colour-blind players and on monochrome terminals; estimates of the other side are
drawn in a finer (braille) line."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label
from textual_plot import AxisFormatter, HiResMode, PlotWidget

from game.tui.present import SIDE_MARK, Series

# Okabe-Ito blue and orange: distinguishable with the common colour-vision deficiencies.
SIDE_COLOUR: dict[str | None, str] = {"us": "#0072B2", "china": "#E69F00", None: "#999999"}


class QuarterAxis(AxisFormatter):
    """Ticks on quarter boundaries of decimal years, every one labelled as a quarter
    ("2026Q1", "2026Q3"), as the rest of the game names them."""

    def get_ticks(self, min_: float, max_: float, max_ticks: int = 8) -> list[float]:
        for quarters in (1, 2, 4, 8, 16, 40):
            step = quarters / 4
            first = math.ceil(min_ / step - 1e-9) * step
            ticks = list(np.arange(first, max_ + 1e-9, step))
            if len(ticks) <= max(max_ticks, 2):
                return [float(t) for t in ticks]
        return [min_, max_]

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        labels = []
        for t in ticks:
            index = round(t * 4)
            year, quarter = divmod(index, 4)
            labels.append(f"{year}Q{quarter + 1}")
        return labels


class Plot(PlotWidget, can_focus=False):
    """The plot never takes the keyboard: the screen's keys (r, m, ...) stay the game's."""


class TrendChart(Vertical):
    DEFAULT_CSS = """
    TrendChart { height: 1fr; }
    TrendChart > Label { width: 1fr; }
    TrendChart > Plot { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="chart-title")
        plot = Plot(allow_pan_and_zoom=False)
        plot.set_x_formatter(QuarterAxis())
        yield plot

    def show(self, title: str, series: list[Series], cycle: bool = True) -> None:
        """Draw `series` under `title`; `cycle`: say that m shows another chart."""
        heading = Text(title, style="bold")
        for s in series:  # the legend: each label starts with its side's mark
            heading.append(f"  {s.label}", style=f"not bold {SIDE_COLOUR[s.side]}")
        if cycle:
            heading.append("  (m: change chart)", style="not bold dim")
        self.query_one("#chart-title", Label).update(heading)
        plot = self.query_one(Plot)
        plot.clear()
        for s in series:
            colour = SIDE_COLOUR[s.side]
            if len(s.x) > 1:
                plot.plot(s.x, s.y, line_style=colour,
                          hires_mode=HiResMode.BRAILLE if s.estimated else HiResMode.HALFBLOCK)
            if s.guide:
                continue
            plot.scatter(s.x, s.y, marker=SIDE_MARK.get(s.side or "", "●"),
                         marker_style=colour)
        xs = np.concatenate([s.x for s in series]) if series else np.array([0.0])
        plot.set_xlimits(float(xs.min()) - 0.05, float(xs.max()) + 0.3)
        ys = np.concatenate([s.y for s in series]) if series else np.array([0.0])
        low, high = float(ys.min()), float(ys.max())
        pad = max((high - low) * 0.1, abs(high) * 0.02, 1e-6)
        plot.set_ylimits(low - pad, high + pad)
