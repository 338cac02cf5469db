"""Sweeps: per-game results equal single games, do not depend on workers or chunking,
sample parameters per game, and rank what matters above what does not."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from game import Game
from game.analysis.batch import run_batch
from game.analysis.par import rules_with_par
from game.analysis.params_set import apply, parse_setting, sample
from game.analysis.sweep import game_seeds, run_sweep
from game.cli import main
from game.engine.metrics import METRIC_NAMES
from game.engine.types import SIDES
from game.model.errors import InputError
from game.model.loader import load_scenario


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline-2025")


def test_each_game_equals_the_single_game_with_its_seed(baseline):
    result = run_sweep(baseline, 5, seed=42, chunk_games=2)
    for i, seed in enumerate(result.games.seeds):
        game = Game.new(baseline, seed=int(seed))  # a sweep's seed is a valid run --seed
        game.play_out()
        figures = game.figures()
        for s, side in enumerate(SIDES):
            for name in METRIC_NAMES:
                assert result.games.final[name][i, s] == pytest.approx(
                    figures[side][name], rel=1e-9, abs=1e-12), (i, side, name)
        expected = {"us": 0, "china": 1, None: -1}[game.winner()]
        assert result.games.winners[i] == expected
        assert bool(result.games.crisis[i]) == game.crisis


def test_sampled_parameters_equal_a_single_game_with_those_values(baseline):
    settings = (parse_setting("chip_cost.china=5:20"), parse_setting("budget_growth=0.01:0.05"),
                parse_setting("export_cap_share[2]=0:0.5"), parse_setting("kw_per_h100e=1.2:2"))
    result = run_sweep(baseline, 4, seed=3, settings=settings, turns=6, chunk_games=3)
    base = rules_with_par(baseline)
    for i, seed in enumerate(result.games.seeds):
        value = result.games.values[i:i + 1]
        fixed = tuple(replace(s, low=float(v), high=float(v)) for s, v in
                      zip(settings, value[0], strict=True))
        rules = replace(base, params=apply(base.params, fixed, value))
        assert rules.params.chip_cost.shape == (2,)  # fixed values keep the scenario's shape
        assert rules.params.chip_cost[1] == value[0, 0] and rules.params.chip_cost[0] == \
            base.params.chip_cost[0]
        single = run_batch(baseline, np.array([seed]), turns=6, rules=rules)
        for name in METRIC_NAMES:
            np.testing.assert_allclose(result.games.final[name][i], single.metrics[name][-1, 0],
                                       rtol=1e-9, atol=1e-12)


def test_values_are_sampled_per_game_within_their_ranges():
    settings = (parse_setting("chip_cost=5:20"), parse_setting("utilization=0.3"))
    seeds = game_seeds(1, 500)
    values = sample(settings, seeds)
    assert values.shape == (500, 2)
    assert values[:, 0].min() >= 5 and values[:, 0].max() <= 20
    assert values[:, 0].std() > 3  # spread over the range, not one value
    np.testing.assert_array_equal(values[:, 1], 0.3)
    np.testing.assert_array_equal(sample(settings, seeds[100:200]), values[100:200])


def test_results_do_not_depend_on_workers(baseline):
    settings = (parse_setting("chip_cost.china=5:20"),)
    one = run_sweep(baseline, 12, seed=5, settings=settings, turns=4, workers=1, chunk_games=4)
    three = run_sweep(baseline, 12, seed=5, settings=settings, turns=4, workers=3,
                      chunk_games=4)
    np.testing.assert_array_equal(one.games.seeds, three.games.seeds)
    for name in METRIC_NAMES:
        np.testing.assert_array_equal(one.games.final[name], three.games.final[name])
    np.testing.assert_array_equal(one.games.values, three.games.values)
    assert one.summary() == three.summary()


def test_sensitivity_ranks_a_parameter_that_matters_above_one_that_does_not(baseline):
    # China's chip supply is its fabs (its money finds no more chips than they make), so
    # how fast its chips improve decides its compute; the floor of the fog only changes
    # how well the bots guess each other.
    settings = (parse_setting("fog_floor=0.05:0.2"), parse_setting("hw_growth.china=0.02:0.1"))
    result = run_sweep(baseline, 200, seed=8, settings=settings)
    ranked = result.sensitivity()
    assert [r["param"] for r in ranked] == ["hw_growth.china", "fog_floor"]
    strong, weak = (abs(r["rank_correlation"]["score_gap"]) for r in ranked)
    assert strong > 0.4 and weak < 0.25 and strong > 3 * weak
    assert ranked[0]["swing"] < 0  # faster chips for China: a narrower US lead


def test_sweep_json_follows_the_contract(capsys):
    assert main(["sweep", "baseline-2025", "--runs", "20", "--turns", "3", "--workers", "1",
                 "--format", "json", "--set", "budget_growth=0.01:0.03"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["runs"] == 20
    assert sum(out["winners"].values()) == 20 and set(out["winners"]) == {"us", "china", "draw"}
    for side in SIDES:
        for name in METRIC_NAMES:
            stats = out["metrics"][f"{side}.{name}"]
            assert set(stats) == {"p10", "p50", "p90", "mean"}
            assert stats["p10"] <= stats["p50"] <= stats["p90"]
    assert out["sensitivity"][0]["param"] == "budget_growth"
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal


def test_sweep_csv_has_one_row_per_game_and_table_runs(capsys):
    assert main(["sweep", "baseline-2025", "--runs", "3", "--turns", "2", "--format", "csv",
                 "--set", "chip_cost=5:20"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("game,seed,chip_cost,winner,crisis,us.compute")
    assert len(lines) == 4
    assert main(["sweep", "baseline-2025", "--runs", "3", "--turns", "2",
                 "--set", "chip_cost=5:20"]) == 0
    text = capsys.readouterr().out
    assert "us.score" in text and "sensitivity" in text


@pytest.mark.parametrize("setting, message", [
    ("chip_cst=1", "did you mean 'chip_cost'"),
    ("chip_cost", "expected PARAM=VALUE or PARAM=LO:HI"),
    ("chip_cost=abc", "'abc' is not a number"),
    ("chip_cost=9:1", "9 is above 1"),
    ("utilization=1.5", "allowed: above 0 to 1"),
    ("chip_cost.mars=1", "allowed: us, china"),
    ("utilization.us=0.4", "shared by both sides"),
    ("export_cap_share[9]=0.1", "allowed: 0 to 4"),
    ("chip_cost[1]=3", "has no levels"),
    ("fab_lead=0", "allowed: 1 to 12"),
])
def test_bad_settings_are_refused_with_what_is_allowed(setting, message, capsys):
    with pytest.raises(InputError) as exc:
        parse_setting(setting)
    assert message in str(exc.value)
    assert main(["sweep", "baseline-2025", "--runs", "2", "--set", setting]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_runs_and_workers_exit_2(capsys):
    assert_exit = [["sweep", "baseline-2025", "--runs", "0"],
                   ["sweep", "baseline-2025", "--runs", "5", "--workers", "0"],
                   ["sweep", "no-such-scenario", "--runs", "5"]]
    for argv in assert_exit:
        with pytest.raises(SystemExit) as exc:
            code = main(argv)
            raise SystemExit(code)
        assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
