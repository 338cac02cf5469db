"""The tension meter: a bar with the number and a word, so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.present.risk import CrisisRisk

WIDTH = 24


def tension_word(tension: float, crisis: float) -> str:
    ratio = tension / max(crisis, 1e-9)
    if ratio >= 0.85:
        return "on the brink"
    if ratio >= 0.6:
        return "dangerous"
    if ratio >= 0.35:
        return "tense"
    return "calm"


class TensionMeter(Static):
    def show(self, tension: float, risk: CrisisRisk) -> None:
        """The bar marks where the crisis risk starts (┊); the words give the engine's
        chance of a crisis this quarter at this tension."""
        filled = round(WIDTH * min(tension, 100.0) / 100.0)
        mark = min(WIDTH - 1, round(WIDTH * risk.onset / 100.0))
        word = tension_word(tension, risk.threshold)
        style = {"calm": "", "tense": "bold", "dangerous": "bold yellow",
                 "on the brink": "bold red"}[word]
        text = Text("Tension ")
        bar = "".join("█" if k < filled else ("┊" if k == mark else "░") for k in range(WIDTH))
        text.append(bar, style=style)
        text.append(f" {tension:4.1f}/100 {word}", style=style)
        text.append(f" · {risk.text}", style="dim" if risk.chance <= 0 else style)
        self.update(text)
