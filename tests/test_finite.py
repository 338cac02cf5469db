"""A scenario that validates runs finite (issue 15): ranges next to the parameters,
soundness checks across fields, and a guard after each turn that stops a game whose
figures leave the finite numbers with a clear exit-2 error instead of `nan` output."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_gen import scenarios

from game.cli import main
from game.model.finite import NotFinite
from game.model.loader import SCENARIO_DIR
from game.model.scenario import Scenario
from game.records import verify
from game.session import Game

BASELINE = (SCENARIO_DIR / "baseline-2025.toml").read_text()


def refused(tmp_path, capsys, text: str, *expected: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text)
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(path) in err and "Traceback" not in err
    for part in expected:
        assert part in err, err


def _param(name: str, body: str) -> str:
    """The baseline with [params.NAME] replaced by `body`."""
    head = f"[params.{name}]\n"
    start = BASELINE.index(head) + len(head)
    end = BASELINE.index("\n[", start)
    return BASELINE[:start] + body + BASELINE[end:]


@pytest.mark.parametrize("name, body, field", [
    ("budget_growth_decay", "us = 5.0\nchina = 0.95\n", "budget_growth_decay.us"),
    ("algo_growth", "us = 2.0\nchina = 0.18\n", "algo_growth.us"),
    ("algo_growth", "us = -1.0\nchina = 0.18\n", "algo_growth.us"),
    ("chip_cost", "us = 1e-300\nchina = 38.0\n", "chip_cost.us"),
    ("elasticity", "value = 1e6\n", "elasticity.value"),
    # model v2: 0/0 in the demand and the chip-purchase equations, a negative reserve
    ("demand_ceiling", "value = 0.0\n", "demand_ceiling.value"),
    ("export_unit_price", "value = [1.0, 0.9, 0.0, 0.5, 0.5]\n", "export_unit_price.value"),
    ("reserve_cap", "us = -1.0\nchina = 0.1\n", "reserve_cap.us"),
    ("reserve_cap", "value = 1e6\n", "reserve_cap.value"),
])
def test_parameters_that_would_overflow_are_refused(tmp_path, capsys, name, body, field):
    refused(tmp_path, capsys, _param(name, body), field, "out of range")


def test_all_victory_weights_zero_is_refused(tmp_path, capsys):
    zero = "capability = 0.0\ncompute_share = 0.0\nmarket_share = 0.0\neconomy = 0.0\n" \
           "stability = 0.0\n"
    text = BASELINE.replace(BASELINE[BASELINE.index("[victory.us]\n"):
                                     BASELINE.index("[victory.china]")],
                            "[victory.us]\n" + zero + "\n")
    refused(tmp_path, capsys, text, "victory.us", "every score weight is 0")


def test_huge_budgets_and_card_effects_are_refused(tmp_path, capsys):
    refused(tmp_path, capsys, BASELINE.replace("budget = 68.0", "budget = 1e308", 1),
            "start.us.budget", "out of range")
    effect = 'kind = "multiply"\nstate = "algo_eff"\nside = "china"\nvalue = 1.25'
    assert effect in BASELINE
    refused(tmp_path, capsys, BASELINE.replace(effect, effect.replace("1.25", "1e6"), 1),
            "events[0].effects[0].value", "out of range")
    refused(tmp_path, capsys, BASELINE.replace(effect, effect.replace("1.25", "3.0"), 1),
            "events[0].effects[0].value", "compounds to")
    lowered = 'kind = "add"\nstate = "algo_eff"\nside = "china"\nvalue = -0.5'
    refused(tmp_path, capsys, BASELINE.replace(effect, lowered, 1),
            "events[0].effects[0].value", "use kind = \"multiply\"")
    refused(tmp_path, capsys, BASELINE.replace('param = "taiwan_output"\nvalue = 0.15',
                                               'param = "taiwan_output"\nvalue = 1e4', 1),
            "effects[0].value", "would take taiwan_output")


def test_home_markets_beyond_the_whole_world_are_refused(tmp_path, capsys):
    # The rest of the world buys what the two home markets leave: a negative remainder
    # turned the price index negative and demand non-finite on the first turn.
    refused(tmp_path, capsys, _param("home_market", "us = 0.9\nchina = 0.2\n"),
            "params.home_market", "sum to 1.1", "at most 1")
    card = 'kind = "multiply"\nparam = "taiwan_output"\nvalue = 0.85'
    assert card in BASELINE
    refused(tmp_path, capsys, BASELINE.replace(
        card, 'kind = "multiply"\nparam = "home_market"\nvalue = 2.5', 1),
        "effects[0].value", "would leave home_market", "sum to 1.375")


def test_cheap_research_on_a_compounding_budget_runs_finite(tmp_path, capsys):
    # Research growth is a power of spending: on a budget compounding 50% a quarter for
    # 60 quarters it grew faster than exponentially and reached the guard (turn 49).
    # Research at most doubles efficiency in a quarter (engine/research.py).
    text = BASELINE.replace("turns = 24", "turns = 60", 1)
    for name, body in (("budget_growth", "us = 0.5\nchina = 0.5\n"),
                       ("budget_growth_decay", "value = 1.0\n"),
                       ("research_ref", "us = 0.1\nchina = 0.1\n"),
                       ("research_elasticity", "value = 1.0\n")):
        head = f"[params.{name}]\n"
        start = text.index(head) + len(head)
        text = text[:start] + body + text[text.index("unit =", start):]
    path = tmp_path / "runaway.toml"
    path.write_text(text)
    code = main(["run", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    assert _finite(report)


def test_the_guard_stops_a_game_whose_figures_overflow(monkeypatch, capsys, tmp_path):
    import game.session as session

    real_step = session.step

    def overflowing_step(*args, **kwargs):
        state, log = real_step(*args, **kwargs)
        return state.evolve(budget=np.full_like(state.budget, np.inf)), log

    monkeypatch.setattr(session, "step", overflowing_step)
    record = tmp_path / "g.json"
    code = main(["run", "tutorial", "--format", "json", "--record", str(record)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and not record.exists()
    assert "turn 1 (2025Q1): us.budget, china.budget became too large" in err
    assert "Traceback" not in err


def _finite(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much])
@given(data=scenarios(max_turns=24), seed=st.integers(0, 2**32))
def test_random_valid_scenarios_run_finite_or_stop_clearly(data, seed):
    """Drawn from anywhere in the allowed ranges: the game either plays out with every
    figure finite, its JSON strict and its record replaying, or the guard stops it with a
    NotFinite message (exit 2). Never nan output. (bench/bench_finite.py runs more.)"""
    from game.commands.outputs import game_json

    try:
        scenario = Scenario.model_validate(data, strict=True)
    except ValueError:
        return  # not a valid scenario: validation's own tests cover refusals
    game = Game.new(scenario, seed=seed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            game.play_out()
    except NotFinite as exc:
        assert "became too large to compute" in str(exc)
        return
    report = game_json(game)
    assert _finite(report)
    json.dumps(report, allow_nan=False)
    assert verify(game.to_record()).ok


def test_a_sweep_never_prints_a_non_finite_figure(monkeypatch, capsys):
    import game.analysis.sweep as sweep

    real = sweep.run_sweep

    def overflowing(*args, **kwargs):
        result = real(*args, **kwargs)
        result.games.final["budget"][:, 1] = np.inf
        return result

    monkeypatch.setattr(sweep, "run_sweep", overflowing)
    code = main(["sweep", "tutorial", "--runs", "3", "--workers", "1", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    assert "china.budget became too large to compute" in err
