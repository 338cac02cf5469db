"""Malformed, oversized, out-of-order and unauthorised messages are refused with an error
and change nothing: not the game, not a byte of the table's files."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import aiohttp
import pytest

from game.net.client import RequestRefused, WrongCode, connect, ws_url
from game.net.codes import MAX_FAILURES
from game.net.protocol import MAX_MESSAGE_BYTES, PROTOCOL_VERSION, parse_server
from tests.net.helpers import STEP_S, seat, served, until


def snapshot(srv) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(srv.workshop.data.iterdir())}


@pytest.mark.parametrize("request_", [
    {"type": "pause"},
    {"type": "pause", "paused": False},
    {"type": "deadline", "seconds": 1},
    {"type": "inject", "event": "strait-incident"},
    {"type": "inject", "event": "strait-incident", "all_tables": True},
    {"type": "debrief"},
])
async def test_a_team_code_cannot_take_a_facilitator_action(tmp_path, request_):
    async with served(tmp_path, tables=2) as srv, seat(srv.url, srv.code(1, "us")) as us:
        await us.request("submit", turn=0, orders={})  # something on disk to keep
        before = snapshot(srv)
        kind = request_.pop("type")
        with pytest.raises(RequestRefused) as refused:
            await us.request(kind, **request_)
        assert refused.value.error.reason == "unauthorised"
        assert "facilitator" in refused.value.error.message
        assert snapshot(srv) == before
        assert not srv.workshop.tables[0].paused and srv.workshop.tables[0].deadline is None
        assert srv.workshop.tables[0].game.pending_injects == []


async def test_the_facilitator_gives_no_orders(tmp_path):
    async with served(tmp_path) as srv, seat(srv.url, srv.code(1, "facilitator")) as fac:
        with pytest.raises(RequestRefused, match="unauthorised"):
            await fac.request("submit", turn=0, orders={})
        assert srv.workshop.tables[0].game.pending == {}


BAD = [
    ("not json at all", "malformed"),
    ('{"type": "launch", "id": 1}', "malformed"),
    ('{"type": "submit", "id": 2, "turn": 0}', "malformed"),
    ('{"type": "submit", "id": 3, "turn": "zero", "orders": {}}', "malformed"),
    ('{"type": "submit", "id": 4, "turn": 0, "orders": {}, "extra": 1}', "malformed"),
    ('[1, 2, 3]', "malformed"),
    ('{"type": "submit", "id": 5, "turn": 1, "orders": {}}', "out-of-order"),
    ('{"type": "submit", "id": 6, "turn": 0, "orders": {"allocation": {"chips": 2}}}',
     "refused"),
    ('{"type": "submit", "id": 7, "turn": 0, "orders": {"policies": {"smuggling": 3}}}',
     "refused"),
    ('{"type": "hello", "protocol": 1, "code": "x"}', "protocol"),
    ('{"type": "suggest", "id": 8, "player": "bot:nobody"}', "refused"),
    ('{"type": "history", "id": 10, "since": -1}', "malformed"),
    ('{"type": "advise", "id": 11, "orders": {}, "futures": 100000}', "malformed"),
    ('{"type": "advise", "id": 12, "orders": {"allocation": {"chips": 2}}}', "refused"),
    (json.dumps({"type": "submit", "id": 9, "turn": 0,
                 "orders": {"note": "x" * MAX_MESSAGE_BYTES}}), "oversized"),
]


async def test_bad_messages_are_refused_and_change_nothing(tmp_path):
    async with served(tmp_path) as srv, seat(srv.url, srv.code(1, "us")) as us:
        await us.request("submit", turn=0, orders={})
        before = snapshot(srv)
        pending = dict(srv.workshop.tables[0].game.pending)
        errors = []
        us.on_message = lambda m: errors.append(m) if m.type == "error" else None
        for text, _ in BAD:
            await us.ws.send_str(text)
        await us.ws.send_bytes(b"\x00\x01")
        async def all_answered():
            while len(errors) < len(BAD) + 1:
                await us.wait_change()
        await asyncio.wait_for(all_answered(), STEP_S)
        assert [e.reason for e in errors] == [reason for _, reason in BAD] + ["malformed"]
        assert errors[6].id == 5 and "playing turn 0" in errors[6].message
        assert "allowed" in errors[1].message or "message types" in errors[1].message
        assert snapshot(srv) == before and srv.workshop.tables[0].game.pending == pending
        # The connection survived every refusal.
        ack = await us.request("suggest")
        assert "allocation" in ack.detail["orders"]


async def test_a_frame_over_the_socket_limit_closes_the_connection_only(tmp_path):
    async with served(tmp_path) as srv:
        async with seat(srv.url, srv.code(1, "us")) as us:
            await us.ws.send_str("x" * (2 * 1024 * 1024))
            await until(us, lambda: us.closed)
            assert us.ws.close_code == 1009  # message too big
        async with seat(srv.url, srv.code(1, "us")) as again:
            assert again.table.turn == 0


async def test_wrong_codes_are_refused_then_rate_limited(tmp_path):
    async with served(tmp_path) as srv:
        for _ in range(MAX_FAILURES):
            with pytest.raises(WrongCode, match="no seat has that code"):
                async with connect(srv.url, "bakodu-mitesa"):
                    pass
        with pytest.raises(WrongCode, match="too many wrong codes"):
            async with connect(srv.url, srv.code(1, "us")):
                pass


async def test_codes_read_aloud_are_accepted_in_any_case_and_spacing(tmp_path):
    async with served(tmp_path) as srv:
        code = srv.code(1, "china")
        typed = code.upper().replace("-", " ")
        async with seat(srv.url, typed) as china:
            assert china.welcome.seat == "china"


async def test_another_protocol_version_is_refused_by_name(tmp_path):
    async with served(tmp_path) as srv, aiohttp.ClientSession() as session, \
            session.ws_connect(ws_url(srv.url)) as ws:
        await ws.send_json({"type": "hello", "protocol": PROTOCOL_VERSION + 1,
                            "code": srv.code(1, "us")})
        reply = parse_server((await ws.receive(timeout=STEP_S)).data)
        assert reply.type == "error" and reply.reason == "protocol"
        assert f"protocol {PROTOCOL_VERSION}" in reply.message


@pytest.mark.parametrize(("url", "words"), [
    ("notaurl", "'notaurl' is not a server address"),
    ("http://127.0.0.1:1", "cannot reach 127.0.0.1:1 (connection refused)"),
])
def test_join_at_a_wrong_address_says_what_is_wrong_and_exits_2(url, words):
    done = subprocess.run([sys.executable, "-m", "game", "join", url, "--code", "X"],
                          capture_output=True, text=True, timeout=STEP_S * 2)
    assert done.returncode == 2 and words in done.stderr
    assert "ssl:default" not in done.stderr and "Traceback" not in done.stderr
