"""`compute-race replay RECORD`: recompute a recorded game, optionally checking it.

Prints the same table or JSON as `run` (so a replay's JSON `digest` equals the original
run's). `--verify` compares every turn's state digest with the record's and, on the
first that differs, exits 3 (EXIT_MISMATCH: not 1, which is an internal error, nor 2,
bad input) naming the turn and the figures that moved.
"""

from __future__ import annotations

import argparse
import sys

from game.commands.common import print_json

EXIT_MISMATCH = 3  # README's exit codes: the record does not replay to its digests


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "replay", help="recompute a recorded game (and --verify it)",
        description="Recompute a game from its record (a save file or `run --record` "
                    "output). --verify compares every turn's state digest with the "
                    "record's; on a mismatch it exits 3 naming the first turn that "
                    "differs and which figures moved.")
    p.add_argument("record", metavar="RECORD", help="a record file (.json)")
    p.add_argument("--verify", action="store_true",
                   help="check every turn's digest against the record (exit 3 on a mismatch)")
    p.add_argument("--until", metavar="TURN", default=None,
                   help="stop after this turn: a number from 1 or a quarter like 2026Q2")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def until_turn(text: str | None, start: str, played: int, path: str) -> int | None:
    """--until as a count of turns to replay (None: all)."""
    from game.commands.common import fail
    from game.model.clock import parse_quarter, quarter_label, turn_of

    if text is None:
        return None
    text = text.strip()
    try:
        turn = int(text)
    except ValueError:
        try:
            parse_quarter(text)
        except ValueError:
            raise fail(f"--until: {text!r} is neither a turn number nor a quarter like "
                       f"{start}") from None
        turn = turn_of(start, text) + 1
    if played == 0:
        raise fail(f"--until: {path} records no turn yet, so there is nothing to stop at")
    if not 1 <= turn <= played:
        raise fail(f"--until: {text} is outside the record (allowed: 1 to {played}, "
                   f"{quarter_label(start, 0)} to {quarter_label(start, played - 1)})")
    return turn


def run(args: argparse.Namespace) -> int:
    from game.commands import outputs
    from game.commands.common import fail
    from game.model.record_file import read_record_checked
    from game.records import verify
    from game.session import GameOver

    record, tampered = read_record_checked(args.record)  # replay is how one is checked
    if tampered:
        print(f"{args.record}: warning: {tampered}", file=sys.stderr)
    start = str((record.scenario.get("clock") or {}).get("start", "2025Q1"))
    until = until_turn(args.until, start, len(record.turns), args.record)
    try:
        check = verify(record, until)
    except (ValueError, GameOver) as exc:  # a record that does not fit its own rules
        raise fail(f"{args.record}: {exc}") from None
    if check.engine_note:
        print(f"{args.record}: note: {check.engine_note}", file=sys.stderr)
    if check.mismatch is not None:
        if args.verify:
            print(f"{args.record}: {check.mismatch.describe()}", file=sys.stderr)
            return EXIT_MISMATCH
        # Without --verify the replay is still shown, but never silently wrong.
        print(f"{args.record}: warning: {check.mismatch.describe()}", file=sys.stderr)
        from game.session import Game

        game = Game.from_record(record, until)
    else:
        game = check.game
    if args.format == "json":
        print_json(outputs.game_json(game))
    else:
        sys.stdout.write(outputs.game_table(game) + "\n")
        players = ", ".join(f"{side} {who}" for side, who in
                            (("us", record.players.us), ("china", record.players.china)))
        sys.stdout.write(f"replayed {game.turn} of {len(record.turns)} recorded turns; "
                         f"players: {players}; turns undone during play: {record.undone}\n")
    if args.verify and tampered:
        return EXIT_MISMATCH  # every digest matched, but the file is not as written
    if args.verify:
        print(f"{args.record}: verified: all {check.checked} turns match their recorded "
              "digests", file=sys.stderr)
    return 0
