"""The command line: `compute-race` and `python -m game`.

A thin dispatcher: each command lives in `game/commands/<name>.py` with `add_parser` and
`run`. Exit codes: 0 success, 1 internal error, 2 bad input (message on stderr, never a
traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from game import __version__

# Command modules in the order `--help` lists them. Imported lazily by name so that
# start-up stays fast and the headless commands never import the UI.
COMMANDS: tuple[str, ...] = (
    "play", "run", "replay", "sweep", "scenarios", "validate", "schema", "report", "bots",
    "balance", "serve", "join",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with a one-paragraph message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="compute-race",
        description="Compute Race: a turn-based US-China AI competition scenario game.",
    )
    parser.add_argument("--version", action="version", version=f"compute-race {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"game.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.commands.{name}":
                continue  # a command not built yet is simply not offered
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_given = list(sys.argv[1:] if argv is None else argv)
    if _plays(args_given):
        # Bare `compute-race` and `play` need a screen; without a terminal say so at
        # once, before the commands are loaded (a script or a pipe must not wait).
        from game.tui import terminal

        if not terminal.has_terminal():
            print(terminal.NO_TERMINAL, file=sys.stderr)
            return 2
    from game.model.errors import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if "play" not in _offered(parser):
            parser.print_help()
            return 0
        # No command: play, the way a new player expects.
        args = parser.parse_args(["play", *(argv or [])])
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # an internal error: short message, traceback on request
        if os.environ.get("COMPUTE_RACE_DEBUG"):
            raise
        print(f"compute-race: internal error: {type(exc).__name__}: {exc}\n"
              "(set COMPUTE_RACE_DEBUG=1 for the traceback, and please report it)",
              file=sys.stderr)
        return 1


def _plays(argv: list[str]) -> bool:
    """The arguments open the terminal UI (not just its help)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    return not argv or argv[0] == "play"


def _offered(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


if __name__ == "__main__":
    raise SystemExit(main())
