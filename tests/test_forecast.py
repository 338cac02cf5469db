"""The advisor: percentiles of a side's key figures some quarters after a set of orders."""

from __future__ import annotations

import numpy as np
import pytest

from game import Game
from game.analysis.forecast import KEY_FIGURES, forecast, future_seeds
from game.engine.types import side_index
from game.model.loader import load_scenario
from tests.test_fog import perturb_hidden


@pytest.fixture()
def game() -> Game:
    return Game.new(load_scenario("baseline-2025"), seed=7)


def test_forecast_gives_percentiles_4_and_8_quarters_ahead(game):
    f = game.forecast("us", game.suggested_orders("us"), futures=200)
    assert f.futures == 200 and f.side == "us" and f.turn == 0
    assert [h.quarters for h in f.horizons] == [4, 8]
    assert [h.turn for h in f.horizons] == [3, 7]
    for h in f.horizons:
        assert set(h.figures) == set(KEY_FIGURES)
        for band in h.figures.values():
            assert band.p10 <= band.p50 <= band.p90
        assert 0.0 <= h.crisis <= 1.0
    # Futures differ (events, fog), so the spread is real for at least one figure.
    assert any(b.p90 > b.p10 for b in f.horizons[-1].figures.values())
    assert f.as_dict()["horizons"][1]["figures"]["score"]["p50"] == \
        f.horizons[1].figures["score"].p50


def test_forecast_is_deterministic_and_leaves_the_game_alone(game):
    game.advance()
    before = (game.turn, game.digests(), dict(game.pending))
    a = game.forecast("china", game.suggested_orders("china"), futures=100)
    b = game.forecast("china", game.suggested_orders("china"), futures=100)
    assert a == b
    assert (game.turn, game.digests(), dict(game.pending)) == before


def test_the_orders_entered_change_the_forecast(game):
    orders = game.suggested_orders("us")
    hawkish = orders.model_copy(update={"policies": orders.policies.model_copy(
        update={"export_controls": 4, "equipment_controls": 3})})
    calm = orders.model_copy(update={"policies": orders.policies.model_copy(
        update={"export_controls": 1, "equipment_controls": 0})})
    up = game.forecast("us", hawkish, futures=100)
    down = game.forecast("us", calm, futures=100)
    # Escalating now: higher tension a year on (controls stay in force under the bot).
    assert up.horizons[0].figures["tension"].p50 > down.horizons[0].figures["tension"].p50 + 5
    assert up.horizons[0].figures["score"].p50 != down.horizons[0].figures["score"].p50


def test_horizons_stop_at_the_end_of_the_game(game):
    game.play_out(game.turns - 3)
    f = game.forecast("us", game.suggested_orders("us"), futures=50)
    assert [h.quarters for h in f.horizons] == [3]
    assert f.horizons[0].turn == game.turns - 1


def test_futures_are_sampled_not_the_games_own_draws(game):
    seeds = future_seeds(game.seed, game.turn, 1000)
    assert game.seed not in seeds.tolist()
    assert len(np.unique(seeds)) == 1000
    assert not np.array_equal(seeds, future_seeds(game.seed, game.turn + 1, 1000))


def test_forecast_api_matches_the_session_method(game):
    orders = game.suggested_orders("us")
    direct = forecast(game.scenario, game.rules, game.state, game.turn, "us", orders,
                      futures=64, opponent=game.players["china"])
    assert direct == game.forecast("us", orders, futures=64)


def test_bad_orders_are_refused(game):
    with pytest.raises(ValueError):
        game.forecast("us", {"training_share": 2.0}, futures=10)


@pytest.mark.parametrize("side", ["us", "china"])
def test_the_advisor_knows_no_more_than_the_player(game, side):
    """Whatever the other side hides (a secret fab build-out, its budget's trend, its
    intelligence effort...), the forecast is the same: it starts from the side's belief."""
    game.play_out(3)
    orders = game.suggested_orders(side)
    secret = perturb_hidden(game.state, side_index(side))
    told = forecast(game.scenario, game.rules, game.state, game.turn, side, orders, futures=64)
    untold = forecast(game.scenario, game.rules, secret, game.turn, side, orders, futures=64)
    assert told == untold


def test_an_opponent_that_simulates_futures_can_be_forecast(game):
    """A `hard` or lookahead opponent builds its own belief inside the futures."""
    game.advance()
    f = forecast(game.scenario, game.rules, game.state, game.turn, "us",
                 game.suggested_orders("us"), futures=4, horizons=(2,),
                 opponent="bot:balanced:hard")
    assert [h.quarters for h in f.horizons] == [2]
