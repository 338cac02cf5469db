"""Orders files (`script:FILE`): how turns fill in, and `FILE:LINE: turns[3].allocation.chips:
...` style messages for every kind of mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.model.errors import InputError
from game.model.orders_file import OrdersFile, load_orders_file
from game.model.schemas import schema_for

ROOT = Path(__file__).resolve().parent.parent
ALLOCATION = """chips = 0.5
fabs = 0.05
datacenters = 0.2
power = 0.1
research = 0.12
intel = 0.03
"""


def write(tmp_path: Path, text: str, name: str = "orders.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def problems(path: Path, side: str, scenario) -> list[str]:
    with pytest.raises(InputError) as err:
        load_orders_file(path, side, scenario)
    return err.value.problems


def test_turns_fill_in_from_the_turn_before(tmp_path, baseline):
    path = write(tmp_path, f"""side = "us"
[[turns]]
at = "2025Q2"
training_share = 0.5
[turns.allocation]
{ALLOCATION}
[turns.policies]
export_controls = 3

[[turns]]
turn = 5
[turns.policies]
equipment_controls = 2
""")
    by_turn = load_orders_file(path, "us", baseline)
    assert sorted(by_turn) == [0, 1, 4]
    opening = baseline.start.us
    assert by_turn[0].policies == opening.policies  # before the first listed turn
    assert by_turn[0].training_share == opening.training_share
    fifth = by_turn[4]
    assert fifth.policies.export_controls == 3  # kept from 2025Q2
    assert fifth.policies.equipment_controls == 2  # changed
    assert fifth.training_share == 0.5 and fifth.allocation.chips == 0.5


def test_the_example_files_load(baseline):
    us = load_orders_file(ROOT / "examples" / "orders-us.toml", "us", baseline)
    china = load_orders_file(ROOT / "examples" / "orders-china.json", "china", baseline)
    assert us[1].policies.export_controls == 3
    assert china[2].policies.localization_pct == 40


def test_an_error_names_file_line_turn_and_field(tmp_path, baseline):
    path = write(tmp_path, f"""[[turns]]
at = "2025Q1"
[[turns]]
at = "2025Q2"
[[turns]]
turn = 3
[[turns]]
at = "2025Q4"
[turns.allocation]
{ALLOCATION.replace("chips = 0.5", "chips = 1.5")}""")
    assert problems(path, "us", baseline) == [
        f"{path}:10: turns[3].allocation.chips: out of range (allowed: 0 to 1), got 1.5"]


def test_allocation_must_add_up(tmp_path, baseline):
    path = write(tmp_path, f"""[[turns]]
turn = 2
[turns.allocation]
{ALLOCATION.replace("chips = 0.5", "chips = 0.6")}""")
    (problem,) = problems(path, "us", baseline)
    assert problem.startswith(f"{path}:3: turns[0].allocation: allocation shares must add up "
                              "to 1, not 1.100")


def test_a_misspelled_policy_gets_a_suggestion_and_the_sides_own_list(tmp_path, baseline):
    path = write(tmp_path, """[[turns]]
turn = 1
[turns.policies]
smugling = 2
""")
    (problem,) = problems(path, "china", baseline)
    assert problem.startswith(f"{path}:4: turns[0].policies.smugling: unknown key")
    assert "did you mean 'smuggling'?" in problem
    assert "allowed: localization_pct, mineral_controls, smuggling, open_weights, " \
           "price_subsidy" in problem


def test_the_other_sides_policy_is_refused(tmp_path, baseline):
    path = write(tmp_path, """[[turns]]
