"""A small audit of the baseline, run in CI: it fails on a dominant bot, a fixed plan
that beats every bot, a dead lever or a crisis rate stuck at zero (issue 13's "no
foregone game" properties; `compute-race balance` runs the full audit).

The audit's own search is small here, so the plans that used to beat every bot (controls
held at the top, escalating everything: free while crises never came) are played
against every bot as well: a regression that made escalation free again fails here even
if the small search misses it."""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.balance.audit import Audit, AuditOptions, run_audit
from game.analysis.balance.matrix import bot_player
from game.analysis.balance.players import AllOut, Forced
from game.analysis.balance.runner import Games, Runner
from game.analysis.batch import PlayerLike
from game.analysis.sweep import GameResults, game_seeds
from game.model import load_scenario

PERSONALITIES = ("balanced", "builder", "efficiency", "hawk")
DOMINANT = 0.95
# Fixed US plans that once beat every China bot (issue 13: 20 of 20 games).
ESCALATIONS: dict[str, PlayerLike] = {
    "escalating everything": AllOut(),
    "tool controls at the top": Forced("bot:balanced", "equipment_controls", 3),
    "export controls at the top": Forced("bot:balanced", "export_controls", 4),
}


OPTIONS = AuditOptions(runs=48, bots=PERSONALITIES, budget=12, search_seeds=4, seed=3)


@pytest.fixture(scope="module")
def audit() -> Audit:
    # Lean: the four personalities (the lookahead is audited by `balance` itself), few
    # seeds, a small search. The thresholds leave room for the noise of 48 games.
    return run_audit(load_scenario("baseline-2025"), OPTIONS)


@pytest.fixture(scope="module")
def escalations() -> dict[str, list[GameResults]]:
    """Each escalation plan for the US bloc against every China personality, over the
    audit's seeds."""
    runner = Runner(load_scenario("baseline-2025"))
    seeds = game_seeds(OPTIONS.seed, OPTIONS.runs)
    groups = [Games(plan, bot_player(china), seeds) for plan in ESCALATIONS.values()
              for china in PERSONALITIES]
    results = iter(runner.run("escalations", groups))
    return {label: [next(results) for _ in PERSONALITIES] for label in ESCALATIONS}


def test_no_bot_wins_against_every_bot_of_the_other_side(audit: Audit) -> None:
    for side, other in (("us", "china"), ("china", "us")):
        for bot in PERSONALITIES:
            rates = [p.win_rate(side) for p in audit.matrix if getattr(p, side) == bot]
            assert len(rates) == len(PERSONALITIES)
            assert min(rates) < DOMINANT, f"{side} {bot} wins >= 95% against every {other} bot"


def test_most_pairings_are_not_foregone(audit: Audit) -> None:
    foregone = [p for p in audit.matrix
                if max(p.win_rate("us"), p.win_rate("china")) >= DOMINANT]
    assert len(foregone) <= len(audit.matrix) // 2, [(p.us, p.china) for p in foregone]


def test_no_fixed_plan_beats_every_bot(audit: Audit) -> None:
    for side in ("us", "china"):
        found = [r for r in audit.responses if r.side == side]
        assert found, f"no best response searched for {side}"
        assert min(r.win_rate().value for r in found) < DOMINANT, \
            f"a fixed {side} plan wins >= 95% against every bot"


def test_no_lever_is_dead(audit: Audit) -> None:
    dead = [(lever.side, lever.lever) for lever in audit.levers if lever.dead]
    assert not dead


def test_every_lever_shows_its_documented_effects(audit: Audit) -> None:
    # Issue 12's "every lever in the baseline's balance report is ok": each documented
    # effect (engine/lever_effects.py) visible with its sign, highest setting against
    # lowest, on top of the default bot.
    judged = [lever for lever in audit.levers if lever.ok is not None]
    assert len(judged) >= 20
    failing = {(lever.side, lever.lever): [(c.figure, c.status) for c in lever.checks
                                           if c.status != "ok"]
               for lever in judged if not lever.ok}
    assert not failing


def test_crises_happen_where_both_sides_push(audit: Audit) -> None:
    hawks = next(p for p in audit.matrix if p.us == p.china == "hawk")
    calm = next(p for p in audit.matrix if p.us == p.china == "balanced")
    assert hawks.games.crisis.any(), "two hawks never end a game in a crisis"
    assert hawks.rate("crisis").value >= calm.rate("crisis").value
    # The balanced mirror is a contest, not a formality or a coin toss of draws.
    assert calm.rate("draw").value < 0.5


def test_no_escalation_plan_beats_every_bot(escalations: dict[str, list[GameResults]]) -> None:
    for label, games in escalations.items():
        rates = [float(np.mean(g.winners == 0)) for g in games]
        assert min(rates) < DOMINANT, f"{label} wins >= 95% against every China bot: {rates}"


def test_escalating_everything_ends_games_in_crises(
        escalations: dict[str, list[GameResults]]) -> None:
    # Against every China bot, not only a hawk: the hazard, not the opponent, bites
    # (open conflict ends at least one game in ten; 20-80% measured).
    for china, games in zip(PERSONALITIES, escalations["escalating everything"], strict=True):
        assert games.crisis.mean() >= 0.1, f"escalating everything against {china}"
