"""Fog of war: estimates sharpen with intelligence spending, what a side's screen shows is
what its bot decides on, and no bot reads what its side cannot see."""

from __future__ import annotations

import numpy as np
import pytest

import game.bots  # noqa: F401  (registers every bot)
from game.bots.base import REGISTRY, make_bot
from game.bots.observation import observe
from game.engine import events
from game.engine.observation import OBSERVED, estimates, true_figures
from game.engine.orders import SideOrders
from game.engine.state import STATE_FIELDS, WorldState
from game.engine.step import step
from game.engine.types import CHINA, US
from game.model.views import ESTIMATED
from game.session import Game
from tests.helpers import CHINA_POLICY, orders

SEEDS = np.arange(1, 257, dtype=np.uint64)
NOISY = [k for k, name in enumerate(OBSERVED) if name not in ("market_share", "revenue",
                                                              "capability")]


def _with_intel(batch: int, share: float, policy=(2, 1, 0, 1, 0)) -> SideOrders:
    """Default orders with `share` of the budget on intelligence, taken from chips."""
    base = np.array([0.5, 0.05, 0.2, 0.1, 0.12, 0.03])
    base[0] += base[5] - share
    base[5] = share
    return orders(batch, allocation=tuple(base), policy=policy)


def _estimate_error(rules, opening, us_intel: float, turns: int = 6) -> float:
    """Mean |log(estimate / truth)| of the US's estimates of China over many seeds."""
    state = opening(SEEDS)
    us = _with_intel(len(SEEDS), us_intel)
    china = orders(len(SEEDS), policy=CHINA_POLICY)
    for t in range(turns):
        state, _ = step(state, us, china, rules, t)
    p = events.effective_params(state, rules.params, rules.deck)
    est, _ = estimates(state, p, turns)
    truth = true_figures(state)[:, CHINA, :]
    seen = truth[:, NOISY] > 0  # an empty stock (no stranded chips) has nothing to hide
    ratio = est[:, US, NOISY][seen] / truth[:, NOISY][seen]
    return float(np.mean(np.abs(np.log(ratio))))


def test_estimate_error_shrinks_with_intelligence_spending(rules, opening):
    errors = [_estimate_error(rules, opening, share) for share in (0.0, 0.03, 0.10, 0.25)]
    assert all(a > b for a, b in zip(errors, errors[1:], strict=False)), errors
    # Not a rounding effect: a quarter of the budget on intelligence at least halves it.
    assert errors[-1] < 0.5 * errors[0], errors


def test_estimates_are_noisy_but_unbiased_in_the_middle(rules, opening):
    """The fog hides the truth (no estimate equals it) without a systematic lean."""
    state = opening(SEEDS)
    p = events.effective_params(state, rules.params, rules.deck)
    est, sigma = estimates(state, p, 0)
    truth = true_figures(state)[:, CHINA, :]
    seen = truth[:, NOISY] > 0
    log_ratio = np.log(est[:, US, NOISY][seen] / truth[:, NOISY][seen])
    assert np.all(np.abs(log_ratio) > 0)
    assert abs(float(np.median(log_ratio))) < 0.5 * float(sigma[:, US].mean())


def test_the_screen_shows_what_the_bot_decides_on(baseline):
    """A side's view (what the UI shows) and its bot's observation carry the same estimates."""
    game = Game.new(baseline, seed=11)
    game.play_out(3)
    for side, i in (("us", US), ("china", CHINA)):
        view = game.view(side)
        obs = observe(game.state, game.rules, game.turn, game.turns, i)
        for name, observed in ESTIMATED.items():
            assert view.other[name].value == pytest.approx(obs.theirs(observed), rel=1e-12)


# --- bots never read the truth -------------------------------------------------------

# Every field of the state, by what the other side's column is to an observer. Written out
# here rather than taken from the code under test, and checked to cover the whole state,
# so a new field must be placed before the tests below pass.
_SHARED = ("seed", "demand_trend", "price_index", "tension", "last_escalator", "over",
           "event_left", "event_fired")  # no side axis: the world's, or public
_PUBLIC = ("policy", "market_share", "revenue", "score", "score_anchor", "frontier_price",
           "token_share", "home_share", "world_share", "escalation", "blame",
           "points_sum")  # blame follows from the public moves, scores are announced
_ESTIMATED = ("budget", "compute", "inventory", "power_gw", "dc_gw", "power_used_gw",
              "algo_eff", "hw_eff", "capability", "fab_yield")
_TOTAL_ESTIMATED = ("dc_pipe", "power_pipe")  # the total is estimated, the timing hidden
_US_ONLY = ("fab_taiwan", "taiwan_pipe")  # hidden from China
# The rest: fab capacity and its pipeline, the budget's base and income, intelligence
# effort, chip energy and serving efficiency, export-grade chips' serving extra, tokens
# served and the price they sold at.
_HIDDEN_PER_SIDE = tuple(name for name in STATE_FIELDS if name not in (
    *_SHARED, *_PUBLIC, *_ESTIMATED, *_TOTAL_ESTIMATED, *_US_ONLY))


def _hidden_fields(observer: int) -> tuple[str, ...]:
    """The other side's fields the perturbation must change."""
    return (*_HIDDEN_PER_SIDE, *_TOTAL_ESTIMATED, *(_US_ONLY if observer == CHINA else ()))


