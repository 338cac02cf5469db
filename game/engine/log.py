"""TurnLog: what happened in a turn and why, for the UI's turn report and the debrief.

`contributions[figure][cause]` are arrays (B, 2) (or (B,) for tension) that add up exactly
to the change of `figure` over the turn: a report can say "compute +0.42M H100e: +0.61 new
chips, -0.19 retired" and the numbers are the model's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.types import BoolArray, FloatArray, IntArray

# The figures whose change is explained cause by cause.
EXPLAINED_FIGURES: tuple[str, ...] = (
    "compute", "inventory", "power_gw", "dc_gw", "budget", "algo_eff", "tension",
)


@dataclass(frozen=True, slots=True)
class ScoreTerms:
    """Each side's five score terms after the turn (rules.SCORE_TERMS order), all (B, 2, 5),
    from the side's own point of view. `points` add up, with 50, to the side's points for
    this quarter; the score is their mean over the quarters so far, later quarters
    weighing more (score.py): `game_points`."""

    raw: FloatArray  # the term's value (log10 FLOP lead, shares, stability by blame)
    par: FloatArray  # what the side is measured against this turn
    gain: FloatArray  # tanh((raw - par) / scale), in [-1, 1]
    weight: FloatArray  # the term's share of the side's victory weights (a side's sum to 1)
    points: FloatArray  # 50 x gain x weight: points above (or below) 50 from this term
    # The term's points over the whole game so far (quarters weighted, score.py): with 50
    # they add up to the score unless a crisis or a sudden-death rule overrode it.
    game_points: FloatArray | None = None


@dataclass(slots=True)
class TurnLog:
    turn: int
    contributions: dict[str, dict[str, FloatArray]] = field(default_factory=dict)
    flows: dict[str, FloatArray] = field(default_factory=dict)  # (B, 2) quantities this turn
    events_fired: BoolArray | None = None  # (B, E)
    crisis: BoolArray | None = None  # (B,) the game ended this turn in a crisis
    # --- the outcome facts, so no layer above re-derives a rule -------------------------
    # (B, E) why each card fired: an index into events.EVENT_SOURCES, -1 where it did not.
    event_source: IntArray | None = None
    # (B, E) cards active this turn: their state effects were applied at its start.
    events_active: BoolArray | None = None
    terms: ScoreTerms | None = None
    blamed: IntArray | None = None  # (B,) the side blamed for this turn's crisis, -1 none
    # (B,) the index in VictoryRules.sudden_death of the rule that ended the game this
    # turn, -1 none.
    sudden_death: IntArray | None = None
    # (B, 2) chips wait in inventory after deployment: an index into
    # deployment.SHORT_OF (what ran out first), -1 where nothing waits.
    stranded_cause: IntArray | None = None
    # (B, 2) compute counts as stranded: waiting chips above deployment.STRANDED_SHARE of
    # the compute in service.
    stranded: BoolArray | None = None
    # (B,) the crisis that broke out this turn: an index into crisis.CRISIS_NAMES (0 none;
    # a milder grade only where it fired a card of the deck).
    crisis_grade: IntArray | None = None
    # (B, K) the factors each game's world was drawn with (uncertainty.UNCERTAIN_NAMES).
    drawn: FloatArray | None = None

    def quiet_finished(self, finished: BoolArray) -> None:
        """Games that were over before the turn did not move (the state is frozen), so
        their flows and contributions are zero: the log must not report chips deployed
        or money spent in a game that has ended."""
        if not finished.any():
            return
        keep = ~finished

        def masked(amount: FloatArray) -> FloatArray:
            if amount.ndim == 0 or amount.shape[0] != keep.shape[0]:
                return amount
            return amount * keep.reshape((-1,) + (1,) * (amount.ndim - 1))

        self.flows = {name: masked(a) for name, a in self.flows.items()}
        self.contributions = {figure: {cause: masked(a) for cause, a in causes.items()}
                              for figure, causes in self.contributions.items()}

    def add(self, figure: str, cause: str, amount: FloatArray) -> None:
        causes = self.contributions.setdefault(figure, {})
        if cause in causes:
            causes[cause] = causes[cause] + amount
        else:
            causes[cause] = amount
