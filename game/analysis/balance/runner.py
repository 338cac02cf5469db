"""Where the audit's games run: chunks of games (sweep.Chunk) in this process, on a
process pool or on a Dask cluster, the same results whichever. Each stage of the audit
hands over groups of chunks (one group per pairing, lever setting or search) and gets back
one GameResults per group, in game order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from game.analysis.batch import PlayerLike
from game.analysis.sweep import Chunk, GameResults, run_chunks
from game.model.scenario import Scenario

CHUNK_GAMES = 50  # small: a game with a lookahead side costs a few hundred engine games
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Games:
    """One group: who plays whom over which seeds."""

    us: PlayerLike
    china: PlayerLike
    seeds: np.ndarray  # (N,) uint64
    chunk_games: int = CHUNK_GAMES


@dataclass
class Runner:
    scenario: Scenario
    workers: int = 1
    scheduler: str | None = None
    progress: Progress | None = None

    def run(self, stage: str, groups: Sequence[Games]) -> list[GameResults]:
        chunks: list[Chunk] = []
        owner: list[int] = []
        for g, games in enumerate(groups):
            for start in range(0, len(games.seeds), games.chunk_games):
                seeds = games.seeds[start:start + games.chunk_games]
                chunks.append(Chunk(self.scenario, games.us, games.china, (), seeds))
                owner.append(g)
        chunks = [replace(c, index=i) for i, c in enumerate(chunks)]
        report = None if self.progress is None else _staged(self.progress, stage)
        results = run_chunks(chunks, self.workers, report, self.scheduler)
        parts: list[list[GameResults]] = [[] for _ in groups]
        for i, g in enumerate(owner):
            parts[g].append(results[i])
        return [GameResults.concat(p) for p in parts]


def _staged(progress: Progress, stage: str) -> Callable[[int, int], None]:
    return lambda done, total: progress(stage, done, total)
