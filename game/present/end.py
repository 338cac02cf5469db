"""The end of the game as plain data: who won, why, and each side's points by goal."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.rules import SCORE_TERMS
from game.engine.score import term_gains
from game.engine.types import SIDES, side_index
from game.present.outcome import (
    attribute,
    attribution_sentence,
    clock_sentence,
    crisis_sentence,
    headline,
    sudden_death_sentence,
)
from game.present.words import SIDE_NAME, TERM_WORDS
from game.session import Game


@dataclass
class EndSummary:
    winner: str | None
    headline: str
    why: str
    scores: dict[str, float]
    terms: dict[str, list[tuple[str, float]]]  # side -> (term words, points over or under par)


def term_points(game: Game) -> dict[str, dict[str, float]]:
    """Each side's points by score term after the last turn played."""
    gains = term_gains(game.state, game.rules.victory,
                       game.turn - 1 if game.history else None)[0]
    weights = game.rules.victory.weights
    return {side: {term: float(50.0 * gains[i, k] * weights[i, k] / weights[i].sum())
                   for k, term in enumerate(SCORE_TERMS)} for i, side in enumerate(SIDES)}


def end_summary(game: Game) -> EndSummary:
    """Who won and why, from the final state and the scenario's victory rules."""
    winner = game.winner()
    state = game.state
    last = game.history[-1].log if game.history else None
    points = term_points(game)
    if last is not None and last.crisis is not None and bool(last.crisis[0]):
        blamed = SIDES[int(state.last_escalator[0])] if state.last_escalator[0] >= 0 else "us"
        why = crisis_sentence(game.date_of(game.turn - 1), blamed)
    elif bool(state.over[0]):
        why = _sudden_death_text(game) or "A sudden-death condition ended the game."
    else:
        why = clock_sentence(game.turn, game.rules.victory.draw_margin)
        if winner is not None:
            why += " " + attribution_sentence(attribute(winner, points))
    terms = {side: [(TERM_WORDS[t], p) for t, p in points[side].items()] for side in SIDES}
    return EndSummary(winner, headline(winner), why, game.scores, terms)


def _sudden_death_text(game: Game) -> str | None:
    state = game.state
    for rule in game.scenario.victory.sudden_death:
        i = side_index(rule.side)
        values = getattr(state, rule.metric)[0]
        value = float(values[i] - values[1 - i]) if rule.lead else float(values[i])
        hit = value >= rule.at_least if rule.at_least is not None else (
            rule.at_most is not None and value <= rule.at_most)
        if hit:
            text = rule.text or f"{SIDE_NAME[rule.side]} {rule.metric} crossed its threshold"
            return sudden_death_sentence(text, rule.winner)
    return None
