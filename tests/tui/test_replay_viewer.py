"""The replay viewer, taking control from a recorded turn, resuming the last unfinished game
and refusing bad records: played through key presses, as a person would."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Button, Input, Static

from game.cli import main
from game.model.record_file import read_record
from game.records import autosave, autosave_dir, latest_autosaves
from game.tui import hooks, present, terminal
from game.tui.app import ComputeRaceApp
from game.tui.screens import BriefingScreen, DashboardScreen, TitleScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.replay_control import TakeControlDialog
from game.tui.screens.replay_problem import ProblemDialog
from tests.tui.conftest import SHORT_TURNS, settle, short_game

SIZE = (120, 40)
RECORDED_TURNS = 3
INJECTED = "efficiency-breakthrough"


@pytest.fixture(scope="module")
def record_path(tmp_path_factory) -> Path:
    """A headless game's record, written by `compute-race run --record`."""
    path = tmp_path_factory.mktemp("records") / "run.json"
    assert main(["run", "baseline-2025", "--seed", "7", "--turns", str(RECORDED_TURNS),
                 "--record", str(path)]) == 0
    return path


def shown(app: ComputeRaceApp, selector: str) -> str:
    """What a Static on the current screen shows, as plain text."""
    console = Console(width=SIZE[0] - 4, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def viewer(path: Path) -> ComputeRaceApp:
    return ComputeRaceApp(replay=hooks.open_replay(path))


async def test_the_viewer_steps_through_every_recorded_turn(record_path) -> None:
    record = read_record(record_path)
    app = viewer(record_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        game = screen.replayed.game
        assert screen.replayed.problem == ""  # every digest matched
        assert game.digests() == record.digest_list()

        seen = []
        for t in range(RECORDED_TURNS):
            assert screen.turn == t
            turn_line, body = shown(app, "#replay-turn"), shown(app, "#replay-text")
            date = record.turns[t].date
            assert date in turn_line and f"turn {t + 1} of {RECORDED_TURNS}" in turn_line
            # Both sides' orders as recorded...
            us, china = record.turns[t].orders.us, record.turns[t].orders.china
            assert f"budget to chips {us.allocation.chips * 100:.0f}%" in body
            assert f"budget to chips {china.allocation.chips * 100:.0f}%" in body
            assert f"compute to training {china.training_share * 100:.0f}%" in body
            # ...and the live game's turn report for the spectator, figure for figure.
            report = present.turn_report(game, t, None)
            assert f"Turn report: {date} (turn {t + 1})" in body
            for side in ("us", "china"):
                for line in report.sides[side]:
                    assert line.text[:60] in body
            assert report.tension in body
            seen.append(body)
            await pilot.press("right")
        assert len(set(seen)) == RECORDED_TURNS

        assert screen.turn == RECORDED_TURNS - 1  # right at the last turn stays there
        await pilot.press("home")
        assert screen.turn == 0 and record.turns[0].date in shown(app, "#replay-turn")
        await pilot.press("left")
        assert screen.turn == 0
        await pilot.press("end")
        assert screen.turn == RECORDED_TURNS - 1
        await pilot.press("left")
        assert screen.turn == RECORDED_TURNS - 2
        await pilot.press("escape")  # opened from the command line: on to the title
        assert isinstance(app.screen, TitleScreen)


async def test_the_viewer_shows_injects_notes_and_the_events_they_fired(tmp_path) -> None:
    game = short_game("us", seed=3)
    game.inject(INJECTED)
    game.note("what if the lab had not published?")
    game.play_out(2)
    path = tmp_path / "workshop.json"
    game.save(path)
    title = game.rules.deck.titles[game.rules.deck.ids.index(INJECTED)]

    app = viewer(path)
    async with app.run_test(size=SIZE) as pilot:
        body = shown(app, "#replay-text")
        assert f"injected: {title} [{INJECTED}]" in body
        assert "note (" in body and "what if the lab had not published?" in body
        assert f"★ {title}" in body  # the report's events: it fired
        await pilot.press("right")
        body = shown(app, "#replay-text")
        assert "injected:" not in body and "nothing this quarter" in body


async def test_a_tampered_record_is_shown_with_the_turn_that_differs(record_path,
                                                                   tmp_path) -> None:
    data = json.loads(record_path.read_text())
    allocation = data["turns"][1]["orders"]["us"]["allocation"]
    allocation["chips"], allocation["fabs"] = allocation["fabs"], allocation["chips"]
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data))
    app = viewer(tampered)
    async with app.run_test(size=SIZE) as pilot:
        problem = shown(app, "#replay-problem")
        assert app.screen.query_one("#replay-problem").display
        assert "turn 2 (2025Q2) differs from the record" in problem
        assert "the record was changed" in problem  # the seal is broken too: it says so
        await pilot.press("right")  # the replay as this build computes it, swap included
        fabs = f"budget to fabs {allocation['fabs'] * 100:.0f}%"
        assert fabs in shown(app, "#replay-text")


