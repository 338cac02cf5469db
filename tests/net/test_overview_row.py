"""The workshop overview's row for a table, in words."""

from __future__ import annotations

from typing import Any

from game.tui.workshop import overview_cells


def row(turn: int, over: bool, date: str) -> dict[str, Any]:
    return {"table": 1, "turn": turn, "turns": 24, "date": date, "over": over,
            "paused": False, "deadline_in": None, "awaiting": [] if over else ["china"],
            "scores": {"us": 53.2, "china": 51.0}, "tension": 40.0, "connected": ["us"]}


def test_a_table_in_play_shows_the_quarter_being_played() -> None:
    cells = overview_cells(row(turn=0, over=False, date="2025Q1"))
    assert cells[1] == "2025Q1 (1/24)"


def test_a_finished_table_never_counts_past_its_last_quarter() -> None:
    cells = overview_cells(row(turn=24, over=True, date="2030Q4"))
    assert cells[1] == "2030Q4 (24/24)"
    assert cells[3] == "game over"
