"""`compute-race schema`: JSON Schema of the game's files."""

from __future__ import annotations

import argparse
import sys

from game.model.schemas import KINDS


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema", help="print the JSON Schema of a file kind",
        description="Print the JSON Schema of scenario, orders or record files. Point an "
                    "editor at it for completion and checking as you type (README: "
                    "'Editing scenarios'); the scenario and orders schemas are also "
                    "committed under schemas/.")
    p.add_argument("kind", choices=KINDS, metavar="{scenario,orders,record}")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.model.schemas import schema_text

    sys.stdout.write(schema_text(args.kind))
    return 0
