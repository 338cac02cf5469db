"""The score as players read it: the dashboard's goals, the report's score line, the score
screen and the one sentence on what the score means, all from the engine's term points."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from game.engine.rules import SCORE_TERMS
from game.engine.types import SIDES
from game.model.loader import load_scenario
from game.tui import present
from game.tui.local_game import LocalGame
from game.tui.score import SCORE_MEANING, board, score_moves, score_series, signed
from game.tui.screens import DashboardScreen, ReportScreen
from game.tui.screens.end import summary_text
from game.tui.screens.help import MECHANICS
from game.tui.screens.report import report_text
from game.tui.screens.score import ScoreScreen
from game.tui.widgets.score import ScorePanel
from tests.tui.conftest import enter_until, settle, short_game

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parents[2]


def rendered(renderable) -> str:
    """What a rich renderable shows, as plain text."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def panel_columns(screen) -> dict[str, list[str]]:
    table = screen.query_one(ScorePanel).content
    return {str(column.header): [str(cell) for cell in column.cells]
            for column in table.columns}


async def test_the_score_panel_shows_the_engines_term_points(make_app) -> None:
    app = make_app("us", played=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, DashboardScreen)
        columns = panel_columns(app.screen)
        summary = app.game.summary(1)  # the last resolved quarter
        for side, mark in (("us", "■"), ("china", "▲")):
            terms = summary.sides[side].terms
            assert [t.name for t in terms] == list(SCORE_TERMS)
            points = columns[f"{mark}pts"]
            # The panel shows each goal's points over the whole game so far (the score).
            assert points[:5] == [signed(t.game_points) for t in terms]
            assert columns[f"{mark}wt"][:5] == [f"{t.weight:.0%}" for t in terms]
            # The engine's score is 50 plus those points, and the panel's total says so.
            assert summary.outcome.scores[side] == pytest.approx(
                50 + sum(t.game_points for t in terms))
            assert points[5] == f"{summary.outcome.scores[side]:.1f}"


async def test_the_score_screen_shows_value_par_weight_points_and_the_chart(make_app):
    app = make_app("china", played=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "g")
        await pilot.pause()
        assert isinstance(app.screen, ScoreScreen)
        text = rendered(app.screen.query_one("#score-text", Static).content)
        assert " ".join(SCORE_MEANING.split()[:8]) in " ".join(text.split())
        term = app.game.summary(1).sides["china"].terms[1]  # share of compute
        assert f"{term.value:.0%}" in text and f"{term.par:.0%}" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


def test_the_score_series_is_the_engines_score_each_quarter() -> None:
    game = short_game("us")
    game.play_out(3)
    series = score_series(LocalGame(game))
    for s in series:
        assert s.y[0] == 50.0  # everyone starts at 50
        assert list(s.y[1:]) == [game.summary(t).outcome.scores[s.side] for t in range(3)]


def test_the_goals_that_moved_add_up_to_the_score_change() -> None:
    game = short_game("us")
    game.play_out(3)
    for turn in range(3):
        before = board(LocalGame(game), turn).scores
        after = game.summary(turn).outcome.scores
        for side, moves in score_moves(LocalGame(game), turn).items():
            # Goals under 0.05 points are left out of the sentence, so a small remainder.
            assert sum(p for _, p in moves) == pytest.approx(after[side] - before[side],
                                                             abs=5 * 0.05)
            assert all(abs(p) >= 0.05 for _, p in moves)


async def test_the_report_breaks_the_score_line_into_goals(make_app) -> None:
    app = make_app("us")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "e")
        await settle(pilot, app)
        await enter_until(pilot, app, ReportScreen)
        text = str(app.screen.query_one("#report-text", Static).render())
        moves = score_moves(app.table.game, 0)
        for side in SIDES:
            goal, points = moves[side][0]
            line = next(line for line in text.splitlines()
                        if line.strip().startswith(f"score {present.SIDE_MARK[side]}"))
            assert f"{goal.lower()} {signed(points)}" in line


def flat(text: str) -> str:
    return " ".join(text.replace("\\\n", " ").split())


def test_one_sentence_on_the_score_everywhere() -> None:
    sentence = flat(SCORE_MEANING)
    readme = flat(re.sub(r"\n", " ", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert sentence in readme
    lesson = next(e for e in load_scenario("tutorial").events if e.id == "lesson-score")
    assert sentence in flat(lesson.text)
    assert sentence in flat(MECHANICS)
    game = short_game("us", turns=2)
    game.play_out()
    end = summary_text(present.end_summary(game), board(LocalGame(game)))
    assert sentence in flat(rendered(end).replace("\n", " "))
    assert "against the opening" not in flat(lesson.text)


def test_the_score_lines_of_the_report_fit_80_columns() -> None:
    report = present.TurnReport(0, "2025Q1", scores={"us": (60.2, 10.2), "china": (36.5, -13.5)})
    moves = {"us": [("Inference market share", 6.0), ("Capability lead", 4.0),
                    ("Economy (budget)", 0.3), ("Share of compute", -0.1),
                    ("Stability", -0.1)], "china": []}
    lines = report_text(report, moves).plain.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("  score ■")))
    assert lines[first].startswith("  score ■ 60.2 (+10.2): inference market share +6.0")
    assert lines[first + 1].startswith("      ")  # the goals go on, indented under it
    assert "stability −0.1" in " ".join(lines) and "no goal moved" in " ".join(lines)
    assert max(len(line) for line in lines) <= 72  # with the padding and scrollbar: 80
