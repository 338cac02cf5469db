"""The advisor panel: a forecast of the orders on screen (`Game.forecast`: percentiles of
key figures some quarters ahead from many batched futures). The orders screen asks for a
new forecast whenever the orders change."""

from __future__ import annotations

from textual.widgets import Static

from game.analysis.forecast import Forecast

LABELS = {"compute": "compute M H100e", "capability": "capability", "market_share":
          "market share %", "tension": "tension", "score": "score"}


def format_forecast(result: Forecast) -> str:
    """The advisor's percentiles: a line per figure per horizon, median (p10-p90)."""
    lines = []
    for h in result.horizons:
        lines.append(f"in {h.quarters} quarters: crisis in {h.crisis:.0%} of futures")
        for name, band in h.figures.items():
            scale = 100.0 if name == "market_share" else 1.0
            lines.append(f"  {LABELS.get(name, name):<16} {band.p50 * scale:8.3g}  "
                         f"({band.p10 * scale:.3g}–{band.p90 * scale:.3g})")
    return "\n".join(lines)


class AdvisorPanel(Static):
    def on_mount(self) -> None:
        self.update("[b]Advisor forecast[/b]\n[dim]computing…[/dim]")

    def show_result(self, text: str) -> None:
        self.update(f"[b]Advisor forecast[/b] (these orders, then your side's bot; median "
                    f"and p10–p90)\n{text}")
