"""Before/after figures for the model-v2 commits: balanced v balanced on the baseline,
median over many seeds, with one lever forced or one parameter changed per setting.

    PYTHONPATH=. python scripts/measure_model.py [SEEDS] [SETTING,...]
"""

from __future__ import annotations

import sys

import numpy as np

from game.model import load_scenario, rules_for
from tests.model_harness import play

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
ONLY = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else None
SEEDS = np.arange(5000, 5000 + N)
Q4_2027, Q4_2030 = 11, 23


def med(x: np.ndarray) -> float:
    return float(np.median(x))


def summary(m: dict[str, np.ndarray]) -> str:
    row = {
        "cmp30us": med(m["compute"][Q4_2030, :, 0]),
        "cmp30cn": med(m["compute"][Q4_2030, :, 1]),
        "bud_cn": med(m["budget"][:, :, 1].mean(0)),
        "bud_us": med(m["budget"][:, :, 0].mean(0)),
        "algo_us": med(m["algo_efficiency"][Q4_2030, :, 0]),
        "algo_cn": med(m["algo_efficiency"][Q4_2030, :, 1]),
        "ms_cn": med(m["market_share"][:, :, 1].mean(0)),
        "inv_us": med(m["inventory"][:, :, 0].mean(0)),
        "strand_q_us": med((m["inventory"][:, :, 0] > 0.05 * m["compute"][:, :, 0]).sum(0)),
        "pw_cn": med(m["power_gw"][Q4_2030, :, 1]),
        "pwu_cn": med(m["power_used_gw"][Q4_2030, :, 1]),
        "pw_us": med(m["power_gw"][Q4_2030, :, 0]),
        "idle_cn": med(1 - m["power_used_gw"][Q4_2030 - 7:, :, 1].mean(0)
                       / m["power_gw"][Q4_2030 - 7:, :, 1].mean(0)),
        "sc_us": med(m["score_final"][:, 0]),
        "sc_cn": med(m["score_final"][:, 1]),
        "tens": med(m["tension"][:, :, 0].mean(0)),
    }
    if "home_share" in m:
        row["row_cn"] = med(m["world_share"][:, :, 1].mean(0))
        row["row_cn30"] = med(m["world_share"][Q4_2030, :, 1])
        row["rpt_cn"] = med((m["revenue"] / m["tokens"])[:, :, 1].mean(0))
    for extra in ("chip_export_revenue", "unspent", "token_share", "home_share",
                  "frontier_price"):
        if extra in m:
            row[extra[:8] + "_u"] = med(m[extra][:, :, 0].mean(0))
            row[extra[:8] + "_c"] = med(m[extra][:, :, 1].mean(0))
    return "  ".join(f"{k}={v:.4g}" for k, v in row.items())


def calibration(m: dict[str, np.ndarray]) -> str:
    world = m["compute"].sum(axis=2)
    g = (world[Q4_2027] / world[0]) ** (4 / 11)
    out = {
        "us_out_2025": med(m["chips_produced"][:4, :, 0].sum(0)),
        "cap_q1": med(m["capability"][0].max(axis=1)),
        "cap_30": med(m["capability"][Q4_2030].max(axis=1)),
        "world_growth": med(g),
        "power_27": med(m["power_used_gw"][Q4_2027].sum(1)),
        "us_power_30": med(m["power_gw"][Q4_2030, :, 0]),
        "us_bud_30_yr": med(m["budget"][Q4_2030, :, 0]) * 4,
        "price_q1": med(m["price"][0, :, 0]), "price_30": med(m["price"][Q4_2030, :, 0]),
        "tokens_30/q1": med(m["tokens"][Q4_2030].sum(1) / m["tokens"][0].sum(1)),
        "rev_30": med(m["revenue"][Q4_2030].sum(1)),
    }
    for k in ("frontier_price", "chip_export_revenue"):
        if k in m:
            out[k + "_q1"] = med(m[k][0, :, 0])
    return "  ".join(f"{k}={v:.4g}" for k, v in out.items())


def main() -> None:
    sc = load_scenario("baseline-2025")
    rules = rules_for(sc)
    p = rules.params
    base = play(sc, rules, SEEDS)
    print("calibration", calibration(base))
    settings = {
        "baseline": lambda: base,
        "export0": lambda: play(sc, rules, SEEDS, force={"us": {"export_controls": 0}}),
        "export4": lambda: play(sc, rules, SEEDS, force={"us": {"export_controls": 4}}),
        "equip0": lambda: play(sc, rules, SEEDS, force={"us": {"equipment_controls": 0}}),
        "equip3": lambda: play(sc, rules, SEEDS, force={"us": {"equipment_controls": 3}}),
        "blockade": lambda: play(sc, rules, SEEDS, events={7: ("taiwan-blockade",)}),
        "dom50": lambda: play(sc, rules, SEEDS, force={"us": {"domestic_build_pct": 50}}),
        "dom50+blk": lambda: play(sc, rules, SEEDS, force={"us": {"domestic_build_pct": 50}},
                          events={7: ("taiwan-blockade",)}),
        "subsidy0": lambda: play(sc, rules, SEEDS, force={"china": {"price_subsidy": 0}}),
        "subsidy3": lambda: play(sc, rules, SEEDS, force={"china": {"price_subsidy": 3}}),
        "cn_us_power": lambda: play(sc, rules, SEEDS, params={
            "power_lead": np.full(2, p.power_lead[0]), "power_cost": np.full(2, p.power_cost[0])}),
        "cn_us_build": lambda: play(sc, rules, SEEDS, params={
            "power_lead": np.full(2, p.power_lead[0]), "power_cost": np.full(2, p.power_cost[0]),
            "dc_lead": np.full(2, p.dc_lead[0]), "dc_cost": np.full(2, p.dc_cost[0])}),
        "export0+cnpow": lambda: play(sc, rules, SEEDS, force={"us": {"export_controls": 0}},
                              params={"power_lead": np.full(2, p.power_lead[0]),
                                      "power_cost": np.full(2, p.power_cost[0])}),
        "us_open": lambda: play(sc, rules, SEEDS, force={"us": {"open_weights": 1}}),
        "cn_closed": lambda: play(sc, rules, SEEDS, force={"china": {"open_weights": 0}}),
    }
    for name, m in settings.items():
        if ONLY and name not in ONLY:
            continue
        print(f"{name:12s}", summary(m()))


if __name__ == "__main__":
    main()
