"""Records: save -> load -> continue equals an uninterrupted game; what a record holds;
branching; undo; facilitator actions; atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game import ENGINE_VERSION, Game
from game.model.errors import InputError
from game.model.loader import scenario_hash
from game.model.record import FORMAT, FORMAT_VERSION, Record, content_hash
from game.model.record_file import read_record
from game.records import load_game, replay, save_game, verify

SEEDS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 2**62 + 11)
SPLIT, TOTAL = 3, 6  # save after SPLIT turns, compare up to TOTAL: keeps the suite fast


def played(baseline, seed: int = 7, turns: int = 4, **players: str) -> Game:
    game = Game.new(baseline, seed=seed, **players)
    game.play_out(turns)
    return game


@pytest.mark.parametrize("seed", SEEDS)
def test_save_load_continue_equals_an_uninterrupted_game(baseline, tmp_path, seed):
    straight = played(baseline, seed, TOTAL)

    first = played(baseline, seed, SPLIT)
    path = save_game(first, tmp_path / "save.json")
    resumed = load_game(path)
    assert resumed.digests() == first.digests()
    resumed.play_out(TOTAL - SPLIT)

    assert resumed.digests() == straight.digests()
    assert resumed.figures() == straight.figures()


def test_a_whole_game_round_trips(baseline, tmp_path):
    game = played(baseline, seed=4, turns=None)  # type: ignore[arg-type]
    assert game.over
    loaded = load_game(game.save(tmp_path / "whole.json"))
    assert loaded.over and loaded.digests() == game.digests()
    assert loaded.scores == game.scores and loaded.winner() == game.winner()


def test_the_record_holds_what_the_issue_lists(baseline, tmp_path):
    game = Game.new(baseline, seed=11, us="human", china="bot:balanced")
    game.advance()
    game.advance()
    game.undo()
    game.inject(game.rules.deck.ids[0])
    game.advance()
    record = read_record(game.save(tmp_path / "r.json"))

    assert record.format == FORMAT and record.format_version == FORMAT_VERSION
    assert record.engine_version == ENGINE_VERSION
    assert record.seed == 11
    assert (record.players.us, record.players.china) == ("human", "bot:balanced")
    assert record.undone == 1
    assert record.scenario_hash == scenario_hash(baseline)
    assert record.scenario_model() == baseline
    assert [t.turn for t in record.turns] == [1, 2]
    assert [t.date for t in record.turns] == ["2025Q1", "2025Q2"]
    assert record.turns[1].injects == [game.rules.deck.ids[0]]
    assert record.turns[0].injects == []
    assert record.digest_list() == game.digests()
    for entry, rec in zip(record.turns, game.history, strict=True):
        assert entry.orders.us == rec.orders["us"]
        assert entry.orders.china == rec.orders["china"]
        assert entry.figures.us["compute"] == pytest.approx(game.figures(rec.turn)["us"]["compute"])


def test_content_hash_is_the_loaders_scenario_hash(baseline):
    # The record checks the stored content with content_hash; it must agree with what
    # the loader pins, or every record would be refused.
    assert content_hash(baseline.model_dump(mode="json")) == scenario_hash(baseline)


def test_an_injected_event_changes_the_game_and_replays(baseline, tmp_path):
    plain = played(baseline, seed=3, turns=3)
    game = Game.new(baseline, seed=3)
    game.advance()
    event = game.rules.deck.ids[0]
    game.inject(event)
    game.play_out(2)
    assert game.digests()[1] != plain.digests()[1]  # the inject mattered
    loaded = load_game(game.save(tmp_path / "inject.json"))
    assert loaded.digests() == game.digests()
    assert loaded.history[1].injects == game.history[1].injects


def test_facilitator_actions_and_journal_round_trip(baseline, tmp_path):
    game = Game.new(baseline, seed=5)
    game.override("budget_growth", 0.3, side="china")  # moves next quarter's budget
    game.add_event({"id": "facilitator-blackout", "title": "Grid failure",
                    "effects": [{"kind": "multiply", "state": "power_gw", "side": "us",
                                 "value": 0.9}]})
    game.note("the US team asked about power")
    game.advance()
    game.advance()
    loaded = load_game(game.save(tmp_path / "facilitated.json"))
    assert loaded.digests() == game.digests()
    assert loaded.actions == game.actions
    assert [e.text for e in loaded.journal] == [e.text for e in game.journal]
    assert "facilitator-blackout" in loaded.rules.deck.ids
    assert verify(game.to_record()).ok
    # And the actions matter: without the override the replay does not match.
    record = game.to_record()
    first = record.turns[0]
    kept = [a for a in first.actions if a.kind != "override"]
    assert len(kept) == len(first.actions) - 1
    bare = record.model_copy(update={"turns": [first.model_copy(update={"actions": kept}),
                                               *record.turns[1:]]})
    assert verify(bare).mismatch is not None and verify(bare).mismatch.turn == 1


def test_pending_orders_and_injects_survive_a_save(baseline, tmp_path):
    game = played(baseline, seed=9, turns=2)
    orders = game.suggested_orders("us").model_copy(update={"training_share": 0.61})
    game.submit("us", orders)
    game.inject(game.rules.deck.ids[1])
    loaded = load_game(game.save(tmp_path / "pending.json"))
    assert loaded.pending == {"us": orders}
    assert loaded.pending_injects == game.pending_injects
    loaded.advance()
    game.advance()
    assert loaded.digests() == game.digests()


def test_undo_is_counted_and_the_undone_turn_is_gone(baseline, tmp_path):
    game = played(baseline, seed=2, turns=3)
    game.undo()
    game.undo()
    record = game.to_record()
    assert record.undone == 2 and len(record.turns) == 1
    assert load_game(game.save(tmp_path / "u.json")).undone == 2


@pytest.mark.parametrize("k", [0, 1, 3])
def test_branching_reproduces_the_turns_before_it(baseline, tmp_path, k):
    parent = played(baseline, seed=6, turns=5)
    child = parent.branch(k, us="human")
    assert child.digests() == parent.digests()[:k]
    assert child.turn == k and child.players["us"].kind == "human"
    assert child.game_id != parent.game_id
    child.submit("us", child.suggested_orders("us").model_copy(
        update={"training_share": 0.9}))
    child.advance()
    assert child.digests()[:k] == parent.digests()[:k]
    assert child.digests()[k] != parent.digests()[k]  # it really plays differently

    record = read_record(child.save(tmp_path / "branch.json"))
    assert record.parent is not None
    assert record.parent.game == parent.game_id and record.parent.turn == k
    assert record.parent.digest == (parent.digests()[k - 1] if k else "")
    assert verify(record).ok
    assert len(parent.history) == 5  # the parent is untouched


def test_branch_refuses_a_turn_not_played(baseline):
    game = played(baseline, turns=2)
    with pytest.raises(ValueError, match="allowed: 0 to 2"):
        game.branch(3)


def test_replay_until_stops_early(baseline):
    record = played(baseline, seed=1, turns=4).to_record()
    assert replay(record, until=2).digests() == record.digest_list()[:2]


def test_the_record_file_is_plain_versioned_json(baseline, tmp_path):
    path = played(baseline, turns=1).save(tmp_path / "plain.json")
    data = json.loads(path.read_text())
    assert list(data)[:2] == ["format", "format_version"]  # sniffable from the head
    assert Record.model_validate(data).turns[0].digest == data["turns"][0]["digest"]


# --- atomic writing -------------------------------------------------------------------


def test_a_save_killed_before_the_rename_leaves_the_previous_save(baseline, tmp_path,
                                                                   monkeypatch):
    game = played(baseline, seed=1, turns=2)
    path = game.save(tmp_path / "game.json")
    before = path.read_bytes()
    game.advance()

    def killed(src: object, dst: object) -> None:
        raise KeyboardInterrupt("killed between write and rename")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        game.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temp file left
    assert len(load_game(path).history) == 2


def test_a_save_never_overwrites_a_file_that_is_not_a_record(baseline, tmp_path):
    precious = tmp_path / "notes.json"
    precious.write_text('{"my": "notes"}')
    with pytest.raises(InputError, match="not a record the game wrote; refusing"):
        save_game(played(baseline, turns=1), precious)
    assert precious.read_text() == '{"my": "notes"}'


@pytest.mark.parametrize("where", ["missing-dir/game.json", "."])
def test_a_save_to_an_impossible_place_is_refused(baseline, tmp_path, where):
    with pytest.raises(InputError) as err:
        save_game(played(baseline, turns=1), tmp_path / where)
    assert str(tmp_path) in err.value.problems[0]


def test_a_save_overwrites_an_older_save(baseline, tmp_path):
    path = tmp_path / "g.json"
    played(baseline, turns=1).save(path)
    played(baseline, turns=2).save(path)
    assert len(read_record(path).turns) == 2
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["g.json"]


def test_records_never_import_the_ui():
    import subprocess
    import sys

    code = ("import sys, game.records, game.model.record_file\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)
