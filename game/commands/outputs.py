"""A played game as the `run` / `replay` output contract (DESIGN.md section 3)."""

from __future__ import annotations

import hashlib
from typing import Any

from game.commands.common import fmt, table
from game.engine.metrics import METRIC_NAMES
from game.engine.types import SIDES
from game.session import Game


def _clean(value: float) -> float:
    return float(f"{value:.10g}")


def turn_entries(game: Game) -> list[dict[str, Any]]:
    out = []
    deck = game.rules.deck
    for rec in game.history:
        figures = game.figures(rec.turn)
        fired = rec.log.events_fired
        events = [] if fired is None else [
            {"id": deck.ids[k], "title": deck.titles[k]} for k in range(deck.size)
            if fired[0, k]]
        out.append({
            "turn": rec.turn + 1,
            "date": game.date_of(rec.turn),
            "tension": _clean(float(rec.state.tension[0])),
            "events": events,
            **{side: {name: _clean(figures[side][name]) for name in METRIC_NAMES}
               for side in SIDES},
        })
    return out


def game_digest(game: Game) -> str:
    """One digest for the whole game: over every turn's state digest, in order."""
    h = hashlib.sha256()
    for d in game.digests():
        h.update(d.encode())
    return h.hexdigest()[:32]


def game_json(game: Game) -> dict[str, Any]:
    winner = game.winner()
    return {
        "scenario": game.scenario.name,
        "seed": game.seed,
        "turns": turn_entries(game),
        "final": {
            "score": {side: _clean(v) for side, v in game.scores.items()},
            "winner": winner if winner is not None else "draw",
            "crisis": game.crisis,
        },
        "digest": game_digest(game),
    }


CSV_HEADER = ["turn", "date", "side", "tension", *METRIC_NAMES]


def csv_rows(game: Game) -> list[list[Any]]:
    rows = []
    for entry in turn_entries(game):
        for side in SIDES:
            rows.append([entry["turn"], entry["date"], side, entry["tension"],
                         *(entry[side][name] for name in METRIC_NAMES)])
    return rows


TABLE_COLUMNS = (
    ("compute", "compute"), ("inventory", "stranded"), ("capability", "capab."),
    ("market_share", "mkt"), ("price", "$/Mtok"), ("budget", "budget"), ("score", "score"),
)


def game_table(game: Game) -> str:
    header = ["turn", "date", "tension"]
    for side in SIDES:
        header += [f"{side} {label}" for _, label in TABLE_COLUMNS]
    rows = []
    for entry in turn_entries(game):
        row = [str(entry["turn"]), entry["date"], f"{entry['tension']:.0f}"]
        for side in SIDES:
            row += [fmt(entry[side][name]) for name, _ in TABLE_COLUMNS]
        rows.append(row)
    winner = game.winner()
    result = f"winner: {winner or 'draw'}" + (" (crisis)" if game.crisis else "")
    scores = ", ".join(f"{s} {v:.1f}" for s, v in game.scores.items())
    title = f"{game.scenario.title} - seed {game.seed}"
    return "\n".join([title, "", table(header, rows, "llr" + "r" * 14), "",
                      f"{result}; scores {scores}",
                      "units: compute and stranded in M H100e; capability log10 FLOP; "
                      "mkt share of world inference revenue; budget $B/quarter"])
