"""`compute-race validate`: check scenario files without running them."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate", help="check scenario files",
        description="Check scenario files (paths, or shipped names). Prints 'FILE: ok' for "
                    "each valid one; for an invalid one, every problem as FILE:LINE: "
                    "field.path: message (allowed: ...), and exits 2. Writes nothing.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.model.errors import InputError
    from game.model.loader import find_scenario, validate_scenario_file

    status = 0
    for name in args.files:
        try:
            scenario = validate_scenario_file(find_scenario(name))
        except InputError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = 2
        else:
            print(f"{name}: ok ({scenario.name}: {scenario.clock.turns} turns from "
                  f"{scenario.clock.start}, {len(scenario.events)} event cards)")
    return status
