"""`compute-race validate` and every other way a scenario is read: bad files of every kind
are refused with `FILE:LINE: dotted.path: message (allowed: ...)`, a "did you mean" for
near misses, exit code 2, no traceback, and the file left as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.model import load_scenario
from game.model.errors import MAX_FILE_BYTES, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "scenarios"
LINE = re.compile(r"^(?P<file>[^:]+)(:(?P<line>\d+))?: (?P<rest>.+)$")

# fixture -> messages that must appear: (line or None, path-and-message fragment)
EXPECTED: dict[str, list[tuple[int | None, str]]] = {
    "empty.toml": [(None, "the file is empty (expected a scenario)")],
    "comments-only.toml": [(None, "holds only comments")],
    "malformed.toml": [(3, "malformed TOML")],
    "misspelled-keys.toml": [
        (5, "tittle: unknown key 'tittle'; did you mean 'title'? (allowed: name, title,"),
        (12, "start.us.budgett: unknown key 'budgett'; did you mean 'budget'?"),
        (15, "start.china.policies.localisation_pct: unknown key 'localisation_pct'; did you "
             "mean 'localization_pct'?"),
        (17, "params.power_leed: unknown key 'power_leed'; did you mean 'power_lead'?"),
    ],
    "bad-event-targets.toml": [
        (16, "events[0].effects[0].state: unknown state figure 'algo_efficiency'; did you mean "
             "'algo_eff'? (allowed: budget,"),
        (20, "events[0].effects[1].param: unknown parameter 'power_leadtime'; did you mean "
             "'power_lead'? (allowed: "),
        (25, "events[0].effects[2].policy: unknown policy 'export_control'; did you mean "
             "'export_controls'?"),
        (28, "events[0].effects[3].kind: unknown kind 'multiplie'; did you mean 'multiply'? "
             "(allowed: multiply, add, set_policy)"),
    ],
    "bad-values.toml": [
        (11, "params.chip_retire.us: out of range (allowed: 0 to 1), got 1.5"),
        (15, "params.yield_ceiling.us: a list of 4 numbers, one per policy level (got 3)"),
        (21, "params.dc_cost.unit: unknown unit '$M per GW'; did you mean '$B per GW'?"),
        (26, "events[0].probability: out of range (allowed: 0 to 1), got 1.5"),
        (29, "events[0].when.end: 2026Q1 is before start 2027Q1"),
        (33, "events[0].effects[0].level: only for a table parameter"),
        (39, "events[0].effects[1].value: 7 is not a level of mineral_controls (allowed: 0, 1, "
             "2, 3)"),
        (44, "scripted_orders[0].china.allocation: allocation shares must add up to 1"),
    ],
    "bad-injects.toml": [
        (12, "injects[0].event: unknown card 'taiwan-blockde'; did you mean 'taiwan-blockade'?"),
        (15, "injects[1].at: 2031Q1 is outside the game (allowed: 2025Q1 to 2030Q4)"),
        (25, "scripted_orders[1].us: us orders for 2025Q1 are already given in "
             "scripted_orders[0]"),
    ],
    "missing-fields.toml": [(None, "description: required but missing"),
                            (None, "briefing: required but missing"),
                            (None, "params: required but missing"),
                            (None, "start: required but missing")],
    "extends-unknown.toml": [(2, "extends: basline-2025: no such scenario; did you mean "
                                 "'baseline-2025'?")],
    "drop-unknown.toml": [(5, "drop_events[0]: unknown card of the parent's deck 'price-wars'; "
                              "did you mean 'price-war'?")],
    "duplicate-ids.toml": [(13, "injects[0].card.id: a card with id 'price-war' is already in "
                                "the deck")],
}


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def check_refused(path: Path, expected: list[tuple[int | None, str]], err: str) -> None:
    lines = err.strip().splitlines()
    assert lines, "no message"
    assert "Traceback" not in err
    for text in lines:
        m = LINE.match(text)
        assert m, f"not FILE:LINE: path: message: {text}"
    for line, fragment in expected:
        hits = [t for t in lines if fragment in t]
        assert hits, f"missing {fragment!r} in:\n{err}"
        prefix = f"{path}:{line}: " if line is not None else f"{path}: "
        assert any(t.startswith(prefix) for t in hits), f"{hits} not at {prefix!r}"


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_validate_refuses_each_kind_of_bad_file(fixture: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    before = path.read_bytes()
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 2 and out == ""
    check_refused(path, EXPECTED[fixture], err)
    assert path.read_bytes() == before  # nothing written


def test_a_loop_of_extends_is_named(tmp_path: Path, capsys) -> None:
    for name in ("loop-a.toml", "loop-b.toml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    code, _, err = run_cli(["validate", str(tmp_path / "loop-a.toml")], capsys)
    assert code == 2
    assert "extends: 'loop-a.toml' extends this file again (a loop: loop-a.toml -> " \
           "loop-b.toml -> loop-a.toml)" in err


def test_binary_non_utf8_and_oversized_files_are_refused(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"name = \x00\x01\x02")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('title = "Caf\xe9"\n'.encode("latin-1"))
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    code, _, err = run_cli(["validate", str(binary), str(latin), str(huge)], capsys)
    assert code == 2
    assert f"{binary}: binary data, not a scenario file (expected UTF-8 text)" in err
    assert f"{latin}: binary data, not a scenario file (not UTF-8 text at byte 12" in err
    assert f"{huge}: {huge.stat().st_size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit" \
           in err


def test_missing_paths_directories_and_unknown_names(tmp_path: Path, capsys) -> None:
    code, _, err = run_cli(["validate", str(tmp_path / "nope.toml"), str(tmp_path),
                            "basline-2025"], capsys)
    assert code == 2
    assert f"{tmp_path / 'nope.toml'}: no such scenario file" in err
    assert f"{tmp_path}: is a directory, not a scenario file" in err
    assert "basline-2025: no such scenario; did you mean 'baseline-2025'? (shipped: " in err


def test_good_and_bad_files_together(capsys) -> None:
    code, out, err = run_cli(["validate", "baseline-2025", str(FIXTURES / "empty.toml")],
                             capsys)
    assert code == 2
    assert out.startswith("baseline-2025: ok")
    assert "empty.toml: the file is empty" in err


def test_a_problem_in_an_inherited_part_points_at_the_file_that_wrote_it(
        tmp_path: Path, capsys) -> None:
    parent = tmp_path / "parent.toml"
    parent.write_text((FIXTURES.parent.parent.parent / "game" / "scenarios" /
                       "baseline-2025.toml").read_text(encoding="utf-8").replace(
        'name = "baseline-2025"', 'name = "parent"'), encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('name = "child"\nextends = "parent.toml"\n\n[params.fab_lead]\n'
                     'us = 20\n', encoding="utf-8")
    code, _, err = run_cli(["validate", str(child)], capsys)
    assert code == 2
    assert err.startswith(f"{child}:5: params.fab_lead.us: out of range (allowed: 1 to 12)")
    # the child's own cards are numbered as the child writes them
    child.write_text('name = "child"\nextends = "parent.toml"\n\n[[events]]\nid = "new"\n'
                     'title = "New"\nprobability = 2\n', encoding="utf-8")
    code, _, err = run_cli(["validate", str(child)], capsys)
    assert err.strip() == f"{child}:7: events[0].probability: out of range (allowed: 0 to 1), " \
                          "got 2"


def test_one_sided_changes_to_shared_figures_are_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "shared.toml"
    path.write_text('name = "shared"\nextends = "baseline-2025"\n\n[[events]]\nid = "c"\n'
                    'title = "c"\n[[events.effects]]\nkind = "multiply"\n'
                    'param = "taiwan_output"\nside = "china"\nvalue = 0.5\n'
                    '[[events.effects]]\nkind = "add"\nstate = "tension"\nside = "us"\n'
                    'value = 5\n', encoding="utf-8")
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert f"{path}:10: events[0].effects[0].side: taiwan_output is shared by both sides " \
           "(allowed: both)" in err
    assert f"{path}:15: events[0].effects[1].side: tension is shared (allowed: both)" in err


def offered_commands() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            return set(action.choices)
    return set()


SCENARIO_COMMANDS = {
    "run": ["run", "{file}", "--turns", "1"],
    "sweep": ["sweep", "{file}", "--runs", "2"],
    "validate": ["validate", "{file}"],
}


@pytest.mark.parametrize("command", sorted(SCENARIO_COMMANDS))
def test_every_command_taking_a_scenario_reports_a_bad_one_the_same_way(
        command: str, tmp_path: Path, capsys) -> None:
    if command not in offered_commands():
        pytest.skip(f"{command} is not built yet")
    path = tmp_path / "bad.toml"
    shutil.copy(FIXTURES / "misspelled-keys.toml", path)
    argv = [a.format(file=path) for a in SCENARIO_COMMANDS[command]]
    code, out, err = run_cli(argv, capsys)
    assert code == 2 and "Traceback" not in err
    check_refused(path, EXPECTED["misspelled-keys.toml"], err)
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert exc.value.problems == err.strip().splitlines()


def test_a_change_to_a_row_the_rules_never_read_is_refused(tmp_path: Path) -> None:
    """mineral_output is read only for the US bloc (China's controls cut US output): a
    card that changes China's row would silently do nothing, so it is refused."""
    from game.model.errors import InputError
    from game.model.loader import load_scenario

    path = tmp_path / "noop.toml"
    path.write_text('''name = "noop"
title = "t"
description = "d"
extends = "baseline-2025"

[[events]]
id = "noop"
title = "A change nobody reads"
[[events.effects]]
kind = "multiply"
param = "mineral_output"
side = "china"
value = 0.5
''')
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    text = "\n".join(exc.value.problems)
    assert "mineral_output only for us" in text and "allowed: us, both" in text
    assert f"{path}:" in text


def test_the_facilitator_cannot_override_a_row_the_rules_never_read(baseline) -> None:
    from game.session import Game

    game = Game.new(baseline, seed=1)
    with pytest.raises(ValueError, match="only for china"):
        game.override("subsidy_price", 0.5, side="us")
    game.override("subsidy_price", 0.5, side="china")  # China's row: accepted
