"""The replay viewer at 120x40, from a deterministic record (`run --seed 7 --record`).

Regenerate only after looking at the report: `pytest tests/tui/test_replay_snapshot.py
--snapshot-update`."""

from __future__ import annotations

from game.cli import main
from game.tui import hooks
from game.tui.app import ComputeRaceApp

SIZE = (120, 40)


def test_replay_viewer(snap_compare, tmp_path) -> None:
    path = tmp_path / "replay.json"  # the file's name is on screen: keep it fixed
    assert main(["run", "baseline-2025", "--seed", "7", "--turns", "3",
                 "--record", str(path)]) == 0
    app = ComputeRaceApp(replay=hooks.open_replay(path))
    assert snap_compare(app, terminal_size=SIZE, press=["right"])
