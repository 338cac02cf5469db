"""`compute-race bots`: the bots that can play a side."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import print_json, table


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bots", help="list the bots (PLAYER = bot:NAME[:LEVEL])",
                       description="List the bots that can play either side.")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.bots import LEVELS, REGISTRY

    infos = [REGISTRY[name] for name in sorted(REGISTRY)]
    if args.format == "json":
        print_json([{"name": i.name, "player": f"bot:{i.name}", "levels": list(LEVELS),
                     "description": i.description} for i in infos])
        return 0
    rows = [[f"bot:{i.name}", i.description] for i in infos]
    sys.stdout.write(table(["player", "description"], rows, "ll") + "\n")
    sys.stdout.write(f"\nlevels: {', '.join(LEVELS)} (e.g. bot:balanced:easy; default normal)\n")
    return 0
