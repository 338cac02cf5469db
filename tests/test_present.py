"""The presentation package: one vocabulary, one number format for people."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.metrics import METRICS
from game.present import (
    FIGURES,
    POLICY_VOCABULARY,
    attribute,
    attribution_sentence,
    figure,
    money,
    number,
    percent,
    price,
    signed,
)

SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_no_scientific_notation_anywhere_a_person_reads(value: float) -> None:
    texts = [number(value), signed(value), money(value), price(abs(value)), percent(value)]
    texts += [figure(key).text(value) for key in FIGURES]
    for text in texts:
        assert not SCIENTIFIC.search(text), text


@pytest.mark.parametrize(("usd_per_mtok", "text"), [
    (0.25, "$0.25 per million tokens"),
    (0.000015, "$0.015 per billion tokens"),
    (4.76e-06, "$4.76 per trillion tokens"),
    (4.76e-09, "$4.76 per quadrillion tokens"),
    (1e-18, "<$0.01 per quadrillion tokens"),
])
def test_prices_are_quoted_per_a_token_count_that_reads(usd_per_mtok: float, text: str) -> None:
    assert price(usd_per_mtok) == text


@pytest.mark.parametrize(("busd", "text"), [(12.3, "$12.3B"), (0.45, "$450M"),
                                            (1234.0, "$1.23T"), (-2.0, "−$2B"), (0.0, "$0")])
def test_money_in_billions_and_millions(busd: float, text: str) -> None:
    assert money(busd) == text


def test_shares_read_as_percent_as_on_screen() -> None:
    share = figure("market_share")
    assert share.text(0.0687) == "6.9%"
    assert share.change(0.0134) == "+1.3"
    assert percent(0.0004) == "<0.1%"


def test_a_price_cell_and_its_change_share_one_unit() -> None:
    p = figure("price")
    assert p.unit_for(4.76e-06) == "$/T tok"
    assert p.number(4.76e-06) == "4.76"
    assert p.change(-1e-06, like=4.76e-06) == "−1.00"
    assert p.unit_for(0.5) == "$/M tok"


def test_every_metric_has_a_figure_in_the_vocabulary() -> None:
    for key in METRICS:
        assert key in FIGURES, f"{key} has no label, unit and format in game.present"
    # A key the vocabulary has not learnt yet still shows, from METRICS' description.
    assert figure("some_new_metric").label


def test_every_policy_has_its_words() -> None:
    for side, policies in POLICY_VOCABULARY.items():
        for p in policies:
            assert p.side == side and p.label and p.words
            assert p.setting(p.maximum)


def test_attribution_names_the_terms_that_decided_the_gap() -> None:
    # China lost only on stability; the US won it on capability and compute.
    points = {"us": {"capability": 9.0, "compute_share": 4.0, "market_share": 0.5,
                     "economy": 0.0, "stability": -1.0},
              "china": {"capability": -2.0, "compute_share": -1.0, "market_share": 0.0,
                        "economy": 0.0, "stability": 3.0}}
    a = attribute("us", points)
    assert a.gap == pytest.approx(sum(points["us"].values()) - sum(points["china"].values()))
    assert [p.term for p in a.decided] == ["capability", "compute_share"]
    assert [p.term for p in a.against] == ["stability"]
    text = attribution_sentence(a)
    assert "capability lead (+11.0)" in text and "share of compute (+5.0)" in text
    assert "stability (−4.0) went China's way" in text
    assert "economy" not in text
