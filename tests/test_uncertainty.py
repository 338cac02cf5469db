"""Uncertainty: each game draws its world from sourced ranges, as a pure function of its
seed; a scenario can narrow or fix any quantity; the draws reach the rules and the log."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine import uncertainty
from game.engine.rng import derive_seeds
from game.engine.step import step
from game.engine.uncertainty import DEFAULT_RANGES, UNCERTAIN_NAMES, Uncertainty
from game.model import load_scenario, opening_state, rules_for
from tests.helpers import CHINA_POLICY, US_POLICY, orders

SEEDS = derive_seeds(11, 2000)


def test_every_quantity_has_a_sourced_range():
    assert set(DEFAULT_RANGES) == set(UNCERTAIN_NAMES)
    for name, r in DEFAULT_RANGES.items():
        assert 0 < r.low < 1 < r.high, name
        assert len(r.source) > 20, name


def test_draws_stay_in_range_spread_over_it_and_depend_only_on_the_seed():
    u = Uncertainty.default()
    f = uncertainty.factors(SEEDS, u)
    assert f.shape == (len(SEEDS), len(UNCERTAIN_NAMES))
    assert np.all(f >= u.low) and np.all(f <= u.high)
    # Log-uniform: the median sits at the geometric middle of the range.
    np.testing.assert_allclose(np.median(f, axis=0), np.sqrt(u.low * u.high), rtol=0.05)
    # Game i of a batch is the single game with seed i.
    np.testing.assert_array_equal(uncertainty.factors(SEEDS[5:6], u), f[5:6])


def test_a_scenario_can_fix_or_narrow_a_quantity(tmp_path: Path):
    path = tmp_path / "fixed.toml"
    path.write_text('''name = "fixed"
extends = "baseline-2025"
title = "t"
description = "t"
[briefing]
us = "u"
china = "c"
[uncertainty]
elasticity = "fixed"
blockade_duration = { low = 1.0, high = 1.5, source = "a narrower guess" }
''', encoding="utf-8")
    u = rules_for(load_scenario(path)).uncertainty
    f = uncertainty.factors(SEEDS[:200], u)
    k = UNCERTAIN_NAMES.index
    assert np.all(f[:, k("elasticity")] == 1.0)
    assert f[:, k("blockade_duration")].min() >= 1.0
    assert f[:, k("blockade_duration")].max() <= 1.5
    assert f[:, k("constraint_bonus")].std() > 0  # the rest keep the default ranges


def test_the_drawn_world_reaches_the_rules_and_the_log():
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    state = opening_state(scenario, SEEDS[:8], rules)
    _, log = step(state, orders(8, policy=US_POLICY), orders(8, policy=CHINA_POLICY), rules, 0)
    assert log.drawn is not None
    f = uncertainty.factors(SEEDS[:8], rules.uncertainty)
    np.testing.assert_array_equal(log.drawn, f)
    p = uncertainty.drawn_params(rules.params, f)
    np.testing.assert_allclose(p.elasticity[:, 0],
                               rules.params.elasticity[0] * f[:, UNCERTAIN_NAMES.index(
                                   "elasticity")])
    # Only China's yields are uncertain; no ceiling passes 1.
    np.testing.assert_array_equal(p.yield_ceiling[:, 0], np.broadcast_to(
        rules.params.yield_ceiling[0], (8, 4)))
    assert np.all(p.yield_ceiling <= 1.0)


def test_a_blockade_is_as_hard_and_as_long_as_the_world_drawn():
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    k = list(rules.deck.ids).index("taiwan-blockade")
    f = uncertainty.factors(SEEDS[:400], rules.uncertainty)
    duration = uncertainty.scaled_duration(rules.deck.duration, f)[:, k]
    base = int(rules.deck.duration[k])
    assert duration.min() >= 1 and duration.min() < base < duration.max()
    state = opening_state(scenario, SEEDS[:400], rules)
    state = state.evolve(event_left=np.where(np.arange(rules.deck.size) == k, 1, 0)[None, :]
                         .repeat(400, axis=0))
    from game.engine.events import effective_params

    output = effective_params(state, rules.params, rules.deck, f).taiwan_output[:, 0]
    lost = 1.0 - output
    severity = f[:, UNCERTAIN_NAMES.index("blockade_severity")]
    np.testing.assert_allclose(lost, (1.0 - 0.15) * severity)
    assert lost.std() > 0.02


@pytest.mark.parametrize("name", ["tutorial"])
def test_the_tutorial_plays_in_one_world(name):
    u = rules_for(load_scenario(name)).uncertainty
    assert np.all(uncertainty.factors(SEEDS[:50], u) == 1.0)
