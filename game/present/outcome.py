"""Outcome sentences: who won and why, put into words from the engine's outcome facts
(the winner, the scores, each side's term points, the crisis and its blamed side, the
sudden-death rule). Nothing here decides anything: every clause restates a fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.engine.types import SIDES
from game.present.numbers import points
from game.present.words import SIDE_NAME, TERM_WORDS, other_side, side_label

# A term whose share of the gap is smaller than this is not named as deciding it.
NEGLIGIBLE_POINTS = 0.05
# The deciding terms are the fewest, largest first, that make this share of the points
# in the winner's favour; the rest are summed as "other goals".
DECISIVE_SHARE = 0.75


@dataclass(frozen=True)
class GapPart:
    term: str
    points: float  # the winner's term points minus the loser's


@dataclass(frozen=True)
class Attribution:
    """How the winner's lead splits over the score terms."""

    winner: str
    gap: float  # the winner's score minus the loser's
    decided: tuple[GapPart, ...]  # the terms that made the gap, largest first
    others: float  # the points the other terms in the winner's favour added
    against: tuple[GapPart, ...]  # the terms that went the loser's way, largest first

    @property
    def mostly(self) -> bool:
        """Whether other terms in the winner's favour added to the deciding ones."""
        return self.others > NEGLIGIBLE_POINTS


def attribute(winner: str, term_points: Mapping[str, Mapping[str, float]]) -> Attribution:
    """The winner's lead term by term. The deciding terms are the fewest of the terms in
    the winner's favour, largest first, that make DECISIVE_SHARE of the points in its
    favour (so at least that share of the gap)."""
    loser = other_side(winner)
    parts = sorted((GapPart(t, float(term_points[winner][t] - term_points[loser][t]))
                    for t in term_points[winner]), key=lambda p: -p.points)
    gap = sum(p.points for p in parts)
    favour = [p for p in parts if p.points > NEGLIGIBLE_POINTS]
    target = DECISIVE_SHARE * sum(p.points for p in favour)
    decided: list[GapPart] = []
    for part in favour:
        if sum(p.points for p in decided) >= target:
            break
        decided.append(part)
    others = sum(p.points for p in favour[len(decided):])
    against = tuple(p for p in reversed(parts) if p.points < -NEGLIGIBLE_POINTS)
    return Attribution(winner, gap, tuple(decided), others, against)


def _listed(parts: tuple[GapPart, ...]) -> str:
    words = [f"{TERM_WORDS[p.term]} ({points(p.points, sign=True)})" for p in parts]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def attribution_sentence(a: Attribution) -> str:
    """`US bloc's lead of 12.3 points over China came from capability lead (+9.1) and
    share of compute (+4.0); stability (−0.8) went China's way.`"""
    loser = other_side(a.winner)
    if not a.decided:
        return (f"{SIDE_NAME[a.winner]} led {SIDE_NAME[loser]} on no score term by more than "
                f"{NEGLIGIBLE_POINTS} points.")
    text = (f"{SIDE_NAME[a.winner]}'s lead of {points(a.gap)} points over {SIDE_NAME[loser]} "
            f"came {'mostly ' if a.mostly else ''}from {_listed(a.decided)}")
    if a.mostly:
        text += f", other goals adding {points(a.others, sign=True)}"
    if a.against:
        text += f"; {_listed(a.against)} went {SIDE_NAME[loser]}'s way"
    return text + "."


def _points_word(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def headline(winner: str | None) -> str:
    return "A draw" if winner is None else f"{side_label(winner)} wins"


def crisis_sentence(date: str, blamed: str) -> str:
    return (f"A crisis turned into open conflict in {date}, ending the game. It is blamed "
            f"chiefly on {SIDE_NAME[blamed]}, which drove more of the tension up; each side "
            "lost points in proportion to its share of the blame.")


def rule_text(text: str, side: str, metric: str, lead: bool) -> str:
    """A sudden-death rule in words: the scenario's own text, or what it measures."""
    return text or (f"{SIDE_NAME[side]}'s {metric.replace('_', ' ')}"
                    f"{' lead' if lead else ''} crossed its threshold")


def sudden_death_sentence(rule_text: str, winner: str) -> str:
    return f"A sudden-death condition ended the game: {rule_text} ({SIDE_NAME[winner]} wins)."


def clock_sentence(quarters: int, draw_margin: float) -> str:
    return (f"The clock ran out after {quarters} quarters; the higher score wins "
            f"(within {_points_word(draw_margin)} is a draw).")


def draw_sentence(draw_margin: float) -> str:
    return f"The scores ended within the draw margin of {_points_word(draw_margin)}."


def side_sentence(side: str, score: float, term_points: Mapping[str, float]) -> str:
    """`US bloc scored 61.2, gaining most on capability lead (+9.1 points), losing most on
    stability (−0.8).`"""
    ranked = sorted(term_points.items(), key=lambda kv: kv[1])
    parts = [f"{SIDE_NAME[side]} scored {score:.1f}"]
    best, worst = ranked[-1], ranked[0]
    if best[1] > NEGLIGIBLE_POINTS:
        parts.append(f"gaining most on {TERM_WORDS[best[0]]} ({points(best[1], sign=True)} "
                     "points)")
    if worst[1] < -NEGLIGIBLE_POINTS:
        parts.append(f"losing most on {TERM_WORDS[worst[0]]} ({points(worst[1], sign=True)})")
    return ", ".join(parts) + "."


def result_sentences(winner: str | None, scores: Mapping[str, float],
                     term_points: Mapping[str, Mapping[str, float]], draw_margin: float,
                     ) -> list[str]:
    """Why a game that ran its course ended as it did: each side's score by its terms, then
    the winner's lead by the terms that decided it (or the draw)."""
    out = [side_sentence(side, scores[side], term_points[side]) for side in SIDES]
    if winner is None:
        out.append(draw_sentence(draw_margin))
    else:
        out.append(attribution_sentence(attribute(winner, term_points)))
    return out
