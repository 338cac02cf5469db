"""Comparison reports (2-16 games), the levers briefing and the `report` command."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.model.clock import quarter_label
from game.model.levels import level_text
from game.model.loader import load_scenario, shipped_names
from game.model.orders import USPolicies
from game.report import ReportError, briefing, comparison
from game.report.compare import build_comparison
from game.report.compare_render import COMPARISON_SECTIONS
from game.report.facts import CHARTS, POLICY_LABELS
from game.session import Game
from tests.test_report import external_references, h2s, md_h2s

TURNS = 6


def _game(seed: int, scenario: str = "baseline-2025", turns: int = TURNS) -> Game:
    g = Game.new(load_scenario(scenario), seed=seed)
    g.play_out(turns)
    return g


def _branch(baseline, at: int, export_controls: int) -> tuple[Game, Game]:
    """A game and its branch: same seed and orders until `at`, where the US changes."""
    main_line = Game.new(baseline, seed=17)
    main_line.play_out(TURNS)
    branch = Game.new(baseline, seed=17)
    for rec in main_line.history[:at]:
        branch.pending.update(rec.orders)
        branch.advance()
    us = branch.orders_for("us")
    branch.submit("us", us.model_copy(update={"policies": us.policies.model_copy(
        update={"export_controls": export_controls})}))
    branch.play_out(TURNS - at)
    return main_line, branch


@pytest.mark.parametrize("count", [2, 3, 6, 10])
def test_a_comparison_takes_two_to_sixteen_games(count):
    games = [_game(seed) for seed in range(1, count + 1)]
    labels = [f"table {k}" for k in range(1, count + 1)]
    html = comparison(games, labels)
    md = comparison(games, labels, "md")
    assert external_references(html) == []
    assert h2s(html) == [a for a, _ in COMPARISON_SECTIONS]
    assert md_h2s(md) == [t for _, t in COMPARISON_SECTIONS]
    # Each chart overlaid once per side (tension once), one line per game.
    charts = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(charts) == 2 * (len(CHARTS) - 1) + 1
    for chart in charts:
        assert chart.count("<polyline") >= count
        for label in labels:
            assert f">{label}</text>" in chart


@pytest.mark.parametrize("count", [1, 17])
def test_a_comparison_refuses_too_few_or_too_many(count):
    games = [_game(1, turns=1)] * count
    with pytest.raises(ReportError, match="2 to 16 games"):
        comparison(games)


def test_ten_games_are_compared_one_row_per_game():
    """A workshop of ten tables: the outcomes are one row per game (the result, then each
    side's final figures), not ten columns; every table is in each and in the charts."""
    games = [_game(seed, turns=2) for seed in range(1, 11)]
    labels = [f"table {k}" for k in range(1, 11)]
    md = comparison(games, labels, "md")
    outcomes = md.split("## Outcomes side by side")[1].split("## Charts overlaid")[0]
    assert "### US bloc at the end" in outcomes and "### China at the end" in outcomes
    tables = [block for block in outcomes.split("\n\n") if block.startswith("| Game")]
    assert len(tables) == 3
    for block in tables:
        rows = block.splitlines()[2:]
        assert [r.split(" | ")[0] for r in rows] == [f"| {label}" for label in labels]
        assert max(len(r.split(" | ")) for r in rows) <= 8  # columns: a page can hold it
    html = comparison(games, labels)
    assert html.count("<h3>US bloc at the end</h3>") == 1
    for chart in re.findall(r"<svg .*?</svg>", html, re.S):
        assert all(f">{label}</text>" in chart for label in labels)
    # Ten lines, each told apart from the others by its colour and dash together.
    lines = re.findall(r'<polyline[^>]*stroke="(#[0-9A-Fa-f]+)"[^>]*?(stroke-dasharray="[^"]*")?/>', html)
    assert len(set(lines[:10])) == 10


def test_a_game_and_its_branch_show_where_they_diverged(baseline):
    main_line, branch = _branch(baseline, at=3, export_controls=0)
    c = build_comparison([main_line, branch], ["main", "branch"])
    div = c.divergences[0]
    assert div.first_world_turn == 3
    first = div.shown[0]
    assert first.turn == 3 and first.date == quarter_label("2025Q1", 3)
    us_level = main_line.history[3].orders["us"].policies.export_controls  # type: ignore[union-attr]
    assert (f"US bloc export controls: {level_text('export_controls', us_level)} (main) "
            "vs 0 open (branch)") in first.lines
    md = comparison([main_line, branch], ["main", "branch"], "md")
    assert "the worlds differ from 2025Q4" in md
    assert f"{first.date} (first)" in md


def test_identical_games_never_diverge(baseline):
    a, b = _game(5), _game(5)
    div = build_comparison([a, b]).divergences[0]
    assert div.first_world_turn is None and div.shown == [] and div.differing_turns == 0


def test_different_scenarios_are_compared_with_a_caveat():
    games = [_game(4, "baseline-2025"), _game(4, "power-crunch")]
    if games[1].scenario.clock.start != games[0].scenario.clock.start:
        pytest.skip("power-crunch starts elsewhere")
    c = build_comparison(games, ["base", "crunch"])
    assert any("different scenarios" in n for n in c.notes)
    assert "different scenarios" in comparison(games, ["base", "crunch"])


def test_games_on_different_clocks_are_refused_clearly(baseline):
    later = baseline.model_copy(update={"clock": baseline.clock.model_copy(
        update={"start": "2027Q1"})})
    a = _game(1)
    b = Game.new(later, seed=1)
    b.play_out(2)
    with pytest.raises(ReportError, match=r"start in different quarters .*2027Q1"):
        comparison([a, b], ["now", "later"])


@pytest.mark.parametrize("name", shipped_names())
def test_the_levers_briefing_of_every_scenario(name):
    scenario = load_scenario(name)
    html = briefing(scenario)
    assert external_references(html) == []
    assert html.count('class="sheet') == 3  # US, China, the facilitator's deck
    for label in POLICY_LABELS.values():
        assert label in html
    for field in USPolicies.model_fields:  # the policy docstrings are the level guide
        doc = (USPolicies.model_fields[field].description or "").split(":")[0]
        assert doc.replace("\n", " ") in html
    for card in scenario.events:
        assert card.id in html
    assert scenario.briefing.us.split("\n")[0][:60] in html


def test_the_briefing_states_the_models_numbers(baseline):
    html = briefing(baseline)
    p = baseline.params
    cost = p.power_lead.rows()  # type: ignore[attr-defined]
    assert f"{cost[0]:g} quarters to connect" in html
    assert f"{cost[1]:g} quarters to connect" in html


# --- the command ---------------------------------------------------------------------


def _record(tmp_path, name: str, seed: int) -> str:
    path = tmp_path / name
    assert main(["run", "baseline-2025", "--seed", str(seed), "--turns", "4",
                 "--record", str(path), "--format", "json"]) == 0
    return str(path)


def test_the_command_writes_debriefs_and_comparisons(tmp_path, capsys):
    pytest.importorskip("game.records")
    a, b = _record(tmp_path, "a.json", 1), _record(tmp_path, "b.json", 2)
    capsys.readouterr()
    assert main(["report", a, "-o", str(tmp_path / "a.html")]) == 0
    assert main(["report", a, "-o", str(tmp_path / "a.md")]) == 0
    assert main(["report", a, b, "-o", str(tmp_path / "ab.html")]) == 0
    assert "Comparison of 2 games" in (tmp_path / "ab.html").read_text()
    assert ">a</text>" in (tmp_path / "ab.html").read_text()  # labelled by file name
    assert main(["report", "--briefing", "baseline-2025", "-o",
                 str(tmp_path / "levers.html")]) == 0
    assert "your levers" in (tmp_path / "levers.html").read_text()


@pytest.mark.parametrize("argv, message", [
    (["-o", "x.html"], "give 1 record"),
    (["a.json", "-o", "x.pdf"], ".html or .md"),
    (["--briefing", "baseline-2025", "a.json", "-o", "x.html"], "not both"),
    (["--briefing", "baseline-2025", "-o", "x.md"], "write it as .html"),
    (["a.json", "b.json", "--label", "one", "-o", "x.html"], "1 --label for 2 records"),
    (["a.json"] * 17 + ["-o", "x.html"], "2 to 16 records"),
    (["missing.json", "-o", "x.html"], "missing.json"),
    (["--briefing", "no-such-scenario", "-o", "x.html"], "no such scenario"),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "x.html").write_text("keep me")
    assert main(["report", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert (tmp_path / "x.html").read_text() == "keep me"
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.pdf").exists()


def test_the_command_takes_as_many_records_as_a_comparison():
    from game.commands.report import MAX_RECORDS
    from game.report.compare import MAX_GAMES

    assert MAX_RECORDS == MAX_GAMES
