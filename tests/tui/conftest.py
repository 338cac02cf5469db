"""Fixtures for the UI tests: short games from the baseline scenario with fixed seeds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.model.loader import load_scenario
from game.model.scenario import Clock
from game.records.autosave import DATA_DIR_ENV
from game.session import Game
from game.tui.app import ComputeRaceApp
from game.tui.setup import HUMANS

SHORT_TURNS = 4
TEST_FUTURES = 64  # the advisor's forecasts, kept small so the suite stays fast


def short_game(side: str = "us", seed: int = 7, turns: int = SHORT_TURNS) -> Game:
    """The baseline scenario cut to `turns` quarters (as `run --turns` would play it)."""
    base = load_scenario("baseline-2025")
    scenario = base.model_copy(update={"clock": Clock(start=base.clock.start, turns=turns)})
    humans = HUMANS[side]
    players = {s: "human" if s in humans else "bot:balanced" for s in ("us", "china")}
    return Game.new(scenario, seed=seed, us=players["us"], china=players["china"])


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every UI test autosaves (after each turn) and looks for a game to resume in a temp
    directory: never in the user's data directory, never seeing the user's games."""
    folder = tmp_path / "compute-race-data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture()
def make_app() -> Callable[..., ComputeRaceApp]:
    def make(side: str = "us", seed: int = 7, turns: int = SHORT_TURNS,
             played: int = 0, facilitated: bool = False) -> ComputeRaceApp:
        game = short_game(side, seed, turns)
        game.play_out(played)
        app = ComputeRaceApp(game, HUMANS[side], facilitated=facilitated)
        app.advisor_futures = TEST_FUTURES
        return app

    return make


async def settle(pilot, app: ComputeRaceApp) -> None:
    """Let a resolving turn finish and the screens it pushes appear."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def until(pilot, ready: Callable[[], bool], shown: Callable[[], object] = str,
                pauses: int = 500) -> None:
    """Let the app run until `ready()` holds: a condition, not a guess at how long a busy
    machine needs (bounded, so a broken screen fails rather than hangs, saying `shown()`)."""
    for _ in range(pauses):
        if ready():
            return
        await pilot.pause()
    assert ready(), shown()


async def enter_until(pilot, app, screen_type, presses: int = 50):
    """Press Enter (past briefings, event dialogs and reports) until the screen is a
    `screen_type`, and return it (bounded: a broken screen fails rather than hangs)."""
    for _ in range(presses):
        if isinstance(app.screen, screen_type):
            return app.screen
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, screen_type)
    return app.screen


async def end_turn_to_report(pilot, app: ComputeRaceApp):
    """End the turn, close any event dialogs, and return the turn report screen."""
    from game.tui.dialogs.event import EventDialog
    from game.tui.screens import ReportScreen

    await pilot.press("e")
    await settle(pilot, app)
    assert isinstance(app.screen, EventDialog | ReportScreen)
    return await enter_until(pilot, app, ReportScreen)
