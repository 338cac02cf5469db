"""The JSON Schemas: the committed copies are current, `compute-race schema` prints them,
and the scenario schema accepts the files authors actually write (a child that `extends`
gives only what it changes) while catching the mistakes an editor should flag."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from game.cli import main
from game.model.loader import SCENARIO_DIR
from game.model.schemas import KINDS, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = {kind: ROOT / "schemas" / f"{kind}.schema.json" for kind in KINDS}
FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"


@pytest.mark.parametrize("kind", sorted(COMMITTED))
def test_committed_schema_is_current(kind: str) -> None:
    assert COMMITTED[kind].read_text(encoding="utf-8") == schema_text(kind), (
        f"{COMMITTED[kind].name} is out of date: run `python scripts/write_schemas.py`")


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_each_schema(kind: str, capsys) -> None:
    assert main(["schema", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$schema"].startswith("http://json-schema.org/")
    jsonschema.Draft7Validator.check_schema(printed)
    assert printed == json.loads(COMMITTED[kind].read_text(encoding="utf-8"))


def scenario_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(COMMITTED["scenario"].read_text("utf-8")))


@pytest.mark.parametrize("path", sorted(SCENARIO_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_file_as_written_passes_the_schema(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = [e.message for e in scenario_validator().iter_errors(data)]
    assert errors == []


def test_the_schema_describes_every_field_for_an_editor() -> None:
    schema = json.loads(COMMITTED["scenario"].read_text("utf-8"))
    params = schema["$defs"]["ScenarioParams"]["properties"]
    assert params["power_lead"]["description"].startswith("Quarters from power spending")
    assert "Unit: quarters" in params["power_lead"]["description"]
    for name, model in schema["$defs"].items():
        for field, spec in model.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize(("fixture", "fragment"), [
    ("misspelled-keys.toml", "Additional properties are not allowed ('tittle' was unexpected)"),
    ("bad-event-targets.toml", "'algo_efficiency', 'value': 1.2} is not valid under any"),
    ("bad-values.toml", "1.5 is greater than the maximum of 1"),
    ("missing-fields.toml", "'description' is a required property"),
])
def test_the_schema_flags_what_an_editor_should(fixture: str, fragment: str) -> None:
    data = tomllib.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    errors = [e.message for e in scenario_validator().iter_errors(data)]
    assert any(fragment in e for e in errors), errors
