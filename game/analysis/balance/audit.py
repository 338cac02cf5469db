"""One audit: options in, the matrix, lever effects, best responses and findings out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.analysis.balance.best_response import Response, Search, search_all
from game.analysis.balance.findings import Finding, all_findings
from game.analysis.balance.levers import LeverResult, play_levers
from game.analysis.balance.matrix import Pairing, bot_player, play_matrix
from game.analysis.balance.runner import Progress, Runner
from game.analysis.par import rules_with_par
from game.analysis.sweep import game_seeds
from game.bots.base import REGISTRY
from game.bots.players import DEFAULT_PLAYER
from game.model.scenario import Scenario

AUDIT_FORMAT = "compute-race-balance"  # what the writer recognises as an audit it wrote
SEARCH_SEED_OFFSET = 7919  # the search's seeds differ from the audit's: no peeking


@dataclass(frozen=True)
class AuditOptions:
    runs: int = 200  # games per pairing and per lever setting
    bots: tuple[str, ...] = ()  # bot names; () = every registered bot
    budget: int = 160  # plans tried per best-response search
    search_seeds: int = 12  # seeds each plan is scored over
    seed: int = 0
    default_bot: str = DEFAULT_PLAYER.removeprefix("bot:")

    @staticmethod
    def quick(seed: int = 0, bots: tuple[str, ...] = (), runs: int | None = None,
              budget: int | None = None) -> AuditOptions:
        """A few minutes on two cores: few seeds, a small search."""
        return AuditOptions(runs=runs or 24, bots=bots, budget=budget or 36,
                            search_seeds=6, seed=seed)

    def bot_names(self) -> tuple[str, ...]:
        return self.bots or tuple(sorted(REGISTRY))


@dataclass
class Audit:
    scenario: Scenario
    options: AuditOptions
    matrix: list[Pairing]
    levers: list[LeverResult]
    responses: list[Response]
    findings: list[Finding]

    def as_json(self) -> dict[str, Any]:
        """The DESIGN.md section 3 contract, plus intervals, the checks behind each `ok`
        and each best response's margin over the best bot."""
        return {
            "format": AUDIT_FORMAT,
            "scenario": self.scenario.name,
            "runs": self.options.runs,
            "seed": self.options.seed,
            "bots": list(self.options.bot_names()),
            "default_bot": self.options.default_bot,
            "matrix": [p.as_json() for p in self.matrix],
            "levers": [row for lever in self.levers for row in lever.rows()],
            "best_response": [r.as_json(self.scenario) for r in self.responses],
            "findings": [f.as_json() for f in self.findings],
        }


def run_audit(scenario: Scenario, options: AuditOptions, workers: int = 1,
              scheduler: str | None = None, progress: Progress | None = None) -> Audit:
    rules_with_par(scenario)  # par is cached before any worker forks
    runner = Runner(scenario, workers, scheduler, progress)
    bots = options.bot_names()
    seeds = game_seeds(options.seed, options.runs)
    matrix = play_matrix(runner, bots, seeds)
    default = next((p for p in matrix if p.us == p.china == options.default_bot), None)
    levers = play_levers(runner, bot_player(options.default_bot), seeds,
                         None if default is None else default.games)
    search = Search.for_budget(options.budget, options.search_seeds)
    search_seeds = game_seeds(options.seed + SEARCH_SEED_OFFSET, options.search_seeds)
    responses = search_all(runner, scenario, bots, search, options.seed, search_seeds,
                           seeds, matrix, bot_player(options.default_bot))
    return Audit(scenario, options, matrix, levers, responses,
                 all_findings(matrix, levers, responses))
