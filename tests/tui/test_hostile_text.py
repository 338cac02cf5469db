"""Scenario and user text is shown as it is, never read as Textual markup: a title like
`Race [/] over [/b]` crashes no screen, and `[@click=...]` never becomes an action."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.widgets import Input, Static

from game import records
from game.model.loader import load_scenario
from game.model.scenario import Briefing, Clock
from game.session import Game
from game.tui.app import ComputeRaceApp
from game.tui.dialogs.event import EventDialog
from game.tui.screens import (
    BriefingScreen,
    DashboardScreen,
    EndScreen,
    HandoverScreen,
    HelpScreen,
    OrdersScreen,
    ReportScreen,
    TitleScreen,
)
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.replay_problem import ProblemDialog
from game.tui.screens.score import ScoreScreen
from tests.tui.conftest import TEST_FUTURES, settle

SIZE = (120, 40)
HOSTILE = "Race [/] over [/b] [@click=app.quit]quit[/] [b]bold"
MAJOR = "efficiency-breakthrough"


def hostile_game(turns: int = 3) -> Game:
    base = load_scenario("baseline-2025")
    events = [e.model_copy(update={"title": f"{HOSTILE} {e.id}", "text": HOSTILE})
              for e in base.events]
    scenario = base.model_copy(update={
        "title": HOSTILE, "description": HOSTILE, "events": events,
        "briefing": Briefing(us=HOSTILE, china=HOSTILE),
        "clock": Clock(start=base.clock.start, turns=turns)})
    return Game.new(scenario, seed=3, us="human", china="human")


def shown(screen) -> str:
    """Every Static's words on `screen` as plain text (markup, if any, already applied)."""
    parts = []
    for widget in screen.query(Static):
        rendered = widget.render()
        if isinstance(rendered, Content):
            parts.append(rendered.plain)
        elif isinstance(widget.content, Text):
            parts.append(widget.content.plain)
        elif isinstance(widget.content, str):
            parts.append(str(Content.from_markup(widget.content)))
    return "\n".join(parts)


async def test_hostile_scenario_text_passes_every_screen_as_plain_text(tmp_path) -> None:
    game = hostile_game()
    game.inject(MAJOR)
    app = ComputeRaceApp(game, ("us", "china"), facilitated=True)
    app.advisor_futures = TEST_FUTURES
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("space")
        assert isinstance(app.screen, BriefingScreen)  # Markdown: not Textual markup
        await pilot.press("enter")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("o")
        assert isinstance(app.screen, OrdersScreen)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "g")
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("escape", "ctrl+f")
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        note = console.query_one("#fac-note", Input)
        note.focus()
        note.value = HOSTILE
        await pilot.press("enter")
        assert HOSTILE in shown(console)  # the journal shows the note as typed
        await pilot.press("escape", "e")
        await pilot.pause()
        await pilot.press("space", "enter", "e")  # China: handover, briefing, end turn
        await settle(pilot, app)
        await pilot.press("space")  # US takes the seat: the event, then the report
        await pilot.pause()
        assert isinstance(app.screen, EventDialog)
        assert f"{HOSTILE} {MAJOR}" in shown(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert HOSTILE in shown(app.screen)
        await pilot.press("enter")
        assert app.return_code is None  # [@click=app.quit] was never an action
        game.play_out()
        app.begin(game, ("us", "china"))
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert HOSTILE in shown(app.screen)


async def test_hostile_text_on_the_title_resume_and_replay(data_dir) -> None:
    game = hostile_game(turns=24)  # the whole clock: a record's scenario is validated
    game.play_out(1)

    records.autosave(game)
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        resume = app.screen.query_one("#resume")
        assert HOSTILE in str(resume.label)
        saved = next(Path(records.autosave_dir()).glob("*.json"))
        app.screen.open_replay(str(saved))
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert HOSTILE in shown(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        bad = data_dir / "[b]bad [@click=app.quit]x [i].json"  # no "/" in a name
        bad.write_text("{", encoding="utf-8")
        app.screen.open_replay(str(bad))
        await pilot.pause()
        assert isinstance(app.screen, ProblemDialog)
        assert bad.name in shown(app.screen)
        assert app.return_code is None
