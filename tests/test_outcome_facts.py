"""The engine logs its outcome facts in the TurnLog, so no layer above re-derives a rule:
score terms, crisis blame, the sudden-death rule, the stranded-compute cause, each event's
source, tension by cause, and the policy tension jump."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game import Game
from game.engine import crisis, deployment, events, score, tension
from game.engine.log import TurnLog
from game.engine.orders import SCALE_ARRAY
from game.engine.rules import SuddenDeath
from game.engine.step import step
from tests.helpers import orders, play
from tests.test_phases import with_params


def test_the_five_terms_add_up_to_the_quarter_and_the_quarters_to_the_score(rules, opening):
    state, logs = play(opening([1, 2]), rules, 4)
    terms = logs[-1].terms
    assert terms is not None
    assert terms.points.shape == (2, 2, 5)
    np.testing.assert_allclose(terms.weight.sum(axis=-1), 1.0)
    np.testing.assert_allclose(terms.points, 50.0 * terms.gain * terms.weight)
    assert np.all(np.abs(terms.gain) <= 1.0)
    # Each side's capability term is its own lead: the two are opposite.
    np.testing.assert_allclose(terms.raw[:, 0, 0], -terms.raw[:, 1, 0])
    # The score is the quarters' points averaged, quarter t weighing t + 1.
    quarters = np.stack([50.0 + log.terms.points.sum(axis=-1) for log in logs
                         if log.terms is not None])
    weights = np.arange(1, len(logs) + 1, dtype=float)[:, None, None]
    np.testing.assert_allclose((quarters * weights).sum(axis=0) / weights.sum(), state.score)


def test_open_conflict_costs_each_side_by_its_blame(rules, opening):
    s = opening([1, 1]).evolve(blame=np.array([[0.2, 0.8], [0.5, 0.5]]))
    calm, log = TurnLog(0), TurnLog(0)
    base = score.score(s, rules.victory, rules.params, calm, 0, np.array([0, 0]))
    out = score.score(s, rules.victory, rules.params, log, 0,
                      np.array([crisis.CONFLICT, crisis.CONFLICT]))
    assert log.blamed is not None and log.blamed.tolist() == [1, 0]
    assert log.crisis is not None and log.crisis.tolist() == [True, True]
    loss = float(rules.params.crisis_loss[0])
    np.testing.assert_allclose(base.score - out.score, np.maximum(
        np.minimum(loss * s.blame, base.score), 0.0))
    assert out.over.all() and not base.over.any()
    # Blame weighs: the side that drove 80% of the tension loses four times as much.
    assert (base.score - out.score)[0, 1] == pytest.approx(4 * (base.score - out.score)[0, 0])


def test_the_sudden_death_rule_that_fired_is_logged(rules, opening):
    never = SuddenDeath(side=0, metric="compute", at_least=True, value=1e12, lead=False,
                        winner=0)
    always = SuddenDeath(side=1, metric="compute", at_least=True, value=0.0, lead=False,
                         winner=1)
    victory = replace(rules.victory, sudden_death=(never, always, always))
    log = TurnLog(0)
    out = score.score(opening([1]), victory, rules.params, log, 0)
    assert log.sudden_death is not None and log.sudden_death.tolist() == [1]
    assert out.score[0].tolist() == [0.0, score.WIN_SCORE]
    quiet = TurnLog(0)
    score.score(opening([1]), replace(victory, sudden_death=(never,)), rules.params, quiet, 0)
    assert quiet.sudden_death is not None and quiet.sudden_death.tolist() == [-1]


@pytest.mark.parametrize(("power", "dc", "cause"), [
    ((5.0, 5.0), (8.0, 8.0), 0),  # less power than space: short of power
    ((8.0, 8.0), (5.0, 5.0), 1),  # less space than power: short of data centers
    ((6.0, 6.0), (6.0, 6.0), 0),  # equal: power, the one rule
])
def test_stranded_compute_names_what_ran_out(rules, opening, power, dc, cause):
    s = opening([1])
    full = np.minimum(np.array(power), np.array(dc))
    s = s.evolve(power_gw=np.array([power]), dc_gw=np.array([dc]),
                 power_used_gw=np.array([full]), compute=np.array([[1.0, 1.0]]),
                 inventory=np.array([[5.0, 0.0]]))
    p = with_params(rules, chip_retire=[0.0, 0.0])
    log = TurnLog(0)
    out = deployment.deploy(s, p, log)
    assert log.stranded_cause is not None and log.stranded is not None
    assert log.stranded_cause.tolist() == [[cause, -1]]
    assert log.stranded.tolist() == [[True, False]]
    assert out.inventory[0, 0] == pytest.approx(5.0)
    assert deployment.SHORT_OF[cause] in ("power", "data centers")


def test_waiting_chips_below_the_share_are_not_stranded(rules, opening):
    s = opening([1])
    share = deployment.STRANDED_SHARE
    s = s.evolve(power_gw=np.array([[1.0, 1.0]]), dc_gw=np.array([[2.0, 2.0]]),
                 power_used_gw=np.array([[1.0, 1.0]]), compute=np.array([[10.0, 10.0]]),
                 inventory=np.array([[share * 10.0 * 0.5, share * 10.0 * 2.0]]))
    log = TurnLog(0)
    deployment.deploy(s, with_params(rules, chip_retire=[0.0, 0.0]), log)
    assert log.stranded is not None and log.stranded.tolist() == [[False, True]]
    assert log.stranded_cause is not None and log.stranded_cause.tolist() == [[0, 0]]


def test_each_fired_event_names_its_source(baseline):
    game = Game.new(baseline, seed=3)
    deck = game.rules.deck
    scripted_turn, scripted = next(iter(game.rules.injects.items()), (None, ()))
    by_hand = deck.ids[0]
    scheduled = deck.ids[1]
    game.inject(by_hand)
    game.inject(scheduled, at=2)
    game.play_out(turns=3)
    fired = [(t, k, int(rec.log.event_source[0, k]))
             for t, rec in enumerate(game.history)
             for k in range(deck.size) if rec.log.events_fired[0, k]]
    assert fired, "some card fires"
    for t, k, source in fired:
        assert source >= 0
        rec = game.history[t]
        if k in rec.injects or (t == 2 and deck.ids[k] == scheduled):
            assert events.EVENT_SOURCES[source] == "facilitator"
        elif scripted_turn == t and k in scripted:
            assert events.EVENT_SOURCES[source] == "scenario"
        else:
            assert events.EVENT_SOURCES[source] == "chance"
    assert (0, 0, events.FACILITATOR) in fired
    assert (2, 1, events.FACILITATOR) in fired
    not_fired = game.history[0].log.event_source[0][~game.history[0].log.events_fired[0]]
    assert np.all(not_fired == -1)


def test_a_scenario_inject_is_logged_as_the_scenarios(rules, opening):
    s = opening([1])
    scripted = replace(rules, injects={0: (2,)})
    _, log = step(s, orders(1), orders(1), scripted, 0)
    assert log.event_source is not None
    assert log.events_fired is not None and log.events_fired[0, 2]
    assert events.EVENT_SOURCES[int(log.event_source[0, 2])] == "scenario"
    _, both = step(s, orders(1), orders(1), scripted, 0, forced_events=(2,))
    assert both.event_source is not None
    assert events.EVENT_SOURCES[int(both.event_source[0, 2])] == "facilitator"


def test_active_cards_are_logged(rules, opening):
    s = opening([1])
    left = np.zeros_like(s.event_left)
    left[0, 1] = 2
    _, log = step(s.evolve(event_left=left), orders(1), orders(1), rules, 0)
    assert log.events_active is not None
    assert log.events_active[0].tolist() == [k == 1 for k in range(rules.deck.size)]


def test_policy_jump_charges_raising_and_refunds_half_of_lowering(rules):
    p = with_params(rules, tension_cost=[[6, 5, 3, 2, -3], [3, 7, 3, -3, 2]])
    old = np.zeros((3, 2, 5))
    new = old.copy()
    new[0, 0, 0] = 2 * SCALE_ARRAY[0, 0]  # two levels up: +12
    old[1, 1, 1] = 2 * SCALE_ARRAY[1, 1]  # two levels down: -0.5 x 14
    jump = tension.policy_jump(old, new, p)
    assert jump.shape == (3, 2, 5)
    assert jump[0, 0, 0] == pytest.approx(12.0)
    assert jump[1, 1, 1] == pytest.approx(-tension.DEESCALATION_REFUND * 14.0)
    assert jump[2].tolist() == np.zeros((2, 5)).tolist()
    assert np.count_nonzero(jump) == 2


def test_the_tension_phase_charges_policy_jump(rules, opening):
    s = opening([1, 2])
    new = s.policy.copy()
    new[:, 0, 0] += 1
    new[1, 1, 2] += 1
    log = TurnLog(0)
    tension.apply_policies(s, new, rules.params, log)
    jump = tension.policy_jump(s.policy, new, rules.params).sum(axis=-1)
    np.testing.assert_allclose(log.contributions["tension"]["us moves"], jump[:, 0])
    np.testing.assert_allclose(log.contributions["tension"]["china moves"], jump[:, 1])


def test_tension_rising_toward_the_sustained_level_is_not_called_relaxation(rules, opening):
    p = with_params(rules, tension_standing=np.zeros((2, 5)), tension_base=40.0,
                    tension_relax=0.25)
    low = opening([1, 1]).evolve(tension=np.array([20.0, 60.0]))
    log = TurnLog(0)
    out = tension.apply_policies(low, low.policy, p, log)
    causes = log.contributions["tension"]
    assert causes["standing policies"].tolist() == pytest.approx([5.0, 0.0])
    assert causes["relaxation"].tolist() == pytest.approx([0.0, -5.0])
    total = sum(causes.values())
    np.testing.assert_allclose(total, out.tension - low.tension)


def test_fog_exactness_and_ranges_are_the_engines():
    from game.engine import observation

    assert observation.is_exact("market_share") and observation.is_exact("revenue")
    assert not observation.is_exact("compute")
    assert observation.estimate_range("revenue", 3.0, 0.4) == (3.0, 3.0)
    low, high = observation.estimate_range("capability", 25.0, 0.1)  # additive: log10 FLOP
    assert (low, high) == pytest.approx((24.8, 25.2))
    low, high = observation.estimate_range("compute", 2.0, 0.1)  # log-normal
    assert (low, high) == pytest.approx((2.0 * np.exp(-0.2), 2.0 * np.exp(0.2)))
