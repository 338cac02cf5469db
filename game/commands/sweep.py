"""`compute-race sweep`: many games (Monte Carlo), optionally over parameter ranges."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.commands.common import (
    add_players_and_clock,
    load,
    positive_int,
    print_json,
    table,
    workers_arg,
    write_csv,
)

MAX_RUNS = 10_000_000


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sweep", help="play many games and summarise the outcomes (Monte Carlo)",
        description="Play N games (seeds derived from --seed) and print, for each final "
                    "figure, its 10th/50th/90th percentiles and mean, and the win counts. "
                    "--set changes an engine parameter for every game (PARAM=VALUE) or "
                    "samples it per game (PARAM=LO:HI), with a sensitivity table: which "
                    "parameter moves the outcome most. PARAM is a name from the scenario's "
                    "[params] (NAME.us / NAME.china for one side, NAME[LEVEL] for one "
                    "level of a table). Results do not depend on --workers or "
                    "--scheduler (a Dask cluster). --format csv "
                    "prints one row per game (its seed replays it with `run --seed`).")
    add_players_and_clock(p, "sweep")
    p.add_argument("--runs", type=_runs, required=True, metavar="N", help="number of games")
    add_backend(p)
    p.add_argument("--set", dest="settings", action="append", default=[],
                   metavar="PARAM=VALUE|PARAM=LO:HI", help="change an engine parameter "
                   "(repeatable)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(handler=run)


def add_backend(p: argparse.ArgumentParser) -> None:
    """--workers K | --scheduler ADDRESS: where chunks of games run. Results are the same
    either way: chunks are defined by game seeds, not by workers."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=workers_arg, default=None, metavar="K",
                       help="processes to run chunks of games on (default: one per core; "
                            "at most 4 per core)")
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="run the chunks on a Dask distributed cluster instead, e.g. "
                            "tcp://10.0.0.5:8786 (needs: pip install "
                            "'compute-race[cluster]'; see README)")


def _runs(text: str) -> int:
    value = positive_int(text)
    if value > MAX_RUNS:
        raise argparse.ArgumentTypeError(f"{value} is over the limit of {MAX_RUNS:,} games")
    return value


