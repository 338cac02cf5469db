"""The input rules (issue 15): inputs are regular files read with a bound, parsed with a
nesting limit, finite numbers and unique keys, and validated with strict types. Each
refusal is exit 2 naming the file, with no traceback, and leaves the file as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.files import MAX_DEPTH
from game.model.loader import SCENARIO_DIR

TUTORIAL = (SCENARIO_DIR / "tutorial.toml").read_text()
ORDERS = '{"side": "us", "turns": [{"turn": 1, "training_share": 0.5}]}'


def refused(capsys, argv: list[str], path: Path | str, reason: str) -> str:
    """Expect exit 2, the path and the reason in the message, and no traceback."""
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(path) in err and reason in err, err
    assert "Traceback" not in err and "internal error" not in err
    return err


@pytest.fixture()
def record(tmp_path, capsys) -> Path:
    path = tmp_path / "game.json"
    assert main(["run", "tutorial", "--turns", "2", "--format", "json", "--record",
                 str(path)]) == 0
    capsys.readouterr()
    return path


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path, capsys):
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    refused(capsys, ["validate", str(zero)], zero, "a character device")
    refused(capsys, ["run", str(zero)], zero, "a character device")
    record = tmp_path / "zero.json"
    record.symlink_to("/dev/zero")
    refused(capsys, ["replay", str(record)], record, "a character device")
    refused(capsys, ["report", str(record), "-o", str(tmp_path / "d.html")], record,
            "a character device")
    assert not (tmp_path / "d.html").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("argv", [["validate"], ["replay"]])
def test_a_fifo_as_input_is_refused_without_hanging(tmp_path, argv):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "game", *argv, str(fifo)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and str(fifo) in done.stderr and "FIFO" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_directory_and_an_unreadable_file_are_named(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    refused(capsys, ["validate", str(folder)], folder, "a directory")
    locked = tmp_path / "locked.toml"
    locked.write_text(TUTORIAL)
    real_open = os.open

    def no_permission(path, flags, *args):  # root reads any file: refuse it by hand
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_permission)
    refused(capsys, ["validate", str(locked)], locked, "permission denied")
    refused(capsys, ["run", str(locked)], locked, "permission denied")


def test_a_byte_order_mark_gets_a_helpful_message(tmp_path, capsys):
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + TUTORIAL.encode())
    err = refused(capsys, ["validate", str(bom)], bom, "byte-order mark (BOM)")
    assert "without BOM" in err or "not 'UTF-8 with BOM'" in err


@pytest.mark.parametrize("old, new", [
    ("turns = 8", "turns = 1e999"),
    ("tension = 30", "tension = inf"),
    ("tension = 30", "tension = nan"),
])
def test_a_figure_that_is_not_finite_is_refused(tmp_path, capsys, old, new):
    path = tmp_path / "s.toml"
    path.write_text(TUTORIAL.replace(old, new, 1))
    refused(capsys, ["validate", str(path)], path, "not finite")


def test_json_infinity_nan_and_duplicate_keys_are_refused(tmp_path, capsys, record):
    text = record.read_text()
    for name, bad, reason in [
        ("inf.json", text.replace('"seed": ', '"seed": 1e999, "x": ', 1), "not finite"),
        ("nan.json", text.replace('"seed": ', '"seed": NaN, "x": ', 1), "NaN is not a number"),
        ("dup.json", text.replace('"seed": ', '"seed": 1, "seed": ', 1), "appears twice"),
    ]:
        path = tmp_path / name
        path.write_text(bad)
        refused(capsys, ["replay", str(path)], path, reason)
        assert path.read_text() == bad
    orders = tmp_path / "o.json"
    orders.write_text('{"side": "us", "side": "china", "turns": []}')
    refused(capsys, ["run", "tutorial", "--us", f"script:{orders}"], orders, "appears twice")


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, capsys, record):
    deep_toml = tmp_path / "deep.toml"
    deep_toml.write_text(TUTORIAL + "\nx = " + "[" * 50_000 + "]" * 50_000 + "\n")
    refused(capsys, ["validate", str(deep_toml)], deep_toml, f"more than {MAX_DEPTH} levels")
    inline = tmp_path / "inline.toml"
    inline.write_text(TUTORIAL + "\nx = " + "{a=" * 100 + "1" + "}" * 100 + "\n")
    refused(capsys, ["validate", str(inline)], inline, f"more than {MAX_DEPTH} levels")
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000)
    refused(capsys, ["replay", str(deep_json)], deep_json, f"more than {MAX_DEPTH} levels")
    orders = tmp_path / "deep-orders.json"
    orders.write_text('{"side": "us", "turns": ' + "[" * 5000 + "]" * 5000 + "}")
    refused(capsys, ["run", "tutorial", "--us", f"script:{orders}"], orders,
            f"more than {MAX_DEPTH} levels")


@pytest.mark.parametrize("old, new, field", [
    ("turns = 8", 'turns = "8"', "clock.turns"),
    ("tension = 30", "tension = true", "start.tension"),
])
def test_scenario_types_are_strict(tmp_path, capsys, old, new, field):
    path = tmp_path / "s.toml"
    path.write_text(TUTORIAL.replace(old, new, 1))
    refused(capsys, ["validate", str(path)], path, field)


@pytest.mark.parametrize("policy, value", [("open_weights", '"yes"'),
                                           ("export_controls", "true"),
                                           ("export_controls", "2.0")])
def test_orders_and_policies_are_strict(tmp_path, capsys, policy, value):
    path = tmp_path / "o.json"
    path.write_text(f'{{"side": "us", "turns": [{{"turn": 1, "policies": {{"{policy}": '
                    f'{value}}}}}]}}')
    refused(capsys, ["run", "tutorial", "--us", f"script:{path}"], path, policy)
    scenario = tmp_path / "s.toml"
    scenario.write_text(TUTORIAL.replace("[start]\n", f"[start.us.policies]\n{policy} = "
                                         f"{value}\n\n[start]\n", 1))
    refused(capsys, ["validate", str(scenario)], scenario, f"start.us.policies.{policy}")


def test_record_types_are_strict(tmp_path, capsys, record):
    text = record.read_text()
    bad = tmp_path / "bad.json"
    bad.write_text(text.replace('"seed": 0', '"seed": "0"', 1))
    assert bad.read_text() != text
    refused(capsys, ["replay", str(bad)], bad, "seed")
