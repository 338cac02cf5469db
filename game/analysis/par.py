"""Par: what the default bots achieve in a scenario, turn by turn, kept as data.

Scores measure each side against par (see game/engine/score.py), so a scenario that
starts lopsided (the US bloc with five times China's compute) is still a contest: the
side that holds more ground than expected wins. Par is the median, over a fixed batch of
seeds, of the score terms the scenario's default players reach by each turn.

The score is in the state digest, so par must not move when bot code does. It is
computed once and then read as data:
- each shipped scenario's par is committed beside it (scenarios/par/NAME.json, written by
  scripts/write_par.py; tests/test_par.py fails when one no longer fits its scenario);
- any other scenario's par is computed the first time and cached on disk, keyed by the
  scenario's hash and the engine version (COMPUTE_RACE_CACHE_DIR overrides the folder);
- a record carries the par its game was scored with, and a replay uses that
  (`rules_with_par(scenario, par)`), never the bots of the build replaying it.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import platformdirs

from game.analysis.batch import run_batch
from game.bots.players import DEFAULT_PLAYER
from game.engine.rules import SCORE_TERMS, Rules
from game.engine.score import terms_of
from game.engine.types import FloatArray
from game.files import InputError, Mark, json_format, parse_json, read_text, write_file
from game.model.compile import rules_for
from game.model.loader import SCENARIO_DIR, scenario_hash
from game.model.scenario import Scenario
from game.version import ENGINE_VERSION

PAR_SEEDS = np.arange(1, 65, dtype=np.uint64)  # fixed: par never depends on the game's seed
PAR_FORMAT = "compute-race-par"
PAR_MARK = Mark("par table", json_format(PAR_FORMAT))
SHIPPED_PAR_DIR = SCENARIO_DIR / "par"
CACHE_DIR_ENV = "COMPUTE_RACE_CACHE_DIR"


def par_terms(scenario: Scenario, rules: Rules) -> FloatArray:
    """(T, 2, 5): the median score terms after each turn, default bots on both sides.
    Runs the bots: only write_par.py and a scenario's first game without par call it."""
    run = run_batch(scenario, PAR_SEEDS, DEFAULT_PLAYER, DEFAULT_PLAYER, rules=rules)
    m = run.metrics
    terms = terms_of(m["capability"], m["compute"], m["market_share"], m["income"],
                     run.tension, m["blame"])
    return np.asarray(np.median(terms, axis=1), dtype=np.float64)


def par_document(scenario: Scenario, par: FloatArray) -> str:
    """The par table's file: what it was computed for, and the terms turn by turn (one
    turn a line, so a diff shows which turns moved)."""
    head = {
        "format": PAR_FORMAT, "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario), "engine_version": ENGINE_VERSION,
        "players": DEFAULT_PLAYER, "seeds": [int(s) for s in PAR_SEEDS],
        "terms": list(SCORE_TERMS),
    }
    lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    rows = ",\n".join(f"  {json.dumps(turn)}" for turn in par.tolist())
    return "{\n" + "\n".join(lines) + '\n "par": [\n' + rows + "\n ]\n}\n"


def check_par(par: object, turns: int) -> FloatArray:
    """`par` as a (turns, 2, 5) array of finite numbers; ValueError naming what is wrong."""
    try:
        array = np.asarray(par, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("par: must be numbers, one [2 sides x 5 terms] table per "
                         "turn") from None
    if array.shape != (turns, 2, len(SCORE_TERMS)):
        raise ValueError(f"par: expected {turns} turns x 2 sides x {len(SCORE_TERMS)} "
                         f"terms, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError("par: every value must be a finite number")
    return array


def read_par(path: Path, scenario: Scenario) -> FloatArray | None:
    """The par stored at `path` if it was computed for this scenario and engine version;
    None when there is none or it fits something else (then it is recomputed)."""
    if not path.is_file():
        return None
    try:
        doc = parse_json(path, read_text(path, "par table"))
    except InputError:
        return None
    if not isinstance(doc, dict) or doc.get("format") != PAR_FORMAT \
            or doc.get("scenario_hash") != scenario_hash(scenario) \
            or doc.get("engine_version") != ENGINE_VERSION:
        return None
    try:
        return check_par(doc.get("par"), scenario.clock.turns)
    except ValueError:
        return None


def shipped_par_path(scenario: Scenario) -> Path:
    return SHIPPED_PAR_DIR / f"{scenario.name}.json"


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_cache_path("compute-race", appauthor=False)


def cache_path(scenario: Scenario) -> Path:
    return cache_dir() / "par" / f"{scenario_hash(scenario)[:32]}-engine{ENGINE_VERSION}.json"


_PAR: dict[str, FloatArray] = {}  # scenario hash -> par, for this process


def par_for(scenario: Scenario) -> FloatArray:
    """The scenario's par: shipped, else cached on disk, else computed once and cached."""
    key = scenario_hash(scenario)
    if key in _PAR:
        return _PAR[key]
    par = read_par(shipped_par_path(scenario), scenario)
    if par is None:
        par = read_par(cache_path(scenario), scenario)
    if par is None:
        par = par_terms(scenario, rules_for(scenario))
        _cache(scenario, par)
    _PAR[key] = par
    return par


def _cache(scenario: Scenario, par: FloatArray) -> None:
    """Keep a computed par on disk; a cache that cannot be written costs only time."""
    path = cache_path(scenario)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, par_document(scenario, par), PAR_MARK, force=True)
    except (OSError, InputError):
        pass


def rules_with_par(scenario: Scenario, par: FloatArray | None = None) -> Rules:
    """The scenario's rules with par attached: `par` when given (a record's), else the
    scenario's own (`par_for`); a scenario that writes its par in [victory] keeps it."""
    rules = rules_for(scenario)
    if rules.victory.par is not None:
        return rules
    if par is None:
        par = par_for(scenario)
    return replace(rules, victory=replace(rules.victory, par=par))
