"""The tension meter and chart state the engine's crisis hazard: where the risk starts and
the chance of a crisis this quarter at the tension shown."""

from __future__ import annotations

import numpy as np
import pytest
from textual.widgets import Static

from game.engine.crisis import hazard
from game.model.loader import load_scenario
from game.present.dashboard import chart_series
from game.present.risk import crisis_risk
from game.session import Game
from game.tui.app import ComputeRaceApp
from game.tui.local_game import LocalGame
from game.tui.setup import HUMANS
from game.tui.widgets import TensionMeter
from tests.tui.conftest import TEST_FUTURES, short_game

SIZE = (120, 40)


def test_the_risk_is_the_engines_hazard() -> None:
    params = short_game().rules.params
    onset = float(params.crisis_onset[0])
    below = crisis_risk(params, onset - 1.0)
    assert below.chance == 0.0 and below.text == f"risk from {onset:g}: none yet"
    above = crisis_risk(params, onset + 20.0)
    expected = float(hazard(np.array([onset + 20.0]), params)[0])
    assert above.chance == pytest.approx(expected) and 0.0 < expected < 1.0
    assert above.text == f"risk from {onset:g}: {expected * 100:.0f}%/q"
    assert above.threshold == float(params.crisis_threshold[0])


def test_a_scenario_without_a_crisis_hazard_says_so() -> None:
    # The tutorial's rules carry no crisis: the meter must not promise a risk from 60.
    game = Game.new(load_scenario("tutorial"), seed=3, us="bot:balanced",
                    china="human")
    risk = crisis_risk(game.rules.params, 95.0)
    assert not risk.possible and risk.chance == 0.0
    assert risk.text == "no crisis in this scenario"
    assert [s.label for s in chart_series(LocalGame(game), None, "tension")] == ["Tension"]
    assert crisis_risk(short_game().rules.params, 0.0).possible  # the baseline carries one


def test_the_tension_chart_draws_where_the_risk_starts() -> None:
    game = short_game()
    game.play_out(2)
    tension, guide = chart_series(LocalGame(game), None, "tension")
    onset = crisis_risk(game.rules.params, 0.0).onset
    assert guide.guide and not tension.guide
    assert np.all(guide.y == onset) and len(guide.x) == len(tension.x)


async def test_the_meter_states_the_chance_at_the_tension_shown() -> None:
    scenario = load_scenario("strait-crisis")  # opens above the onset: a real chance
    game = Game.new(scenario, seed=3, us="human", china="bot:balanced")
    app = ComputeRaceApp(game, HUMANS["us"])
    app.advisor_futures = TEST_FUTURES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        tension = game.view("us").tension
        risk = crisis_risk(game.rules.params, tension)
        shown = str(app.screen.query_one(TensionMeter, Static).content)
        assert risk.chance > 0
        assert risk.text in shown and "%/q" in shown
        assert "crisis at" not in shown


def test_the_chart_reads_the_onset_a_card_in_force_sets() -> None:
    """A card that moves the crisis onset moves the chart's guide while it is in force:
    the meter and chart read the parameters in force, not the scenario's base values."""
    from game.model.scenario import Scenario

    data = load_scenario("baseline-2025").model_dump(mode="json")
    data["events"].append({
        "id": "calm-talks", "title": "Talks", "probability": 0.0, "duration": 4,
        "text": "Talks calm the strait: crises break out only from higher tension.",
        "effects": [{"kind": "multiply", "param": "crisis_onset", "side": "both",
                     "value": 1.4}]})
    game = Game.new(Scenario.model_validate(data), seed=3)
    base = float(game.rules.params.crisis_onset[0])
    game.inject("calm-talks")
    game.play_out(1)
    guide = chart_series(LocalGame(game), "us", "tension")[1]
    assert guide.label == f"crisis risk from {base * 1.4:g}"
