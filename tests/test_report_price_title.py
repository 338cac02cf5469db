"""The debrief's price chart is titled without naming a token count: the unit beside it
says which count (per million, billion, ...) the numbers are quoted per, and a title
saying 'per million' over a '$/B tok' axis contradicted it."""

from __future__ import annotations

import re

from game.model.loader import load_scenario
from game.report import debrief
from game.session import Game


def test_the_price_chart_title_agrees_with_its_unit() -> None:
    game = Game.new(load_scenario("baseline-2025"), seed=0)
    game.play_out(game.turns)  # prices fall below a cent per million tokens by the end
    text = debrief(game, "md")
    heading = re.search(r"^\*\*([^*]*[Pp]rice[^*]*)\*\* \(([^;)]*)", text, re.MULTILINE)
    assert heading is not None
    title, unit = heading.groups()
    assert unit.startswith("$/") and unit != "$/M tok"  # quoted per more tokens than a million
    for count in ("million", "billion", "trillion", "quadrillion"):
        assert count not in title
