"""Every lever matters: each order and policy moves the game the way it says, over a
batch of seeds. A lever with no visible effect is a bug."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.engine.rules import EventDeck
from game.engine.step import step
from game.engine.uncertainty import Uncertainty
from tests.helpers import CHINA_POLICY, DEFAULT_ALLOCATION, US_POLICY, orders

SEEDS = list(range(16))
TURNS = 8


@pytest.fixture(scope="module")
def quiet(rules):
    """The baseline's rules without its random event deck, in the scenario's central
    world: levers compared on equal terms (events and the drawn worlds are tested on their
    own; the blockade test forces its card)."""
    return replace(rules, deck=EventDeck.empty(), injects={}, uncertainty=Uncertainty.none())


def run(rules, opening, us=None, china=None, turns=TURNS, forced=None):
    """us/china: dicts of orders() keyword arguments. forced: {turn: (event ids)}."""
    state = opening(SEEDS)
    b = state.batch
    us_o = orders(b, **({"policy": US_POLICY} | (us or {})))
    china_o = orders(b, **({"policy": CHINA_POLICY} | (china or {})))
    logs = []
    for t in range(turns):
        ids = (forced or {}).get(t, ())
        state, log = step(state, us_o, china_o, rules, t,
                          tuple(rules.deck.ids.index(i) for i in ids))
        logs.append(log)
    return state, logs


def total(logs, flow, side):
    return sum(log.flows[flow][:, side] for log in logs)


def test_power_and_datacenter_spending_reduce_stranded_compute(quiet, opening):
    lean = (0.8, 0.02, 0.05, 0.03, 0.08, 0.02)
    built = (0.5, 0.02, 0.25, 0.13, 0.08, 0.02)
    s_lean, _ = run(quiet, opening, us={"allocation": lean}, turns=10)
    s_built, _ = run(quiet, opening, us={"allocation": built}, turns=10)
    assert np.all(s_built.inventory[:, 0] < s_lean.inventory[:, 0])


def test_export_controls_cut_imports_slow_compute_and_spur_efficiency(quiet, opening):
    open_us = {"policy": (0, 1, 0, 1, 0)}
    tight_us = {"policy": (4, 1, 0, 1, 0)}
    s_open, l_open = run(quiet, opening, us=open_us)
    s_tight, l_tight = run(quiet, opening, us=tight_us)
    assert np.all(total(l_tight, "chips_imported", 1) < total(l_open, "chips_imported", 1))
    assert np.all(s_tight.compute[:, 1] < s_open.compute[:, 1])
    # Constraint-driven innovation: the starved side's efficiency grows faster.
    assert np.all(s_tight.algo_eff[:, 1] > s_open.algo_eff[:, 1])


def test_enforcement_makes_smuggling_pay_less(quiet, opening):
    china = {"policy": (0, 0, 3, 1, 0)}
    lax, l_lax = run(quiet, opening, us={"policy": (3, 1, 0, 0, 0)}, china=china)
    strict, l_strict = run(quiet, opening, us={"policy": (3, 1, 0, 3, 0)}, china=china)
    assert np.all(total(l_strict, "chips_smuggled", 1) < total(l_lax, "chips_smuggled", 1))


def test_equipment_controls_slow_chinas_yield(quiet, opening):
    loose, _ = run(quiet, opening, us={"policy": (2, 0, 0, 1, 0)})
    tight, _ = run(quiet, opening, us={"policy": (2, 3, 0, 1, 0)})
    assert np.all(tight.fab_yield[:, 1] < loose.fab_yield[:, 1])
    assert np.all(tight.hw_eff[:, 1] < loose.hw_eff[:, 1])


def test_domestic_build_costs_now_and_shields_against_a_taiwan_crisis(rules, opening):
    fab_heavy = (0.4, 0.25, 0.18, 0.07, 0.08, 0.02)
    offshore = {"policy": (2, 1, 0, 1, 0), "allocation": fab_heavy}
    onshore = {"policy": (2, 1, 100, 1, 0), "allocation": fab_heavy}
    s_off, l_off = run(rules, opening, us=offshore, turns=2)
    s_on, l_on = run(rules, opening, us=onshore, turns=2)
    # Now: the same money builds less (data centers and fabs cost more onshore).
    assert np.all(l_on[0].flows["dc_started_gw"][:, 0] < l_off[0].flows["dc_started_gw"][:, 0])
    # Later: a blockade cuts Taiwan; the onshore bloc loses less output.
    blockade = {12: ("taiwan-blockade",)}
    s_off, l_off = run(rules, opening, us=offshore, turns=16, forced=blockade)
    s_on, l_on = run(rules, opening, us=onshore, turns=16, forced=blockade)
    loss_off = l_off[12].flows["chips_produced"][:, 0] - l_off[13].flows["chips_produced"][:, 0]
    loss_on = l_on[12].flows["chips_produced"][:, 0] - l_on[13].flows["chips_produced"][:, 0]
    assert np.all(loss_on < loss_off)


def test_localization_raises_domestic_demand_and_costs_compute_at_first(quiet, opening):
    free, l_free = run(quiet, opening, us={"policy": (2, 1, 0, 1, 0)},
                       china={"policy": (0, 0, 0, 1, 0)}, turns=3)
    local, l_local = run(quiet, opening, us={"policy": (2, 1, 0, 1, 0)},
                         china={"policy": (80, 0, 0, 1, 0)}, turns=3)
    dom_free = total(l_free, "chips_domestic", 1)
    dom_local = total(l_local, "chips_domestic", 1)
    assert np.all(dom_local >= dom_free)
    assert np.any(dom_local > dom_free)
    assert np.all(local.compute[:, 1] < free.compute[:, 1])


def test_mineral_controls_cut_us_output_and_raise_tension(quiet, opening):
    calm, l_calm = run(quiet, opening, china={"policy": (0, 0, 1, 1, 0)}, turns=4)
    hard, l_hard = run(quiet, opening, china={"policy": (0, 3, 1, 1, 0)}, turns=4)
    assert np.all(total(l_hard, "chips_produced", 0) < total(l_calm, "chips_produced", 0))
    assert np.all(hard.tension > calm.tension)


def test_open_weights_let_the_other_side_catch_up_and_shrink_margins(quiet, opening):
    # The US leads in efficiency (China does no research of its own); compare closed and
    # open US weights.
    us_research = (0.4, 0.02, 0.15, 0.08, 0.33, 0.02)
    china_idle = (0.6, 0.05, 0.2, 0.13, 0.0, 0.02)
    closed, _ = run(quiet, opening, us={"policy": (2, 1, 0, 1, 0), "allocation": us_research},
                    china={"policy": (0, 0, 1, 0, 0), "allocation": china_idle})
    opened, _ = run(quiet, opening, us={"policy": (2, 1, 0, 1, 1), "allocation": us_research},
                    china={"policy": (0, 0, 1, 0, 0), "allocation": china_idle})
    assert np.all(closed.algo_eff[:, 0] > closed.algo_eff[:, 1])
    assert np.all(opened.algo_eff[:, 1] > closed.algo_eff[:, 1])
    assert np.all(opened.price[:, 0] < closed.price[:, 0])  # thinner margins


def test_a_price_subsidy_buys_share_at_lower_revenue_per_token(quiet, opening):
    # A price war pays only with capacity to serve the buyers it wins: China serves with
    # most of its compute here (a capacity-bound side only loses revenue by cutting price).
    serving = {"policy": (0, 2, 2, 1, 0), "training": 0.1}
    base, _ = run(quiet, opening, china=serving, turns=4)
    war, _ = run(quiet, opening, china=serving | {"policy": (0, 2, 2, 1, 3)}, turns=4)
    assert np.all(war.market_share[:, 1] > base.market_share[:, 1])
    per_token_base = base.revenue[:, 1] / base.tokens[:, 1]
    per_token_war = war.revenue[:, 1] / war.tokens[:, 1]
    assert np.all(per_token_war < per_token_base)


def test_research_raises_efficiency_with_diminishing_returns(quiet, opening):
    def efficiency(share):
        rest = (1 - share) / 5
        alloc = (rest,) * 4 + (share,) + (rest,)
        state, _ = run(quiet, opening, us={"allocation": alloc}, turns=6)
        return np.median(state.algo_eff[:, 0])

    low, mid, high = efficiency(0.05), efficiency(0.2), efficiency(0.35)
    assert low < mid < high
    assert (high - mid) < (mid - low)


def test_training_share_raises_capability_and_lowers_revenue(quiet, opening):
    """Serving capacity binds only for a side that under-builds it: training nearly
    everything leaves too little to serve its market."""
    serve, _ = run(quiet, opening, us={"training": 0.3}, turns=6)
    train, _ = run(quiet, opening, us={"training": 0.9}, turns=6)
    assert np.all(train.capability[:, 0] > serve.capability[:, 0])
    assert np.all(train.revenue[:, 0] < serve.revenue[:, 0])


def test_intelligence_spending_sharpens_estimates(quiet, opening):
    from game.engine.observation import estimates, true_figures

    blind = (0.55, 0.05, 0.2, 0.1, 0.1, 0.0)
    spying = (0.45, 0.05, 0.2, 0.1, 0.1, 0.1)
    errors = {}
    for name, alloc in (("blind", blind), ("spying", spying)):
        state, _ = run(quiet, opening, us={"allocation": alloc}, turns=6)
        est, _ = estimates(state, quiet.params, 6)
        truth = true_figures(state)
        errors[name] = np.mean(np.abs(np.log(est[:, 0, 1] / truth[:, 1, 1])))  # US on China
    assert errors["spying"] < errors["blind"]


@pytest.mark.parametrize("allocation", [DEFAULT_ALLOCATION])
def test_default_orders_play_a_whole_game(quiet, opening, allocation):
    state, _ = run(quiet, opening, us={"allocation": allocation}, turns=24)
    assert np.all(np.isfinite(state.compute))
