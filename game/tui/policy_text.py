"""Policies in words for the orders screen: the logic lives in game.present.policy_text
(Textual-free, shared with the reports); this module keeps the names the screens import."""

from __future__ import annotations

from game.present.policy_text import (
    PERCENT_STEP,
    PolicySpec,
    effect,
    specs,
    tension_jump,
    tension_per_step,
)
from game.present.words import POLICY_VOCABULARY

LABELS: dict[str, str] = {p.name: p.label for ps in POLICY_VOCABULARY.values() for p in ps}

__all__ = ["LABELS", "PERCENT_STEP", "PolicySpec", "effect", "specs",
           "tension_jump", "tension_per_step"]
