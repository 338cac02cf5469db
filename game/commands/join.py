"""`compute-race join`: take a seat at a workshop table (game.net)."""

from __future__ import annotations

import argparse
import sys

from game.commands.common import player_arg


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "join", help="take a seat at a networked workshop (see `serve`)",
        description="Join a workshop table with a seat's code. Without --player: the game's "
                    "screens for that seat. With --player: play the seat headless to the "
                    "game's end (a bot or an orders file).")
    p.add_argument("url", metavar="URL", help="the address `serve` printed, e.g. "
                                              "http://127.0.0.1:8765")
    p.add_argument("--code", default=None,
                   help="the seat's code, e.g. bakodu-mitesa (the screens ask for it when "
                        "it is left out; --player needs it)")
    p.add_argument("--player", type=player_arg, default=None, metavar="PLAYER",
                   help="play headless: bot:NAME[:LEVEL] or script:FILE")
    p.set_defaults(handler=run)


def _say(text: str) -> None:
    print(f"join: {text}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from game.model.errors import InputError
    from game.net.client import WrongCode, ws_url

    try:
        ws_url(args.url)
    except ValueError as exc:
        raise InputError([f"URL: {exc}"]) from None
    if args.player is not None and args.code is None:
        raise InputError(["--code: --player plays a seat, so it needs the seat's code"])
    try:
        if args.player is None:
            from game.tui.remote import run_remote_ui

            return int(run_remote_ui(args.url, args.code))
        from game.net.headless import play_seat

        final = asyncio.run(play_seat(args.url, args.code, args.player, _say))
    except WrongCode as exc:
        raise InputError([f"{args.url}: code refused: {exc}"]) from None
    except ConnectionError as exc:
        raise InputError([f"{args.url}: {exc}"]) from None
    scores = final.view["scores"] if final.view else {}
    print(f"game over at table {final.table}: "
          + ", ".join(f"{side} {score:.1f}" for side, score in scores.items()))
    return 0
