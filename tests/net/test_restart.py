"""kill -9 in the middle of a quarter, restart on the same directory: every table resumes
with its submitted orders and the same codes, both clients reconnect by themselves, and
the game ends with the digests of an uninterrupted one. Plus the command's own exits."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

from game.model.loader import load_scenario
from game.net.headless import play_seat
from game.records import read_record, verify
from game.session import Game
from tests.net.helpers import STEP_S, play_quarter, seat, serve_process, stop_process, until


async def test_kill_9_mid_quarter_then_restart_resumes_every_table(tmp_path):
    proc, start = serve_process(tmp_path, "--tables", "2")
    url = start["url"]
    codes = start["tables"][0]["seats"]
    port = int(url.rsplit(":", 1)[1])
    try:
        async with seat(url, codes["us"]) as us, seat(url, codes["china"]) as china:
            await play_quarter(us, china)
            await play_quarter(us, china)
            ack = await us.request("suggest", player="bot:balanced")
            await us.request("submit", turn=2, orders=ack.detail["orders"])
            us_orders = ack.detail["orders"]
            proc.send_signal(signal.SIGKILL)  # mid-quarter: US in, China not
            proc.wait(timeout=STEP_S)
            await until(us, lambda: us.closed)

        said: list[str] = []
        players = [asyncio.create_task(play_seat(url, codes[side], "bot:balanced",
                                                 said.append, give_up_s=60))
                   for side in ("us", "china")]
        await asyncio.sleep(1.0)  # both clients are now retrying against a dead port
        proc, again = serve_process(tmp_path, "--tables", "2", port=port)
        assert again == start  # same address, records and codes
        finals = await asyncio.wait_for(asyncio.gather(*players), 120)
        assert all(f.over for f in finals)
        assert any("retrying" in s for s in said) and "reconnected" in said
    finally:
        if proc.poll() is None:
            assert stop_process(proc) == 0

    record = read_record(start["tables"][0]["record"])
    assert record.turns[2].orders.us.model_dump(mode="json") == us_orders
    check = verify(record)
    assert check.ok and check.checked == 24
    reference = Game.new(load_scenario("baseline-2025"), seed=3)
    reference.play_out()
    assert [t.digest for t in record.turns] == reference.digests()
    assert read_record(start["tables"][1]["record"]).turns == []  # table 2 kept, unplayed


def test_sigterm_stops_cleanly_and_keeps_the_tables(tmp_path):
    proc, start = serve_process(tmp_path)
    assert stop_process(proc, signal.SIGTERM) == 0
    assert read_record(start["tables"][0]["record"]).turns == []
    assert oct(os.stat(tmp_path).st_mode & 0o777) == "0o700"
    assert oct(os.stat(tmp_path / "codes.json").st_mode & 0o777) == "0o600"


def test_a_wrong_code_exits_2_with_a_clear_message(tmp_path):
    proc, start = serve_process(tmp_path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "game", "join", start["url"], "--code", "bakodu-mitesa",
             "--player", "bot:balanced"], capture_output=True, text=True, timeout=STEP_S)
    finally:
        stop_process(proc)
    assert done.returncode == 2
    assert "code refused: no seat has that code" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_restart_with_another_table_count_is_refused(tmp_path):
    proc, _ = serve_process(tmp_path)
    stop_process(proc)
    done = subprocess.run(
        [sys.executable, "-m", "game", "serve", "baseline-2025", "--data", str(tmp_path),
         "--tables", "3", "--port", "0"], capture_output=True, text=True, timeout=STEP_S)
    assert done.returncode == 2 and "holds a workshop of 1 table," in done.stderr

