"""Each phase on its own, on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import (
    budget,
    capability,
    construction,
    deployment,
    market,
    observation,
    procurement,
    production,
    research,
    score,
    tension,
    trade,
)
from game.engine.log import TurnLog
from game.engine.params import Params, params_from_mapping
from game.engine.state import PIPELINE_SLOTS


def with_params(rules, **values) -> Params:
    base = {name: getattr(rules.params, name) for name in rules.params.__dataclass_fields__}
    base.update({k: np.asarray(v, dtype=float) for k, v in values.items()})
    return params_from_mapping(base)


def spend_of(state, alloc):
    return state.budget[:, :, None] * np.asarray(alloc, dtype=float)[None, None, :]


# --- 1. orders and tension ------------------------------------------------------------

def test_raising_a_policy_adds_its_cost_and_blames_the_raiser(rules, opening):
    p = with_params(rules, tension_cost=[[6, 5, 3, 2, -3], [3, 7, 3, -3, 2]],
                    tension_standing=np.zeros((2, 5)), tension_base=50.0, tension_relax=0.0)
    s = opening([1]).evolve(tension=np.array([50.0]))
    new = s.policy.copy()
    new[0, 0, 0] += 2  # US export controls up two levels: +12
    new[0, 1, 1] -= 2  # China mineral controls down two levels: -0.5 * 14 = -7
    log = TurnLog(0)
    out = tension.apply_policies(s, new, p, log)
    assert out.tension[0] == pytest.approx(50 + 12 - 7)
    assert out.last_escalator[0] == 0
    assert log.contributions["tension"]["us moves"][0] == pytest.approx(12)
    assert log.contributions["tension"]["china moves"][0] == pytest.approx(-7)


def test_tension_relaxes_toward_what_policies_sustain(rules, opening):
    p = with_params(rules, tension_standing=np.zeros((2, 5)), tension_base=20.0,
                    tension_relax=0.25)
    s = opening([1]).evolve(tension=np.array([60.0]))
    out = tension.apply_policies(s, s.policy, p, TurnLog(0))
    assert out.tension[0] == pytest.approx(60 + 0.25 * (20 - 60))


# --- 2. construction ------------------------------------------------------------------

def test_spending_arrives_after_the_lead_time(rules, opening):
    p = with_params(rules, dc_lead=[3, 3], power_lead=[1, 1], dc_cost=[10, 5],
                    power_cost=[2, 1], onshore_premium=0.0)
    s = opening([1])
    s = s.evolve(budget=np.array([[100.0, 50.0]]), dc_pipe=np.zeros_like(s.dc_pipe),
                 power_pipe=np.zeros_like(s.power_pipe))
    alloc = [0, 0, 0.2, 0.1, 0, 0.7]  # $20B/$10B data centers, $10B/$5B power
    dc0, power0 = s.dc_gw.copy(), s.power_gw.copy()
    s1 = construction.build(s, spend_of(s, alloc), p, TurnLog(0))
    np.testing.assert_allclose(s1.dc_pipe[0, :, 2], [2.0, 2.0])  # 20/10, 10/5 GW in slot 2
    np.testing.assert_allclose(s1.power_pipe[0, :, 0], [5.0, 5.0])
    zero = spend_of(s, [0, 0, 0, 0, 0, 1])
    s2 = construction.build(s1, zero, p, TurnLog(1))
    np.testing.assert_allclose(s2.power_gw, power0 + 5.0)  # power lead 1: next turn
    np.testing.assert_allclose(s2.dc_gw, dc0)
    s3 = construction.build(construction.build(s2, zero, p, TurnLog(2)), zero, p, TurnLog(3))
    np.testing.assert_allclose(s3.dc_gw, dc0 + 2.0)  # dc lead 3: three turns later
    assert s1.dc_pipe.shape[-1] == PIPELINE_SLOTS


def test_domestic_build_raises_us_costs_and_sends_fabs_onshore(rules, opening):
    p = with_params(rules, onshore_premium=0.5, onshore_fab_share=0.1, fab_lead=[1, 1],
                    fab_cost=[20, 20], taiwan_fab_cost=10.0, dc_lead=[1, 1], dc_cost=[10, 10])
    s = opening([1]).evolve(budget=np.array([[100.0, 100.0]]))
    s = s.evolve(fab_pipe=np.zeros_like(s.fab_pipe), taiwan_pipe=np.zeros_like(s.taiwan_pipe),
                 dc_pipe=np.zeros_like(s.dc_pipe))
    alloc = [0, 0.2, 0.1, 0, 0, 0.7]
    policy = s.policy.copy()
    policy[0, 0, 2] = 100.0
    s_rule = s.evolve(policy=policy)
    free = construction.build(s, spend_of(s, alloc), p, TurnLog(0))
    ruled = construction.build(s_rule, spend_of(s, alloc), p, TurnLog(0))
    # No rule: 10% of $20B onshore at $20B/unit, 90% to Taiwan at $10B/unit.
    assert free.fab_pipe[0, 0, 0] == pytest.approx(20 * 0.1 / 20)
    assert free.taiwan_pipe[0, 0] == pytest.approx(20 * 0.9 / 10)
    # A 100% rule: all onshore at 1.5x cost; data centers 1.5x too.
    assert ruled.fab_pipe[0, 0, 0] == pytest.approx(20 / 30)
    assert ruled.taiwan_pipe[0, 0] == pytest.approx(0)
    assert ruled.dc_pipe[0, 0, 0] == pytest.approx(10 / 15)
    assert ruled.dc_pipe[0, 1, 0] == pytest.approx(free.dc_pipe[0, 1, 0])  # China unaffected


# --- 3. production --------------------------------------------------------------------

def test_output_is_capacity_times_yield_times_technology(rules, opening):
    p = with_params(rules, mineral_output=[1.0, 0.9, 0.8, 0.5], taiwan_output=0.5)
    s = opening([1])
    policy = s.policy.copy()
    policy[0, 1, 1] = 2  # China mineral controls level 2: US-bloc output x0.8
    s = s.evolve(policy=policy, fab_home=np.array([[1.0, 2.0]]), fab_taiwan=np.array([4.0]),
                 fab_yield=np.array([[0.9, 0.5]]), hw_eff=np.array([[2.0, 1.5]]))
    out, taiwan = production.produce(s, p, TurnLog(0))
    assert taiwan[0] == pytest.approx(4 * 0.9 * 2 * 0.5 * 0.8)
    assert out[0, 0] == pytest.approx(1 * 0.9 * 2 * 0.8 + taiwan[0])
    assert out[0, 1] == pytest.approx(2 * 0.5 * 1.5)


def test_yield_climbs_toward_the_ceiling_set_by_equipment_controls(rules, opening):
    p = with_params(rules, yield_ceiling=[[0.9] * 4, [0.8, 0.6, 0.5, 0.4]],
                    yield_learning=[0.1, 0.1], localization_learning=[0.0, 0.2])
    s = opening([1]).evolve(fab_yield=np.array([[0.9, 0.3]]))
    policy = s.policy.copy()
    policy[0, 0, 1] = 1  # equipment controls 1 -> China ceiling 0.6
    policy[0, 1, 0] = 50  # localization 50% -> learning 0.1 + 0.2 * 0.5 = 0.2
    out = production.advance_technology(s.evolve(policy=policy), p)
    assert out.fab_yield[0, 1] == pytest.approx(0.3 + 0.2 * (0.6 - 0.3))


# --- 4-5. trade and procurement -------------------------------------------------------

def test_export_controls_cap_legal_sales(rules, opening):
    p = with_params(rules, export_cap_share=[0.3, 0.2, 0.1, 0.01, 0.0],
                    export_value=[1, 0.8, 0.15, 0.15, 0.15],
                    export_unit_price=[1, 0.9, 0.5, 0.5, 0.5], import_premium=1.0)
    s = opening([1])
    for level, cap in enumerate([0.3, 0.2, 0.1, 0.01, 0.0]):
        policy = s.policy.copy()
        policy[0, 0, 0] = level
        terms = trade.terms(s.evolve(policy=policy), np.array([10.0]), p)
        assert terms.legal_cap[0] == pytest.approx(10 * cap)
    # Export-grade parts: half an H100's price, 0.15 of its training worth.
    assert terms.legal_price[0] == pytest.approx(terms.us_price[0] * 0.5)
    assert terms.train_worth[0] == pytest.approx(0.15)


def test_procurement_order_and_the_localization_mandate(rules, opening):
    p = with_params(rules, chip_cost=[10, 20], import_premium=1.0, smuggle_premium=2.0,
                    export_cap_share=[0.1] * 5, export_value=[1.0] * 5,
                    smuggle_volume=[0, 0.5, 0.5, 0.5], enforcement_mult=[1.0] * 4)
    s = opening([1]).evolve(hw_eff=np.ones((1, 2)), budget=np.array([[100.0, 100.0]]),
                            inventory=np.zeros((1, 2)))
    policy = s.policy.copy()
    policy[0, 0, 0] = 2  # exports allowed up to 10% of output
    policy[0, 1, 0] = 0  # no localization
    policy[0, 1, 2] = 1  # smuggling effort 1
    s = s.evolve(policy=policy)
    output = np.array([[20.0, 1.0]])
    terms = trade.terms(s, output[:, 0], p)
    log = TurnLog(0)
    spend = spend_of(s, [0.5, 0, 0, 0, 0.5, 0])  # $50B each on chips
    out, spent = procurement.procure(s, spend, output, terms, p, log)
    # US: $50B at $10B per M = 5 M. China: legal 2 M (10% of 20) for $20B, smuggled 0.5 M
    # for $10B, domestic 1 M (all there is) for $20B.
    assert log.flows["chips_bought"][0, 0] == pytest.approx(5.0)
    assert log.flows["chips_imported"][0, 1] == pytest.approx(2.0)
    assert log.flows["chips_smuggled"][0, 1] == pytest.approx(0.5)
    assert log.flows["chips_domestic"][0, 1] == pytest.approx(1.0)
    assert spent[0, 1] == pytest.approx(20 + 10 + 20)
    assert log.flows["chips_unsold"][0, 0] == pytest.approx(20 - 5 - 2 - 0.5)
    # A 50% mandate: imports at most equal to domestic purchases (1 M).
    policy[0, 1, 0] = 50
    log = TurnLog(0)
    procurement.procure(s.evolve(policy=policy), spend, output, terms, p, log)
    imports = log.flows["chips_imported"][0, 1] + log.flows["chips_smuggled"][0, 1]
    assert imports == pytest.approx(1.0)
    assert log.flows["chips_domestic"][0, 1] == pytest.approx(1.0)


# --- 6. deployment --------------------------------------------------------------------

def test_chips_deploy_only_into_power_and_space(rules, opening):
    p = with_params(rules, chip_retire=[0.1, 0.1], new_chip_kw=2.0)
    s = opening([1]).evolve(
        compute=np.array([[10.0, 10.0]]), power_used_gw=np.array([[20.0, 20.0]]),
        inventory=np.array([[5.0, 5.0]]), dc_gw=np.array([[30.0, 22.0]]),
        power_gw=np.array([[24.0, 40.0]]), energy_eff=np.ones((1, 2)))
    out = deployment.deploy(s, p, TurnLog(0))
    # US: retire 1 M (frees 2 GW) -> used 18; room min(30, 24) = 24 -> 6 GW -> 3 M.
    assert out.compute[0, 0] == pytest.approx(9 + 3)
    assert out.inventory[0, 0] == pytest.approx(2)
    # China: room min(22, 40) = 22 -> 4 GW -> 2 M deployed.
    assert out.compute[0, 1] == pytest.approx(9 + 2)
    assert out.power_used_gw[0, 1] == pytest.approx(22)


# --- 7. research ----------------------------------------------------------------------

def test_research_returns_diminish_and_constraint_pays(rules, opening):
    p = with_params(rules, algo_growth=[0.2, 0.2], research_ref=[10, 10],
                    research_elasticity=0.5, constraint_bonus=1.0, diffusion_rate=0.5,
                    diffusion_lag=0.0, open_spillover=0.0)
    s = opening([1]).evolve(algo_eff=np.array([[2.0, 1.0]]), compute=np.array([[10.0, 5.0]]))
    policy = s.policy.copy()
    policy[0, 0, 4] = 0  # US closed
    policy[0, 1, 3] = 0  # China closed
    s = s.evolve(policy=policy, budget=np.array([[40.0, 40.0]]))
    out = research.research(s, spend_of(s, [0, 0, 0, 0, 1, 0]), p, TurnLog(0))
    g = 0.2 * (40 / 10) ** 0.5  # 0.4: four times the spend, twice the growth
    assert out.algo_eff[0, 0] == pytest.approx(2 * (1 + g))
    # Half the compute and half the frontier's efficiency: catch-up of g x 1.0 x 0.5 x 0.5.
    assert out.algo_eff[0, 1] == pytest.approx((1 + g) * (1 + g * 0.25))
    # At the frontier the constraint pays nothing: no lasting lead from being starved.
    level = research.research(s.evolve(algo_eff=np.ones((1, 2))),
                              spend_of(s, [0, 0, 0, 0, 1, 0]), p, TurnLog(0))
    assert level.algo_eff[0, 1] == pytest.approx(1 + g)
    # Open US weights: China closes half of the gap it has to the US.
    policy[0, 0, 4] = 1
    s2 = s.evolve(policy=policy, compute=np.array([[10.0, 10.0]]),
                  algo_eff=np.array([[2.0, 1.0]]))
    out2 = research.research(s2, spend_of(s2, [0, 0, 0, 0, 1, 0]), p, TurnLog(0))
    assert out2.algo_eff[0, 1] == pytest.approx(1.4 + 0.5 * (2.8 - 1.4))
    # Both ways: a leader learns from the follower's release only with a spillover.
    p3 = with_params(rules, algo_growth=[0.2, 0.2], research_ref=[10, 10],
                     research_elasticity=0.5, constraint_bonus=1.0, diffusion_rate=0.5,
                     diffusion_lag=2.0, open_spillover=0.1)
    policy3 = policy.copy()
    policy3[0, 0, 4], policy3[0, 1, 3] = 0, 1  # China releases, the US leads
    out3 = research.research(s2.evolve(policy=policy3), spend_of(s2, [0, 0, 0, 0, 1, 0]), p3,
                             TurnLog(0))
    assert out3.algo_eff[0, 0] == pytest.approx(2 * (1 + g) + 0.1 * g * 2)


# --- 8. capability --------------------------------------------------------------------

def test_capability_is_log10_of_the_best_run(rules, opening):
    p = with_params(rules, flop_per_h100e_quarter=1e21, utilization=0.5,
                    largest_run_share=[0.1, 0.1], cloud_rental=0.0)
    s = opening([1]).evolve(compute=np.array([[2.0, 1.0]]), algo_eff=np.array([[3.0, 1.0]]),
                            capability=np.zeros((1, 2)))
    s = s.evolve(power_used_gw=np.minimum(s.dc_gw, s.power_gw) * 0.5)
    out = capability.advance_capability(s, np.array([[0.5, 0.5]]), p)
    expected = np.log10(2 * 1e6 * 0.5 * 1e21 * 0.5 * 0.1 * 3)
    assert out.capability[0, 0] == pytest.approx(expected)
    # Never falls back.
    lower = capability.advance_capability(out, np.array([[0.0, 0.0]]), p)
    assert lower.capability[0, 0] == pytest.approx(expected)


# --- 9. market ------------------------------------------------------------------------

def test_cheaper_inference_raises_total_spending(rules, opening):
    s = opening([1])
    training = np.array([[0.0, 0.0]])  # all capacity serving: demand, not capacity, binds
    s = s.evolve(compute=s.compute * 100, power_used_gw=s.power_used_gw * 0 + 1e-3)
    base = market.clear(s, training, rules.params)
    cheaper = market.clear(s.evolve(serving_eff=s.serving_eff * 2), training, rules.params)
    assert np.all(cheaper.price < base.price)
    assert cheaper.revenue.sum() > base.revenue.sum()  # elasticity above 1
    assert cheaper.tokens.sum() > base.tokens.sum()


def test_a_side_serves_no_more_than_its_capacity(rules, opening):
    s = opening([1])
    out = market.clear(s, np.array([[0.99, 0.99]]), rules.params)
    cap = market.serving_capacity(s, np.array([[0.99, 0.99]]), rules.params)
    assert np.all(out.tokens <= cap * (1 + 1e-9))
    np.testing.assert_allclose(out.revenue, out.tokens * out.frontier_price)
    assert out.market_share.sum() == pytest.approx(1.0)


# --- 10. budget -----------------------------------------------------------------------

def test_next_budget_adds_growth_revenue_and_a_capped_reserve(rules, opening):
    p = with_params(rules, budget_growth=[0.1, 0.2], revenue_reinvest=[0.5, 0.5],
                    mineral_budget_cost=[0, 0.01, 0.02, 0.05], budget_growth_decay=[0.5, 0.5],
                    reserve_keep=[0.5, 0.5], reserve_cap=[0.02, 0.02])
    s = opening([1]).evolve(budget_base=np.array([[100.0, 10.0]]),
                            revenue=np.array([[8.0, 2.0]]))
    policy = s.policy.copy()
    policy[0, 1, 1] = 3
    out = budget.next_budget(s.evolve(policy=policy), np.array([[3.0, 1.0]]), p, TurnLog(1), 1)
    # Turn 1: growth rates halved once (0.05, 0.1).
    # Half the unspent money may be held, at most 2% of the base; the rest is lost.
    assert out.income[0, 0] == pytest.approx(105 + 4)
    assert out.budget[0, 0] == pytest.approx(105 + 4 + 1.5)
    assert out.income[0, 1] == pytest.approx(11 + 1 - 0.05 * 11)
    assert out.budget[0, 1] == pytest.approx(11 + 1 - 0.05 * 11 + 0.02 * 11)


# --- 12. observation ------------------------------------------------------------------

def test_intel_narrows_the_spread(rules, opening):
    p = with_params(rules, fog_sigma=0.4, fog_floor=0.05, intel_ref=[2.0, 2.0])
    s = opening([1]).evolve(intel=np.array([[0.0, 6.0]]))
    sigma = observation.spread(s, p)
    assert sigma[0, 0] == pytest.approx(0.4)
    assert sigma[0, 1] == pytest.approx(0.1)


# --- 13. score ------------------------------------------------------------------------

def test_both_sides_start_at_fifty_and_tension_alone_ends_nothing(rules, opening):
    s = opening([1])
    assert score.points(s, rules.victory) == pytest.approx(np.array([[50.0, 50.0]]))
    hot = s.evolve(tension=np.array([100.0]), last_escalator=np.array([1]))
    log = TurnLog(0)
    out = score.score(hot, rules.victory, rules.params, log, 0)
    # Tension at the top raises the hazard (test_crisis.py); only open conflict ends it.
    assert not out.over[0] and log.crisis is not None and not log.crisis[0]