async def test_a_sound_record_shows_no_warning(record_path) -> None:
    app = viewer(record_path)
    async with app.run_test(size=SIZE):
        assert not app.screen.query_one("#replay-problem").display


@pytest.mark.parametrize("key, humans", [("u", ("us",)), ("h", ("china",)),
                                         ("b", ("us", "china"))])
async def test_take_control_branches_a_live_game_from_the_turn_on_screen(
        record_path, data_dir, key, humans) -> None:
    record = read_record(record_path)
    app = viewer(record_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # 2025Q2: keep turns 1 and 2, play from 2025Q3
        await pilot.press("c")
        assert isinstance(app.screen, TakeControlDialog)
        await pilot.press(key)
        await pilot.pause()
        game = app.game
        assert game is not None
        kept = 2
        assert game.turn == kept
        assert game.digests() == record.digest_list()[:kept]
        for t in range(kept):
            assert game.history[t].orders == record.turns[t].orders.by_side()
        assert game.parent is not None
        assert (game.parent.game, game.parent.turn) == (record.game, kept)
        assert game.parent.digest == record.turns[kept - 1].digest
        assert game.game_id != record.game
        # A human side's turn, in the normal flow of a live game.
        assert app.table.humans == humans and app.table.seat == humans[0]
        assert all(game.players[s].kind == ("human" if s in humans else "bot")
                   for s in ("us", "china"))
        assert not game.over and app.table.can_end_turn()
        assert isinstance(app.screen, BriefingScreen | DashboardScreen) or len(humans) > 1
        assert game.to_record().parent == game.parent
    assert read_record(record_path) == record  # the record itself is untouched


async def test_a_branch_autosaves_after_its_first_turn(record_path, data_dir) -> None:
    app = viewer(record_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "u")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DashboardScreen)
        assert not autosave_dir().exists() or not list(autosave_dir().iterdir())
        await pilot.press("e")
        await settle(pilot, app)
        game = app.game
        assert game is not None and game.turn == 2
    saves = latest_autosaves()
    assert autosave_dir().parent == data_dir  # the test's directory, not the user's
    assert [s.game_id for s in saves] == [game.game_id]
    assert saves[0].turns_played == 2 and saves[0].parent == read_record(record_path).game


async def test_take_control_is_refused_after_the_last_quarter_of_a_finished_game(
        tmp_path) -> None:
    game = short_game("us", seed=5)
    game.play_out()
    assert game.over and game.turn == SHORT_TURNS
    path = tmp_path / "finished.json"
    game.save(path)
    app = viewer(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "c")
        assert isinstance(app.screen, ReplayScreen)  # no dialog: nothing to play on
        assert app.game is None
        await pilot.press("left", "c", "h")
        await pilot.pause()
        assert app.game is not None and app.game.turn == SHORT_TURNS - 1
        assert app.table.humans == ("china",)
        # The person who played the US is not at the keyboard: the default bot takes over.
        assert str(app.game.players["us"]) == "bot:balanced"


