"""The debrief's timeline names the budget's lines in words, as every screen does
("data centers"), never by the engine's key ("datacenters")."""

from __future__ import annotations

from game.engine.orders import ALLOCATION
from game.report.timeline import moved_text, split_text


def shares(**given: float) -> list[float]:
    return [given.get(name, 0.0) for name in ALLOCATION]


def test_a_budget_split_reads_in_words() -> None:
    text = split_text(shares(chips=0.5, datacenters=0.3, power=0.2))
    assert "data centers 30%" in text
    assert "datacenters" not in text


def test_a_budget_move_reads_in_words() -> None:
    text = moved_text(shares(chips=0.6, datacenters=0.4), shares(chips=0.3, datacenters=0.7))
    assert "data centers 40% → 70%" in text
    assert "datacenters" not in text
