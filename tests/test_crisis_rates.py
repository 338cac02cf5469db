"""Crisis rates over many seeds (issue 13's first "done when"): both sides escalating
everything end most games in a crisis, balanced against balanced rarely meets one, two
hawks in strait-crisis often but not always, and escalating is a gamble that can pay or
lose the game. README quotes the same measurement (scripts/measure_crisis.py)."""

from __future__ import annotations

import pytest

from game.analysis.balance.crisis_rates import PAIRINGS, CrisisRates, crisis_rates
from game.analysis.balance.players import Forced
from game.engine.rng import derive_seeds
from game.model import load_scenario

SEEDS = derive_seeds(13, 200)


def rates(scenario: str, label: str) -> CrisisRates:
    us, china = PAIRINGS[label]
    return crisis_rates(load_scenario(scenario), us, china, SEEDS)


def test_escalating_everything_ends_most_games_in_a_crisis() -> None:
    r = rates("baseline-2025", "escalating everything")
    assert r.any >= 0.9
    assert r.ending >= 0.5


def test_balanced_against_balanced_rarely_meets_a_crisis() -> None:
    r = rates("baseline-2025", "balanced v balanced")
    assert 0.01 <= r.any <= 0.15  # REFERENCE: a few percent (1-15%)
    assert r.ending <= 0.05


def test_two_hawks_in_strait_crisis_often_but_not_always_end_in_a_crisis() -> None:
    r = rates("strait-crisis", "hawk v hawk")
    assert 0.25 <= r.ending <= 0.85
    calm = rates("strait-crisis", "balanced v balanced")
    assert r.ending > calm.ending + 0.15


@pytest.mark.parametrize("lever,setting", [("equipment_controls", 3), ("export_controls", 4)])
def test_escalation_is_a_gamble(lever: str, setting: int) -> None:
    """Holding a US control at the top against the balanced bot risks crises (China
    answers, tension climbs past the onset) and can lose the game as well as win it."""
    scenario = load_scenario("baseline-2025")
    calm = crisis_rates(scenario, "bot:balanced", "bot:balanced", SEEDS)
    pushed = crisis_rates(scenario, Forced("bot:balanced", lever, setting), "bot:balanced",
                          SEEDS)
    assert pushed.any >= calm.any + 0.2
    assert pushed.ending >= calm.ending + 0.03
    assert pushed.china_win >= 0.15  # it can lose the game
    assert pushed.us_win >= 0.15  # and it can pay
