"""The policy level words live in one place (game/model/levels.py) and both the terminal UI
and the reports read them from there."""

from __future__ import annotations

import pytest

from game.engine.orders import POLICIES, POLICY_MAX, POLICY_SCALE
from game.model import levels
from game.model.levels import LEVEL_WORDS, level_phrase, level_text, levels_line
from game.model.loader import load_scenario
from game.report.api import briefing
from game.report.facts import policy_word
from game.tui.policy_text import specs


def _level_policies() -> list[tuple[str, str, int]]:
    """(side, policy, top level) of every policy set by a level (not a percent or on/off)."""
    return [(side, name, int(POLICY_MAX[side][col]))
            for side in ("us", "china") for col, name in enumerate(POLICIES[side])
            if POLICY_SCALE[side][col] == 1 and POLICY_MAX[side][col] > 1]


def test_every_level_of_every_level_policy_has_a_name() -> None:
    named = _level_policies()
    assert {name for _, name, _ in named} == set(LEVEL_WORDS)
    for _, name, top in named:
        assert len(LEVEL_WORDS[name]) == top + 1, name


def test_level_text_and_phrase() -> None:
    assert level_text("export_controls", 4) == "4 cloud closed"
    assert level_phrase("export_controls", 0) == "0 (open)"
    assert level_text("domestic_build_pct", 40) == "40"  # no names: the bare number
    assert level_text("enforcement", 9) == "9"  # out of range: never an IndexError
    assert levels_line("smuggling") == "0 none · 1 some · 2 organised · 3 all-out"


def test_ui_and_reports_read_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # Renaming a level in game/model/levels.py alone must show up on screen and in reports.
    renamed = dict(LEVEL_WORDS)
    renamed["export_controls"] = ("open", "2022 rules", "2023 rules", "H20 blocked",
                                  "cloud sealed")
    monkeypatch.setattr(levels, "LEVEL_WORDS", renamed)
    spec = next(s for s in specs("us") if s.name == "export_controls")
    assert spec.level_word(4) == "4 cloud sealed"
    assert policy_word("export_controls", 4) == "4 (cloud sealed)"
    assert policy_word("export_controls", 4, bracketed=False) == "4 cloud sealed"


def test_levers_briefing_names_each_level() -> None:
    html = briefing(load_scenario("baseline-2025"), "html")
    for name in LEVEL_WORDS:
        assert levels_line(name) in html, name
    # The opening position names the level in force (export controls start at 2).
    assert "export controls 2 (2023 rules)" in html
