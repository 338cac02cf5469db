"""The authoring guide (docs/scenarios.md) tells the truth: its generated reference is
current, and its worked example validates and fails the way the guide says it does."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from game.model import load_scenario
from game.model.authoring import splice
from game.model.errors import InputError

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "scenarios.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_generated_reference_is_current() -> None:
    assert splice(guide()) == guide(), "run `python scripts/write_scenario_docs.py`"


def test_reference_names_every_parameter() -> None:
    from game.engine.params import PARAM_NAMES

    for name in PARAM_NAMES:
        assert f"| `{name}` |" in guide()


def worked_example() -> str:
    section = guide().split("### A worked example", 1)[1]
    return section.split("```toml\n", 1)[1].split("```", 1)[0]


def test_worked_example_validates_and_changes_only_what_it_says(tmp_path: Path) -> None:
    path = tmp_path / "thin-grid.toml"
    path.write_text(worked_example(), encoding="utf-8")
    scenario = load_scenario(path)
    baseline = load_scenario("baseline-2025")
    written = tomllib.loads(worked_example())["start"]["us"]
    assert scenario.start.us.power_gw == written["power_gw"] != baseline.start.us.power_gw
    assert scenario.start.us.power_pipeline == written["power_pipeline"]
    assert scenario.start.us.budget == baseline.start.us.budget  # inherited
    assert scenario.params == baseline.params


def test_worked_example_typo_gives_the_documented_message(tmp_path: Path) -> None:
    path = tmp_path / "thin-grid.toml"
    path.write_text(worked_example().replace("power_gw = 8.5", "power_gws = 8.5"),
                    encoding="utf-8")
    documented = re.search(r"`thin-grid\.toml:(\d+): (start\.us\.power_gws: [^`]*?)\.\.\.\)`",
                           guide())
    assert documented, "the guide no longer shows the typo's message"
    try:
        load_scenario(path)
    except InputError as exc:
        problems = exc.problems
    else:
        raise AssertionError("the typo was accepted")
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:{documented.group(1)}: {documented.group(2)}")
