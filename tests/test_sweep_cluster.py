"""Sweeps on a Dask cluster equal local sweeps, and game i of a sweep equals `run --seed`
for lookahead players and with --turns (bots plan for the scenario's length either way)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game import Game
from game.analysis.sweep import run_sweep
from game.commands.sweep import sweep_json
from game.engine.metrics import METRIC_NAMES
from game.engine.types import SIDES
from game.model.loader import load_scenario


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline-2025")


def test_a_sweep_on_a_local_cluster_equals_the_local_sweep(baseline):
    distributed = pytest.importorskip("distributed")
    settings = ()
    local = run_sweep(baseline, 300, seed=3, settings=settings, workers=1, chunk_games=70)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run_sweep(baseline, 300, seed=3, settings=settings, chunk_games=70,
                           scheduler=cluster.scheduler_address)
    assert json.dumps(sweep_json(remote)) == json.dumps(sweep_json(local))
    assert np.array_equal(remote.games.seeds, local.games.seeds)
    assert np.array_equal(remote.games.final["score"], local.games.final["score"])


def test_a_balance_audit_on_a_local_cluster_equals_the_local_audit(baseline):
    distributed = pytest.importorskip("distributed")
    from game.analysis.balance import AuditOptions, run_audit

    options = AuditOptions(runs=3, bots=("balanced", "efficiency"), budget=4, search_seeds=2)
    local = run_audit(baseline, options, workers=1).as_json()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run_audit(baseline, options, scheduler=cluster.scheduler_address).as_json()
    assert json.dumps(remote) == json.dumps(local)


@pytest.mark.parametrize("us, china, turns", [
    ("bot:lookahead", "bot:hawk", 5),
    ("bot:efficiency", "bot:lookahead", 7),
    ("bot:balanced:hard", "bot:builder", 3),
])
def test_sweep_game_i_equals_run_seed_with_turns(baseline, us, china, turns):
    result = run_sweep(baseline, 2, seed=11, us=us, china=china, turns=turns, chunk_games=1)
    batched = run_sweep(baseline, 2, seed=11, us=us, china=china, turns=turns)
    for i, seed in enumerate(result.games.seeds):
        game = Game.new(baseline, seed=int(seed), us=us, china=china)
        game.play_out(turns)  # what `run --seed SEED --turns N` plays
        figures = game.figures()
        for s, side in enumerate(SIDES):
            for name in METRIC_NAMES:
                single = figures[side][name]
                assert result.games.final[name][i, s] == pytest.approx(
                    single, rel=1e-9, abs=1e-12), (i, side, name)
                assert batched.games.final[name][i, s] == result.games.final[name][i, s]
