"""The debrief tells the truth: every sentence about the outcome restates the engine's
outcome facts, no question is about a figure that did not move, numbers read as on
screen, and no layer above the engine works out an outcome rule again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine.rules import SCORE_TERMS
from game.engine.types import SIDES
from game.model.loader import load_scenario
from game.present import TERM_WORDS, attribute
from game.report import debrief
from game.report.facts import build_debrief
from game.session import Game

ROOT = Path(__file__).resolve().parents[1] / "game"


def played(seed: int, turns: int = 12, scenario: str = "baseline-2025") -> Game:
    game = Game.new(load_scenario(scenario), seed=seed)
    game.play_out(turns)
    return game


def engine_points(game: Game) -> dict[str, dict[str, float]]:
    """Each side's term points over the whole game, straight from the engine's last
    TurnLog (the score is the weighted mean of the quarters)."""
    terms = game.history[-1].log.terms
    assert terms is not None and terms.game_points is not None
    return {side: {name: float(terms.game_points[0, i, k])
                   for k, name in enumerate(SCORE_TERMS)}
            for i, side in enumerate(SIDES)}


# Games that end with a winner on points (checked: they skip, not pass, if the model moves).
WON = [(0, 12), (5, 12), (10, 12), (2, 24)]


@pytest.mark.parametrize(("seed", "turns"), WON)
def test_the_attribution_names_the_terms_that_made_the_gap(seed: int, turns: int) -> None:
    game = played(seed, turns)
    o = build_debrief(game).outcome
    if o.winner is None or o.crisis or o.sudden_death:
        pytest.skip("no winner on points in this game")
    points = engine_points(game)
    loser = SIDES[1 - SIDES.index(o.winner)]
    gap_by_term = {t: points[o.winner][t] - points[loser][t] for t in SCORE_TERMS}
    assert sum(gap_by_term.values()) == pytest.approx(o.scores[o.winner] - o.scores[loser])
    sentence = next(line for line in o.why if "lead of" in line)
    named = re.split(r"came (?:mostly )?from ", sentence)[1].split(";")[0].split(", other")[0]
    named_terms = [t for t in SCORE_TERMS if TERM_WORDS[t] in named]
    # The named terms are the largest in the winner's favour, and together make at least
    # three quarters of the points in its favour (so of the gap); "mostly" when others added.
    ranked = sorted((t for t in SCORE_TERMS if gap_by_term[t] > 0.05),
                    key=lambda t: -gap_by_term[t])
    assert named_terms and set(named_terms) == set(ranked[:len(named_terms)])
    favour = sum(gap_by_term[t] for t in ranked)
    assert sum(gap_by_term[t] for t in named_terms) >= 0.75 * favour - 1e-9
    assert ("came mostly from" in sentence) == (len(named_terms) < len(ranked))
    for t in named_terms:
        assert f"{TERM_WORDS[t]} (+{gap_by_term[t]:.1f})" in named
    # Terms that went the loser's way are never named as the winner's.
    assert all(gap_by_term[t] > 0 for t in named_terms)
    assert {p.term for p in attribute(o.winner, points).decided} == set(named_terms)


@pytest.mark.parametrize(("seed", "turns"), WON[:2])
def test_the_result_question_agrees_with_the_attribution(seed: int, turns: int) -> None:
    d = build_debrief(played(seed, turns))
    o = d.outcome
    if o.winner is None or o.crisis:
        pytest.skip("no winner on points in this game")
    question = next((q for q in d.questions if "the lead came" in q), None)
    if question is not None:  # the result question may fall past MAX_QUESTIONS
        decided = attribute(o.winner, o.term_points).decided
        assert all(TERM_WORDS[p.term] in question for p in decided)
    assert not any("most of it on" in q for q in d.questions)


# Seed 3 once asked about compute growth "from +20% to +20%": a change hidden by rounding.
@pytest.mark.parametrize("seed", [2, 3, 5])
def test_questions_are_about_figures_that_moved(seed: int) -> None:
    d = build_debrief(played(seed, turns=16))
    for q in d.questions:
        pairs = re.findall(r"from ([−+\-]?[\d.,]+%?)[^ ]* (?:[A-Za-z$/ ]+ )?to ([−+\-]?[\d.,]+%?)", q)
        for a, b in pairs:
            assert a != b, f"a question about a figure that did not move: {q}"
        assert "0.00 to 0.00" not in q


@pytest.mark.parametrize("scenario", ["baseline-2025", "history-2025"])
def test_no_scientific_notation_in_a_debrief(scenario: str) -> None:
    game = played(4, turns=24, scenario=scenario)
    for text in (debrief(game, "md"), debrief(game, "html")):
        # Only what a person reads: not the styles' colours nor the charts' coordinates.
        body = re.sub(r"<style>.*?</style>|<svg .*?</svg>", "", text, flags=re.S)
        assert not re.search(r"\d[eE][+-]?\d", body)


def test_an_injected_event_is_listed_and_its_effect_named_where_it_acts(baseline) -> None:
    from game.tui.present import turn_report

    game = Game.new(baseline, seed=6)
    game.play_out(2)
    card = next(e for e in baseline.events
                if any(getattr(f, "state", None) == "tension" for f in e.effects))
    game.inject(card.id)
    game.play_out(2)
    fired = turn_report(game, 2, None)
    assert [(e.title, e.tag) for e in fired.events if e.title == card.title] == [
        (card.title, "injected")]
    acting = turn_report(game, 3, None)
    assert card.title in [e.title for e in acting.acting]
    assert f"events in force: {card.title}" in acting.tension
    md = debrief(game, "md")
    assert f"event: {card.title} (injected)" in md


def test_tension_causes_carry_their_sign() -> None:
    game = played(7, turns=10)
    for k in range(game.turn):
        causes = game.summary(k).tension_causes
        assert causes.get("relaxation", 0.0) <= 0.0
        assert causes.get("standing policies", 0.0) >= 0.0


# Outcome rules live in game/engine only: the layers above read the summary.
RULES = {
    "crisis blame": r"last_escalator",
    "term points": r"term_gains|50\.0 \* .*weights",
    "sudden death": r"rule\.at_least is not None else|rule\.lead\b.*getattr\(state",
    "stranded cause": r"power_gw\[0, ?\w+\] *<=? *\w*\.?dc_gw|STRANDED_SHARE|0\.10 \* max",
    "tension jump": r"DEESCALATION_REFUND",
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_outcome_rules_are_in_the_engine_only(rule: str) -> None:
    pattern = re.compile(RULES[rule])
    found = [f"{path.relative_to(ROOT)}:{n}"
             for layer in ("present", "report", "tui", "commands")
             for path in sorted((ROOT / layer).rglob("*.py"))
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if pattern.search(line)]
    assert found == [], f"{rule} is worked out outside game/engine: {found}"
