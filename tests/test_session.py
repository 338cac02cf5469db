"""The Game session API of DESIGN.md section 3."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from game import Game, load_scenario
from game.analysis.batch import run_batch
from game.engine.state import digest
from game.model.orders import USOrders


@pytest.fixture()
def game(baseline):
    return Game.new(baseline, seed=7)


def test_new_submit_advance_view_undo(game):
    orders = game.submit("us", {"allocation": {"chips": 0.5, "fabs": 0.05, "datacenters": 0.2,
                                               "power": 0.1, "research": 0.12, "intel": 0.03},
                                "training_share": 0.5, "policies": {"export_controls": 3}})
    assert isinstance(orders, USOrders)
    log = game.advance()
    assert game.turn == 1 and game.date == "2025Q2"
    assert game.history[0].orders["us"].policies.export_controls == 3
    assert log.contributions["compute"]
    view = game.view("china")
    assert view.side == "china" and view.date == "2025Q2"
    assert view.own["compute"].value == pytest.approx(game.figures()["china"]["compute"])
    est = view.other["compute"]
    assert est.low < est.value < est.high
    game.undo()
    assert game.turn == 0 and game.undone == 1


def test_undo_then_replaying_the_turn_reproduces_it(game):
    game.advance()
    first = game.digests()[-1]
    game.undo()
    game.advance()
    assert game.digests()[-1] == first


def test_a_session_game_equals_game_i_of_a_batch(baseline):
    seeds = [3, 11, 42]
    batch = run_batch(baseline, np.array(seeds), turns=6)
    for i, seed in enumerate(seeds):
        g = Game.new(baseline, seed=seed)
        g.play_out(6)
        for name in ("compute", "capability", "market_share", "budget"):
            ours = np.array([g.figures(t)["us"][name] for t in range(6)])
            # Equal but for the last bit: with per-game parameters (each game's drawn
            # world) numpy's vectorised pow/exp may round a batch's elements and a single
            # game's differently; digests round to 9 digits for this (DESIGN.md section 2).
            np.testing.assert_allclose(ours, batch.metrics[name][:, i, 0], rtol=1e-12)
        assert digest(g.state)[0] == digest(batch.final.take(i))[0]


def test_invalid_orders_are_refused_with_the_field_named(game):
    with pytest.raises(ValidationError) as exc:
        game.submit("us", {"allocation": {"chips": 0.9, "fabs": 0.5, "datacenters": 0,
                                          "power": 0, "research": 0, "intel": 0}})
    assert "add up to 1" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        game.submit("china", {"policies": {"export_controls": 3}})
    assert "export_controls" in str(exc.value)
    with pytest.raises(ValueError, match="unknown side"):
        game.submit("eu", {})
    assert game.pending == {}


def test_the_game_ends_and_refuses_more_turns(baseline):
    g = Game.new(baseline, seed=1)
    g.play_out()
    assert g.over and g.turn == baseline.clock.turns
    assert g.winner() in ("us", "china", None)
    with pytest.raises(Exception, match="over"):
        g.advance()


def test_injected_event_fires_and_is_recorded(game):
    game.inject("strait-incident")
    log = game.advance()
    k = game.rules.deck.ids.index("strait-incident")
    assert log.events_fired[0, k]
    assert game.history[-1].injects == (k,)
    with pytest.raises(ValueError, match="allowed"):
        game.inject("alien-invasion")


def test_load_scenario_by_name_is_public():
    assert load_scenario("baseline-2025").name == "baseline-2025"


def test_scripted_quarters_carry_forward_what_they_leave_out(tmp_path):
    """A scripted quarter writes only what changes, like an orders file."""
    path = tmp_path / "scripted.toml"
    path.write_text('''name = "scripted"
title = "t"
description = "d"
extends = "baseline-2025"

[[scripted_orders]]
at = "2025Q1"
[scripted_orders.us]
training_share = 0.3
allocation = { chips = 0.4, fabs = 0.1, datacenters = 0.2, power = 0.1, research = 0.15, intel = 0.05 }
policies = { export_controls = 3 }

[[scripted_orders]]
at = "2025Q2"
[scripted_orders.us]
policies = { enforcement = 3 }
''')
    game = Game.new(load_scenario(path), seed=2)
    game.play_out(2)
    first, second = (game.history[t].orders["us"] for t in (0, 1))
    opening = game.scenario.start.us.policies
    assert first.policies.export_controls == 3
    assert first.policies.equipment_controls == opening.equipment_controls  # not written
    assert second.policies.export_controls == 3  # carried from 2025Q1
    assert second.policies.enforcement == 3
    assert second.allocation == first.allocation and second.training_share == 0.3
