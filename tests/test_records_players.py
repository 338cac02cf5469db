"""Who played each side, quarter by quarter: a turn whose orders someone other than the
record's player gave (a networked seat's bot, the deadline's default bot) names them in
the record (format 3), survives load and save, and older records still read sealed."""

from __future__ import annotations

import json

from game import Game
from game.model.record_file import read_record, read_record_checked
from game.records import verify
from game.report.facts import build_debrief


def test_a_turn_names_who_gave_its_orders_where_not_the_records_player(baseline, tmp_path):
    game = Game.new(baseline, seed=8, us="human", china="human")
    game.submit("us", game.suggested_orders("us"))
    game.submit("china", game.orders_of("china", game.default_bot("china")), by="bot:hawk")
    game.advance()
    game.submit("us", game.suggested_orders("us"), by="script:orders.toml")
    game.submit("china", game.suggested_orders("china"))
    game.advance()
    game.submit("us", game.suggested_orders("us"))
    game.submit("china", game.suggested_orders("china"))
    game.advance()
    path = tmp_path / "game.json"
    game.save(path)
    record = read_record(path)
    assert record.players.model_dump() == {"us": "human", "china": "human"}
    assert [t.players.model_dump() if t.players else None for t in record.turns] == [
        {"us": "human", "china": "bot:hawk"},
        {"us": "script:orders.toml", "china": "human"},
        None]  # the record's players played it: nothing to say
    assert "players" not in json.loads(path.read_text())["turns"][2]
    assert verify(record).ok
    # Loaded and saved again, the turns still name their players.
    again = tmp_path / "again.json"
    Game.load(path).save(again)
    assert read_record(again).turns == record.turns


def test_orders_resubmitted_without_a_player_are_the_sides_own(baseline):
    game = Game.new(baseline, seed=8, us="human", china="bot:balanced")
    game.submit("us", game.suggested_orders("us"), by="bot:balanced")
    game.submit("us", game.suggested_orders("us"))  # the team took over: its own orders
    game.advance()
    assert game.to_record().turns[0].players is None


def test_a_format_2_record_reads_sealed_as_it_was_written(baseline, tmp_path):
    game = Game.new(baseline, seed=2)
    game.play_out(2)
    v2 = game.to_record().model_copy(update={"format_version": 2}).sealed()
    path = tmp_path / "v2.json"
    path.write_text(v2.model_dump_json(indent=1))
    record, tampered = read_record_checked(path)
    assert tampered == "" and record.format_version == 3 and verify(record).ok
    data = json.loads(path.read_text())
    data["seed"] = 3  # changed after it was written: still caught
    path.write_text(json.dumps(data))
    assert "changed after the game wrote it" in read_record_checked(path)[1]



def test_the_debrief_says_who_played_each_side_quarter_by_quarter(baseline):
    game = Game.new(baseline, seed=8, us="human", china="human")
    for by in ("bot:hawk", "bot:hawk", None):
        game.submit("us", game.suggested_orders("us"), by=by)
        game.submit("china", game.suggested_orders("china"), by="bot:balanced")
        game.advance()
    players = build_debrief(game).players
    assert players == {"us": "bot:hawk (2 quarters), human (1 quarter)",
                       "china": "bot:balanced"}
