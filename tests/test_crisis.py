"""Crises: a hazard that rises with tension, graded crises that fire deck cards, blame that
weighs recent moves and standing policies, and retaliation whose odds rise with the other
side's escalation. Rates are measured over many seeds."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.engine import crisis, events
from game.engine.log import TurnLog
from game.engine.rng import derive_seeds
from game.model import load_scenario, opening_state, rules_for

SEEDS = derive_seeds(7, 4000)


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline-2025")


@pytest.fixture(scope="module")
def rules(baseline):
    return rules_for(baseline)


def test_no_hazard_below_the_onset_and_it_rises_to_the_peak(rules):
    p = rules.params
    onset, peak = float(p.crisis_onset[0]), float(p.crisis_threshold[0])
    tension = np.array([0.0, onset, (onset + peak) / 2, peak, 100.0])
    h = crisis.hazard(tension, p)
    assert h[0] == 0.0 and h[1] == 0.0
    assert 0.0 < h[2] < h[3] == pytest.approx(float(p.crisis_hazard[0]))
    assert np.all(np.diff(crisis.hazard(np.linspace(0, 100, 101), p)) >= 0)


@pytest.mark.parametrize("tension", [55.0, 75.0, 90.0, 100.0])
def test_crises_break_out_at_the_hazard_rate_and_grow_graver_with_tension(rules, tension):
    p = rules.params
    over = np.zeros(len(SEEDS), dtype=bool)
    grades = np.concatenate([crisis.strike(SEEDS, np.full(len(SEEDS), tension), over, p, t)
                             for t in range(3)])
    rate = float(crisis.hazard(np.array([tension]), p)[0])
    n = grades.size
    assert abs((grades > 0).mean() - rate) <= 5 * np.sqrt(rate * (1 - rate) / n) + 1e-9
    if rate > 0.05:
        conflict = (grades == crisis.CONFLICT).sum() / (grades > 0).sum()
        expected = float(crisis.conflict_share(np.array([tension]), p)[0])
        assert abs(conflict - expected) < 0.08
    # A game that is over has no crisis.
    assert not crisis.strike(SEEDS, np.full(len(SEEDS), tension), ~over, p, 0).any()


def test_a_graded_crisis_fires_its_card_or_the_next_milder_one(rules):
    deck = rules.deck
    ids = list(deck.ids)
    eligible = np.ones((3, deck.size), dtype=bool)
    eligible[2, ids.index("taiwan-blockade")] = False  # already fired (once-only)
    grade = np.array([crisis.BLOCKADE, crisis.INCIDENT, crisis.BLOCKADE])
    fire = crisis.crisis_cards(deck, grade, eligible)
    assert [ids[k] for k in np.flatnonzero(fire[0])] == ["taiwan-blockade"]
    assert [ids[k] for k in np.flatnonzero(fire[1])] == ["strait-incident"]
    assert [ids[k] for k in np.flatnonzero(fire[2])] == ["sanctions-spiral"]
    assert fire.sum(axis=1).tolist() == [1, 1, 1]


def test_blame_weighs_recent_moves_and_standing_policies(rules, baseline):
    p = rules.params
    s = opening_state(baseline, np.array([1], dtype=np.uint64), rules)
    assert s.blame.sum() == pytest.approx(1.0)
    # The US bloc raised export controls three quarters ago; China raised nothing.
    jump = np.array([[12.0, 0.0]])
    recent = crisis.escalation(np.zeros((1, 2)), jump, p)
    for _ in range(2):
        recent = crisis.escalation(recent, np.zeros((1, 2)), p)
    assert recent[0, 0] == pytest.approx(12.0 * float(p.blame_memory[0]) ** 2)
    shares = crisis.blame(recent, s.policy, p)
    calm = crisis.blame(np.zeros((1, 2)), s.policy, p)
    assert shares[0, 0] > calm[0, 0]  # still held against it, fading
    # Standing policies count: a side holding every control at the top carries more.
    maxed = s.policy.copy()
    maxed[0, 0] = [4, 3, 100, 3, 0]  # raw levels: export, tools, onshore %, enforcement
    assert crisis.blame(np.zeros((1, 2)), maxed, p)[0, 0] > calm[0, 0]


def test_stability_counts_tension_against_the_side_that_drove_it(rules, baseline):
    from game.engine.score import raw_terms

    s = opening_state(baseline, np.array([1], dtype=np.uint64), rules).evolve(
        tension=np.array([80.0]), blame=np.array([[0.9, 0.1]]))
    stability = raw_terms(s)[0, :, 4]
    assert stability[0] < 1 - 0.8 < stability[1]


def test_retaliation_grows_with_the_other_sides_recent_escalation(rules):
    deck = rules.deck
    k = list(deck.ids).index("mineral-squeeze")
    assert deck.provoked_by[k] == 0  # provoked by the US bloc's moves
    calm = crisis.provocation(deck, np.array([[0.0, 30.0]]))[0, k]
    hot = crisis.provocation(deck, np.array([[30.0, 0.0]]))[0, k]
    assert calm == 0.0 and hot == pytest.approx(30.0 * deck.provocation[k])


def test_a_card_can_answer_a_policy(rules, baseline):
    """The anti-dumping probe holds only while China subsidises at level 2 or more."""
    k = list(rules.deck.ids).index("dumping-probe")
    s = opening_state(baseline, np.array([1, 2], dtype=np.uint64), rules)
    policy = s.policy.copy()
    policy[1, 1, 4] = 3  # game 2: a price war
    s = s.evolve(policy=policy)
    certain = replace(rules.deck, probability=np.where(np.arange(rules.deck.size) == k, 1.0,
                                                       0.0))
    log = TurnLog(0)
    events.draw_events(s, certain, 0, log)
    assert log.events_fired is not None
    assert log.events_fired[:, k].tolist() == [False, True]