turn = 1
[turns.policies]
export_controls = 3
""")
    (problem,) = problems(path, "china", baseline)
    assert "turns[0].policies.export_controls: unknown key" in problem


def test_policy_levels_are_bounded(tmp_path, baseline):
    path = write(tmp_path, "[[turns]]\nturn = 1\n[turns.policies]\nenforcement = 9\n")
    assert problems(path, "us", baseline) == [
        f"{path}:4: turns[0].policies.enforcement: out of range (allowed: 0 to 3), got 9"]


@pytest.mark.parametrize("entry, message", [
    ('at = "2025Q5"', "turns[0].at: '2025Q5' is not a quarter like 2025Q1"),
    ("training_share = 0.5", "turns[0]: give exactly one of at"),
    ('at = "2025Q1"\nturn = 1', "turns[0]: give exactly one of at"),
    ("turn = 0", "turns[0].turn:"),
    ("turn = 25", "turns[0].turn: turn 25 is outside the game (allowed: 1 to 24"),
    ('at = "2024Q4"', "turns[0].at: turn 0 is outside the game"),
    ("turn = 1\ntrainingshare = 0.5", "turns[0].trainingshare: unknown key"),
])
def test_when_a_turn_is_wrong(tmp_path, baseline, entry, message):
    path = write(tmp_path, f"[[turns]]\n{entry}\n")
    (problem,) = problems(path, "us", baseline)
    assert message in problem and problem.startswith(str(path))


def test_a_turn_given_twice_is_refused(tmp_path, baseline):
    path = write(tmp_path, '[[turns]]\nturn = 2\n[[turns]]\nat = "2025Q2"\n')
    assert problems(path, "us", baseline) == [
        f"{path}: turns[1].at: turn 2 (2025Q2) is already given at turns[0]"]


def test_a_file_for_the_other_side_is_refused(tmp_path, baseline):
    path = write(tmp_path, 'side = "china"\n[[turns]]\nturn = 1\n')
    assert problems(path, "us", baseline) == [
        f"{path}: side: the file holds china orders but plays us"]


@pytest.mark.parametrize("text, message", [
    ("[[turns]\nturn = 1", "malformed TOML"),
    ("", "empty"),
    ("side = 'us'\n", "turns: required but missing"),
])
def test_broken_toml(tmp_path, baseline, text, message):
    path = write(tmp_path, text)
    assert message in " ".join(problems(path, "us", baseline))


def test_json_files_use_the_same_paths(tmp_path, baseline):
    data = {"turns": [{"turn": 1}, {"turn": 2}, {"turn": 3},
                      {"turn": 4, "allocation": {"chips": -0.1}}]}
    path = write(tmp_path, json.dumps(data), "orders.json")
    assert any(p.startswith(f"{path}: turns[3].allocation.chips: out of range")
               for p in problems(path, "us", baseline))
    bad = write(tmp_path, '{"turns": [', "broken.json")
    assert "malformed JSON" in problems(bad, "us", baseline)[0]


def test_run_with_a_bad_orders_file_exits_2_without_a_traceback(tmp_path, capsys):
    path = write(tmp_path, "[[turns]]\nturn = 1\n[turns.policies]\nexport_controls = 7\n")
    code = main(["run", "baseline-2025", "--us", f"script:{path}", "--turns", "2"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{path}:4: turns[0].policies.export_controls: out of range (allowed: 0 to 4)" in err
    assert "Traceback" not in err


def test_the_schema_describes_each_sides_policies():
    schema = schema_for("orders")
    defs = schema["$defs"]
    assert set(defs["USPolicyChanges"]["properties"]) == {
        "export_controls", "equipment_controls", "domestic_build_pct", "enforcement",
        "open_weights"}
    assert defs["USPolicyChanges"]["properties"]["export_controls"]["anyOf"][0]["maximum"] == 4
    assert "price_subsidy" in defs["ChinaPolicyChanges"]["properties"]
    # The example files are valid against the schema's model.
    for name in ("orders-us.toml", "orders-china.json"):
        import tomllib

        path = ROOT / "examples" / name
        data = (json.loads(path.read_text()) if name.endswith(".json")
                else tomllib.loads(path.read_text()))
        OrdersFile.model_validate(data)
