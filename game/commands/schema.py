"""`compute-race schema`: JSON Schema of the game's files."""

from __future__ import annotations

import argparse

from game.commands.common import print_json

KINDS = ("scenario", "orders", "record")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of a file kind",
                       description="Print the JSON Schema of scenario, orders or record "
                                   "files (point an editor's TOML/JSON support at it).")
    p.add_argument("kind", choices=KINDS)
    p.set_defaults(handler=run)


def schema_for(kind: str) -> dict:
    if kind == "scenario":
        from game.model.scenario import Scenario

        return Scenario.model_json_schema()
    if kind == "orders":
        from game.model.orders_file import OrdersFile

        return OrdersFile.model_json_schema()
    from game.records import Record

    return Record.model_json_schema()


def run(args: argparse.Namespace) -> int:
    print_json(schema_for(args.kind))
    return 0
