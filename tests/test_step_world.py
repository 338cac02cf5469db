"""engine/step.py draws a batch's world once and reuses it while the same seed array and
rules come back: the reuse must never hand one batch another's world."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.engine import uncertainty
from game.engine.rng import derive_seeds
from game.engine.step import step
from game.engine.uncertainty import Uncertainty
from game.model import load_scenario, opening_state, rules_for
from tests.helpers import CHINA_POLICY, US_POLICY, orders


def _drawn(state, rules):  # type: ignore[no-untyped-def]
    n = state.batch
    _, log = step(state, orders(n, policy=US_POLICY), orders(n, policy=CHINA_POLICY), rules, 0)
    assert log.drawn is not None
    return log.drawn


def test_each_batch_and_rules_get_their_own_world() -> None:
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    a = opening_state(scenario, derive_seeds(1, 4), rules)
    b = opening_state(scenario, derive_seeds(2, 4), rules)
    for state in (a, b, a, a, b):  # alternate, and repeat, batches
        np.testing.assert_array_equal(_drawn(state, rules),
                                      uncertainty.factors(state.seed, rules.uncertainty))
    # Equal seeds in a new array: the same world, drawn afresh.
    again = a.evolve(seed=a.seed.copy())
    np.testing.assert_array_equal(_drawn(again, rules), _drawn(a, rules))
    # Other rules (here: no uncertainty) with the very same seed array: their own world.
    fixed = replace(rules, uncertainty=Uncertainty.none())
    assert np.all(_drawn(a, fixed) == 1.0)
    assert not np.all(_drawn(a, rules) == 1.0)
