"""The narrow terminal's trend lines label each series in the number format of every
other screen: never in e-notation, never a bare '7' beside a '1.24'."""

from __future__ import annotations

import numpy as np

from game.tui.present import Series
from game.tui.widgets.trends import bars, trend_label


def series(*values: float) -> Series:
    return Series("■ US bloc", "us", np.arange(len(values), dtype=float),
                  np.array(values, dtype=float))


def test_large_and_tiny_values_read_without_e_notation() -> None:
    assert trend_label(series(7.0, 1234.5)) == "■ US bloc 1,234"
    assert "e" not in trend_label(series(0.3, 0.0000123)).split()[-1]


def test_a_whole_number_keeps_the_decimals_of_the_figures_panel() -> None:
    assert trend_label(series(7.0)) == "■ US bloc 7.00"


def test_the_trend_bars_of_a_chart_share_one_scale() -> None:
    # a side at 7-10 and one at 1.2-1.6: the small side's bars stay low, not stretched
    big, small = bars([7.0, 8.5, 10.0], 1.2, 10.0, 6), bars([1.2, 1.4, 1.6], 1.2, 10.0, 6)
    assert big == "▆▆▇▇██" and small == "▁▁▁▁▁▁"  # each quarter as wide as fits
    assert bars([1.0, 2.0, 3.0], 0.0, 3.0, 2) == "▆█"  # the latest quarters that fit
    assert bars([5.0, 5.0], 5.0, 5.0, 5) == "████"  # one flat level
