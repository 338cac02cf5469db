"""Starting and stopping a workshop: open (or resume) the tables in a data directory, bind
the address, serve until SIGTERM or Ctrl-C, close every connection cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from game.model.errors import InputError
from game.model.loader import scenario_hash
from game.model.scenario import Scenario
from game.net.server import Workshop
from game.net.store import DataDir, WorkshopFile
from game.net.table import Table

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK


def open_workshop(scenario: Scenario, label: str, tables: int, data: str | Path,
                  seed: int | None) -> Workshop:
    """The workshop in `data`: resumed as its files left it, or new. A new workshop with
    no seed draws one; every table plays the same seed, so the comparison debrief shows
    the teams' decisions, not chance."""
    if not 1 <= tables <= 100:
        raise InputError([f"--tables: {tables} is not allowed (1 to 100 tables)"])
    files = DataDir(data)
    files.prepare()
    stored = files.workshop(WorkshopFile(
        scenario_hash=scenario_hash(scenario), scenario=label, tables=tables,
        seed=secrets.randbelow(2**31) if seed is None else seed))
    if seed is not None and seed != stored.seed:
        raise InputError([f"{files.root}: holds a workshop with seed {stored.seed}, not "
                          f"{seed}; leave --seed out to resume it, or give a new --data"])
    codes = files.codes(tables)
    opened = [Table.open(n, files, scenario, stored.seed) for n in range(1, tables + 1)]
    return Workshop(opened, codes, files.root, scenario.name, scenario.title)


@dataclass
class Running:
    runner: web.AppRunner
    port: int

    async def stop(self) -> None:
        await self.runner.cleanup()


async def start(workshop: Workshop, host: str, port: int) -> Running:
    """Serve `workshop` on host:port (port 0: any free one); returns once bound."""
    runner = web.AppRunner(workshop.app(), handle_signals=False, shutdown_timeout=2.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise InputError([f"--host/--port: cannot listen on {host}:{port}: "
                          f"{exc.strerror or exc}"]) from None
    bound = int(runner.addresses[0][1]) if runner.addresses else port  # port 0: the one got
    return Running(runner, bound)


async def serve_until_stopped(workshop: Workshop, host: str, port: int,
                              started: Callable[[int], Awaitable[None] | None]) -> None:
    """Serve until SIGTERM or SIGINT, then close connections and return (the tables are
    already on disk: every change is written before it is acknowledged)."""
    running = await start(workshop, host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        result = started(running.port)
        if result is not None:
            await result
        await stop.wait()
    finally:
        await running.stop()