class Progress:
    """A bar on stderr, only when stderr is a terminal (quiet in pipes, logs and CI)."""

    WIDTH = 30

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        self.bar("", done, total)

    def bar(self, label: str, done: int, total: int) -> None:
        if not self.active:
            return
        filled = self.WIDTH * done // max(total, 1)
        sys.stderr.write(f"\r{label}[{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                         f"{done:,}/{total:,} games")
        if done >= total:
            sys.stderr.write("\r" + " " * (self.WIDTH + len(label) + 40) + "\r")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from game.analysis.params_set import parse_setting
    from game.analysis.sweep import default_workers, run_sweep

    settings = tuple(parse_setting(text) for text in args.settings)
    scenario = load(args.scenario)
    workers = args.workers or default_workers()
    from game.analysis.resources import check_sweep_fits
    from game.analysis.sweep import CHUNK_GAMES

    # Before any process starts: the parent collects the results wherever chunks run.
    check_sweep_fits(args.runs, 0 if args.scheduler else workers, CHUNK_GAMES,
                     len(settings))
    result = run_sweep(scenario, args.runs, args.seed, args.us, args.china, settings,
                       workers=workers, turns=args.turns, progress=Progress(),
                       scheduler=args.scheduler)
    from game.model.finite import NotFinite, non_finite_named

    bad = non_finite_named(result.games.final)
    if bad:  # a --set outside what the games can hold: say so, never print nan
        raise NotFinite([f"{scenario.name}: {', '.join(bad)} became too large to compute "
                         "(not a finite number) in some games; bring the --set values "
                         "closer to the scenario's"])
    if args.format == "json":
        print_json(sweep_json(result))
    elif args.format == "csv":
        header, rows = sweep_csv(result)
        write_csv(header, rows)
    else:
        sys.stdout.write(sweep_table(result) + "\n")
    return 0


def _clean(value: float) -> float:
    return float(f"{value:.10g}")


def sweep_json(result: Any) -> dict[str, Any]:
    """The DESIGN.md section 3 contract (`runs`, `metrics`, `winners`), plus what the
    sweep was (`scenario`, `seed`, players, `set`), `crisis` (games ended in a crisis)
    and, with ranges, `sensitivity`."""
    out: dict[str, Any] = {
        "scenario": result.scenario,
        "seed": result.seed,
        "us": result.us,
        "china": result.china,
        "set": [str(s) for s in result.settings],
        "runs": result.runs,
        "metrics": {name: {k: _clean(v) for k, v in stats.items()}
                    for name, stats in result.summary().items()},
        "winners": result.win_counts(),
        "crisis": int(result.games.crisis.sum()),
    }
    if any(s.ranged for s in result.settings):
        out["sensitivity"] = [
            {**row, "rank_correlation": {k: _clean(v) for k, v in
                                         row["rank_correlation"].items()},
             "swing": _clean(row["swing"])}
            for row in result.sensitivity()]
    return out


def sweep_csv(result: Any) -> tuple[list[str], list[list[Any]]]:
    """One row per game: index, seed, the settings' values, winner, crisis, and every
    final figure per side."""
    outcomes = result.outcomes()
    names = list(outcomes)
    header = ["game", "seed", *[s.label for s in result.settings], "winner", "crisis", *names]
    g = result.games
    winner = {0: "us", 1: "china", -1: "draw"}
    rows = []
    for i in range(result.runs):
        rows.append([i, int(g.seeds[i]), *[_clean(v) for v in g.values[i]],
                     winner[int(g.winners[i])], bool(g.crisis[i]),
                     *[_clean(float(outcomes[n][i])) for n in names]])
    return header, rows


TABLE_METRICS = ("score", "compute", "inventory", "capability", "market_share", "revenue",
                 "budget", "algo_efficiency", "power_gw")


def sweep_table(result: Any) -> str:
    from game.present.figures import figure

    summary = result.summary()
    rows = []
    for key, name in [(f"{side}.{name}", name) for side in ("us", "china")
                      for name in TABLE_METRICS] + [("tension", "tension")]:
        s, f = summary[key], figure(name)
        rows.append([key, f.unit_for(s["p50"]),
                     *(f.number(s[q], like=s["p50"]) for q in ("p10", "p50", "p90", "mean"))])
    wins = result.win_counts()
    setting = f"; set {', '.join(str(s) for s in result.settings)}" if result.settings else ""
    parts = [
        f"{result.scenario}: {result.runs:,} games, seed {result.seed}, us {result.us}, "
        f"china {result.china}{setting}",
        "",
        table(["final figure", "unit", "p10", "p50", "p90", "mean"], rows, "ll" + "r" * 4),
        "",
        f"wins: us {wins['us']:,}, china {wins['china']:,}, draw {wins['draw']:,}; "
        f"ended in a crisis: {int(result.games.crisis.sum()):,}",
    ]
    sens = result.sensitivity()
    if sens:
        srows = [[r["param"], f"{r['low']:g}:{r['high']:g}",
                  f"{r['rank_correlation']['score_gap']:+.2f}",
                  f"{r['rank_correlation']['us.score']:+.2f}",
                  f"{r['rank_correlation']['china.score']:+.2f}", f"{r['swing']:+.1f}"]
                 for r in sens]
        parts += ["", "sensitivity (what moves the outcome most first):",
                  table(["parameter", "range", "rho gap", "rho us", "rho china",
                         "swing gap"], srows),
                  "rho: rank correlation of the sampled value with the final score (gap = "
                  "us - china); swing: mean score gap, top fifth of the range minus bottom "
                  "fifth"]
    return "\n".join(parts)
