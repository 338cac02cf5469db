"""The debrief states the world each game drew (TurnLog.drawn against the scenario's
ranges) and the grade of every crisis that broke out (TurnLog.crisis_grade)."""

from __future__ import annotations

import html

import pytest

from game.engine.crisis import CRISIS_NAMES
from game.engine.uncertainty import UNCERTAIN_NAMES
from game.model.loader import load_scenario
from game.present.world import CRISIS_WORDS, FACTOR_WORDS, crises_met, drawn_world
from game.report.api import debrief
from game.session import Game


@pytest.fixture(scope="module")
def crisis_game() -> Game:
    """strait-crisis, seed 9: an incident at sea breaks out in the game."""
    game = Game.new(load_scenario("strait-crisis"), seed=9)
    game.play_out()
    return game


def test_each_drawn_factor_is_stated_with_its_range(crisis_game: Game) -> None:
    drawn = crisis_game.history[0].log.drawn
    assert drawn is not None
    u = crisis_game.rules.uncertainty
    lines = drawn_world(crisis_game)
    assert len(lines) == len(UNCERTAIN_NAMES)
    for k, name in enumerate(UNCERTAIN_NAMES):
        assert lines[k] == (f"{FACTOR_WORDS[name]}: ×{drawn[0, k]:.2f} the scenario's value "
                            f"(drawn from ×{u.low[k]:.2f} to ×{u.high[k]:.2f}).")
    md, page = debrief(crisis_game, "md"), html.unescape(debrief(crisis_game, "html"))
    for line in lines:
        assert f"- {line}" in md and f"<li>{line}</li>" in page


def test_every_crisis_is_named_by_its_grade(crisis_game: Game) -> None:
    graded = [(crisis_game.summary(k).date, CRISIS_NAMES[int(r.log.crisis_grade[0])])
              for k, r in enumerate(crisis_game.history)
              if r.log.crisis_grade is not None and r.log.crisis_grade[0] > 0]
    assert graded  # the fixture's game met a crisis
    said = crises_met(crisis_game)
    assert [line.split(":")[0] for line in said] == [date for date, _ in graded]
    for line, (_, grade) in zip(said, graded, strict=True):
        assert CRISIS_WORDS[grade] in line
        assert f"- {line}" in debrief(crisis_game, "md")


def test_a_quiet_game_says_no_crisis_and_a_fixed_world_says_fixed() -> None:
    game = Game.new(load_scenario("tutorial"), seed=2)  # its [uncertainty] fixes the world
    assert (game.rules.uncertainty.low == game.rules.uncertainty.high).all()
    game.play_out(2)
    assert crises_met(game) == []
    assert "Crises:\n\n- none broke out." in debrief(game, "md")
    assert all("fixed at the scenario's value (×1.00)" in line for line in drawn_world(game))
