"""`compute-race serve`: host a networked workshop (game.net)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.commands.common import positive_int, seed_arg, table

DEFAULT_PORT = 8765
DEFAULT_WEB_PORT = 8766


def port_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port (allowed: 0 to 65535; "
                                         "0 picks a free one)")
    return value


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve", help="host a networked workshop: tables, seat codes, a facilitator",
        description="Host N tables of SCENARIO. Each seat (us, china, facilitator) joins "
                    "with its code: `compute-race join URL --code CODE`. Everything is "
                    "kept in --data, so restarting on the same directory resumes every "
                    "table with the same codes.")
    p.add_argument("scenario", metavar="SCENARIO",
                   help="a shipped scenario's name or a .toml path")
    p.add_argument("--tables", type=positive_int, default=1,
                   help="how many tables play the scenario (default 1)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=port_arg, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--data", metavar="DIR", default="compute-race-workshop",
                   help="directory for records, codes and pending orders (default "
                        "./compute-race-workshop)")
    p.add_argument("--seed", type=seed_arg, default=None,
                   help="the tables' seed (default: drawn once and kept in DIR)")
    p.add_argument("--web", action="store_true",
                   help="also serve the game in a browser (textual-serve)")
    p.add_argument("--web-port", type=port_arg, default=DEFAULT_WEB_PORT,
                   help=f"port of the browser page (default {DEFAULT_WEB_PORT})")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run)


def _announcement(url: str, web: str | None, rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"url": url, "web": web, "tables": rows})
    lines = [f"Workshop running at {url}" + (f" (browser: {web})" if web else ""),
             f"Join: compute-race join {url} --code CODE", ""]
    lines.append(table(["table", "us", "china", "facilitator", "record"],
                       [[r["table"], r["seats"]["us"], r["seats"]["china"],
                         r["seats"]["facilitator"], r["record"]] for r in rows], "rlllll"))
    lines.append("\nStop with Ctrl-C or SIGTERM; restart on the same --data to resume.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from game.commands.common import load
    from game.net.hosting import is_loopback, open_workshop, serve_until_stopped

    scenario = load(args.scenario)
    if not is_loopback(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this machine can "
              "try to join; the seat codes are the only protection", file=sys.stderr)
    workshop = open_workshop(scenario, args.scenario, args.tables, args.data, args.seed)
    web_server = None

    async def started(port: int) -> None:
        nonlocal web_server
        shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
        url = f"http://{shown_host}:{port}"
        web_url = None
        if args.web:
            from game.net.web import start_web

            web_server, web_url = await start_web(url, args.host, args.web_port)
        rows = [{"table": t.number, "record": str(t.files.record(t.number)),
                 "seats": workshop.codes[t.number - 1]} for t in workshop.tables]
        print(_announcement(url, web_url, rows, args.format), flush=True)

    async def main() -> None:
        try:
            await serve_until_stopped(workshop, args.host, args.port, started)
        finally:
            if web_server is not None:
                await web_server.stop()

    asyncio.run(main())
    if args.format != "json":
        print(f"Stopped. Every table is saved in {workshop.data}.", file=sys.stderr)
    return 0
