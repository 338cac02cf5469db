"""A save keeps each resolved turn's serialized piece and joins them (game/model/
record_text.py): the file it writes must be the same record, sealed the same way, as the
plain `record_text(game.to_record())`, through undo, branching, injects, overrides,
custom cards and pending orders."""

from __future__ import annotations

import json
from pathlib import Path

from game import Game
from game.model.record_file import read_record, record_text
from game.records import verify


def _same_record(game: Game, path: Path) -> None:
    game.save(path, force=True)
    written = path.read_text(encoding="utf-8")
    plain = record_text(game.to_record())
    assert json.loads(written) == json.loads(plain)
    # The seal is over the content: reading checks it (a mismatch raises).
    assert read_record(path) == read_record_text(plain, path.with_suffix(".plain.json"))
    assert list(json.loads(written))[:2] == ["format", "format_version"]


def read_record_text(text: str, path: Path):
    path.write_text(text, encoding="utf-8")
    return read_record(path)


def test_saves_equal_the_full_record_as_the_game_changes(baseline, tmp_path):
    game = Game.new(baseline, seed=11, us="human", china="bot:balanced")
    path = tmp_path / "game.json"
    _same_record(game, path)  # the opening: no turns
    game.play_out(3)
    _same_record(game, path)
    game.submit("us", game.suggested_orders("us"))
    game.inject(game.rules.deck.ids[0])
    game.note("pending orders and an inject")
    _same_record(game, path)
    game.advance()
    game.override("chip_cost", 1.5)
    _same_record(game, path)
    game.advance()
    game.undo()
    game.undo()  # two turns dropped: their pieces must go with them
    _same_record(game, path)
    game.play_out(2)  # other turns at the same positions
    _same_record(game, path)
    assert verify(read_record(path)).ok
    child = game.branch(2, us="bot:hawk")
    child.play_out(1)
    _same_record(child, tmp_path / "child.json")


def test_a_game_over_record_verifies(baseline, tmp_path):
    game = Game.new(baseline, seed=3)
    path = tmp_path / "game.json"
    while not game.over:
        game.advance()
        game.save(path, force=True)
    record = read_record(path)
    assert record.over and len(record.turns) == game.turn
    assert verify(record).ok
    assert record.record_hash == game.to_record().sealed().record_hash
