"""Records are tamper-evident, and records that fail verification are refused by
`report` and `play --load` unless the user passes --trust, which warns (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands.replay import EXIT_MISMATCH
from game.model.errors import InputError
from game.model.record import Record
from game.records import load_game


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("trust") / "game.json"
    assert main(["run", "tutorial", "--turns", "4", "--format", "json", "--record",
                 str(path)]) == 0
    return path


def _edited(record: Path, where: Path, reseal: bool) -> Path:
    """A copy whose US orders of turn 2 move 10% of the budget from chips to research;
    `reseal` recomputes record_hash (an editor who knows the format)."""
    data = json.loads(record.read_text())
    alloc = data["turns"][1]["orders"]["us"]["allocation"]
    alloc["chips"] = round(alloc["chips"] - 0.1, 6)
    alloc["research"] = round(alloc["research"] + 0.1, 6)
    text = Record.model_validate(data).sealed().model_dump_json() if reseal \
        else json.dumps(data)
    where.write_text(text)
    return where


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_a_record_changed_after_writing_is_refused_unless_trusted(record, tmp_path, capsys,
                                                                   monkeypatch):
    edited = _edited(record, tmp_path / "edited.json", reseal=False)
    before = edited.read_bytes()
    out = tmp_path / "d.html"
    code, err = _run(capsys, ["report", str(edited), "-o", str(out)])
    assert code == 2 and str(edited) in err and "changed after the game wrote it" in err
    assert "--trust" in err and not out.exists()
    with pytest.raises(InputError, match="changed after the game wrote it"):
        load_game(edited)  # what `play --load` and the UI's Load game call
    from game.tui import terminal

    monkeypatch.setattr(terminal, "has_terminal", lambda: True)  # refused before any screen
    code, err = _run(capsys, ["play", "--load", str(edited)])
    assert code == 2 and "changed after the game wrote it" in err
    code, err = _run(capsys, ["report", str(edited), "-o", str(out), "--trust"])
    assert code == 0 and out.exists()
    assert f"{edited}: warning: used because of --trust" in err
    assert edited.read_bytes() == before


def test_a_resealed_record_that_fails_verification_is_refused(record, tmp_path, capsys):
    edited = _edited(record, tmp_path / "resealed.json", reseal=True)
    code, err = _run(capsys, ["report", str(edited), "-o", str(tmp_path / "d.md")])
    assert code == 2 and str(edited) in err and "fails verification" in err
    assert "turn 2 (2025Q2) differs from the record" in err
    warnings: list[str] = []
    game = load_game(edited, trust=True, warn=warnings.append)
    assert game.turn == 4 and len(warnings) == 1 and "fails verification" in warnings[0]


def test_replay_verify_flags_an_edit_that_moves_no_digest(record, tmp_path, capsys):
    data = json.loads(record.read_text())
    data["players"]["us"] = "bot:hawk"  # who played: not in any digest
    edited = tmp_path / "players.json"
    edited.write_text(json.dumps(data))
    code, err = _run(capsys, ["replay", str(edited), "--verify"])
    assert code == EXIT_MISMATCH and "changed after the game wrote it" in err


def test_removing_the_hash_does_not_hide_an_edit(record, tmp_path, capsys):
    data = json.loads(record.read_text())
    data.pop("record_hash")
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(data))
    code, err = _run(capsys, ["report", str(bare), "-o", str(tmp_path / "d.html")])
    assert code == 2 and "record_hash is missing" in err


def test_an_untouched_record_loads_without_a_word(record, tmp_path, capsys):
    code, err = _run(capsys, ["report", str(record), "-o", str(tmp_path / "d.html")])
    assert code == 0 and "warning" not in err
