"""Helpers shared by the commands: argument types, scenario loading, output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from game.model.errors import InputError

FORMATS_ALL = ("table", "json", "csv")


def seed_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{value} is out of range (allowed: 0 to 2^63-1)")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def player_arg(text: str) -> str:
    from game.bots.players import parse_player

    try:
        parse_player(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{exc}; a PLAYER is bot:NAME[:LEVEL] or script:FILE") from None
    return text


def workers_arg(text: str) -> int:
    """--workers K: a whole number from 1 to the cap (a small multiple of the cores)."""
    from game.analysis.resources import check_workers

    value = positive_int(text)
    try:
        return check_workers(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].removeprefix(
            f"--workers {value}: ")) from None


def add_force(p: argparse.ArgumentParser, what: str) -> None:
    """`--force`: the one way to write over a file the game did not write."""
    p.add_argument("--force", action="store_true",
                   help=f"replace {what} even if it is a file the game did not write "
                        "(never a device, a directory or a read-only file)")


def add_trust(p: argparse.ArgumentParser) -> None:
    """`--trust`: use a record that was changed after the game wrote it or that fails
    verification (with a warning)."""
    p.add_argument("--trust", action="store_true",
                   help="use a record even if it was changed after the game wrote it or "
                        "its replay does not match it (prints a warning)")


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def load(scenario: str) -> Any:
    from game.model.loader import load_scenario

    return load_scenario(scenario)


def fail(message: str) -> InputError:
    return InputError([message])


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    sys.stdout.write(buf.getvalue())


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: str | None = None) -> str:
    """A plain text table: no colour, so it survives pipes and logs."""
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    align = align or ("l" + "r" * (len(header) - 1))
    lines = []
    for k, row in enumerate(cells):
        parts = [c.ljust(w) if a == "l" else c.rjust(w)
                 for c, w, a in zip(row, widths, align, strict=False)]
        lines.append("  ".join(parts).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def add_players_and_clock(p: argparse.ArgumentParser, what: str) -> None:
    """SCENARIO, --us, --china, --seed and --turns, as `run` and `sweep` share them;
    `what` names what the seed and turns apply to ("game" or "sweep")."""
    p.add_argument("scenario", metavar="SCENARIO",
                   help="a shipped scenario's name or a .toml path")
    p.add_argument("--us", type=player_arg, default="bot:balanced", metavar="PLAYER",
                   help="who plays the US bloc (default: bot:balanced)")
    p.add_argument("--china", type=player_arg, default="bot:balanced", metavar="PLAYER",
                   help="who plays China (default: bot:balanced)")
    p.add_argument("--seed", type=seed_arg, default=0, help=f"the {what}'s seed (default 0)")
    each = "each game" if what == "sweep" else "the game"
    p.add_argument("--turns", type=positive_int, default=None,
                   help=f"stop {each} after this many turns (default: the scenario's length)")
