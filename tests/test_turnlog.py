"""The TurnLog explains every headline change: its named contributions add up."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.log import EXPLAINED_FIGURES
from game.engine.step import step
from tests.helpers import CHINA_POLICY, orders


def _check(before, after, log):
    for figure in EXPLAINED_FIGURES:
        causes = log.contributions.get(figure, {})
        assert causes, f"no explanation for {figure}"
        total = sum(causes.values())
        change = getattr(after, figure) - getattr(before, figure)
        np.testing.assert_allclose(total, change, rtol=1e-9, atol=1e-9, err_msg=figure)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_contributions_add_up_over_a_game(rules, opening, seed):
    state = opening([seed])
    us = orders(1, policy=(3, 2, 50, 2, 1))
    china = orders(1, policy=CHINA_POLICY)
    for turn in range(10):
        before = state
        state, log = step(state, us, china, rules, turn)
        _check(before, state, log)


def test_contributions_add_up_when_events_fire(rules, opening):
    deck = rules.deck
    forced = (deck.ids.index("strait-incident"), deck.ids.index("efficiency-breakthrough"))
    state = opening([4])
    before = state
    state, log = step(state, orders(1), orders(1, policy=CHINA_POLICY), rules, 0, forced)
    _check(before, state, log)
    before = state
    state, log = step(state, orders(1), orders(1, policy=CHINA_POLICY), rules, 1)
    _check(before, state, log)
    assert "events" in log.contributions["tension"]
    assert log.contributions["tension"]["events"][0] > 0
    assert log.contributions["algo_eff"]["events"][0, 1] > 0


def test_the_report_names_what_moved_compute(rules, opening):
    state = opening([1])
    state, log = step(state, orders(1), orders(1, policy=CHINA_POLICY), rules, 0)
    causes = log.contributions["compute"]
    assert set(causes) >= {"new chips", "retired"}
    assert causes["new chips"][0, 0] > 0 and causes["retired"][0, 0] < 0


def test_a_finished_game_logs_no_flows_and_its_contributions_still_add_up(rules, opening):
    # A batch where game 1 already ended: its state is frozen, so the log must report no
    # chips deployed, no money spent, no change at all for it (game 0 plays on).
    state = opening([5, 6])
    state = state.evolve(over=np.array([False, True]))
    us = orders(2, policy=(3, 2, 50, 2, 1))
    china = orders(2, policy=CHINA_POLICY)
    after, log = step(state, us, china, rules, 0)
    for name, flow in log.flows.items():
        assert np.all(flow[1] == 0), name
    assert np.any(log.flows["spend"][0] > 0)
    _check(state, after, log)
