"""The score as the engine keeps it: each side's five goals against par, with weights and
points, read from the turn summaries (game/summary.py), never recomputed here.

Textual-free, so the numbers a player reads are tested without a terminal.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.engine.types import SIDES
from game.model.clock import parse_quarter
from game.port import TableGame
from game.present.dashboard import Series
from game.present.words import TERM_LABELS, side_label
from game.summary import TermFact

# What the score means, in one sentence: the same words in F1 (help), README ("Winning"),
# the tutorial's lesson 8 and the end screen (tests/tui/test_score.py keeps them equal).
SCORE_MEANING = (
    "Each side starts at 50 and gains or loses points on five goals (capability lead, "
    "share of compute, share of the inference market, economy and stability), each "
    "measured against par, what the default bots reach by the same quarter, and weighted "
    "by the scenario; the score is the mean of the quarters so far, later ones weighing "
    "more, and the higher score at the end wins unless the two are within the draw margin.")

MOVED = 0.05  # points: a goal that moved less than this is not named in the report
# A team seat's name for the goals computed from the other side's hidden figures (their
# points are withheld: game/net/history.py); the score's change includes them.
HIDDEN_GOALS = "Goals the fog hides"


@dataclass(frozen=True)
class Board:
    """Where the score stands after the last resolved quarter (the opening before any)."""

    date: str  # the quarter the figures are after ("" at the opening)
    terms: Mapping[str, tuple[TermFact, ...]]  # side -> its five goals, SCORE_TERMS order
    scores: Mapping[str, float]  # side -> score (a crisis or a sudden death included)


def board(game: TableGame, turns: int | None = None) -> Board:
    """The score after `turns` resolved quarters (default: all played so far)."""
    played = game.turn if turns is None else turns
    if played == 0:
        terms = game.opening_terms()
        return Board("", terms, game.view_at(0, next(iter(terms))).scores)
    summary = game.summary(played - 1)
    return Board(summary.date, {side: summary.sides[side].terms for side in SIDES},
                 summary.outcome.scores)


def score_moves(game: TableGame, turn: int) -> dict[str, list[tuple[str, float]]]:
    """Per side, the goals whose points moved in quarter `turn`, largest first:
    [("Capability lead", +1.2), ...]. Their sum is the score's change (bar a crisis or a
    sudden death, which set the score outright)."""
    before, after = board(game, turn), board(game, turn + 1)
    out: dict[str, list[tuple[str, float]]] = {}
    for side in SIDES:
        moves = [(TERM_LABELS[new.name], new.game_points - old.game_points)
                 for old, new in zip(before.terms[side], after.terms[side], strict=True)]
        out[side] = sorted((m for m in moves if abs(m[1]) >= MOVED),
                           key=lambda m: -abs(m[1]))
        if any(not math.isfinite(m[1]) for m in moves):  # a team seat's fog: named, no number
            out[side].append((HIDDEN_GOALS, math.nan))
    return out


def goal_points(term: TermFact) -> str:
    """A goal's running points as the score tables show them ("hidden" under the fog)."""
    return signed(term.game_points) if math.isfinite(term.game_points) else "hidden"


def score_series(game: TableGame) -> list[Series]:
    """Each side's score after every quarter so far (the opening first): it is public."""
    year, quarter = parse_quarter(game.scenario.clock.start)
    x = year + (quarter - 1) / 4 + np.arange(game.turn + 1) / 4
    return [Series(side_label(side), side, x,
                   np.array([board(game, k).scores[side] for k in range(game.turn + 1)]))
            for side in SIDES]


def term_value(term: TermFact) -> str:
    """A goal's value or par as people read it: a lead in log10 FLOP, else a percentage."""
    return _goal_number(term.name, term.value)


def term_par(term: TermFact) -> str:
    return _goal_number(term.name, term.par)


def _goal_number(name: str, value: float) -> str:
    if value != value:  # NaN: withheld by the fog of war (a workshop seat)
        return "?"
    if name == "capability":
        return f"{value:+.2f}".replace("-", "−")
    return f"{value:.0%}"


def signed(points: float) -> str:
    """Points to one decimal with a true minus sign; +0.0 rather than −0.0 for a goal
    that rounds to par."""
    text = f"{points:+.1f}"
    return "+0.0" if text == "-0.0" else text.replace("-", "−")
