"""The advisor panel: a forecast of the orders on screen, when `Game.forecast` exists.

ADVISOR PANEL: the analysis issue provides `Game.forecast(side, orders)` (percentiles of
key figures some quarters ahead from many batched futures). Until it lands this panel says
so; the orders screen asks for a new forecast whenever the orders change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from game.tui import hooks

LABELS = {"compute": "compute M H100e", "capability": "capability", "market_share":
          "market share %", "tension": "tension", "score": "score"}


def format_forecast(result: Any, indent: str = "") -> str:
    """The advisor's percentiles: a line per figure per horizon, median (p10-p90)."""
    horizons = getattr(result, "horizons", None)
    if horizons is None:
        return format_generic(result, indent)
    lines = []
    for h in horizons:
        lines.append(f"in {h.quarters} quarters: crisis in {h.crisis:.0%} of futures")
        for name, band in h.figures.items():
            scale = 100.0 if name == "market_share" else 1.0
            lines.append(f"  {LABELS.get(name, name):<16} {band.p50 * scale:8.3g}  "
                         f"({band.p10 * scale:.3g}–{band.p90 * scale:.3g})")
    return "\n".join(lines)


def format_generic(result: Any, indent: str = "") -> str:
    """Whatever shape the forecast has (mappings of percentiles, pydantic models), as
    indented lines with numbers to 3 significant digits."""
    if hasattr(result, "model_dump"):
        result = result.model_dump()
    if isinstance(result, dict):
        lines = []
        for key, value in result.items():
            if isinstance(value, dict) or hasattr(value, "model_dump"):
                lines.append(f"{indent}{key}:")
                lines.append(format_generic(value, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {format_generic(value)}")
        return "\n".join(lines)
    if isinstance(result, float):
        return f"{result:.3g}"
    if isinstance(result, list | tuple):
        return ", ".join(format_generic(v) for v in result)
    return str(result)


class AdvisorPanel(Static):
    def on_mount(self) -> None:
        self.update(self.unavailable_text() if not self.available() else
                    "[b]Advisor forecast[/b]\n[dim]computing…[/dim]")

    @staticmethod
    def unavailable_text() -> str:
        return ("[b]Advisor forecast[/b]\n[dim]Arrives with the analysis feature: "
                "Game.forecast is not in this build yet.[/dim]")

    def show_result(self, text: str) -> None:
        self.update(f"[b]Advisor forecast[/b] (these orders, then your side's bot; median "
                    f"and p10–p90)\n{text}")

    def available(self) -> bool:
        game = getattr(self.app, "game", None)
        return game is not None and hooks.can_forecast(game)
