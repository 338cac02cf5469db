"""Lever effects: each lever forced on top of the default bot, against the default bot, set
against the unforced game with the same seed; and each lever's documented effects checked.

The levers, their settings and their documented effects all come from their definitions
(engine/orders.py, engine/lever_effects.py), so a new policy or a changed effect is audited
without touching this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.analysis.balance.players import Forced
from game.analysis.balance.runner import Games, Runner
from game.analysis.balance.stats import Estimate, paired
from game.analysis.sweep import GameResults
from game.engine.lever_effects import (
    TRAINING_SHARE,
    Effect,
    documented_effects,
    every_lever,
)
from game.engine.metrics import METRIC_NAMES
from game.engine.orders import POLICIES, POLICY_MAX, POLICY_SCALE
from game.engine.types import SIDES, FloatArray

HEADLINE: tuple[str, ...] = ("compute", "capability", "market_share", "revenue", "budget",
                             "score")
SHARE_SETTINGS: tuple[float, ...] = (0.0, 0.5, 2.0)  # x the default bot's share
TRAINING_SETTINGS: tuple[float, ...] = (0.2, 0.8)  # training share, low and high
PERCENT_SETTINGS: tuple[float, ...] = (0.0, 25.0, 50.0, 75.0, 100.0)
# An effect shows when its interval excludes zero AND it is at least this share of the
# figure's size: with seeds paired, a change of 0.01% is "significant" but nobody sees it.
VISIBLE_SHARE = 0.01


def settings_of(side: str, lever: str) -> tuple[float, ...]:
    """The settings the audit forces, lowest to highest: every level of a policy (every
    quarter of a percent policy), x0/x0.5/x2 of a budget share, low and high training."""
    if lever == TRAINING_SHARE:
        return TRAINING_SETTINGS
    if lever.startswith("allocation."):
        return SHARE_SETTINGS
    k = POLICIES[side].index(lever)
    if POLICY_SCALE[side][k] != 1:
        return PERCENT_SETTINGS
    return tuple(float(v) for v in range(int(POLICY_MAX[side][k]) + 1))


def figures(games: GameResults) -> dict[str, FloatArray]:
    """Per game: every final metric per side (`us.compute`, ...), tension, each side's
    win (1/0) and crisis (1/0)."""
    out = {f"{side}.{name}": games.final[name][:, i]
           for i, side in enumerate(SIDES) for name in METRIC_NAMES}
    out["tension"] = games.tension
    out["us.win"] = (games.winners == 0).astype(float)
    out["china.win"] = (games.winners == 1).astype(float)
    out["crisis"] = games.crisis.astype(float)
    return out


def headline_names() -> tuple[str, ...]:
    return (*(f"{s}.{m}" for s in SIDES for m in HEADLINE), "tension", "us.win",
            "china.win", "crisis")


def visible(effect: Estimate, treated: FloatArray, control: FloatArray) -> bool:
    size = max(float(np.abs(treated).mean()), float(np.abs(control).mean()))
    return effect.excludes_zero and abs(effect.value) >= VISIBLE_SHARE * size


@dataclass(frozen=True)
class Check:
    """One documented effect of raising the lever: highest setting against lowest."""

    figure: str
    sign: int
    effect: Estimate | None  # None: the model has no such figure (yet)
    status: str  # ok | none (no visible effect) | wrong (visible, wrong sign) | missing

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"figure": self.figure, "expect": "up" if self.sign > 0
                               else "down", "status": self.status}
        if self.effect is not None:
            out["effect"] = self.effect.as_json()
        else:
            out["note"] = "the model has no such figure yet: not checked"
        return out


@dataclass
class LeverResult:
    side: str
    lever: str
    settings: tuple[float, ...]
    effects: list[dict[str, Estimate]]  # per setting: headline figure -> change
    moved: list[bool]  # per setting: some headline or documented figure visibly moved
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool | None:
        """Every documented effect shows with its sign (None: nothing documented)."""
        judged = [c for c in self.checks if c.status != "missing"]
        return None if not judged else all(c.status == "ok" for c in judged)

    @property
    def dead(self) -> bool:
        return not any(self.moved)

    def rows(self) -> list[dict[str, Any]]:
        return [{"side": self.side, "lever": self.lever, "setting": setting,
                 "effects": {k: e.as_json() for k, e in effects.items()},
                 "ok": self.ok, "checks": [c.as_json() for c in self.checks]}
                for setting, effects in zip(self.settings, self.effects, strict=True)]


def _check(effect: Effect, side: str, high: dict[str, FloatArray],
           low: dict[str, FloatArray]) -> Check:
    name = effect.resolved(side)
    if name not in high:
        return Check(name, effect.sign, None, "missing")
    est = paired(high[name], low[name])
    if not visible(est, high[name], low[name]):
        return Check(name, effect.sign, est, "none")
    return Check(name, effect.sign, est, "ok" if est.value * effect.sign > 0 else "wrong")


def measure(side: str, lever: str, settings: tuple[float, ...],
            per_setting: list[GameResults], baseline: GameResults) -> LeverResult:
    base = figures(baseline)
    forced = [figures(g) for g in per_setting]
    documented = documented_effects(side, lever)
    watched = set(headline_names()) | {e.resolved(side) for e in documented if
                                       e.resolved(side) in base}
    effects, moved = [], []
    for treated in forced:
        effects.append({name: paired(treated[name], base[name]) for name in headline_names()})
        moved.append(any(visible(paired(treated[n], base[n]), treated[n], base[n])
                         for n in watched))
    checks = [_check(e, side, forced[-1], forced[0]) for e in documented]
    return LeverResult(side, lever, settings, effects, moved, checks)


def play_levers(runner: Runner, default_bot: str, seeds: np.ndarray,
                baseline: GameResults | None = None) -> list[LeverResult]:
    """Every lever of both sides at each of its settings; `baseline` (default bot against
    default bot over `seeds`) is played here unless given."""
    jobs: list[tuple[str, str, float]] = [
        (side, lever, setting) for side in SIDES for lever in every_lever(side)
        for setting in settings_of(side, lever)]
    groups = [Games(Forced(default_bot, lever, setting), default_bot, seeds) if side == "us"
              else Games(default_bot, Forced(default_bot, lever, setting), seeds)
              for side, lever, setting in jobs]
    if baseline is None:
        groups.append(Games(default_bot, default_bot, seeds))
    results = runner.run("lever effects", groups)
    if baseline is None:
        baseline = results.pop()
    by_lever: dict[tuple[str, str], list[GameResults]] = {}
    for (side, lever, _), games in zip(jobs, results, strict=True):
        by_lever.setdefault((side, lever), []).append(games)
    return [measure(side, lever, settings_of(side, lever), games, baseline)
            for (side, lever), games in by_lever.items()]
