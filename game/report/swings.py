"""The largest turn-on-turn moves of the figures the engine explains cause by cause, read
from each turn's summary: the named causes add up to the change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.engine.log import EXPLAINED_FIGURES
from game.engine.types import SIDES
from game.present.figures import figure
from game.present.words import cause_words
from game.session import Game
from game.summary import TurnSummary

SWINGS_SHOWN = 8
TENSION_SWING = 20.0  # a tension move is measured against this many points
PER_FIGURE = 2  # variety: no more than this many swings per side and figure


@dataclass(frozen=True)
class Swing:
    turn: int
    date: str
    side: str | None  # None for tension (shared)
    figure: str  # METRICS name, or "tension"
    label: str
    unit: str
    before: float
    after: float
    causes: list[tuple[str, float]]  # (cause in words, amount), largest first

    @property
    def change(self) -> float:
        return self.after - self.before


def events_in_force(game: Game, s: TurnSummary) -> str:
    """The cards whose effects applied during the turn, by title."""
    titles = [game.event_card(card_id).title for card_id in s.active]
    return ", ".join(titles)


def cause_list(game: Game, s: TurnSummary, name: str,
               causes: Mapping[str, float]) -> list[tuple[str, float]]:
    """Each cause in words with its amount, largest first; "events" names the cards in
    force that turn."""
    out = []
    for cause, amount in causes.items():
        if abs(amount) <= 1e-12:
            continue
        words = cause_words(name, cause, amount)
        if cause == "events" and s.active:
            words = f"events in force ({events_in_force(game, s)})"
        out.append((words, amount))
    return sorted(out, key=lambda p: -abs(p[1]))


def _candidates(game: Game, s: TurnSummary) -> list[tuple[float, Swing]]:
    found = []
    for name in EXPLAINED_FIGURES:
        if name == "tension":
            before, after = s.tension_before, s.tension_after
            causes = cause_list(game, s, name, s.tension_causes)
            size = abs(after - before) / TENSION_SWING
            f = figure("tension")
            if causes and size >= 1e-6:
                found.append((size, Swing(s.turn, s.date, None, "tension", f.label, "points",
                                          before, after, causes)))
            continue
        f = figure(name)
        for side in SIDES:
            facts = s.sides[side]
            before, after = facts.before[f.key], facts.after[f.key]
            causes = cause_list(game, s, name, facts.causes.get(name, {}))
            # Stranded chips are measured against the fleet in service (a small stock
            # emptying is no swing), the rest against their own level.
            scale = facts.before["compute"] if f.key == "inventory" else abs(before)
            size = abs(after - before) / max(scale, 1e-9)
            if causes and size >= 1e-6:
                found.append((size, Swing(s.turn, s.date, side, f.key, f.label, f.unit,
                                          before, after, causes)))
    return found


def swings(game: Game, shown: int = SWINGS_SHOWN) -> list[Swing]:
    found = [c for k in range(game.turn) for c in _candidates(game, game.summary(k))]
    found.sort(key=lambda fs: -fs[0])
    chosen: list[Swing] = []
    per_figure: dict[tuple[str | None, str], int] = {}
    for _, swing in found:
        key = (swing.side, swing.figure)
        if per_figure.get(key, 0) >= PER_FIGURE:
            continue
        per_figure[key] = per_figure.get(key, 0) + 1
        chosen.append(swing)
        if len(chosen) >= shown:
            break
    return sorted(chosen, key=lambda s: (s.turn, s.side or "", s.figure))
