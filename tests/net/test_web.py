"""`serve --web`: the browser page that runs the seat's screens, served on loopback."""

from __future__ import annotations

import shlex
import sys

import aiohttp

from game.net.web import join_command
from tests.net.helpers import serve_process, stop_process


async def test_the_browser_page_is_served_on_loopback(tmp_path):
    proc, start = serve_process(tmp_path, "--web", "--web-port", "0")
    try:
        assert start["web"].startswith("http://127.0.0.1:") and start["web"] != start["url"]
        async with aiohttp.ClientSession() as session:
            async with session.get(start["web"] + "/") as page:
                html = await page.text()
                assert page.status == 200
            async with session.get(start["web"] + "/static/js/textual.js") as script:
                assert script.status == 200
        ws = start["web"].replace("http://", "ws://") + "/ws"
        assert ws in html and "Compute Race" in html
    finally:
        assert stop_process(proc) == 0


def test_each_browser_tab_runs_join_without_a_code():
    argv = shlex.split(join_command("http://127.0.0.1:8765"))
    assert argv == [sys.executable, "-m", "game", "join", "http://127.0.0.1:8765"]
