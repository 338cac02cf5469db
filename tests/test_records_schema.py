"""The committed record schema is current, and a real record validates against it."""

from __future__ import annotations

import json
from pathlib import Path

from game import Game
from game.model.schemas import schema_text

COMMITTED = Path(__file__).resolve().parent.parent / "schemas" / "record.schema.json"


def test_the_committed_record_schema_is_current():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text("record"), (
        "the Record model changed: run `compute-race schema record > "
        "schemas/record.schema.json` and review the diff")


def test_the_schema_names_every_top_level_field(baseline):
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    game = Game.new(baseline, seed=1)
    game.advance()
    written = json.loads(game.to_record().model_dump_json())
    assert set(written) == set(schema["properties"])
    assert set(schema["required"]) >= {"engine_version", "game", "seed", "players",
                                       "scenario_hash", "scenario"}
