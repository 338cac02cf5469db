"""`compute-race run`: the JSON contract, determinism, formats and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from game.cli import main
from game.engine.metrics import METRIC_NAMES


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed7():
    out = subprocess.run([sys.executable, "-m", "game", "run", "baseline-2025", "--seed", "7",
                          "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_json_has_every_turn_and_metric(seed7):
    assert seed7["scenario"] == "baseline-2025" and seed7["seed"] == 7
    turns = seed7["turns"]
    assert [t["date"] for t in turns][:2] == ["2025Q1", "2025Q2"]
    assert len(turns) == 24 and turns[-1]["date"] == "2030Q4"
    for t in turns:
        assert set(t) >= {"turn", "date", "tension", "events", "us", "china"}
        for side in ("us", "china"):
            assert set(t[side]) >= set(METRIC_NAMES)
            assert all(isinstance(v, float) for v in t[side].values())
        for e in t["events"]:
            assert set(e) == {"id", "title"}
    assert set(seed7["final"]["score"]) == {"us", "china"}
    assert seed7["final"]["winner"] in ("us", "china", "draw")
    assert isinstance(seed7["digest"], str) and len(seed7["digest"]) >= 16


def test_same_seed_same_game_other_seed_other_game(capsys, seed7):
    code, out, _ = run_cli(capsys, "run", "baseline-2025", "--seed", "7", "--format", "json")
    assert code == 0 and json.loads(out) == seed7
    code, out, _ = run_cli(capsys, "run", "baseline-2025", "--seed", "8", "--format", "json")
    other = json.loads(out)
    assert other["digest"] != seed7["digest"]


def test_turns_option_and_csv(capsys):
    code, out, _ = run_cli(capsys, "run", "baseline-2025", "--turns", "3", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6  # 3 turns x 2 sides
    assert {r["side"] for r in rows} == {"us", "china"}
    assert set(METRIC_NAMES) <= set(rows[0])


def test_table_is_readable(capsys):
    code, out, _ = run_cli(capsys, "run", "baseline-2025", "--turns", "2")
    assert code == 0
    assert "2025Q1" in out and "2025Q2" in out and "winner" in out


@pytest.mark.parametrize("argv, needle", [
    (["run", "no-such-scenario"], "no such scenario"),
    (["run", "baseline-2024"], "did you mean 'baseline-2025'"),
    (["run", "baseline-2025", "--us", "bot:nobody"], "unknown bot 'nobody'"),
    (["run", "baseline-2025", "--seed", "-3"], "out of range"),
    (["run", "baseline-2025", "--turns", "0"], "at least 1"),
    (["run", "baseline-2025", "--turns", "100"], "--turns: 100 is beyond baseline-2025's 24 quarters"),
    (["run", "baseline-2025", "--format", "xml"], "invalid choice"),
    (["run", "missing.toml"], "no such scenario file"),
])
def test_bad_input_exits_2_with_a_clear_message(capsys, argv, needle):
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2
    _, err = capsys.readouterr()
    assert needle in err
    assert "Traceback" not in err


def test_python_dash_m_and_script_agree():
    a = subprocess.run([sys.executable, "-m", "game", "run", "baseline-2025", "--turns", "2",
                        "--format", "json"], capture_output=True, text=True, check=True)
    b = subprocess.run(["compute-race", "run", "baseline-2025", "--turns", "2", "--format",
                        "json"], capture_output=True, text=True, check=True)
    assert json.loads(a.stdout) == json.loads(b.stdout)
