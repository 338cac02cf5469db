"""Words and numbers for people, with no UI toolkit: one vocabulary of figures and
policies, one number format, the outcome sentences. The terminal UI, the reports and the
CLI tables put these into layout; JSON and CSV keep the model's raw numbers.

    from game.present import figure, number, money, price, percent
    figure("market_share").text(0.0687)     # '6.9%'
    price(4.76e-06)                         # '$4.76 per trillion tokens'
    money(0.45)                             # '$450M'
"""

from __future__ import annotations

from game.present.figures import FIGURES, LOG_FIGURES, Figure, figure
from game.present.numbers import (
    MINUS,
    money,
    number,
    percent,
    points,
    price,
    price_scale,
    signed,
    signed_percent,
    with_unit,
)
from game.present.outcome import (
    Attribution,
    GapPart,
    attribute,
    attribution_sentence,
    clock_sentence,
    crisis_sentence,
    draw_sentence,
    headline,
    result_sentences,
    rule_text,
    side_sentence,
    sudden_death_sentence,
)
from game.present.words import (
    CAUSE_WORDS,
    POLICY_VOCABULARY,
    SIDE_MARK,
    SIDE_NAME,
    SOURCE_PHRASES,
    SOURCE_TAGS,
    TERM_LABELS,
    TERM_WORDS,
    Policy,
    cause_words,
    event_heading,
    other_side,
    policy,
    setting_text,
    side_label,
)

__all__ = [
    "CAUSE_WORDS", "FIGURES", "LOG_FIGURES", "MINUS", "POLICY_VOCABULARY", "SIDE_MARK",
    "SIDE_NAME", "SOURCE_PHRASES", "SOURCE_TAGS", "TERM_LABELS", "TERM_WORDS", "Attribution", "Figure", "GapPart", "Policy",
    "attribute", "attribution_sentence", "cause_words", "clock_sentence", "crisis_sentence",
    "draw_sentence", "event_heading", "figure", "headline", "money", "number", "other_side", "percent",
    "points", "policy", "price", "price_scale", "result_sentences", "rule_text", "setting_text", "side_label",
    "side_sentence", "signed", "signed_percent", "sudden_death_sentence", "with_unit",
]
