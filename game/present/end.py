"""The end of the game as plain data: who won, why, and each side's points by goal, put
into words from the last turn's summary (the engine's outcome facts)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.rules import SCORE_TERMS
from game.engine.types import SIDES
from game.port import TableGame
from game.present.outcome import (
    attribute,
    attribution_sentence,
    clock_sentence,
    crisis_sentence,
    headline,
    rule_text,
    sudden_death_sentence,
)
from game.present.words import TERM_WORDS


@dataclass
class EndSummary:
    winner: str | None
    headline: str
    why: str
    scores: dict[str, float]
    terms: dict[str, list[tuple[str, float]]]  # side -> (term words, points over or under par)


def term_points(game: TableGame) -> dict[str, dict[str, float]]:
    """Each side's points by score term after the last turn played (none before)."""
    if game.turn == 0:
        return {side: {} for side in SIDES}
    last = game.summary(game.turn - 1)
    # A team seat's summary withholds the goals computed from hidden figures (NaN).
    return {side: {t.name: t.game_points for t in last.sides[side].terms
                   if math.isfinite(t.game_points)} for side in SIDES}


def end_summary(game: TableGame) -> EndSummary:
    """Who won and why, from the engine's outcome facts."""
    outcome = game.outcome()
    points = term_points(game)
    if outcome.crisis and outcome.blamed is not None:
        why = crisis_sentence(game.date_of(game.turn - 1), outcome.blamed)
    elif outcome.sudden_death is not None:
        rule = game.scenario.victory.sudden_death[outcome.sudden_death]
        why = sudden_death_sentence(rule_text(rule.text, rule.side, rule.metric, rule.lead),
                                    rule.winner)
    else:
        why = clock_sentence(game.turn, game.rules.victory.draw_margin)
        # The lead is attributed only where every goal's points are known (not at a
        # team seat, where the fog hides some: a part would pass for the whole).
        if outcome.winner is not None and all(len(points[s]) == len(SCORE_TERMS)
                                              for s in SIDES):
            why += " " + attribution_sentence(attribute(outcome.winner, points))
    terms = {side: [(TERM_WORDS[t], p) for t, p in points[side].items()] for side in SIDES}
    return EndSummary(outcome.winner, headline(outcome.winner), why, dict(outcome.scores),
                      terms)
