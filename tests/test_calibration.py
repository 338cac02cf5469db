"""Calibration: the baseline with the default bots on both sides, median over 128 seeds
(one batch), lands in every target range of REFERENCE.md "Calibration targets"."""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.batch import run_batch

SEEDS = np.arange(1000, 1128)
Q1_2025, Q4_2025, Q4_2027 = 0, 3, 11
YEARS_2025Q1_TO_2027Q4 = 11 / 4


@pytest.fixture(scope="module")
def m(baseline):
    return run_batch(baseline, SEEDS, turns=12).metrics


def median(x) -> float:
    return float(np.median(x))


def test_world_compute_in_service_2025q1(m):
    world = m["compute"][Q1_2025].sum(axis=1)
    assert 6 <= median(world) <= 12


def test_world_compute_growth_2025_to_2027(m):
    world = m["compute"].sum(axis=2)
    growth = (world[Q4_2027] / world[Q1_2025]) ** (1 / YEARS_2025Q1_TO_2027Q4)
    assert 1.9 <= median(growth) <= 2.7


def test_chinas_share_of_world_compute_2025(m):
    share = m["compute"][: Q4_2025 + 1, :, 1] / m["compute"][: Q4_2025 + 1].sum(axis=2)
    assert 0.10 <= median(share.mean(axis=0)) <= 0.22


def test_us_algorithmic_efficiency_growth(m):
    eff = m["algo_efficiency"][:, :, 0]
    assert 2.0 <= median((eff[Q4_2027] / eff[Q1_2025]) ** (1 / YEARS_2025Q1_TO_2027Q4)) <= 4.0


def test_hardware_price_performance_growth(m):
    hw = m["hw_efficiency"][:, :, 0]
    assert 1.25 <= median((hw[Q4_2027] / hw[Q1_2025]) ** (1 / YEARS_2025Q1_TO_2027Q4)) <= 1.45


def test_price_per_token_at_fixed_capability_falls(m):
    price = m["price"][:, :, 0]
    fall = (price[Q1_2025] / price[Q4_2027]) ** (1 / YEARS_2025Q1_TO_2027Q4)
    assert 4 <= median(fall) <= 40


def test_chinas_domestic_accelerator_output_2025(m):
    output = m["chips_produced"][: Q4_2025 + 1, :, 1].sum(axis=0)
    assert 0.1 <= median(output) <= 0.4


def test_power_drawn_by_ai_compute_2027q4(m):
    assert 25 <= median(m["power_used_gw"][Q4_2027].sum(axis=1)) <= 90


def test_us_budget_2025(m):
    # The budget a quarter's orders spend: the opening's, then each turn's next budget.
    budgets = m["budget"][: Q4_2025, :, 0]
    assert 60 <= median(budgets.mean(axis=0)) <= 110


# --- model v2 targets (REFERENCE.md "Calibration targets ..., model v2") ------------------

@pytest.fixture(scope="module")
def whole(baseline):
    return run_batch(baseline, SEEDS).metrics


def test_us_bloc_accelerators_produced_in_2025(m):
    assert 5 <= median(m["chips_produced"][: Q4_2025 + 1, :, 0].sum(axis=0)) <= 11


def test_capability_in_2025q1(m):
    # The largest run of early 2025: a few 1e26 FLOP.
    assert 26.3 <= median(m["capability"][Q1_2025].max(axis=1)) <= 26.8


def test_us_chip_export_revenue_2025q1(m):
    assert 2 <= median(m["chip_export_revenue"][Q1_2025, :, 0]) <= 6


def test_chinas_home_market_served_by_chinese_models_2025(m):
    assert median(m["home_share"][: Q4_2025 + 1, :, 1].mean(axis=0)) >= 0.8


def test_frontier_price_shown_to_players_any_quarter(whole):
    price = np.median(whole["frontier_price"], axis=1)  # (T, 2): median path per side
    assert np.all((price >= 0.05) & (price <= 60))


def test_us_connected_ai_power_2030q4(whole):
    assert 40 <= median(whole["power_gw"][-1, :, 0]) <= 160


def test_us_budget_2030_is_not_absurd(whole):
    # The "figures a workshop would laugh at": $1.7T a year. Forecasts of US AI
    # capex by 2030 run to about $1T a year.
    assert median(whole["budget"][-1, :, 0]) * 4 <= 1200
