"""Debrief reports: every shipped scenario reports, the HTML is self-contained and has every
chart and section, the Markdown has the same sections, and the figures are the game's."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from game.engine.types import SIDES
from game.files import HTML_GENERATOR_META
from game.model.loader import load_scenario, shipped_names
from game.model.orders import Allocation, USOrders
from game.present.numbers import number
from game.report import ReportError, debrief, write_report
from game.report.charts import game_charts
from game.report.facts import CHARTS, SECTIONS, SIDE_NAMES, build_debrief
from game.session import Game

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
TURNS = 8  # enough for events, swings and beliefs; keeps the suite fast


def _played(scenario_name: str, seed: int = 3, turns: int = TURNS) -> Game:
    game = Game.new(load_scenario(scenario_name), seed=seed)
    game.play_out(turns)
    return game


def external_references(html: str) -> list[str]:
    """Anything that would make the browser fetch something or run code."""
    found = re.findall(r"""(?:href|src|xlink:href)\s*=\s*["']?(?!#)[^"'\s>]+""", html)
    found += re.findall(r"<script|<link|<iframe|<object|<embed|@import|url\(", html, re.I)
    found += re.findall(r"https?://", html)
    return found


def h2s(html: str) -> list[str]:
    return re.findall(r'<h2 id="([a-z]+)">', html)


def md_h2s(md: str) -> list[str]:
    return [line[3:] for line in md.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize("name", shipped_names())
def test_every_shipped_scenario_reports(name):
    game = _played(name)
    html = debrief(game)
    md = debrief(game, "md")
    assert external_references(html) == []
    assert h2s(html) == [anchor for anchor, _ in SECTIONS]
    assert md_h2s(md) == [title for _, title in SECTIONS]
    # Every chart is drawn, as inline SVG, with its title.
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == len(CHARTS) + 2  # plus one belief chart per side
    for _, title in CHARTS:
        assert f">{title}</text>" in html
        assert f"**{title}**" in md
    assert html.count("<polyline") >= 2 * (len(CHARTS) - 1) + 1


def test_the_figures_are_the_games_own(baseline):
    game = Game.new(baseline, seed=8)
    game.play_out(TURNS)
    d = build_debrief(game)
    final = game.figures()
    for side in SIDES:
        assert d.series["compute"][side][-1] == final[side]["compute"]
        assert d.series["inventory"][side][0] == game.figures(-1)[side]["inventory"]
        assert d.series["market_share"][side][-1] == pytest.approx(
            100 * final[side]["market_share"])
    assert d.series["tension"]["both"][-1] == float(game.state.tension[0])
    md = debrief(game, "md")
    assert f"| {SIDE_NAMES['us']} | " in md
    assert number(final["us"]["compute"]) in md
    assert f"{d.outcome.scores['us']:.1f}" in md  # the score as on screen


def test_the_result_explains_the_score_term_by_term(baseline):
    game = _played("baseline-2025", seed=9, turns=12)
    o = build_debrief(game).outcome
    for side in SIDES:  # points by term add up to the score (50 is the start)
        assert 50 + sum(o.term_points[side].values()) == pytest.approx(o.scores[side])
    assert o.winner == game.winner()
    assert o.why


def test_swings_are_explained_by_the_turn_log(baseline):
    d = build_debrief(_played("baseline-2025", seed=4))
    assert d.swings
    for s in d.swings:
        assert sum(v for _, v in s.causes) == pytest.approx(s.change, rel=1e-9, abs=1e-9)


def test_the_timeline_shows_decisions_injects_and_notes(baseline):
    game = Game.new(baseline, seed=6)
    game.play_out(2)
    us = game.orders_for("us")
    game.submit("us", us.model_copy(update={
        "policies": us.policies.model_copy(update={"export_controls": 0})}))
    game.inject("taiwan-blockade", when=NOON)
    game.note("the US team opens the market to calm things", when=NOON)
    game.play_out(3)
    d = build_debrief(game)
    row = next(r for r in d.timeline if r.turn == 2)
    assert any("export controls" in line and "→ 0" in line for line in row.decisions["us"])
    assert "event: Blockade of Taiwan (injected); acts from 2025Q4" in row.followed
    assert any("the US team opens the market" in line for line in row.followed)
    html = debrief(game)
    assert "Blockade of Taiwan (injected)" in html
    assert "the US team opens the market to calm things" in html  # facilitator notes too


def test_facilitator_actions_and_notes_show_in_the_debrief(baseline):
    from tests.test_facilitator import _facilitated

    md = debrief(_facilitated(baseline), "md")
    timeline = md[md.index("## Decisions"):md.index("## What moved")]
    for text in ("facilitator: power_lead (us) set to 9 quarters",
                 "facilitator: new card 'chip-act-repeal': Congress cuts the chip subsidies",
                 "facilitator: card 'chip-act-repeal' scheduled for turn 6",
                 "event: Incident in the Taiwan Strait (injected)",
                 "event: Congress cuts the chip subsidies (injected)",
                 "export controls held at 4 (cloud closed) by an event"):
        assert text in timeline
    notes = md[md.index("## Facilitator notes"):md.index("## Discussion questions")]
    assert "| 2026-03-14 12:00:00 UTC | 2025Q4 | note | tables agree the blockade is next |" \
        in notes
    assert notes.count("| undo |") == 1


def test_beliefs_are_what_the_screen_showed_beside_the_truth(baseline):
    game = _played("baseline-2025", seed=12)
    d = build_debrief(game)
    for side in SIDES:
        other = SIDES[1 - SIDES.index(side)]
        view = game.view(side)
        for b in d.beliefs[side]:
            assert b.believed == pytest.approx(view.other[b.name].value)
            assert b.true == game.figures()[other][b.name]
        m = d.misjudgements[side]
        assert m.belief.confidence != "exact"
        assert all(abs(b.error) <= abs(m.belief.error) + 1e-12 for b in d.beliefs[side]
                   if b.confidence != "exact")


def test_questions_come_from_what_happened(baseline):
    """A US team that buys chips and data centers but no power strands its compute once
    the power already under construction runs out, and the debrief asks about it."""
    game = Game.new(baseline, seed=2, us="human")
    greedy = USOrders(allocation=Allocation(chips=0.6, fabs=0.0, datacenters=0.35, power=0.0,
                                            research=0.05, intel=0.0))
    for _ in range(20):  # the power under construction at the start lasts ~4 years
        game.submit("us", greedy)
        game.advance()
    d = build_debrief(game)
    stranded = [q for q in d.questions if "stranded" in q]
    assert stranded and stranded[0].startswith("US bloc's compute was stranded for")
    assert "held back mostly by power" in stranded[0]
    worst = max(d.series["inventory"]["us"])
    assert number(worst) in stranded[0]
    plain = build_debrief(_played("baseline-2025", seed=2, turns=13))
    assert not any("stranded" in q for q in plain.questions)


def test_no_report_before_the_first_turn(baseline):
    with pytest.raises(ReportError, match="no turns played"):
        debrief(Game.new(baseline, seed=1))


def test_write_report_picks_the_format_and_never_writes_half(baseline, tmp_path):
    game = _played("baseline-2025")
    html = write_report([game], tmp_path / "d.html")
    assert html.read_text().startswith("<!DOCTYPE html>")
    md = write_report([game], tmp_path / "d.md")
    assert md.read_text().splitlines()[1].startswith("# Debrief")
    keep = tmp_path / "keep.html"
    keep.write_text(f"<!DOCTYPE html>{HTML_GENERATOR_META}old report")
    with pytest.raises(ReportError, match="no turns played"):
        write_report([Game.new(baseline, seed=1)], keep)
    assert keep.read_text() == f"<!DOCTYPE html>{HTML_GENERATOR_META}old report"
    with pytest.raises(ReportError, match=r"\.html or \.md"):
        write_report([game], tmp_path / "d.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.html", "d.md", "keep.html"]


def test_metric_units_are_shown_as_on_screen(baseline):
    game = _played("baseline-2025")
    html = debrief(game)
    for chart in game_charts(build_debrief(game)):
        assert f"({chart.unit}" in html or f">{chart.unit}<" in html, chart.title
    # Market share reads in % (as on the dashboard), never as a 0-1 "share".
    assert re.search(r'<td>Market share</td><td class="n">[0-9.]+%</td>', html)
