"""F1 describes model v2 (markets, money as a flow, catch-up, the crisis hazard and blame,
the whole-game score), with the scenario's crisis numbers from the engine."""

from __future__ import annotations

import numpy as np

from game.engine.crisis import hazard
from game.tui.score import SCORE_MEANING
from game.tui.screens import HelpScreen

SIZE = (120, 40)


async def test_help_describes_the_model_now(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for words in ("three of them", "home bias", "unspent", "chip-export revenue",
                      "catch-up", "crisis onset", "Blame", "The world is drawn",
                      SCORE_MEANING):
            assert words in text, words
        assert "At the crisis threshold the game ends at once" not in text  # v1's wall
        params = app.game.rules.params
        onset = float(params.crisis_onset[0])
        peak = float(params.crisis_threshold[0])
        chance = float(hazard(np.array([peak]), params)[0])
        assert f"| Crisis risk starts (tension) | {onset:g} |" in text
        assert f"| Chance of crisis a quarter at tension {peak:g} | {chance * 100:.0f}% |" \
            in text
