"""Game builds one TurnSummary per turn from the engine's logged facts, and past views
keep the rules in force when they were shown."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game import Game
from game.engine.metrics import METRIC_NAMES
from game.engine.rules import SCORE_TERMS
from game.report.facts import side_views
from game.tui.present import chart_series


@pytest.fixture
def played(baseline):
    game = Game.new(baseline, seed=5)
    game.inject(game.rules.deck.ids[0])
    game.play_out(turns=4)
    return game


def test_a_summary_states_every_figure_before_and_after(played):
    s = played.summary(2)
    assert (s.turn, s.date) == (2, played.date_of(2))
    for side in ("us", "china"):
        side_summary = s.sides[side]
        assert set(side_summary.before) == set(METRIC_NAMES) == set(side_summary.after)
        assert side_summary.before == played.figures(1)[side]
        assert side_summary.after == played.figures(2)[side]
    assert s.digest == played.history[2].digest


def test_a_summary_is_built_once_and_frozen(played):
    s = played.summary(1)
    assert played.summary(1) is s
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.turn = 3  # type: ignore[misc]


def test_the_summary_names_each_event_and_its_source(played):
    first = played.summary(0)
    k = 0
    fact = next(e for e in first.events if e.id == played.rules.deck.ids[k])
    assert fact.source == "facilitator"
    assert fact.title == played.rules.deck.titles[k]
    card = played.event_card(fact.id)
    assert fact.text == card.text
    assert (fact.effects != "") == bool(card.effects)
    fired = {played.rules.deck.ids[j] for j in np.flatnonzero(played.history[0].log.events_fired[0])}
    assert {e.id for e in first.events} == fired


def test_term_points_add_up_to_the_score(played):
    s = played.summary(3)
    for side in ("us", "china"):
        terms = s.sides[side].terms
        assert [t.name for t in terms] == list(SCORE_TERMS)
        # Each term's points over the whole game (quarters weighted) add up to the score.
        assert 50 + sum(t.game_points for t in terms) == pytest.approx(s.outcome.scores[side])


def test_tension_causes_add_up_to_its_change(played):
    for turn in range(played.turn):
        s = played.summary(turn)
        assert sum(s.tension_causes.values()) == pytest.approx(
            s.tension_after - s.tension_before, abs=1e-9)


def test_the_outcome_names_a_crisis_and_the_side_blamed(baseline):
    game = Game.new(baseline, seed=2)
    # A world where open conflict is certain this quarter (engine/crisis.py).
    for name, value in (("crisis_onset", 0.0), ("crisis_threshold", 1.0),
                        ("crisis_hazard", 1.0), ("crisis_grave", 1.0)):
        game.override(name, value)
    game.advance()
    outcome = game.outcome()
    assert outcome.over and outcome.crisis
    blame = game.state.blame[0]
    assert outcome.blamed == ("us", "china")[int(blame[1] > blame[0])]
    # The side carrying more of the blame loses more of its score.
    log = game.history[-1].log
    assert log.terms is not None and log.terms.game_points is not None
    before = 50 + log.terms.game_points[0].sum(axis=-1)
    lost = {side: before[i] - outcome.scores[side] for i, side in enumerate(("us", "china"))}
    other = "china" if outcome.blamed == "us" else "us"
    assert lost[outcome.blamed] >= lost[other] > 0
    assert game.summary(0).outcome == outcome


def test_the_outcome_before_any_turn(baseline):
    outcome = Game.new(baseline, seed=2).outcome()
    assert not outcome.over and not outcome.crisis and outcome.blamed is None
    assert outcome.sudden_death is None


def test_a_turn_not_played_has_no_summary(played):
    with pytest.raises(ValueError, match="has not been played"):
        played.summary(played.turn)


def test_dashboard_history_and_debrief_agree_after_an_override(baseline):
    game = Game.new(baseline, seed=4, us="human")
    game.play_out(turns=3)
    shown = [chart_series(game, "us", "compute")[1].y.copy()]
    game.override("fog_sigma", 1.5)  # from the coming turn: much wider fog
    shown.append(chart_series(game, "us", "compute")[1].y.copy())
    game.play_out(turns=2)
    after = chart_series(game, "us", "compute")[1].y
    # The quarters already shown do not change when the fog changes later ...
    np.testing.assert_array_equal(shown[1], shown[0])
    np.testing.assert_array_equal(after[:4], shown[0])
    # ... and the debrief states the same estimates as the dashboard, every quarter.
    debrief = [v.other["compute"].value for v in side_views(game)["us"]]
    np.testing.assert_allclose(after, debrief)
    # The quarters under the override were seen through the wider fog.
    assert game.view_at(4, "us").other["compute"].confidence == "low"
    assert game.view_at(3, "us").other["compute"].confidence != "low"


def test_the_outcome_names_the_sudden_death_rule_that_ended_the_game(baseline):
    data = baseline.model_dump()
    data["victory"]["sudden_death"] = [
        {"side": "us", "metric": "compute", "at_least": 1e9, "winner": "us"},
        {"side": "china", "metric": "compute", "at_least": 0.0, "winner": "china",
         "text": "China's fleet crosses the line."},
    ]
    game = Game.new(type(baseline).model_validate(data), seed=3)
    game.advance()
    outcome = game.outcome()
    assert outcome.over and not outcome.crisis and outcome.sudden_death == 1
    assert outcome.winner == "china"
    assert outcome.scores == {"us": 0.0, "china": 100.0}
