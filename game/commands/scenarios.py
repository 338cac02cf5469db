"""`compute-race scenarios`: the shipped scenario library."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap

from game.commands.common import print_json, table


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenarios", help="list the shipped scenarios",
                       description="List the shipped scenarios: name, title, turns and what "
                                   "each is about. Any command that takes a SCENARIO accepts "
                                   "one of these names or a path to a .toml file.")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def first_sentence(text: str) -> str:
    """The description's first sentence: its one-line summary."""
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def run(args: argparse.Namespace) -> int:
    from game.model.loader import load_scenario, shipped_names

    items = [load_scenario(name) for name in shipped_names()]
    if args.format == "json":
        print_json([{"name": s.name, "title": s.title, "turns": s.clock.turns,
                     "start": s.clock.start, "summary": first_sentence(s.description),
                     "description": s.description} for s in items])
        return 0
    name_w = max(len(s.name) for s in items)
    title_w = max(len(s.title) for s in items)
    columns = shutil.get_terminal_size((120, 24)).columns
    about_w = max(30, columns - name_w - title_w - len("turns") - 8)
    rows: list[list[str]] = []
    for s in items:
        # the summary wraps under its own column rather than being cut
        lines = textwrap.wrap(first_sentence(s.description), about_w) or [""]
        rows.append([s.name, s.title, str(s.clock.turns), lines[0]])
        rows.extend(["", "", "", line] for line in lines[1:])
    sys.stdout.write(table(["name", "title", "turns", "about"], rows, "llrl") + "\n")
    return 0
