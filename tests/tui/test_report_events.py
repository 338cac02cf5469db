"""The turn report lists the events of the quarter, each tagged by why it fired: the
quarter a card fires and the quarter it acts in (never "none this quarter" under it)."""

from __future__ import annotations

from game.tui.screens.report import report_text
from tests.tui.conftest import end_turn_to_report

SIZE = (120, 40)
CARD = "strait-incident"  # baseline deck, lasts one quarter: fires, then acts the next


async def _report_after_turn(pilot, app) -> str:
    screen = await end_turn_to_report(pilot, app)
    return report_text(screen.report, screen.moves).plain


async def test_an_injected_card_is_tagged_where_it_fires_and_where_it_acts(make_app) -> None:
    app = make_app("us", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # past the briefing
        title = app.game.event_card(CARD).title
        app.game.inject(CARD)
        fired = await _report_after_turn(pilot, app)
        assert f"{title}  [injected · fired]" in fired
        await pilot.press("enter")
        await pilot.pause()
        acting = await _report_after_turn(pilot, app)
        first = app.game.summary(0).date
        assert f"{title}  [injected · fired {first}, in force]" in acting
        events = acting[acting.index("Events\n"):]
        assert "none this quarter" not in events
        assert [(i.title, i.tag) for i in app.screen.report.acting] == [(title, "injected")]


async def test_a_quiet_quarter_says_none(make_app) -> None:
    app = make_app("us", seed=7)  # seed 7's first quarter: no card fires or acts
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = await _report_after_turn(pilot, app)
        assert app.screen.report.events == [] and app.screen.report.acting == []
        assert "Events\n  none this quarter" in text
