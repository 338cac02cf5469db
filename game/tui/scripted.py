"""Scripted quarters in words: what the scenario's history orders for a side, as moves
from the orders it gave the quarter before (the orders screen shows them read-only)."""

from __future__ import annotations

from game.engine.orders import ALLOCATION
from game.model.orders import Orders
from game.tui.policy_text import specs
from game.tui.widgets.allocation import LABELS


def scripted_moves(previous: Orders, scripted: Orders) -> list[str]:
    """Each change the scripted orders make, e.g. "Export controls: 2 → 3 (...)"."""
    moves = []
    for spec in specs(scripted.side):
        before = float(getattr(previous.policies, spec.name))
        after = float(getattr(scripted.policies, spec.name))
        if before != after:
            moves.append(f"{spec.label}: {spec.level_word(before)} → {spec.level_word(after)}")
    old, new = previous.allocation.as_list(), scripted.allocation.as_list()
    for name, before, after in zip(ALLOCATION, old, new, strict=True):
        if round(before * 1000) != round(after * 1000):
            moves.append(f"{LABELS[name]}: {before:.0%} → {after:.0%} of the budget")
    if round(previous.training_share, 3) != round(scripted.training_share, 3):
        moves.append(f"Training share: {previous.training_share:.0%} → "
                     f"{scripted.training_share:.0%}")
    return moves


def scripted_notice(date: str, previous: Orders, scripted: Orders) -> str:
    """The orders screen's notice for a quarter the scenario's history plays (plain text)."""
    moves = scripted_moves(previous, scripted)
    said = ("; ".join(moves) if moves
            else "the same orders as the quarter before")
    return (f"{date} is a scripted quarter: history gives these orders and they resolve as "
            f"written, whatever is on screen. This quarter's moves: {said}.")
