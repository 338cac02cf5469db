"""What each side believed of the other, beside the truth: the views its screen showed
(`Game.view_at`, under the rules in force then) and the figures the record kept."""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.types import SIDES
from game.model.views import SideView
from game.present.figures import figure
from game.present.numbers import signed, with_unit
from game.present.words import other_side
from game.session import Game


@dataclass(frozen=True)
class Belief:
    name: str
    label: str
    unit: str  # as on screen (market share in %)
    believed: float
    low: float
    high: float
    confidence: str
    true: float

    @property
    def inside(self) -> bool:
        return self.low - 1e-12 <= self.true <= self.high + 1e-12

    def cells(self) -> tuple[str, str, str, str, str, str, bool]:
        """Figure, believed, range shown, confidence, true, error, and whether the truth
        fell outside the range the side was shown. Values read as on screen."""
        f = figure(self.name)
        exact = self.confidence == "exact"
        span = (f"{f.number(self.low, like=self.believed)} to "
                f"{f.number(self.high, like=self.believed)}")
        shown = "exact (public)" if exact else with_unit(span, f.unit_for(self.believed))
        if self.name == "capability":
            error = signed(self.believed - self.true)
        elif self.true > 0:
            error = signed(100 * (self.believed / self.true - 1), "%")
        else:
            error = "n/a"
        return (self.label, f.text(self.believed), shown, self.confidence,
                f.text(self.true), error, not exact and not self.inside)

    @property
    def error(self) -> float:
        """Comparable size of the misjudgement: log ratio, or the log10 gap for capability."""
        if self.name == "capability":
            return self.believed - self.true
        if self.true <= 0 or self.believed <= 0:
            return 0.0
        return math.log(self.believed / self.true)


@dataclass(frozen=True)
class Misjudgement:
    side: str
    turn: int
    date: str
    belief: Belief


@dataclass(frozen=True)
class BeliefTrack:
    """What `side` believed of the other's compute over time, against the truth."""

    side: str
    believed: list[float]
    low: list[float]
    high: list[float]
    true: list[float]


def side_views(game: Game) -> dict[str, list[SideView]]:
    """Each side's view at the opening and after every turn: what its screen showed,
    under the rules in force then."""
    return {side: [game.view_at(k, side) for k in range(game.turn + 1)] for side in SIDES}


def beliefs_of(view: SideView, truth: dict[str, dict[str, float]]) -> list[Belief]:
    other = other_side(view.side)
    return [Belief(name, figure(name).label, figure(name).unit, e.value, e.low, e.high,
                   e.confidence, truth[other][name]) for name, e in view.other.items()]


def _frames(game: Game) -> list[dict[str, dict[str, float]]]:
    return [game.figures(-1)] + [game.figures(r.turn) for r in game.history]


def worst_misjudgement(game: Game, side: str, views: list[SideView]) -> Misjudgement:
    worst: Misjudgement | None = None
    for k, (view, truth) in enumerate(zip(views, _frames(game), strict=True)):
        for b in beliefs_of(view, truth):
            if b.confidence == "exact":
                continue
            if worst is None or abs(b.error) > abs(worst.belief.error):
                date = "the start" if k == 0 else game.date_of(k - 1)
                worst = Misjudgement(side, k - 1, date, b)
    assert worst is not None
    return worst


def belief_track(game: Game, side: str, views: list[SideView]) -> BeliefTrack:
    other = other_side(side)
    est = [v.other["compute"] for v in views]
    return BeliefTrack(side, [e.value for e in est], [e.low for e in est],
                       [e.high for e in est], [f[other]["compute"] for f in _frames(game)])


def intel_share(game: Game) -> dict[str, float]:
    return {side: sum(r.orders[side].allocation.intel for r in game.history)
            / len(game.history) for side in SIDES}


def misjudgement_text(m: Misjudgement) -> str:
    """`after 2026Q1: compute in service believed 1.20 M H100e, true 2.40 M H100e`."""
    f = figure(m.belief.name)
    when = "at the start" if m.turn < 0 else f"after {m.date}"
    return (f"{when}: {f.words} believed {f.text(m.belief.believed)}, true "
            f"{f.text(m.belief.true)} (confidence {m.belief.confidence})")

