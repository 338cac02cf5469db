"""`compute-race scenarios`: the shipped scenario library."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import print_json, table


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scenarios", help="list the shipped scenarios",
                       description="List the shipped scenarios: name, title, turns and what "
                                   "each is about.")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def run(args: argparse.Namespace) -> int:
    from game.model.loader import load_scenario, shipped_names

    items = [load_scenario(name) for name in shipped_names()]
    if args.format == "json":
        print_json([{"name": s.name, "title": s.title, "turns": s.clock.turns,
                     "start": s.clock.start, "description": s.description} for s in items])
        return 0
    rows = [[s.name, s.title, str(s.clock.turns), first_sentence(s.description)]
            for s in items]
    sys.stdout.write(table(["name", "title", "turns", "about"], rows, "llrl") + "\n")
    return 0
