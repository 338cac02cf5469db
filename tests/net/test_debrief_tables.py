"""The facilitator's debrief of a ten-table workshop compares all ten tables."""

from __future__ import annotations

from pathlib import Path

from tests.net.helpers import seat, served


async def test_a_ten_table_workshop_gets_one_comparison_of_all_ten(tmp_path):
    async with served(tmp_path, tables=10) as srv, \
            seat(srv.url, srv.code(4, "facilitator")) as fac:
        for table in srv.workshop.tables:  # two quarters at every table, in this process
            table.game.play_out(2)
        ack = await fac.request("debrief", format="md")
    assert ack.detail["tables"] == list(range(1, 11))
    text = ack.detail["text"]
    assert text.startswith("<!-- generator") and "# Comparison of 10 games" in text
    assert "### US bloc at the end" in text
    for k in range(1, 11):
        assert f"| table {k} |" in text
    assert Path(ack.detail["path"]).read_text(encoding="utf-8") == text
