"""The audit's findings in words, strongest first: what makes a scenario unbalanced or a
lever misleading. Each finding has a `kind` a test or a CI gate can match on, and a
sentence for people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.analysis.balance.best_response import Response
from game.analysis.balance.levers import LeverResult
from game.analysis.balance.matrix import Pairing
from game.engine.types import SIDES

ONE_SIDED = 0.95  # a pairing one side wins at least this often is foregone
SIDE_NAME = {"us": "the US bloc", "china": "China"}
OTHER = {"us": "china", "china": "us"}
# Ranks, strongest first: what breaks the game before what misleads a player.
RANK = {"dominant_bot": 9, "dominant_plan": 8, "exploitable_bot": 7, "one_sided": 6,
        "backwards_lever": 5, "dead_lever": 4, "crisis_never_moves": 3, "weak_lever": 2}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    weight: float  # orders findings of one kind: larger first

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


def _pct(rate: float) -> str:
    return f"{100 * rate:.0f}%" if rate < 0.995 or rate == 1 else f"{100 * rate:.1f}%"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _at_least(rate: float) -> str:
    return "every game" if rate == 1 else f"at least {_pct(rate)} of games"


def _lever_name(lever: LeverResult) -> str:
    return f"{SIDE_NAME[lever.side]}'s {lever.lever.replace('_', ' ')}"


def _figure(name: str) -> str:
    side, _, metric = name.partition(".")
    if not metric:
        return side
    return f"{SIDE_NAME[side]}'s {metric.replace('_', ' ')}"


def bot_findings(matrix: list[Pairing]) -> list[Finding]:
    out = []
    for side in SIDES:
        for bot in sorted({p.us if side == "us" else p.china for p in matrix}):
            row = [p for p in matrix if (p.us if side == "us" else p.china) == bot]
            worst = min(row, key=lambda p: p.win_rate(side))
            rate = worst.win_rate(side)
            if row and rate >= ONE_SIDED:
                against = worst.china if side == "us" else worst.us
                out.append(Finding("dominant_bot", (
                    f"Dominant bot: {_cap(SIDE_NAME[side])}'s {bot} wins {_at_least(rate)} "
                    f"against every bot of {SIDE_NAME[OTHER[side]]} (its "
                    f"hardest opponent: {against})."), rate))
    foregone = [p for p in matrix if max(p.win_rate("us"), p.win_rate("china")) >= ONE_SIDED]
    if foregone:
        out.append(Finding("one_sided", (
            f"{len(foregone)} of {len(matrix)} bot pairings end at least "
            f"{_pct(ONE_SIDED)} one way: their outcome is foregone."),
            len(foregone) / len(matrix)))
    return out


def plan_findings(responses: list[Response]) -> list[Finding]:
    out = []
    for side in SIDES:
        mine = [r for r in responses if r.side == side]
        if mine and all(r.win_rate().value >= ONE_SIDED for r in mine):
            low = min(r.win_rate().value for r in mine)
            out.append(Finding("dominant_plan", (
                f"Dominant plan: against each bot of {SIDE_NAME[OTHER[side]]}, a fixed plan "
                f"for {SIDE_NAME[side]} found by search wins {_at_least(low)}: that side's "
                "bots can be beaten without adapting."), low))
        for r in mine:
            rate = r.win_rate().value
            if rate >= ONE_SIDED and r.margin() > 0:
                out.append(Finding("exploitable_bot", (
                    f"{_cap(SIDE_NAME[OTHER[side]])}'s {r.against} is exploitable: a fixed "
                    f"plan for {SIDE_NAME[side]} beats it in {_pct(rate)} of games, where "
                    f"{SIDE_NAME[side]}'s best bot against it ({r.best_bot}) wins "
                    f"{_pct(r.best_bot_rate)}."), rate))
    return out


def lever_findings(levers: list[LeverResult]) -> list[Finding]:
    out = []
    for lever in levers:
        wrong = [c for c in lever.checks if c.status == "wrong"]
        quiet = [c for c in lever.checks if c.status == "none"]
        if wrong:
            said = "; ".join(f"{_figure(c.figure)} goes {'down' if c.sign > 0 else 'up'} "
                             f"(documented: {'up' if c.sign > 0 else 'down'})" for c in wrong)
            out.append(Finding("backwards_lever", f"Backwards lever: raising {_lever_name(lever)} "
                               f"works against its documented effect: {said}.", len(wrong)))
        if lever.dead:
            out.append(Finding("dead_lever", f"Dead lever: {_lever_name(lever)} has no "
                               "visible effect on any headline figure at any setting.", 1))
        elif quiet:
            said = ", ".join(f"{_figure(c.figure)} ({'up' if c.sign > 0 else 'down'})"
                             for c in quiet)
            out.append(Finding("weak_lever", f"Weak lever: raising {_lever_name(lever)} "
                               f"shows no visible effect on {said}, as documented.",
                               len(quiet)))
    return out


def crisis_findings(matrix: list[Pairing], levers: list[LeverResult]) -> list[Finding]:
    rates = [p.rate("crisis").value for p in matrix]
    moves = [abs(e["crisis"].value) for lever in levers for e in lever.effects]
    games = sum(p.runs for p in matrix)
    if rates and max(rates) == 0 and not any(m > 0 for m in moves):
        return [Finding("crisis_never_moves", (
            f"No game ended in a crisis: 0 of {games:,} bot-matrix games, and no lever "
            "setting changes that. Escalation carries no risk."), 1)]
    return []


def all_findings(matrix: list[Pairing], levers: list[LeverResult],
                 responses: list[Response]) -> list[Finding]:
    found = (bot_findings(matrix) + plan_findings(responses) + lever_findings(levers)
             + crisis_findings(matrix, levers))
    return sorted(found, key=lambda f: (-RANK[f.kind], -f.weight))
