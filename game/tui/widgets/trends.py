"""Small trends for narrow terminals: one labelled bar line per series, a bar a quarter,
every series of a chart on one common scale (two lines each stretched to its own range
would draw a small side's growth as tall as a large side's)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from game.present.numbers import number
from game.tui.present import Series
from game.tui.widgets.chart import SIDE_COLOUR

BARS = "▁▂▃▄▅▆▇█"


def trend_label(series: Series) -> str:
    """The series' name and its latest value, in the one number format of every screen."""
    return f"{series.label} {number(float(series.y[-1]))}"


def bars(values: Sequence[float], low: float, high: float, width: int) -> str:
    """A bar per quarter on the scale `low`..`high` shared by the chart's series, each as
    wide as `width` allows (the latest quarters when more were played than fit)."""
    shown = [float(v) for v in values][-width:] if width > 0 else []
    span = high - low
    top = len(BARS) - 1
    each = max(1, width // len(shown)) if shown else 1
    return "".join(BARS[top if span <= 0 else min(top, max(0, round((v - low) / span * top)))]
                   * each for v in shown)


class TrendBars(Static):
    """A series' bars, redrawn to the width it gets."""

    DEFAULT_CSS = "TrendBars { width: 1fr; height: 1; }"

    def __init__(self) -> None:
        super().__init__()
        self.values: list[float] = []
        self.low = self.high = 0.0
        self.colour = ""

    def show(self, values: Sequence[float], low: float, high: float, colour: str) -> None:
        self.values, self.low, self.high, self.colour = [float(v) for v in values], low, \
            high, colour
        self.refresh()

    def render(self) -> Text:
        return Text(bars(self.values, self.low, self.high, self.size.width), style=self.colour)


class TrendLines(Vertical):
    DEFAULT_CSS = """
    TrendLines { height: auto; }
    TrendLines Horizontal { height: 1; }
    TrendLines .trend-label { width: 24; }
    TrendLines #trend-title { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="trend-title")
        for k in range(2):
            with Horizontal(id=f"trend-{k}"):
                yield Label("", classes="trend-label")
                yield TrendBars()

    def show(self, title: str, series: list[Series]) -> None:
        series = [s for s in series if not s.guide]  # a flat level says nothing this small
        scale = "one scale" if len(series) > 1 else ""
        self.query_one("#trend-title", Label).update(
            f"{title}  ({', '.join(filter(None, (scale, 'm: change')))})")
        low = min((float(s.y.min()) for s in series), default=0.0)
        high = max((float(s.y.max()) for s in series), default=0.0)
        for k in range(2):
            row = self.query_one(f"#trend-{k}", Horizontal)
            row.display = k < len(series)
            if k < len(series):
                s = series[k]
                row.query_one(Label).update(trend_label(s))
                row.query_one(TrendBars).show(s.y.tolist(), low, high,
                                              SIDE_COLOUR.get(s.side, ""))
