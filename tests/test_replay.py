"""`compute-race run --record` and `compute-race replay`: a headless run's record
verifies, its replay prints the same contract, a tampered copy fails naming the turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import Game
from game.cli import main
from game.model.loader import load_scenario, shipped_names
from game.model.orders import USOrders, USPolicies
from game.model.record import Record
from game.model.scenario import ScriptedOrders
from game.records import read_record, verify

ROOT = Path(__file__).resolve().parent.parent
TURNS = "8"  # enough turns for events and policies to matter, few enough to stay fast


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, dict]:
    """A recorded run and its JSON output (module scope: played once)."""
    import contextlib
    import io

    path = tmp_path_factory.mktemp("rec") / "game.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["run", "baseline-2025", "--seed", "7", "--turns", TURNS,
                     "--format", "json", "--record", str(path)]) == 0
    return path, json.loads(out.getvalue())


def tampered(src: Path, dst: Path, turn: int) -> Path:
    """A copy whose US orders at 0-based `turn` move 10% of the budget from chips to
    research."""
    data = json.loads(src.read_text())
    alloc = data["turns"][turn]["orders"]["us"]["allocation"]
    alloc["chips"] = round(alloc["chips"] - 0.1, 6)
    alloc["research"] = round(alloc["research"] + 0.1, 6)
    dst.write_text(json.dumps(data, indent=1))
    return dst


def test_a_headless_runs_record_verifies(recorded, capsys):
    path, _ = recorded
    code, out, err = cli(capsys, "replay", str(path), "--verify")
    assert code == 0, err
    assert f"verified: all {TURNS} turns match" in err
    assert "2025Q1" in out and f"replayed {TURNS} of {TURNS} recorded turns" in out


def test_replay_json_is_the_run_json(recorded, capsys):
    path, run_json = recorded
    code, out, _ = cli(capsys, "replay", str(path), "--format", "json")
    assert code == 0
    assert json.loads(out) == run_json  # so its digest equals the original run's


@pytest.mark.parametrize("turn", [0, 4, 7])
def test_a_tampered_order_is_named_by_verify(recorded, tmp_path, capsys, turn):
    path, _ = recorded
    bad = tampered(path, tmp_path / "tampered.json", turn)
    code, out, err = cli(capsys, "replay", str(bad), "--verify")
    assert code == 3  # README: a record that does not replay to its digests
    assert out == ""
    date = read_record(path).turns[turn].date
    assert f"turn {turn + 1} ({date}) differs from the record" in err
    assert "figures that moved: " in err and "us." in err
    assert "Traceback" not in err


def test_without_verify_a_mismatch_is_still_reported(recorded, tmp_path, capsys):
    path, _ = recorded
    bad = tampered(path, tmp_path / "t.json", 2)
    code, out, err = cli(capsys, "replay", str(bad))
    assert code == 0
    assert "warning: turn 3 (2025Q3) differs" in err
    assert "2025Q3" in out


def test_until_stops_at_a_turn_or_a_quarter(recorded, capsys):
    path, run_json = recorded
    by_number = json.loads(cli(capsys, "replay", str(path), "--until", "3",
                               "--format", "json")[1])
    by_quarter = json.loads(cli(capsys, "replay", str(path), "--until", "2025Q3",
                                "--format", "json")[1])
    assert by_number == by_quarter
    assert by_number["turns"] == run_json["turns"][:3]


@pytest.mark.parametrize("until, message", [
    ("99", "outside the record (allowed: 1 to 8, 2025Q1 to 2026Q4)"),
    ("0", "outside the record"),
    ("2031Q1", "outside the record"),
    ("soon", "neither a turn number nor a quarter"),
])
def test_until_outside_the_record_is_bad_input(recorded, capsys, until, message):
    path, _ = recorded
    code, out, err = cli(capsys, "replay", str(path), "--until", until)
    assert code == 2 and out == ""
    assert message in err


@pytest.mark.parametrize("name", shipped_names())
def test_every_shipped_scenario_replays_its_digests(name, tmp_path, capsys):
    path = tmp_path / f"{name}.json"
    code, _, err = cli(capsys, "run", name, "--seed", "3", "--record", str(path))
    assert code == 0, err
    record = read_record(path)
    assert len(record.turns) == load_scenario(name).clock.turns or record.over
    check = verify(record)
    assert check.ok and check.checked == len(record.turns)
    assert check.game.digests() == record.digest_list()


def test_a_tampered_scripted_turn_is_caught(baseline):
    """Replays apply the recorded orders even where the scenario scripts the turn, so an
    edit there cannot hide behind the script."""
    scripted = baseline.model_copy(update={"scripted_orders": [ScriptedOrders(
        at="2025Q1", us=USOrders(policies=USPolicies(export_controls=3)))]})
    game = Game.new(scripted, seed=1)
    game.play_out(2)
    record = game.to_record()
    assert verify(record).ok
    first = record.turns[0]
    edited = first.orders.model_copy(update={"us": first.orders.us.model_copy(
        update={"training_share": 0.9})})
    bad = record.model_copy(update={"turns": [first.model_copy(update={"orders": edited}),
                                              *record.turns[1:]]})
    mismatch = verify(bad).mismatch
    assert mismatch is not None and mismatch.turn == 1


def test_scripted_players_are_recorded_and_replay(tmp_path, capsys):
    path = tmp_path / "scripted.json"
    us, china = ROOT / "examples" / "orders-us.toml", ROOT / "examples" / "orders-china.json"
    code, _, err = cli(capsys, "run", "baseline-2025", "--turns", "6", "--us", f"script:{us}",
                       "--china", f"script:{china}", "--record", str(path))
    assert code == 0, err
    record = read_record(path)
    assert record.players.us == f"script:{us}"
    assert record.turns[1].orders.us.policies.export_controls == 3  # the file's 2025Q2
    assert cli(capsys, "replay", str(path), "--verify")[0] == 0


def test_run_record_refuses_to_overwrite_a_file_that_is_not_a_record(tmp_path, capsys):
    target = tmp_path / "scenario.toml"
    target.write_text("name = 'mine'\n")
    code, out, err = cli(capsys, "run", "baseline-2025", "--turns", "1", "--record",
                         str(target))
    assert code == 2 and out == ""
    assert "refusing to overwrite" in err
    assert target.read_text() == "name = 'mine'\n"


def test_run_record_into_a_missing_directory_is_bad_input(tmp_path, capsys):
    code, _, err = cli(capsys, "run", "baseline-2025", "--turns", "1", "--record",
                       str(tmp_path / "no" / "such" / "game.json"))
    assert code == 2 and "no such directory" in err


def test_a_record_from_another_engine_version_is_flagged(recorded, tmp_path, capsys):
    path, _ = recorded
    data = json.loads(path.read_text())
    data["engine_version"] = "0-old"
    other = tmp_path / "old-engine.json"
    # as that engine's build would have written it: sealed with its content hash
    other.write_text(Record.model_validate(data).sealed().model_dump_json())
    code, _, err = cli(capsys, "replay", str(other), "--verify")
    assert code == 0  # same rules in fact, so the digests still match
    assert "made by engine version 0-old" in err
