"""Par: what the default bots achieve in a scenario, turn by turn.

Scores measure each side against par (see game/engine/score.py), so a scenario that
starts lopsided — the US bloc with five times China's compute — is still a contest: the
side that holds more ground than expected wins. Par is the median, over a fixed batch of
seeds, of the score terms the scenario's default players reach by each turn. It is a pure
function of the scenario, computed once and cached.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.analysis.batch import run_batch
from game.bots.players import DEFAULT_PLAYER
from game.engine.rules import Rules
from game.engine.score import terms_of
from game.model.compile import rules_for
from game.model.loader import scenario_hash
from game.model.scenario import Scenario

PAR_SEEDS = np.arange(1, 65, dtype=np.uint64)  # fixed: par never depends on the game's seed


def par_terms(scenario: Scenario, rules: Rules) -> np.ndarray:
    """(T, 2, 5): the median score terms after each turn, default bots on both sides."""
    run = run_batch(scenario, PAR_SEEDS, DEFAULT_PLAYER, DEFAULT_PLAYER, rules=rules)
    m = run.metrics
    terms = terms_of(m["capability"], m["compute"], m["market_share"], m["budget"],
                     run.tension, m["blame"])
    return np.median(terms, axis=1)


_PAR: dict[str, np.ndarray] = {}  # scenario hash -> par


def rules_with_par(scenario: Scenario) -> Rules:
    """The scenario's rules with its par attached: what every game of it is scored by."""
    rules = rules_for(scenario)
    if rules.victory.par is not None:
        return rules
    key = scenario_hash(scenario)
    if key not in _PAR:
        _PAR[key] = par_terms(scenario, rules)
    return replace(rules, victory=replace(rules.victory, par=_PAR[key]))
