"""The figures the screens show come from the model: rows, reports, charts, policy text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.tui import present
from game.tui.local_game import LocalGame
from game.tui.policy_text import specs, tension_jump
from game.tui.shares import WHOLE, from_shares, rebalance
from tests.tui.conftest import short_game


@given(st.lists(st.integers(0, 400), min_size=6, max_size=6), st.integers(0, 5),
       st.integers(-200, 1200), st.sets(st.integers(0, 5), max_size=6))
def test_rebalance_always_sums_to_100_percent(raw, index, value, kept):
    tenths = from_shares([float(r) for r in raw])
    out, released = rebalance(tenths, index, value, kept)
    assert sum(out) == WHOLE
    assert min(out) >= 0
    assert out[index] == max(0, min(WHOLE, value))
    if not released:  # the rows set before stay exactly as they were
        assert all(out[k] == tenths[k] for k in kept if k != index)


def test_rebalance_takes_from_the_others_in_proportion():
    out, released = rebalance([500, 100, 200, 100, 100, 0], 0, 600)
    assert out == [600, 80, 160, 80, 80, 0] and not released


def test_rows_set_before_stay_and_no_room_frees_them():
    out, released = rebalance([500, 100, 200, 100, 100, 0], 2, 300, kept={0})
    assert out == [500, 67, 300, 67, 66, 0] and not released
    out, released = rebalance([500, 100, 200, 100, 100, 0], 2, 600, kept={0})
    assert out[2] == 600 and released and sum(out) == WHOLE


def test_turn_report_causes_add_up_to_the_change():
    game = short_game()
    game.play_out(2)
    report = present.turn_report(game, 1, "us")
    log = game.history[1].log
    change = game.figures(1)["us"]["compute"] - game.figures(0)["us"]["compute"]
    causes = sum(float(v[0, 0]) for v in log.contributions["compute"].values())
    assert causes == pytest.approx(change)
    line = next(x.text for x in report.sides["us"] if x.figure == "compute")
    assert line.startswith(f"compute in service {change:+.2f} M H100e: ".replace("-", "−"))
    assert "new chips" in line and "retired" in line
    assert set(report.sides) == {"us"}  # a player reads only its own side
    assert set(present.turn_report(game, 1, None).sides) == {"us", "china"}


def test_figure_rows_show_the_engine_figures_and_their_change():
    game = short_game()
    game.play_out(2)
    rows = {r.name: r for r in present.figure_rows(game, "china")}
    now, before = game.figures(1)["china"], game.figures(0)["china"]
    assert rows["compute"].value == f"{now['compute']:.2f}"
    assert rows["compute"].change == present.format_change("compute",
                                                           now["compute"] - before["compute"])


def test_estimates_come_from_the_fogged_view_not_the_truth():
    game = short_game()
    game.play_out(1)
    view = game.view("us")
    rows = {r.name: r for r in present.estimate_rows(view)}
    assert rows["compute"].value == present.format_value("compute",
                                                         view.other["compute"].value)
    assert view.other["compute"].value != pytest.approx(game.figures()["china"]["compute"])


def test_chart_series_cover_every_quarter_and_mark_estimates():
    game = short_game()
    game.play_out(3)
    series = present.chart_series(game, "us", "compute")
    assert [s.estimated for s in series] == [False, True]
    assert len(series[0].x) == 4 and series[0].x[0] == 2025.0
    assert series[0].y[-1] == pytest.approx(game.figures()["us"]["compute"])
    tension = present.chart_series(LocalGame(game), None, "tension")[0]
    assert tension.y[-1] == pytest.approx(float(game.state.tension[0]))
    watch = present.chart_series(game, None, "market_share")
    assert np.allclose(watch[0].y + watch[1].y, 100.0)


def test_policy_tension_follows_the_engine_rule():
    game = short_game()
    p = LocalGame(game).params_in_force()
    export = specs("us")[0]
    cost = float(game.rules.params.tension_cost[0, 0])
    assert tension_jump(export, 2, 3, p) == pytest.approx(cost)
    assert tension_jump(export, 3, 2, p) == pytest.approx(-0.5 * cost)


def test_end_summary_names_the_winner_and_why():
    game = short_game()
    game.play_out()
    summary = present.end_summary(game)
    assert summary.winner == game.winner()
    assert "clock ran out" in summary.why or "crisis" in summary.why
    total = {side: 50 + sum(p for _, p in summary.terms[side]) for side in ("us", "china")}
    if not game.state.over[0]:
        assert total["us"] == pytest.approx(game.scores["us"], abs=1e-6)