def perturb_hidden(state: WorldState, observer: int) -> WorldState:
    """The same position with every hidden field of the other side changed, large (a bot
    invariant to the truth is invariant to any size) and from zero (a secret build-out
    where none was expected)."""
    other = 1 - observer
    changes = {}
    for name in _HIDDEN_PER_SIDE:
        arr = np.array(getattr(state, name), copy=True)
        arr[:, other] = arr[:, other] * 3.0 + 0.5
        changes[name] = arr
    for name in _TOTAL_ESTIMATED:  # swap the first two slots: same total, bit for bit
        pipe = np.array(getattr(state, name), copy=True)
        pipe[:, other, [0, 1]] = pipe[:, other, [1, 0]]
        changes[name] = pipe
    if other == US:
        for name in _US_ONLY:
            changes[name] = getattr(state, name) * 3.0 + 0.5
    perturbed = state.evolve(**changes)
    for name in _TOTAL_ESTIMATED:
        assert np.array_equal(getattr(perturbed, name).sum(axis=-1),
                              getattr(state, name).sum(axis=-1))
    return perturbed


@pytest.fixture(scope="module")
def midgame(baseline):
    """A batch of positions a few quarters in, with events and pipelines under way."""
    from game.analysis.batch import run_batch

    result = run_batch(baseline, np.arange(100, 108, dtype=np.uint64), turns=5)
    # A side with power to spare builds none (China, early): give every power pipeline
    # some projects, uneven over the quarters, so each one has timing to hide.
    pipe = result.final.power_pipe
    return result.final.evolve(power_pipe=pipe + 0.05 * np.arange(1, pipe.shape[-1] + 1))


def _observations(rules, opening, state: WorldState, observer: int):
    """The observer's view of `state` and of the same state with the hidden truth changed;
    the observations themselves are blind to it."""
    start = opening()  # the scenario's opening position: public
    obs = observe(state, rules, 5, 24, observer, opening=start)
    seen = observe(perturb_hidden(state, observer), rules, 5, 24, observer, opening=start)
    np.testing.assert_array_equal(obs.own, seen.own)
    np.testing.assert_array_equal(obs.other, seen.other)
    return obs, seen


def _hidden_state_leaks(spec: str, rules, opening, state: WorldState, observer: int) -> bool:
    bot = make_bot(spec)
    obs, seen = _observations(rules, opening, state, observer)
    a, b = bot.decide(obs), bot.decide(seen)
    return not (np.array_equal(a.allocation, b.allocation)
                and np.array_equal(a.training_share, b.training_share)
                and np.array_equal(a.policy, b.policy))


# Every bot at its normal level, and the levels' own machinery (noise at easy, the
# lookahead refinement at hard) on the balanced bot.
BOT_SPECS = [*sorted(REGISTRY), "balanced:easy", "balanced:hard"]


@pytest.mark.parametrize("observer", [US, CHINA], ids=["us", "china"])
@pytest.mark.parametrize("spec", BOT_SPECS)
def test_bots_decide_without_the_hidden_truth(spec, observer, rules, opening, midgame):
    assert not _hidden_state_leaks(spec, rules, opening, midgame, observer)


@pytest.mark.parametrize("observer", [US, CHINA], ids=["us", "china"])
def test_the_belief_is_blind_to_the_hidden_truth(observer, rules, opening, midgame):
    """The world a side simulates (lookahead, hard level, advisor) is the same, to the
    last bit, whatever the other side hides: stronger than equal orders, which a coarse
    choice among plans could give by chance."""
    obs, seen = _observations(rules, opening, midgame, observer)
    believed, believed_seen = obs.belief(), seen.belief()
    for name in STATE_FIELDS:
        np.testing.assert_array_equal(getattr(believed, name), getattr(believed_seen, name),
                                      err_msg=name)
    # Not blind by being empty: the own side is exact, the hidden stocks are there.
    np.testing.assert_array_equal(believed.fab_home[:, observer], midgame.fab_home[:, observer])
    assert np.all(believed.fab_home[:, 1 - observer] > 0)
    assert np.all(believed.budget_base[:, 1 - observer] > 0)


def test_every_field_of_the_state_is_placed():
    placed = [*_SHARED, *_PUBLIC, *_ESTIMATED, *_TOTAL_ESTIMATED, *_US_ONLY, *_HIDDEN_PER_SIDE]
    assert sorted(placed) == sorted(STATE_FIELDS)
    # What is estimated is what the observation carries (market share and revenue are in
    # it too, exact: they are public).
    assert set(_ESTIMATED) | {"market_share", "revenue"} == set(OBSERVED) & set(STATE_FIELDS)


@pytest.mark.parametrize("observer", [US, CHINA], ids=["us", "china"])
def test_the_perturbation_changes_every_hidden_field(midgame, observer):
    """Guard for the tests above: they would catch a bot reading any of these fields."""
    perturbed = perturb_hidden(midgame, observer)
    other = 1 - observer
    assert {"fab_home", "fab_pipe", "budget_base", "intel", "energy_eff", "serving_eff",
            "tokens", "price"} <= set(_HIDDEN_PER_SIDE)
    for name in _hidden_fields(observer):
        before, after = getattr(midgame, name), getattr(perturbed, name)
        if name not in _US_ONLY:
            before, after = before[:, other], after[:, other]
        changed = before != after
        if changed.ndim > 1:  # pipelines: some slot
            changed = changed.any(axis=-1)
        assert changed.all(), name  # in every game
        if name in _TOTAL_ESTIMATED:
            np.testing.assert_array_equal(before.sum(axis=-1), after.sum(axis=-1))


def test_the_other_sides_pending_orders_do_not_reach_the_bot(baseline):
    """Hot-seat or bot: China's orders submitted first never shape the US bot's orders."""
    quiet = Game.new(baseline, seed=5)
    quiet.play_out(2)
    told = Game.new(baseline, seed=5)
    told.play_out(2)
    loud = told.orders_for("china").model_copy(update={
        "policies": told.orders_for("china").policies.model_copy(
            update={"mineral_controls": 3, "smuggling": 3})})
    told.submit("china", loud)
    assert told.orders_for("us") == quiet.orders_for("us")
