"""Autosaves: one slot per game in the per-user data directory, the newest N kept, and
the unfinished ones offered for resuming."""

from __future__ import annotations

import os

import pytest

from game import Game
from game.records import autosave, autosave_dir, latest_autosaves, load_game
from game.records.autosave import DATA_DIR_ENV, data_dir


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def _touch_older(path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def test_one_slot_per_game_rewritten_every_turn(baseline, data_home):
    game = Game.new(baseline, seed=1)
    game.advance()
    first = autosave(game)
    game.advance()
    assert autosave(game) == first
    assert first.parent == data_home / "autosaves"
    assert [p.name for p in autosave_dir().iterdir()] == [first.name]
    assert load_game(first).digests() == game.digests()


def test_a_loaded_game_keeps_its_slot(baseline):
    game = Game.new(baseline, seed=2)
    game.advance()
    path = autosave(game)
    resumed = load_game(path)
    resumed.advance()
    assert autosave(resumed) == path
    assert len(list(autosave_dir().glob("*.json"))) == 1


def test_only_the_newest_games_are_kept(baseline):
    paths = []
    for seed in range(4):
        game = Game.new(baseline, seed=seed)
        game.advance()
        paths.append(autosave(game, keep=3))
        # Saved in order, one "minute" apart, whatever the clock's resolution.
        _touch_older(paths[-1], 1000 - 60 * seed)
    kept = sorted(p.name for p in autosave_dir().glob("*.json"))
    assert kept == sorted(p.name for p in paths[1:])


def test_latest_lists_newest_first_and_filters_finished(baseline):
    done = Game.new(baseline, seed=3)
    done.play_out()
    finished = autosave(done)
    _touch_older(finished, 50)
    live = Game.new(baseline, seed=4)
    live.play_out(2)
    unfinished = autosave(live)

    listed = latest_autosaves()
    assert [i.path for i in listed] == [unfinished, finished]
    assert [i.path for i in latest_autosaves(unfinished=True)] == [unfinished]
    info = listed[0]
    assert (info.seed, info.turns_played, info.last_date, info.over) == (4, 2, "2025Q2", False)
    assert info.turns_total == baseline.clock.turns
    assert "seed 4" in info.summary and "2025Q2" in info.summary


def test_broken_autosaves_are_skipped_not_deleted(baseline):
    game = Game.new(baseline, seed=6)
    game.advance()
    autosave(game)
    junk = autosave_dir() / "junk.json"
    junk.write_text("{ not json")
    assert [i.game_id for i in latest_autosaves()] == [game.game_id]
    assert junk.exists()


def test_the_platform_directory_is_used_without_the_override(monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "compute-race" in str(data_dir())
