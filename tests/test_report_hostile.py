"""Scenario and user text is data in every report format: a title, a description, an
event's title and text, a facilitator's note and a comparison's labels full of markup come
out inert in the Markdown and HTML debriefs, the comparison and the levers briefing."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from game.model.loader import load_scenario
from game.model.scenario import Scenario
from game.report import briefing, comparison, debrief
from game.session import Game

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
# Each attack a renderer could let through: live HTML, a script link, an image that runs
# code, and a newline that starts a heading, a table or a list of its own.
HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> "
           "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">a</a>"
           "\n# Injected heading\n| injected | table |\n|---|---|\n- injected item\n"
           "1. injected step **bold** `code` ~~gone~~")


def hostile_scenario() -> Scenario:
    base = load_scenario("baseline-2025")
    briefing_ = base.briefing.model_copy(update={"us": HOSTILE, "china": HOSTILE})
    events = [e.model_copy(update={"title": f"{e.title} {HOSTILE}", "text": HOSTILE})
              for e in base.events]
    return base.model_copy(update={"title": f"Race {HOSTILE}", "description": HOSTILE,
                                   "briefing": briefing_, "events": events})


@pytest.fixture(scope="module")
def games() -> list[Game]:
    out = []
    for seed in (1, 2):
        game = Game.new(hostile_scenario(), seed=seed)
        game.add_event({"id": "hostile-card", "title": f"Card {HOSTILE}", "text": HOSTILE,
                        "major": True, "duration": 1,
                        "effects": [{"kind": "add", "state": "tension", "side": "both",
                                     "value": 5}]}, when=NOON)
        game.note(HOSTILE, when=NOON)
        game.play_out(6)
        out.append(game)
    return out


def assert_inert_markdown(md: str) -> None:
    assert "<script" not in md and "<img" not in md and "<a " not in md
    assert not re.search(r"(?<!\\)\]\((?!#)", md)  # no live link: every `](` escaped
    lines = md.splitlines()
    assert not any(line.startswith("# Injected") for line in lines)
    assert not any(line.startswith("| injected") for line in lines)
    assert not any(re.match(r"\s*([-*+]|\d+\.) injected", line) for line in lines)
    assert "**bold**" not in md and "`code`" not in md and "~~gone~~" not in md
    # The text is still there, as text.
    assert "&lt;script&gt;" in md


def assert_inert_html(html: str) -> None:
    assert "<script" not in html and "<img" not in html
    assert "javascript:alert(3)" in html  # shown as text …
    assert not re.search(r"""href\s*=\s*["']?javascript""", html)  # … never a link
    assert "&lt;script&gt;" in html


def test_debrief_markdown_is_inert(games: list[Game]) -> None:
    assert_inert_markdown(debrief(games[0], "md"))


def test_debrief_html_is_inert(games: list[Game]) -> None:
    assert_inert_html(debrief(games[0], "html"))


def test_comparison_markdown_and_labels_are_inert(games: list[Game]) -> None:
    labels = [f"table {HOSTILE}", "other <script>x</script> | cell\n## Heading"]
    md = comparison(games, labels, "md")
    assert_inert_markdown(md)
    assert not any(line.startswith("## Heading") for line in md.splitlines())


def test_comparison_html_is_inert(games: list[Game]) -> None:
    assert_inert_html(comparison(games, [f"table {HOSTILE}", "b"], "html"))


def test_levers_briefing_is_inert() -> None:
    assert_inert_html(briefing(hostile_scenario()))
