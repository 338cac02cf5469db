"""Tables of figures: a side's own (exact, with the change this turn) and the other side's
estimates (with the range the fog allows)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.tui.present import SHORT_LABELS, EstimateRow, FigureRow


class FiguresPanel(Static):
    """A side's own figures."""

    def show(self, title: str, rows: list[FigureRow], compact: bool = False) -> None:
        """`compact`: short labels and no unit column, for 80-column terminals."""
        table = Table(title=title, title_justify="left", title_style="bold", box=None,
                      expand=True, padding=(0, 1), show_header=True, header_style="dim")
        table.add_column("figure", no_wrap=True, ratio=3)
        table.add_column("now", justify="right", no_wrap=True, ratio=2)
        table.add_column("change", justify="right", no_wrap=True, ratio=2)
        if not compact:
            table.add_column("unit", no_wrap=True, ratio=2, style="dim")
        for row in rows:
            label = SHORT_LABELS[row.name] if compact else row.label
            cells: list[RenderableType] = [label, Text(row.value, style="bold"), row.change]
            table.add_row(*cells, *([] if compact else [row.unit]))
        self.update(table)


class EstimatesPanel(Static):
    """The other side's figures as estimates: value and likely range."""

    def show(self, title: str, rows: list[EstimateRow], compact: bool = False) -> None:
        table = Table(title=title, title_justify="left", title_style="bold", box=None,
                      expand=True, padding=(0, 1), show_header=True, header_style="dim")
        table.add_column("figure", no_wrap=True, ratio=3 if compact else 4)
        table.add_column("est." if compact else "estimate", justify="right", no_wrap=True,
                         ratio=2)
        table.add_column("range", justify="right", no_wrap=True, ratio=4 if compact else 3)
        if not compact:
            # A fixed width: with ratios, Rich cut "fair" to "fa…" at 120 columns.
            table.add_column("conf", no_wrap=True, width=4, style="dim")
        for row in rows:
            span = "exact" if row.confidence == "exact" else f"{row.low}–{row.high}"
            conf = "" if row.confidence == "exact" else row.confidence
            label = SHORT_LABELS[row.name] if compact else row.label
            cells: list[RenderableType] = [
                label, Text(f"~{row.value}" if conf else row.value, style="bold"), span]
            table.add_row(*cells, *([] if compact else [conf]))
        self.update(table)
