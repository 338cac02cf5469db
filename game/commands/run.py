"""`compute-race run`: a headless game between players (bots or scripts)."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import (
    add_force,
    add_players_and_clock,
    load,
    print_json,
    write_csv,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "run", help="play a headless game between bots or scripts",
        description="Play a headless game and print every turn's figures. PLAYER is "
                    "bot:NAME[:LEVEL] (see `compute-race bots`) or script:FILE (an orders "
                    "file; see README).")
    add_players_and_clock(p, "game")
    p.add_argument("--record", metavar="FILE", default=None,
                   help="also write the game's record (save/replay file) to FILE")
    add_force(p, "the --record FILE")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.commands import outputs
    from game.session import Game

    scenario = load(args.scenario)
    if args.turns is not None and args.turns > scenario.clock.turns:
        from game.commands.common import fail

        raise fail(f"--turns: {args.turns} is beyond {scenario.name}'s {scenario.clock.turns} "
                   f"quarters ({scenario.clock.start} to {scenario.clock.last}); allowed: 1 to "
                   f"{scenario.clock.turns}, or leave it out to play the whole game")
    if args.record:  # refused before the game is played, not after
        from game.files import check_target
        from game.model.record_file import RECORD_MARK

        check_target(args.record, RECORD_MARK, args.force)
    game = Game.new(scenario, seed=args.seed, us=args.us, china=args.china)
    game.play_out(args.turns)
    if args.record:
        from game.records import save_game

        save_game(game, args.record, force=args.force)
    if args.format == "json":
        print_json(outputs.game_json(game))
    elif args.format == "csv":
        write_csv(outputs.CSV_HEADER, outputs.csv_rows(game))
    else:
        sys.stdout.write(outputs.game_table(game) + "\n")
    return 0
