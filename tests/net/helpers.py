"""A real workshop server on loopback for the server tests: in this process (most tests)
or as a `compute-race serve` subprocess (kill -9, exit codes)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.model.loader import load_scenario
from game.net.client import SeatClient, connect
from game.net.hosting import open_workshop, start
from game.net.server import Workshop

STEP_S = 60.0  # no single wait in these tests may take longer (bounded, yet patient on a busy machine)


@dataclass
class Served:
    workshop: Workshop
    url: str

    def code(self, table: int, seat: str) -> str:
        return self.workshop.codes[table - 1][seat]


@asynccontextmanager
async def served(data: Path, tables: int = 1, scenario: str = "baseline-2025",
                 seed: int = 3) -> AsyncIterator[Served]:
    workshop = open_workshop(load_scenario(scenario), scenario, tables, data, seed)
    running = await start(workshop, "127.0.0.1", 0)
    try:
        yield Served(workshop, f"http://127.0.0.1:{running.port}")
    finally:
        await running.stop()


@asynccontextmanager
async def seat(url: str, code: str) -> AsyncIterator[SeatClient]:
    async with connect(url, code) as client:
        await until(client, lambda: client.table is not None)
        yield client


async def until(client: SeatClient, ready: Any) -> None:
    """Wait (bounded) until `ready()` holds for what the client has been sent."""
    async def wait() -> None:
        while not ready():
            await client.wait_change()
    await asyncio.wait_for(wait(), STEP_S)


async def play_quarter(us: SeatClient, china: SeatClient) -> None:
    """Both seats submit their balanced bot's orders; wait until both see the next turn."""
    turn = us.table.turn
    for client in (us, china):
        ack = await client.request("suggest", player="bot:balanced")
        await client.request("submit", turn=turn, orders=ack.detail["orders"])
    for client in (us, china):
        await until(client, lambda c=client: c.table.turn == turn + 1)


def serve_process(data: Path, *extra: str, port: int = 0) -> tuple[subprocess.Popen[str],
                                                                      dict[str, Any]]:
    """`compute-race serve` in a subprocess; its JSON start line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "baseline-2025", "--data", str(data),
         "--port", str(port), "--seed", "3", "--format", "json", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise AssertionError(f"serve did not start: {proc.stderr.read() if proc.stderr else ''}")
    return proc, json.loads(line)


def stop_process(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout=STEP_S)