async def test_a_record_of_no_turns_offers_control_from_the_opening(tmp_path) -> None:
    path = tmp_path / "fresh.json"
    short_game("us", seed=4).save(path)
    app = viewer(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "No quarter was played" in shown(app, "#replay-turn")
        await pilot.press("right", "end", "c", "b")
        await pilot.pause()
        assert app.game is not None and app.game.turn == 0
        assert app.table.humans == ("us", "china")


async def test_the_title_offers_to_resume_the_last_unfinished_game(data_dir) -> None:
    finished = short_game("us", seed=2)
    finished.play_out()
    autosave(finished)  # a finished game is never offered
    unfinished = short_game("china", seed=9)
    unfinished.play_out(1)
    autosave(unfinished)
    summary = latest_autosaves(unfinished=True)[0].summary

    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        resume = app.screen.query_one("#resume", Button)
        assert str(resume.label) == f"Resume {summary}"
        assert app.focused is resume  # the first choice
        await pilot.press("enter")
        await pilot.pause()
        game = app.game
        assert game is not None
        assert game.game_id == unfinished.game_id
        assert game.digests() == unfinished.digests() and game.turn == 1
        assert app.table.humans == ("china",)


async def test_no_resume_offer_without_an_unfinished_autosave(data_dir) -> None:
    done = short_game("us", seed=2)
    done.play_out()
    autosave(done)
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=SIZE):
        assert not app.screen.query("#resume")
        assert app.focused is app.screen.query_one("#start", Button)


async def test_a_record_opened_from_the_title_can_be_stepped_and_left(record_path) -> None:
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#replay")
        await pilot.pause()
        path_box = app.screen.query_one("#path", Input)
        path_box.value = str(record_path)
        path_box.focus()  # the file tree has the focus first; a typed path works too
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("right")
        assert app.screen.turn == 1
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


def _truncated(record_path: Path, folder: Path) -> Path:
    bad = folder / "cut.json"
    bad.write_bytes(record_path.read_bytes()[:400])
    return bad


async def test_a_bad_record_is_refused_with_a_dialog_and_left_untouched(
        record_path, tmp_path) -> None:
    bad = _truncated(record_path, tmp_path)
    before = (bad.read_bytes(), bad.stat().st_mtime_ns)
    app = ComputeRaceApp(seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        path_box = app.screen.query_one("#path", Input)
        path_box.value = str(bad)
        path_box.focus()  # the file tree has the focus first; a typed path works too
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemDialog)
        text = shown(app, "#problem-text")
        assert str(bad) in text and "truncated" in text
        await pilot.press("enter")
        assert isinstance(app.screen, TitleScreen)
    assert (bad.read_bytes(), bad.stat().st_mtime_ns) == before


def run_cli(argv: list[str]) -> int:
    """main() as run in a terminal (pytest's stdin is not one; see test_play_command)."""
    terminal.has_terminal = lambda: True  # type: ignore[assignment]
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's own errors
        return int(exc.code or 0)
    finally:
        terminal.has_terminal = real_has_terminal  # type: ignore[assignment]


real_has_terminal = terminal.has_terminal


def test_play_replay_of_a_bad_record_exits_2_untouched(record_path, tmp_path, capsys) -> None:
    bad = _truncated(record_path, tmp_path)
    before = (bad.read_bytes(), bad.stat().st_mtime_ns)
    assert run_cli(["play", "--replay", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "truncated" in err and "Traceback" not in err
    assert (bad.read_bytes(), bad.stat().st_mtime_ns) == before
    not_a_record = tmp_path / "scenario.json"
    not_a_record.write_text('{"name": "x"}')
    assert run_cli(["play", "--replay", str(not_a_record)]) == 2
    assert "not a Compute Race record" in capsys.readouterr().err


def test_play_replay_takes_the_record_alone(record_path, capsys) -> None:
    assert run_cli(["play", "--replay", str(record_path), "--side", "us"]) == 2
    assert "--replay: give the record alone" in capsys.readouterr().err


async def test_take_control_dialog_fits_an_80x24_terminal(record_path) -> None:
    app = viewer(record_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TakeControlDialog)
        box = dialog.query_one("#take-box").region
        assert box.right <= 80 and box.bottom <= 24
        inner = box.shrink(dialog.query_one("#take-box").styles.gutter)
        for button in dialog.query(Button):
            region = button.region
            assert region.width > 0, button.id
            assert inner.contains_region(region), (button.id, region, inner)
