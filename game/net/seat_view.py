"""What each seat is sent: the one place that decides what leaves the server.

A team seat gets its side's fogged view (`Game.view(side)`), its own submitted orders and
the public facts of the table (whose orders are awaited, pause, deadline). Never the other
side's true figures or orders: those go to the facilitator only.
"""

from __future__ import annotations

from typing import Any

from game.engine.types import SIDES
from game.net.history import params_changed
from game.net.protocol import Overview, TableUpdate
from game.net.table import Table

JOURNAL_SHOWN = 12


def table_update(table: Table, seat: str) -> TableUpdate:
    g = table.game
    common: dict[str, Any] = {
        "table": table.number, "seat": seat, "turn": g.turn, "turns": g.turns,
        "date": g.date, "over": g.over, "paused": table.paused,
        "awaiting": table.awaiting(), "deadline_in": table.deadline_in(),
    }
    if seat in SIDES:
        mine = g.pending.get(seat)
        return TableUpdate(**common, view=table.view(seat),
                           submitted=None if mine is None else mine.model_dump(mode="json"),
                           last_orders=g.last_orders(seat).model_dump(mode="json"),
                           params_in_force=params_changed(g))
    return TableUpdate(**common, view=None, submitted=None, facilitator=_facilitator(table))


def _facilitator(table: Table) -> dict[str, Any]:
    """The facilitator's console: the truth, both sides' orders in, the journal, the deck."""
    g = table.game
    return {
        "figures": g.figures(),
        "scores": g.scores,
        "winner": g.winner() if g.over else None,
        "tension": float(g.state.tension[0]),
        "orders": {side: o.model_dump(mode="json") for side, o in g.pending.items()},
        "deck": [{"id": i, "title": t} for i, t in zip(g.rules.deck.ids, g.rules.deck.titles,
                                                        strict=True)],
        "journal": [e.model_dump(mode="json") for e in g.journal[-JOURNAL_SHOWN:]],
        "digests": g.digests(),
        "record": str(table.files.record(table.number)),
    }


def overview_row(t: Table, connected: set[str]) -> dict[str, Any]:
    """One table at a glance, for the facilitators' overview (the projector)."""
    g = t.game
    return {
        "table": t.number, "turn": g.turn, "turns": g.turns, "date": g.date,
        "over": g.over, "paused": t.paused, "awaiting": t.awaiting(),
        "deadline_in": t.deadline_in(), "scores": g.scores,
        "tension": float(g.state.tension[0]),
        "winner": g.winner() if g.over else None,
        "connected": sorted(connected),
    }


def overview(rows: list[dict[str, Any]]) -> Overview:
    return Overview(tables=rows)
