"""Broken record files are refused (exit 2 from the CLI, InputError from the API) with a
message naming the file and the problem, and the file is left exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game import Game
from game.cli import main
from game.model import record as record_model
from game.model.errors import MAX_FILE_BYTES, InputError
from game.model.record_file import read_record, record_text
from game.records import load_game


@pytest.fixture(scope="module")
def good_text(baseline) -> str:
    game = Game.new(baseline, seed=5)
    game.play_out(3)
    return record_text(game.to_record())


def _edit(change: Callable[[dict], object]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, indent=1)
    return apply


def _set(key: str, value: object) -> Callable[[dict], object]:
    return lambda d: d.__setitem__(key, value)


BROKEN: dict[str, tuple[Callable[[str], str], str]] = {
    # kind: (how the good record is broken, what the message must say)
    "truncated": (lambda t: t[: len(t) // 2], "truncated"),
    "malformed": (lambda t: t.replace('"seed"', "seed", 1), "malformed JSON"),
    "a JSON list": (lambda t: "[1, 2, 3]", "not a Compute Race record"),
    "another document": (lambda t: json.dumps({"name": "baseline-2025", "title": "x"}),
                         "not a Compute Race record"),
    "newer format": (_edit(_set("format_version", record_model.FORMAT_VERSION + 1)),
                     "newer than this build reads"),
    "scenario edited": (_edit(lambda d: d["scenario"].__setitem__("title", "Edited")),
                        "no longer matches scenario_hash"),
    "scenario parameter edited": (
        _edit(lambda d: d["scenario"]["params"].__setitem__("chip_cost", {"value": 1.0})),
        "no longer matches scenario_hash"),
    "oversized": (lambda t: t + " " * (MAX_FILE_BYTES + 1), "limit"),
    "empty": (lambda t: "", "empty"),
    "binary": (lambda t: "\x00\x01\x02" + t, "binary"),
    "bad orders": (_edit(lambda d: d["turns"][1]["orders"]["us"]["allocation"].__setitem__(
        "chips", "lots")), "turns[1].orders.us.allocation.chips"),
    "turns out of order": (_edit(lambda d: d["turns"][2].__setitem__("turn", 7)),
                           "turns[2].turn"),
    "unknown inject": (_edit(lambda d: d["turns"][0].__setitem__("injects", ["no-such"])),
                       "turns[0].injects[0]: no event 'no-such'"),
    "NaN": (lambda t: t.replace('"tension": ', '"tension": NaN, "x": ', 1), "NaN"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_record_is_refused_and_left_untouched(tmp_path, capsys, good_text, kind):
    breaker, expected = BROKEN[kind]
    path = tmp_path / "broken.json"
    path.write_bytes(breaker(good_text).encode("utf-8", "surrogatepass"))
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns

    for argv in (["replay", str(path)], ["replay", str(path), "--verify"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert str(path) in err and expected in err, err
        assert "Traceback" not in err
    with pytest.raises(InputError):
        load_game(path)

    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["broken.json"]


def test_a_missing_record_is_named(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nowhere.json")]) == 2
    assert "nowhere.json: no such record file" in capsys.readouterr().err


def test_the_good_record_is_accepted(tmp_path, good_text):
    path = tmp_path / "good.json"
    path.write_text(good_text)
    assert len(read_record(path).turns) == 3


def test_an_older_format_is_migrated(tmp_path, good_text, monkeypatch):
    """A version-0 document (here: one that called the seed `game_seed`) is brought up to
    the current format through the migration chain, then validated as usual."""
    def rename_seed(data: dict) -> dict:
        data["seed"] = data.pop("game_seed")
        return data

    monkeypatch.setattr(record_model, "FORMAT_VERSION", 1)
    monkeypatch.setitem(record_model.MIGRATIONS, 0, rename_seed)
    data = json.loads(good_text)
    data["format_version"] = 0
    data["game_seed"] = data.pop("seed")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    record = read_record(path)
    assert record.seed == 5 and record.format_version == 1
    assert json.loads(path.read_text())["format_version"] == 0  # the file is not rewritten


def test_a_format_too_old_to_migrate_is_refused(tmp_path, good_text):
    data = json.loads(good_text)
    data["format_version"] = 0
    path = tmp_path / "ancient.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="older than this build can migrate"):
        read_record(path)


def test_a_tampered_digest_field_is_refused_by_its_shape(tmp_path, good_text):
    data = json.loads(good_text)
    data["turns"][0]["digest"] = "not-a-digest"
    path = tmp_path / "digest.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"turns\[0\]\.digest"):
        read_record(Path(path))


def test_a_record_cut_anywhere_is_called_truncated(tmp_path, good_text):
    """A crash or a full disk can cut a file at any byte: every cut must be refused as
    truncated, not accepted and not blamed on a stray character."""
    path = tmp_path / "cut.json"
    for cut in range(1, len(good_text) - 1, 53):
        path.write_text(good_text[:cut])
        with pytest.raises(InputError, match="truncated") as err:
            read_record(path)
        assert err.value.problems[0].startswith(f"{path}:")
