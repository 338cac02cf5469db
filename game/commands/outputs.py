"""A played game as the `run` / `replay` output contract (DESIGN.md section 3)."""

from __future__ import annotations

import hashlib
from typing import Any

from game.commands.common import table
from game.engine.metrics import METRIC_NAMES
from game.engine.types import SIDES
from game.present.figures import figure
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


TABLE_COLUMNS: tuple[str, ...] = ("compute", "inventory", "capability", "market_share", "price",
                                  "budget", "score")


def game_table(game: Game) -> str:
    entries = turn_entries(game)
    # A column keeps one unit: a price column is quoted per the token count its last
    # value needs (the model's prices fall over a game).
    like = {(side, name): entries[-1][side][name] if entries else 1.0
            for side in SIDES for name in TABLE_COLUMNS}
    header = ["turn", "date", "tension"]
    for side in SIDES:
        header += [f"{side} {figure(name).short.lower()}" for name in TABLE_COLUMNS]
    rows = []
    for entry in entries:
        row = [str(entry["turn"]), entry["date"], figure("tension").number(entry["tension"])]
        for side in SIDES:
            row += [figure(name).number(entry[side][name], like=like[side, name])
                    for name in TABLE_COLUMNS]
        rows.append(row)
    winner = game.winner()
    result = f"winner: {winner or 'draw'}" + (" (crisis)" if game.crisis else "")
    scores = ", ".join(f"{s} {figure('score').number(v)}" for s, v in game.scores.items())
    title = f"{game.scenario.title} - seed {game.seed}"
    units = "; ".join(
        f"{figure(name).short.lower()} {figure(name).unit_for(like['us', name])}"
        + (f" (china {figure(name).unit_for(like['china', name])})"
           if figure(name).unit_for(like["china", name])
           != figure(name).unit_for(like["us", name]) else "")
        for name in TABLE_COLUMNS)
    return "\n".join([title, "", table(header, rows, "llr" + "r" * 14), "",
                      f"{result}; scores {scores}", f"units: {units}"])
