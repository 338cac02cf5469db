"""Bots: every bot plays every shipped scenario legally, deterministically, in character."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.analysis.batch import run_batch
from game.bots import LEVELS, REGISTRY, Bot, make_bot
from game.bots.balanced import BASE_ALLOCATION
from game.bots.lookahead import Lookahead, Search, rollout_seeds
from game.bots.observation import FIGURE, observe
from game.bots.players import BotPlayer
from game.cli import main
from game.engine.observation import INTEL_DECAY, estimates
from game.engine.orders import (
    A_FABS,
    A_INTEL,
    MAX_ARRAY,
    P_CN_OPEN,
    P_ENFORCEMENT,
    P_EQUIPMENT,
    P_EXPORT,
    P_MINERALS,
    SCALE_ARRAY,
    SideOrders,
)
from game.engine.rng import derive_seeds
from game.engine.state import PIPELINE_SLOTS, STATE_FIELDS
from game.engine.step import step
from game.engine.types import CHINA, US
from game.model.compile import opening_state, rules_for
from game.model.loader import load_scenario, shipped_names
from game.model.orders import orders_from_arrays

PERSONALITIES = ("balanced", "hawk", "builder", "efficiency")
# The lookahead searches a smaller tree in the legality tests: the same code, cheaper.
SMALL_SEARCH = Search(tweaks=(0, 1, 2, 3), rollouts=4, horizon=3)


def _bot(name: str, level: str = "normal"):
    if name == "lookahead":
        return Lookahead(level, SMALL_SEARCH)
    return make_bot(f"{name}:{level}")


def check_orders(orders: SideOrders, side: int, batch: int) -> None:
    assert orders.allocation.shape == (batch, 6)
    assert orders.training_share.shape == (batch,)
    assert orders.policy.shape == (batch, 5)
    for arr in (orders.allocation, orders.training_share, orders.policy):
        assert np.all(np.isfinite(arr))
    assert np.all(orders.allocation >= 0)
    np.testing.assert_allclose(orders.allocation.sum(axis=1), 1.0, atol=1e-9)
    assert np.all((orders.training_share >= 0) & (orders.training_share <= 1))
    assert np.all((orders.policy >= 0) & (orders.policy <= MAX_ARRAY[side]))
    levels = orders.policy[:, SCALE_ARRAY[side] == 1]
    np.testing.assert_array_equal(levels, np.round(levels))  # integer policies stay whole


def play(scenario_name: str, us, china, seeds: np.ndarray, turns: int | None = None):
    """Play a batch to the end, checking every order given; returns (orders per turn,
    state)."""
    scenario = load_scenario(scenario_name)
    rules = rules_for(scenario)
    turns = scenario.clock.turns if turns is None else turns
    state = opening_state(scenario, seeds, rules)
    opening = state
    history = []
    for turn in range(turns):
        given = []
        for side, bot in ((US, us), (CHINA, china)):
            # What reaches the engine and the record: the bot's orders as its player
            # passes them on, through the engine's sanitizer (bots do not clamp).
            orders = BotPlayer(bot).orders(
                observe(state, rules, turn, turns, side, opening=opening))
            check_orders(orders, side, len(seeds))
            orders_from_arrays(("us", "china")[side], orders)  # the pydantic model accepts it
            given.append(orders)
        history.append(given)
        state, _ = step(state, given[0], given[1], rules, turn)
    return history, state


def test_at_least_four_bots_per_side_are_listed(capsys):
    assert main(["bots", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    names = {b["name"] for b in listed}
    assert {*PERSONALITIES, "lookahead"} <= names
    assert all(b["description"] and b["levels"] == list(LEVELS) for b in listed)
    assert main(["bots"]) == 0
    assert "bot:hawk" in capsys.readouterr().out


@pytest.mark.parametrize("scenario", shipped_names())
@pytest.mark.parametrize("name", [*PERSONALITIES, "lookahead"])
def test_every_bot_plays_every_scenario_to_the_end(scenario, name):
    seeds = derive_seeds(3, 4 if name == "lookahead" else 32)
    for level in LEVELS if name != "lookahead" else ("normal",):
        if level == "hard" and name != "lookahead":
            seeds = seeds[:3]  # hard simulates futures: fewer games
        bot = _bot(name, level)
        # Both sides at once: it plays the US against balanced and China against itself.
        _, state = play(scenario, bot, _bot(name if level != "hard" else "balanced"), seeds)
        assert np.all(np.isfinite(state.score))


def test_lookahead_at_every_level_gives_legal_orders():
    for level in LEVELS:
        history, state = play("baseline-2025", make_bot(f"lookahead:{level}"),
                              make_bot("balanced"), derive_seeds(9, 1), turns=2)
        assert len(history) == 2
        for given in history:
            check_orders(given[US], US, 1)  # the lookahead's own orders, each turn
        assert np.all(np.isfinite(state.score))


@pytest.mark.parametrize("name", [*PERSONALITIES, "lookahead"])
def test_bots_are_deterministic_per_seed_and_batch_independent(name):
    level = "easy"  # the noisiest level: its draws must come from the seed too
    seeds = derive_seeds(21, 3)
    first, _ = play("baseline-2025", _bot(name, level), _bot(name, level), seeds, turns=4)
    again, _ = play("baseline-2025", _bot(name, level), _bot(name, level), seeds, turns=4)
    alone, _ = play("baseline-2025", _bot(name, level), _bot(name, level), seeds[1:2], turns=4)
    for a, b, c in zip(first, again, alone, strict=True):
        for side in (0, 1):
            np.testing.assert_array_equal(a[side].allocation, b[side].allocation)
            np.testing.assert_array_equal(a[side].policy, b[side].policy)
            np.testing.assert_allclose(a[side].allocation[1:2], c[side].allocation, rtol=1e-9)
            np.testing.assert_allclose(a[side].policy[1:2], c[side].policy)


def _series(us: str, china: str, n: int = 40, seed: int = 5):
    return run_batch(load_scenario("baseline-2025"), derive_seeds(seed, n), us, china)


def _played(us: str, china: str, n: int = 24):
    """Orders and logs of a batch, turn by turn."""
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    state = opening_state(scenario, derive_seeds(8, n), rules)
    bots = (make_bot(us), make_bot(china))
    policies, spends, states = [], [], []
    for turn in range(scenario.clock.turns):
        given = [bots[s].decide(observe(state, rules, turn, scenario.clock.turns, s))
                 for s in (US, CHINA)]
        state, log = step(state, given[0], given[1], rules, turn)
        policies.append(state.policy)
        spends.append(log.flows["spend"])
        states.append(state)
    return np.stack(policies), np.stack(spends), state


def test_hawk_raises_controls_more_than_balanced():
    hawk, _, _ = _played("hawk", "hawk")
    calm, _, _ = _played("balanced", "balanced")
    us_controls = [P_EXPORT, P_EQUIPMENT, P_ENFORCEMENT]
    assert hawk[:, :, US, us_controls].mean() > calm[:, :, US, us_controls].mean() + 0.5
    # The hawk weighs crisis risk too: where two hawks push tension into the hazard it
    # steps its minerals back, so it holds them higher on average, not always at the top.
    assert hawk[:, :, CHINA, P_MINERALS].mean() > calm[:, :, CHINA, P_MINERALS].mean() + 0.2
    assert hawk[:, :, CHINA, P_CN_OPEN].mean() < calm[:, :, CHINA, P_CN_OPEN].mean()


def test_builder_spends_more_on_construction():
    _, built, _ = _played("builder", "builder")
    _, calm, _ = _played("balanced", "balanced")

    def construction_share(spend: np.ndarray) -> np.ndarray:  # fabs, data centers, power
        return spend[..., 1:4].sum(axis=-1).sum(axis=0) / spend.sum(axis=-1).sum(axis=0)

    assert np.all(construction_share(built).mean(axis=0) > construction_share(calm).mean(axis=0))
    # The US side: balanced China under export controls moves chip money into fabs too,
    # so pooling both sides would weigh how the economy splits budgets, not the bot.
    fab_share = built[:, :, US, 1].sum() / built[:, :, US].sum()
    assert fab_share > 2 * calm[:, :, US, 1].sum() / calm[:, :, US].sum()


def test_efficiency_researches_and_opens_its_weights():
    policies, spent, state = _played("efficiency", "efficiency")
    _, calm_spent, calm_state = _played("balanced", "balanced")
    research = spent[..., 4].sum() / spent.sum()
    assert research > 2 * calm_spent[..., 4].sum() / calm_spent.sum()
    assert np.all(policies[-1, :, US, 4] == 1)  # US open weights
    assert np.median(state.algo_eff[:, US]) > np.median(calm_state.algo_eff[:, US])
    # Never raises a control: export controls end no higher than they started.
    assert np.all(policies[:, :, US, P_EXPORT] <= policies[0, :, US, P_EXPORT])


def test_easy_plays_noisier_and_weaker_than_normal():
    normal = _series("bot:balanced", "bot:balanced", n=200)
    for side, players in ((US, ("bot:balanced:easy", "bot:balanced")),
                          (CHINA, ("bot:balanced", "bot:balanced:easy"))):
        easy = _series(*players, n=200)
        gap = easy.metrics["score"][-1, :, side] - normal.metrics["score"][-1, :, side]
        assert np.count_nonzero(gap) > 150  # its games go differently
        assert gap.mean() < 0  # and worse for it, on average, against the same opponent


def test_lookahead_beats_balanced_on_average():
    """Over 160 baseline games the lookahead bot, even with a small search, scores more
    for its side than the balanced bot does in its place (same seeds, same opponent)."""
    scenario = load_scenario("baseline-2025")
    seeds = derive_seeds(31, 160)
    base = run_batch(scenario, seeds, collect=False).final.score[:, US]
    from game.bots import players

    bot = Lookahead("normal", Search(tweaks=(0, 1, 2, 3), rollouts=4, horizon=4))
    original = players.make_player

    def with_lookahead(spec, side, scen):  # type: ignore[no-untyped-def]
        return BotPlayer(bot) if spec.name == "lookahead" else original(spec, side, scen)

    import game.analysis.batch as batch_module

    batch_module.make_player = with_lookahead  # type: ignore[assignment]
    try:
        played = run_batch(scenario, seeds, us="bot:lookahead", collect=False).final.score[:, US]
    finally:
        batch_module.make_player = original  # type: ignore[assignment]
    assert played.mean() > base.mean() + 0.5
    assert (played > base).mean() > 0.6


def test_belief_shows_estimates_of_the_other_side_not_the_truth():
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    start = opening_state(scenario, derive_seeds(4, 6), rules)
    state, _ = step(start, *(make_bot("balanced").decide(observe(start, rules, 0, 24, side))
                             for side in (US, CHINA)), rules, 0)
    est, _ = estimates(state, rules.params, 1)
    belief = observe(state, rules, 1, 24, US, opening=start).belief()
    whole = ("seed", "demand_trend", "price_index", "tension", "last_escalator", "over",
             "event_left",
             "event_fired", "fab_taiwan", "taiwan_pipe")  # shared, or the US bloc's own
    for name in STATE_FIELDS:  # own side (and what is shared): exact, every field
        mine, true = getattr(belief, name), getattr(state, name)
        if name not in whole:
            mine, true = mine[:, US], true[:, US]
        np.testing.assert_array_equal(mine, true, err_msg=name)
    np.testing.assert_allclose(belief.compute[:, CHINA], est[:, US, FIGURE["compute"]])
    assert not np.allclose(belief.compute[:, CHINA], state.compute[:, CHINA])
    np.testing.assert_allclose(belief.dc_pipe[:, CHINA].sum(axis=-1),
                               est[:, US, FIGURE["dc_pipeline_gw"]])
    # Public figures are the true ones.
    for name in ("policy", "market_share", "revenue", "score"):
        np.testing.assert_array_equal(getattr(belief, name), getattr(state, name))
    # China's view of the US: its own estimates, and the US bloc's Taiwan fabs by rule.
    cn = observe(state, rules, 1, 24, CHINA, opening=start).belief()
    assert cn.compute[:, US].tolist() == est[:, CHINA, FIGURE["compute"]].tolist()
    assert np.all(cn.fab_taiwan > 0)


def test_hidden_stocks_follow_the_public_schedule_and_the_assumed_history():
    """One quarter in, the other side's budget base is its opening budget grown on the
    public schedule; its fabs and intelligence are the opening's, advanced by one quarter
    of the balanced bot's spending of its opening budget."""
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    p = rules.params
    start = opening_state(scenario, derive_seeds(4, 3), rules)
    state, _ = step(start, *(make_bot("balanced").decide(observe(start, rules, 0, 24, side))
                             for side in (US, CHINA)), rules, 0)
    belief = observe(state, rules, 1, 24, US, opening=start).belief()
    china = scenario.start.china
    np.testing.assert_allclose(belief.budget_base[:, CHINA],
                               china.budget * (1 + p.budget_growth[CHINA]))
    np.testing.assert_allclose(belief.fab_home[:, CHINA], china.fab_home + china.fab_pipeline[0])
    # The opening's pipeline moved on a quarter, and one quarter's new fabs at the far end.
    fab_pipe = np.zeros((3, PIPELINE_SLOTS))
    fab_pipe[:, :len(china.fab_pipeline) - 1] = china.fab_pipeline[1:]
    unit_cost = p.fab_cost[CHINA] * p.equipment_fab_cost[CHINA][
        state.policy[:, US, P_EQUIPMENT].astype(int)]
    fab_pipe[:, int(p.fab_lead[CHINA]) - 1] += BASE_ALLOCATION[A_FABS] * china.budget / unit_cost
    np.testing.assert_allclose(belief.fab_pipe[:, CHINA], fab_pipe)
    np.testing.assert_allclose(belief.intel[:, CHINA],
                               china.intel * INTEL_DECAY + BASE_ALLOCATION[A_INTEL] * china.budget)
    # At the opening the belief needs no history: the other side's stocks are the
    # scenario's, and its energy and serving efficiency are the own side's (one rate).
    opening_belief = observe(start, rules, 0, 24, US, opening=start.take(0)).belief()
    for name in ("budget_base", "fab_home", "fab_pipe", "intel"):
        np.testing.assert_array_equal(getattr(opening_belief, name)[:, CHINA],
                                      getattr(start, name)[:, CHINA], err_msg=name)
    np.testing.assert_array_equal(belief.energy_eff[:, CHINA], state.energy_eff[:, US])


def test_belief_needs_the_opening_position():
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    state = opening_state(scenario, derive_seeds(4, 3), rules)
    with pytest.raises(ValueError, match="opening"):
        observe(state, rules, 0, 24, US).belief()
    with pytest.raises(ValueError, match="opening"):
        observe(state, rules, 0, 24, US, opening=state.take(np.arange(2))).belief()


def test_rollouts_never_use_the_games_own_seed():
    scenario = load_scenario("baseline-2025")
    rules = rules_for(scenario)
    state = opening_state(scenario, derive_seeds(4, 3), rules)
    obs = observe(state, rules, 0, 24, US)
    seeds = rollout_seeds(obs, 16)
    assert seeds.shape == (3, 16)
    assert not np.isin(seeds, state.seed).any()
    assert len(np.unique(seeds)) == seeds.size


def test_every_registered_bot_has_a_policy():
    for name, info in REGISTRY.items():
        bot = info.make("normal")
        assert bot.name == name
        assert type(bot).policy is not Bot.policy  # a personality of its own
