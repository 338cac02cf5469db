"""Monte Carlo sweeps: N games on the batch axis, optionally over parameter values.

The unit of work is a `Chunk` (scenario, players, parameter settings, a run of game
seeds): self-contained and picklable, so a local process pool runs chunks today and a
distributed executor could tomorrow. Chunks have a fixed size whatever the number of
workers, and every per-game draw is keyed by the game's seed, so a sweep's results are
identical for any `workers`, and game i equals the single game run with seed i (and,
with ranges, its sampled parameter values).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from game.analysis import params_set
from game.analysis.batch import PlayerLike, run_batch
from game.analysis.par import rules_with_par
from game.analysis.params_set import ParamSetting
from game.engine import rng
from game.engine.metrics import METRIC_NAMES
from game.engine.rules import Rules
from game.engine.score import winners as score_winners
from game.engine.types import SIDES, FloatArray
from game.model.scenario import Scenario

CHUNK_GAMES = 2500  # games per chunk: big enough for the batch axis to pay, small enough
#                     that two to four workers share a 10,000-game sweep evenly
PERCENTILES = (10, 50, 90)
SEED_MASK = np.uint64(2**63 - 1)  # seeds `compute-race run --seed` accepts


def game_seeds(seed: int, runs: int) -> np.ndarray:
    """The sweep's game seeds (uint64), each one a valid `run --seed`, so any game of a
    sweep can be replayed on its own."""
    return rng.derive_seeds(seed, runs) & SEED_MASK


@dataclass(frozen=True)
class Chunk:
    scenario: Scenario
    us: PlayerLike
    china: PlayerLike
    settings: tuple[ParamSetting, ...]
    seeds: np.ndarray  # (n,) uint64
    turns: int | None = None
    index: int = 0  # position in the sweep

    def __reduce__(self) -> tuple[Any, ...]:
        # Travels as data: the scenario as its JSON text (what a remote executor would
        # send too), not as pickled model classes.
        return (_rebuild_chunk, (self.scenario.model_dump_json(), self.us, self.china,
                                 self.settings, self.seeds, self.turns, self.index))


@lru_cache(maxsize=4)
def _scenario_from_json(text: str) -> Scenario:
    return Scenario.model_validate_json(text)


def _rebuild_chunk(text: str, us: PlayerLike, china: PlayerLike, settings: tuple[ParamSetting, ...],
                   seeds: np.ndarray, turns: int | None, index: int) -> Chunk:
    return Chunk(_scenario_from_json(text), us, china, settings, seeds, turns, index)


@dataclass
class GameResults:
    """Per-game results of a chunk or a whole sweep, in game order."""

    seeds: np.ndarray  # (N,) uint64
    final: dict[str, FloatArray]  # metric -> (N, 2) after each game's last turn
    tension: FloatArray  # (N,)
    winners: np.ndarray  # (N,) 0 us, 1 china, -1 draw
    crisis: np.ndarray  # (N,) bool: ended early in a crisis
    values: FloatArray  # (N, S) the settings' values per game

    @staticmethod
    def concat(parts: list[GameResults]) -> GameResults:
        return GameResults(
            seeds=np.concatenate([p.seeds for p in parts]),
            final={n: np.concatenate([p.final[n] for p in parts]) for n in METRIC_NAMES},
            tension=np.concatenate([p.tension for p in parts]),
            winners=np.concatenate([p.winners for p in parts]),
            crisis=np.concatenate([p.crisis for p in parts]),
            values=np.concatenate([p.values for p in parts]),
        )


def chunk_rules(chunk: Chunk, values: FloatArray) -> Rules:
    # Scored against the unmodified scenario's par: one yardstick for every game, so a
    # parameter's effect on the score is its effect on the outcome.
    base = rules_with_par(chunk.scenario)
    if not chunk.settings:
        return base
    return replace(base, params=params_set.apply(base.params, chunk.settings, values))


def run_chunk(chunk: Chunk) -> GameResults:
    values = params_set.sample(chunk.settings, chunk.seeds)
    rules = chunk_rules(chunk, values)
    batch = run_batch(chunk.scenario, chunk.seeds, chunk.us, chunk.china, chunk.turns,
                      rules=rules)
    # A game that ended early (a crisis, a sudden death) is frozen from then on; its
    # final figures are those of the turn it ended, as a single game reports them.
    games = np.arange(len(chunk.seeds))
    last = np.full(len(games), batch.turns - 1)
    crisis: np.ndarray = np.zeros(len(games), dtype=bool)
    if batch.over is not None and batch.crisis is not None:
        ended = batch.over.any(axis=0)
        last = np.where(ended, batch.over.argmax(axis=0), last)
        crisis = np.asarray(batch.crisis.any(axis=0))
    final = {name: batch.metrics[name][last, games] for name in METRIC_NAMES}
    return GameResults(
        seeds=chunk.seeds,
        final=final,
        tension=batch.tension[last, games],
        winners=score_winners(batch.final, rules.victory),
        crisis=crisis,
        values=values,
    )


def plan(scenario: Scenario, runs: int, seed: int = 0, us: str = "bot:balanced",
         china: str = "bot:balanced", settings: tuple[ParamSetting, ...] = (),
         turns: int | None = None, chunk_games: int = CHUNK_GAMES) -> list[Chunk]:
    seeds = game_seeds(seed, runs)
    return [Chunk(scenario, us, china, settings, seeds[i:i + chunk_games], turns, k)
            for k, i in enumerate(range(0, runs, chunk_games))]


def execute(chunks: list[Chunk], workers: int = 1,
            progress: Callable[[int, int], None] | None = None,
            scheduler: str | None = None) -> GameResults:
    """Run chunks in-process (workers=1, or a single chunk), on a process pool or on a
    Dask cluster (`scheduler`)."""
    results = run_chunks(chunks, workers, progress, scheduler)
    return GameResults.concat([results[c.index] for c in chunks])


def run_chunks(chunks: list[Chunk], workers: int = 1,
               progress: Callable[[int, int], None] | None = None,
               scheduler: str | None = None) -> dict[int, GameResults]:
    """Each chunk's results by its index, whichever order they finish in: in this
    process, on `workers` processes, or on the Dask cluster at `scheduler`."""
    total = sum(len(c.seeds) for c in chunks)
    done = 0
    results: dict[int, GameResults] = {}
    if scheduler is not None:
        from game.analysis.cluster import results_on

        finished: Iterator[tuple[int, GameResults]] = results_on(scheduler, run_chunk, chunks)
    else:
        finished = _results(chunks, workers)
    for index, result in finished:
        results[index] = result
        done += len(result.seeds)
        if progress is not None:
            progress(done, total)
    return results


def _results(chunks: list[Chunk], workers: int) -> Iterator[tuple[int, GameResults]]:
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield chunk.index, run_chunk(chunk)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        futures = {pool.submit(run_chunk, chunk): chunk.index for chunk in chunks}
        for future in as_completed(futures):
            yield futures[future], future.result()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


@dataclass
class SweepResult:
    scenario: str
    seed: int
    us: str
    china: str
    settings: tuple[ParamSetting, ...]
    games: GameResults

    @property
    def runs(self) -> int:
        return len(self.games.seeds)

    def outcomes(self) -> dict[str, FloatArray]:
        """`us.compute`, `china.capability`, ... and `tension`: (N,) each."""
        out = {f"{side}.{name}": self.games.final[name][:, i]
               for i, side in enumerate(SIDES) for name in METRIC_NAMES}
        out["tension"] = self.games.tension
        return out

    def summary(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, values in self.outcomes().items():
            p10, p50, p90 = np.percentile(values, PERCENTILES)
            out[name] = {"p10": float(p10), "p50": float(p50), "p90": float(p90),
                         "mean": float(values.mean())}
        return out

    def win_counts(self) -> dict[str, int]:
        w = self.games.winners
        return {"us": int((w == 0).sum()), "china": int((w == 1).sum()),
                "draw": int((w == -1).sum())}

    def sensitivity(self) -> list[dict[str, object]]:
        """For each ranged setting: the rank correlation of its sampled value with each
        side's final score and with the score gap (us - china), and the swing: the mean
        gap among games in the top fifth of the range minus the bottom fifth. Sorted by
        the size of the correlation with the gap: what moves the outcome most first."""
        scores = self.games.final["score"]
        outcomes = {"us.score": scores[:, 0], "china.score": scores[:, 1],
                    "score_gap": scores[:, 0] - scores[:, 1]}
        rows: list[dict[str, object]] = []
        for j, setting in enumerate(self.settings):
            if not setting.ranged:
                continue
            x = self.games.values[:, j]
            low, high = np.quantile(x, [0.2, 0.8]) if len(x) else (0.0, 0.0)
            gap = outcomes["score_gap"]
            swing = float(gap[x >= high].mean() - gap[x <= low].mean()) if len(x) >= 5 else 0.0
            rows.append({
                "param": setting.label, "low": setting.low, "high": setting.high,
                "rank_correlation": {k: spearman(x, v) for k, v in outcomes.items()},
                "swing": swing,
            })
        rows.sort(key=lambda r: -abs(r["rank_correlation"]["score_gap"]))  # type: ignore[index]
        return rows


def ranks(x: FloatArray) -> FloatArray:
    """Ranks 1..n, ties sharing their average rank."""
    order = np.argsort(x, kind="stable")
    ranked = np.empty(len(x))
    ranked[order] = np.arange(1, len(x) + 1)
    values, inverse = np.unique(x, return_inverse=True)
    if len(values) < len(x):
        sums = np.bincount(inverse, weights=ranked)
        counts = np.bincount(inverse)
        ranked = (sums / counts)[inverse]
    return ranked


def spearman(x: FloatArray, y: FloatArray) -> float:
    """Spearman's rank correlation (0 when either side does not vary)."""
    if len(x) < 2:
        return 0.0
    rx, ry = ranks(x), ranks(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denom = float(np.sqrt((rx * rx).sum() * (ry * ry).sum()))
    return 0.0 if denom == 0 else float((rx * ry).sum() / denom)


def run_sweep(scenario: Scenario, runs: int, seed: int = 0, us: str = "bot:balanced",
              china: str = "bot:balanced", settings: tuple[ParamSetting, ...] = (),
              workers: int = 1, turns: int | None = None, chunk_games: int = CHUNK_GAMES,
              progress: Callable[[int, int], None] | None = None,
              scheduler: str | None = None) -> SweepResult:
    chunks = plan(scenario, runs, seed, us, china, settings, turns, chunk_games)
    rules_with_par(scenario)  # par is cached before any worker forks, not once per worker
    games = execute(chunks, workers, progress, scheduler)
    return SweepResult(scenario.name, seed, us, china, settings, games)
