"""`compute-race play`: the terminal UI. With no scenario it opens the title screen."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import add_trust, player_arg, seed_arg
from game.tui import terminal

SIDES = ("us", "china", "both", "none")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "play", help="play in the terminal (the default command)",
        description="Open the game in the terminal. With no SCENARIO, start on the title "
                    "screen; with one, go straight into the game with the choices given. "
                    "--side both is hot-seat for two players, --side none watches the bots.")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?", default=None,
                   help="a shipped scenario's name or a .toml path")
    p.add_argument("--side", choices=SIDES, default=None,
                   help="who you play: us, china, both (hot-seat) or none (watch); "
                        "default us")
    p.add_argument("--opponent", type=player_arg, default=None, metavar="PLAYER",
                   help="who plays the other side(s): bot:NAME[:LEVEL] or script:FILE "
                        "(default bot:balanced)")
    p.add_argument("--seed", type=seed_arg, default=None,
                   help="the game's seed (default: random, shown on screen)")
    p.add_argument("--load", metavar="FILE", default=None, help="resume a saved game")
    add_trust(p)
    p.add_argument("--facilitator", action="store_true",
                   help="run a workshop: the facilitator console (inject events, override "
                        "parameters, pause, reveal, notes) is one key away (ctrl+f) and the "
                        "record says the session was facilitated")
    p.add_argument("--replay", metavar="FILE", default=None,
                   help="open a record (a save, an autosave or `run --record`) in the replay "
                        "viewer: step through its turns and take control from any of them")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not terminal.has_terminal():  # first: no file read, no game built, no screen
        print(terminal.NO_TERMINAL, file=sys.stderr)
        return 2
    from pathlib import Path

    from game.bots.players import DEFAULT_PLAYER
    from game.model.errors import InputError

    game = None
    humans: tuple[str, ...] = ()
    replayed = None
    if args.replay:
        if (args.load or args.scenario or args.side or args.opponent
                or args.seed is not None):
            raise InputError(["--replay: give the record alone (its scenario, sides, "
                              "players and seed come from the file)"])
        from game.tui import hooks

        # Read and recompute before any screen opens: a bad file exits 2, untouched.
        replayed = hooks.open_replay(Path(args.replay))
    elif args.load:
        if args.scenario or args.side or args.opponent or args.seed is not None:
            raise InputError(["--load: give the saved game alone (its scenario, sides, "
                              "players and seed come from the file)"])
        from game.tui import hooks
        from game.tui.setup import humans_of

        game = hooks.load(Path(args.load), trust=args.trust)
        humans = humans_of(game)
    elif args.scenario is not None:
        from game.tui.setup import NewGame, random_seed, start

        seed = random_seed() if args.seed is None else args.seed
        game, humans = start(NewGame(args.scenario, args.side or "us",
                                     args.opponent or DEFAULT_PLAYER, seed))
    elif args.side or args.opponent or args.seed is not None:
        raise InputError(["--side, --opponent and --seed need a SCENARIO (e.g. "
                          "`compute-race play baseline-2025 --side china`); without one the "
                          "title screen asks"])

    from game.tui.app import ComputeRaceApp

    app = ComputeRaceApp(game, humans, replay=replayed, facilitated=args.facilitator)
    result = app.run()
    return int(result or 0)
