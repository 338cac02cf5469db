"""`compute-race validate`: check scenario (or orders) files without running them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario files",
                       description="Check scenario files. Prints 'FILE: ok' for each valid "
                                   "file; for an invalid one, every problem as "
                                   "FILE:LINE: field.path: message, and exits 2. Writes "
                                   "nothing.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.model.errors import InputError
    from game.model.loader import validate_scenario_file

    status = 0
    for name in args.files:
        try:
            validate_scenario_file(Path(name))
        except InputError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = 2
        else:
            print(f"{name}: ok")
    return status
