"""The server's tables defer their writes to `Table.flush`, which it runs in a thread
before acknowledging (game/net/server.py): nothing is on disk before the flush, all of it
after, in order; a write that fails stays deferred and the next flush makes it."""

from __future__ import annotations

import pytest

from game.model.errors import InputError
from game.net.store import DataDir
from game.net.table import Table
from game.records import read_record, verify


def _table(baseline, tmp_path) -> Table:
    files = DataDir(tmp_path)
    files.prepare()
    table = Table.open(1, files, baseline, 4)
    table.deferred = {}
    return table


def test_writes_wait_for_flush_then_land_in_order(baseline, tmp_path):
    table = _table(baseline, tmp_path)
    us = table.suggest("us", "bot:balanced")
    table.submit("us", 0, us.model_dump(mode="json"))
    assert table.files.read_pending(1) is None  # deferred: not yet on disk
    table.flush()
    pending = table.files.read_pending(1)
    assert pending is not None and pending.orders["us"] == us.model_dump(mode="json")
    table.submit("china", 0, table.suggest("china", "bot:balanced").model_dump(mode="json"))
    assert read_record(table.files.record(1)).turns == []
    table.flush()
    record = read_record(table.files.record(1))
    assert len(record.turns) == 1 and record.turns[0].orders.us == us
    assert verify(record).ok and not table.deferred


def test_a_failed_write_stays_deferred_and_the_next_flush_makes_it(baseline, tmp_path,
                                                                    monkeypatch):
    table = _table(baseline, tmp_path)
    table.submit("us", 0, table.suggest("us", "bot:balanced").model_dump(mode="json"))
    real = DataDir.write

    def full_disk(self, path, model):
        raise InputError([f"{path}: cannot write: no space left on device"])

    monkeypatch.setattr(DataDir, "write", full_disk)
    with pytest.raises(InputError, match="no space"):
        table.flush()
    assert table.files.read_pending(1) is None and table.deferred
    monkeypatch.setattr(DataDir, "write", real)
    table.flush()
    assert table.files.read_pending(1) is not None and not table.deferred
