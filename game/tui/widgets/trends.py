"""Small trends for narrow terminals: one labelled Sparkline per series."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

from game.present.numbers import number
from game.tui.present import Series


def trend_label(series: Series) -> str:
    """The series' name and its latest value, in the one number format of every screen."""
    return f"{series.label} {number(float(series.y[-1]))}"


class TrendLines(Vertical):
    DEFAULT_CSS = """
    TrendLines { height: auto; }
    TrendLines Horizontal { height: 1; }
    TrendLines .trend-label { width: 24; }
    TrendLines Sparkline { width: 1fr; height: 1; }
    TrendLines #trend-title { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="trend-title")
        for k in range(2):
            with Horizontal(id=f"trend-{k}"):
                yield Label("", classes="trend-label")
                yield Sparkline([], summary_function=max)

    def show(self, title: str, series: list[Series]) -> None:
        self.query_one("#trend-title", Label).update(f"{title}  (m: change)")
        for k in range(2):
            row = self.query_one(f"#trend-{k}", Horizontal)
            row.display = k < len(series)
            if k < len(series):
                s = series[k]
                row.query_one(Label).update(trend_label(s))
                row.query_one(Sparkline).data = [float(v) for v in s.y]
