"""`compute-race play`: bad arguments exit 2 with a message, before any screen opens."""

from __future__ import annotations

import pytest

from game.cli import main


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
def test_bad_play_arguments_exit_2_with_a_message(argv, words, capsys) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


def test_play_load_of_a_missing_file_is_refused(tmp_path, capsys) -> None:
    assert run(["play", "--load", str(tmp_path / "nothing.json")]) == 2
    err = capsys.readouterr().err
    assert "nothing.json" in err and "Traceback" not in err
