"""`compute-race play`: bad arguments exit 2 with a message, before any screen opens."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.cli import main
from game.tui import terminal


@pytest.fixture()
def a_terminal(monkeypatch) -> None:
    """For tests of the arguments: as if run in a terminal (pytest's stdin is not one)."""
    monkeypatch.setattr(terminal, "has_terminal", lambda: True)


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's own errors
        return int(exc.code or 0)


@pytest.mark.parametrize("argv, words", [
    (["play", "no-such-scenario"], "no such scenario"),
    (["play", "--side", "china"], "need a SCENARIO"),
    (["play", "baseline-2025", "--opponent", "bot:nobody"], "unknown bot"),
    (["play", "baseline-2025", "--side", "martians"], "invalid choice"),
    (["play", "--load", "save.json", "baseline-2025"], "alone"),
])
@pytest.mark.usefixtures("a_terminal")
def test_bad_play_arguments_exit_2_with_a_message(argv, words, capsys) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("a_terminal")
def test_play_load_of_a_missing_file_is_refused(tmp_path, capsys) -> None:
    assert run(["play", "--load", str(tmp_path / "nothing.json")]) == 2
    err = capsys.readouterr().err
    assert "nothing.json" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [[], ["play"], ["play", "baseline-2025", "--side", "both"]])
def test_without_a_terminal_play_exits_2_pointing_at_run(argv) -> None:
    """Stdin and stdout not terminals (a pipe, /dev/null, CI): exit 2 at once, no screen.
    The timeout only keeps a hang from stalling the suite; nothing is timed."""
    done = subprocess.run([sys.executable, "-m", "game", *argv], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and "compute-race run" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_play_help_needs_no_terminal() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "play", "--help"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--facilitator" in done.stdout
