"""Engine properties over random valid order sequences (hypothesis): no NaN or infinity,
no negative stock, shares within [0, 1], spending within budget, chips conserved,
determinism and batch independence."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.orders import SideOrders
from game.engine.state import STATE_FIELDS, concat
from game.engine.step import step

TURNS = 6
TOL = 1e-9

allocation = st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6).filter(
    lambda xs: sum(xs) > 0.05)
us_policy = st.tuples(st.integers(0, 4), st.integers(0, 3), st.floats(0, 100),
                      st.integers(0, 3), st.integers(0, 1))
china_policy = st.tuples(st.floats(0, 100), st.integers(0, 3), st.integers(0, 3),
                         st.integers(0, 1), st.integers(0, 3))


def side_orders(draw, policy_strategy, batch):
    alloc = np.array([draw(allocation) for _ in range(batch)])
    alloc = alloc / alloc.sum(axis=1, keepdims=True)
    training = np.array([draw(st.floats(0.0, 1.0)) for _ in range(batch)])
    policy = np.array([draw(policy_strategy) for _ in range(batch)], dtype=float)
    return SideOrders(alloc, training, policy)


@st.composite
def order_sequences(draw, batch=2):
    return [(side_orders(draw, us_policy, batch), side_orders(draw, china_policy, batch))
            for _ in range(TURNS)]


NONNEGATIVE = ("budget", "budget_base", "fab_home", "fab_taiwan", "fab_pipe", "taiwan_pipe",
               "compute", "inventory", "power_used_gw", "dc_gw", "power_gw", "dc_pipe",
               "power_pipe", "intel", "revenue", "tokens", "price", "hw_eff", "algo_eff")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seq=order_sequences(), seed=st.integers(0, 2**32))
def test_invariants_hold_every_turn(baseline, rules, opening, seq, seed):
    state = opening([seed, seed + 1])
    for turn, (us, china) in enumerate(seq):
        before = state
        state, log = step(state, us, china, rules, turn)
        for name in STATE_FIELDS:
            value = getattr(state, name)
            if value.dtype.kind == "f":
                assert np.all(np.isfinite(value)), name
        for name in NONNEGATIVE:
            assert np.all(getattr(state, name) >= -TOL), name
        assert np.all((state.market_share >= 0) & (state.market_share <= 1))
        assert np.all((state.fab_yield >= 0) & (state.fab_yield <= 1))
        assert np.all((state.tension >= 0) & (state.tension <= 100))
        spend = log.flows["spend"]
        assert np.all(spend.sum(axis=2) <= before.budget * (1 + 1e-9) + TOL)
        assert np.all(log.flows["chips_bought"] >= -TOL)
        # Money spent on chips never exceeds the chip allocation (the rest carries over).
        assert np.all(log.flows["chips_spent"] <= spend[:, :, 0] * (1 + 1e-9) + TOL)
        assert np.all(log.flows["chips_spent"] >= -TOL)
        _assert_chips_conserved(before, state, log)


def _assert_chips_conserved(before, after, log):
    f = log.flows
    produced = f["chips_produced"]
    # Every chip produced is bought at home, sold abroad, smuggled or left unsold.
    accounted = f["chips_domestic"] + f["chips_exported"] + f["chips_leaked"] + f["chips_unsold"]
    np.testing.assert_allclose(produced, accounted, rtol=1e-9, atol=1e-12)
    assert np.all(f["chips_unsold"] >= -1e-9)
    # What China imports and smuggles is what the US bloc exports and leaks.
    np.testing.assert_allclose(f["chips_imported"][:, 1], f["chips_exported"][:, 0])
    np.testing.assert_allclose(f["chips_smuggled"][:, 1], f["chips_leaked"][:, 0])
    # Every chip bought is in service, waiting in inventory or retired.
    events = log.contributions.get("inventory", {}).get("events", 0.0)
    np.testing.assert_allclose(after.inventory,
                               before.inventory + f["chips_bought"] - f["deployed"] + events,
                               rtol=1e-9, atol=1e-12)
    events_c = log.contributions.get("compute", {}).get("events", 0.0)
    np.testing.assert_allclose(after.compute,
                               before.compute + f["deployed"] - f["retired"] + events_c,
                               rtol=1e-9, atol=1e-12)


def _pick(o: SideOrders, i: int) -> SideOrders:
    return SideOrders(o.allocation[i:i + 1], o.training_share[i:i + 1], o.policy[i:i + 1])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seq=order_sequences(batch=3), seed=st.integers(0, 2**32))
def test_game_i_of_a_batch_equals_the_single_game(baseline, rules, opening, seq, seed):
    seeds = [seed, seed + 7, seed + 13]
    batch = opening(seeds)
    singles = [opening([s]) for s in seeds]
    for turn, (us, china) in enumerate(seq):
        batch, _ = step(batch, us, china, rules, turn)
        for i in range(3):
            singles[i], _ = step(singles[i], _pick(us, i), _pick(china, i), rules, turn)
    joined = concat(singles)
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(batch, name), getattr(joined, name), err_msg=name)


@settings(max_examples=10, deadline=None)
@given(seq=order_sequences(batch=1), seed=st.integers(0, 2**32))
def test_the_same_inputs_give_the_same_game(baseline, rules, opening, seq, seed):
    runs = []
    for _ in range(2):
        state = opening([seed])
        for turn, (us, china) in enumerate(seq):
            state, _ = step(state, us, china, rules, turn)
        runs.append(state)
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(runs[0], name), getattr(runs[1], name))


def test_a_game_resumed_from_a_saved_record_continues_identically(baseline, tmp_path):
    """Resume from the file, not from the object in memory: the saved record is replayed
    into a new game whose state then steps on exactly like the uninterrupted one."""
    from game import Game

    straight = Game.new(baseline, seed=5)
    straight.play_out(8)
    first = Game.new(baseline, seed=5)
    first.play_out(4)
    path = first.save(tmp_path / "half.json")
    del first
    resumed = Game.load(path)
    assert resumed.turn == 4
    resumed.play_out(4)
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(resumed.state, name),
                                      getattr(straight.state, name))
    assert resumed.digests() == straight.digests()


def test_a_finished_game_stays_frozen(rules, opening):
    from tests.helpers import orders

    state = opening([3])
    state = state.evolve(over=np.array([True]))
    after, _ = step(state, orders(1), orders(1, policy=(0, 2, 2, 1, 0)), rules, 0)
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(after, name), getattr(state, name))
