"""The balance audit finds what is planted (a dead lever, an overwhelming side, a weak bot),
keeps its JSON contract, renders reports with charts, and refuses bad arguments."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.analysis.balance import AuditOptions, run_audit
from game.analysis.balance.best_response import Search, search_all
from game.analysis.balance.findings import all_findings
from game.analysis.balance.levers import play_levers
from game.analysis.balance.matrix import bot_player, play_matrix
from game.analysis.balance.runner import Runner
from game.analysis.sweep import game_seeds, run_sweep
from game.bots.base import REGISTRY, Bot, register
from game.bots.observation import Observation
from game.cli import main
from game.engine.orders import SideOrders
from game.model.loader import load_scenario

BASELINE = Path(__file__).parent.parent / "scenarios" / "baseline-2025.toml"


def planted(tmp_path: Path, name: str, edits: list[tuple[str, str]]) -> Path:
    """The baseline with `edits` (old text, new text) made: a scenario with a flaw."""
    text = BASELINE.read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace('name = "baseline-2025"', f'name = "{name}"', 1))
    return path


def lever(levers, side, name):
    return next(r for r in levers if r.side == side and r.lever == name)


def test_a_lever_made_dead_by_its_parameters_is_flagged(tmp_path):
    # Enforcement neither cuts smuggling nor exposes it, and costs no tension.
    path = planted(tmp_path, "dead-enforcement", [
        ("value = [1.0, 0.7, 0.4, 0.2]", "value = [1.0, 1.0, 1.0, 1.0]"),
        ("value = [0.02, 0.08, 0.15, 0.25]", "value = [0.02, 0.02, 0.02, 0.02]"),
        ("us = [6.0, 5.0, 3.0, 2.0, -3.0]", "us = [6.0, 5.0, 3.0, 0.0, -3.0]"),
        ("us = [3.0, 5.0, 2.0, 1.0, -2.0]", "us = [3.0, 5.0, 2.0, 0.0, -2.0]"),
    ])
    seeds = game_seeds(0, 12)
    dead = play_levers(Runner(load_scenario(str(path))), "bot:balanced", seeds)
    alive = play_levers(Runner(load_scenario("baseline-2025")), "bot:balanced", seeds)
    assert lever(dead, "us", "enforcement").dead
    assert lever(dead, "us", "enforcement").ok is False
    assert not lever(alive, "us", "enforcement").dead  # the control: it works in the baseline
    assert lever(alive, "us", "enforcement").ok is True
    texts = [f.text for f in all_findings([], dead, []) if f.kind == "dead_lever"]
    assert any("enforcement" in t and "US bloc" in t for t in texts)
    # Every other lever of the planted scenario still moves something.
    assert [r.lever for r in dead if r.dead] == ["enforcement"]


def test_an_overwhelming_side_shows_a_dominant_row(tmp_path):
    # China wins the moment it leads the US bloc in capability by -100 orders of
    # magnitude or more, that is at once, whatever either side does.
    path = planted(tmp_path, "china-overwhelms", [(
        "[victory.us]",
        "[[victory.sudden_death]]\nside = \"china\"\nmetric = \"capability\"\nlead = true\n"
        "at_least = -100.0\nwinner = \"china\"\ntext = \"planted\"\n\n[victory.us]")])
    scenario = load_scenario(str(path))
    bots = ("balanced", "efficiency")
    matrix = play_matrix(Runner(scenario), bots, game_seeds(0, 8))
    assert all(p.win_rate("china") == 1.0 for p in matrix)
    found = all_findings(matrix, [], [])
    dominant = [f.text for f in found if f.kind == "dominant_bot"]
    assert len(dominant) == 2 and all("China's" in t for t in dominant)
    assert found[0].kind == "dominant_bot"  # strongest first
    # The control: in the baseline these two US bots are not both beaten every time.
    control = play_matrix(Runner(load_scenario("baseline-2025")), bots, game_seeds(0, 8))
    assert not all(p.win_rate("china") == 1.0 for p in control)


class Feeble(Bot):
    """Spends everything on intelligence and trains almost nothing."""

    def policy(self, obs: Observation) -> SideOrders:
        alloc = np.zeros((obs.batch, 6))
        alloc[:, 5] = 1.0
        return SideOrders(alloc, np.full(obs.batch, 0.05), obs.own_policy.copy())


@pytest.fixture
def feeble():
    register("feeble", "a deliberately weak bot (tests only)")(Feeble)
    yield "feeble"
    del REGISTRY["feeble"]


def test_best_response_beats_a_deliberately_weak_bot_and_plays_as_an_orders_file(
        feeble, tmp_path):
    scenario = load_scenario("baseline-2025")
    runner = Runner(scenario)
    audit_seeds = game_seeds(0, 10)
    matrix = play_matrix(runner, ("balanced", feeble), audit_seeds)
    responses = search_all(runner, scenario, ("balanced", feeble), Search(6, 2, 4), 0,
                           game_seeds(99, 4), audit_seeds, matrix, bot_player("balanced"))
    us = next(r for r in responses if r.side == "us" and r.against == feeble)
    assert us.win_rate().value >= 0.9
    # The plan as a file plays the same games in `run`/`sweep` as it did in the audit.
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(us.as_json(scenario)["plan"]))
    replayed = run_sweep(scenario, 10, 0, us=f"script:{plan}", china=f"bot:{feeble}")
    assert np.array_equal(replayed.games.winners, us.games.winners)
    assert np.array_equal(replayed.games.final["score"], us.games.final["score"])


@pytest.fixture(scope="module")
def small_audit():
    scenario = load_scenario("baseline-2025")
    return run_audit(scenario, AuditOptions(runs=6, bots=("balanced", "hawk"), budget=8,
                                            search_seeds=3))


def test_json_contract(small_audit):
    data = json.loads(json.dumps(small_audit.as_json(), allow_nan=False))
    assert {"scenario", "runs", "matrix", "levers", "best_response", "findings"} <= set(data)
    assert data["scenario"] == "baseline-2025" and data["runs"] == 6
    assert len(data["matrix"]) == 4
    for row in data["matrix"]:
        assert {"us", "china", "us_win", "china_win", "draw", "crisis", "gap_p10", "gap_p50",
                "gap_p90"} <= set(row)
        assert row["us_win"] + row["china_win"] + row["draw"] == pytest.approx(1.0, abs=1e-5)
        assert row["gap_p10"] <= row["gap_p50"] <= row["gap_p90"]
        low, high = row["us_win_interval"]
        assert low <= row["us_win"] <= high
    levers = {(r["side"], r["lever"]) for r in data["levers"]}
    assert ("us", "export_controls") in levers and ("china", "training_share") in levers
    for row in data["levers"]:
        assert {"side", "lever", "setting", "effects", "ok"} <= set(row)
        assert {"us.score", "china.compute", "tension", "us.win", "crisis"} <= set(row["effects"])
        assert row["ok"] in (True, False, None)
    export = [r for r in data["levers"] if r["lever"] == "export_controls"]
    assert [r["setting"] for r in export] == [0, 1, 2, 3, 4]
    missing = [c for c in export[0]["checks"] if c["figure"] == "us.chip_export_revenue"]
    if missing and missing[0]["status"] == "missing":  # until the model has the figure
        assert "not checked" in missing[0]["note"]
    assert len(data["best_response"]) == 4
    for row in data["best_response"]:
        assert {"side", "against", "plan", "win_rate"} <= set(row)
        assert row["plan"]["side"] == row["side"] and row["plan"]["turns"]
    assert all({"kind", "text"} <= set(f) for f in data["findings"])


def test_reports_html_with_charts_markdown_and_table(small_audit, tmp_path, capsys):
    from game.commands.balance import render

    html = render(small_audit, "html")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert 'aria-label="Win matrix' in html and "Lever effects" in html
    assert html.count("<svg") == 2 and "src=" not in html
    md = render(small_audit, "md")
    assert md.startswith("<!-- generator: compute-race -->")
    assert "## Bot matrix" in md and "| US ↓ China → |" in md and "## Findings" in md
    text = render(small_audit, "table")
    assert "Bot matrix" in text and "Findings (strongest first)" in text
    for finding in small_audit.findings:
        assert finding.text in text and finding.text in md


def test_command_writes_each_format(tmp_path, capsys):
    args = ["balance", "baseline-2025", "--bots", "balanced", "--runs", "3", "--budget", "4",
            "--workers", "1"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matrix"][0]["us"] == "balanced" and data["runs"] == 3
    out = tmp_path / "audit.html"
    assert main([*args, "-o", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal
    assert main([*args, "-o", str(out)]) == 0  # its own report: replaced
    mine = tmp_path / "notes.json"
    mine.write_text('{"my": "notes"}')
    assert main([*args, "-o", str(mine)]) == 2  # refused before the audit is played
    assert "notes.json" in capsys.readouterr().err
    assert mine.read_text() == '{"my": "notes"}'
    assert main([*args, "-o", str(mine), "--force"]) == 0
    assert json.loads(mine.read_text())["format"] == "compute-race-balance"
    text = tmp_path / "audit.txt"
    assert main([*args, "-o", str(text)]) == 0 and main([*args, "-o", str(text)]) == 0
    assert text.read_text().startswith("Balance audit: baseline-2025")


@pytest.mark.parametrize("argv, words", [
    (["--bots", "balanced,hawkk"], "unknown bot 'hawkk'"),
    (["--runs", "0"], "must be at least 1"),
    (["--budget", "-3"], "must be at least 1"),
    (["--format", "pdf"], "invalid choice"),
    (["-o", "audit.pdf"], "cannot tell the format"),
])
def test_bad_arguments_exit_2_with_a_clear_message(argv, words, capsys):
    assert exit_code(["balance", "baseline-2025", *argv]) == 2
    assert words in capsys.readouterr().err


def exit_code(argv: list[str]) -> int:
    """main's return value, or the code argparse exits with."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_an_unreachable_scheduler_exits_2(monkeypatch, capsys):
    import game.analysis.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    code = main(["balance", "baseline-2025", "--bots", "balanced", "--runs", "2",
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    err = capsys.readouterr().err
    assert "tcp://127.0.0.1:9" in err and "dask scheduler" in err
