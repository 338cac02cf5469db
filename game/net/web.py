"""`serve --web`: the seats' screens in a browser, through textual-serve.

textual-serve runs `compute-race join URL` once per browser tab and relays the terminal;
the screens then ask for the seat's code, so a participant needs only the page's address.
It runs in the workshop server's own event loop, on its own port. Nothing here imports
Textual: textual-serve starts the UI in a child process.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from game.model.errors import InputError


@dataclass
class WebSeats:
    runner: web.AppRunner

    async def stop(self) -> None:
        await self.runner.cleanup()


def join_command(game_url: str) -> str:
    """The command each browser tab runs: this Python, this game, no code (asked on screen)."""
    return " ".join(shlex.quote(part) for part in
                    (sys.executable, "-m", "game", "join", game_url))


async def start_web(game_url: str, host: str, port: int) -> tuple[WebSeats, str]:
    """Serve the join screens on host:port; returns the handle and the page's address."""
    from textual_serve.server import Server

    class QuietServer(Server):
        # The stock start-up banner goes to stdout, where `serve --format json` promises
        # one JSON line and nothing else.
        async def on_startup(self, app: web.Application) -> None:
            return None

    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    server: Any = QuietServer(join_command(game_url), host=shown, port=port,
                              title="Compute Race", public_url=f"http://{shown}:{port}")
    runner = web.AppRunner(await server._make_app(), handle_signals=False,
                           shutdown_timeout=2.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise InputError([f"--web-port: cannot listen on {host}:{port}: "
                          f"{exc.strerror or exc}"]) from None
    bound = int(runner.addresses[0][1]) if runner.addresses else port  # --web-port 0
    server.public_url = f"http://{shown}:{bound}"  # read per request by the page template
    return WebSeats(runner), server.public_url
