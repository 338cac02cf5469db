"""The vocabulary of sides, policies, score terms and causes: what each is called on a
screen, in a sentence and in a table, and how a policy's setting reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.orders import POLICIES, POLICY_MAX, POLICY_SCALE
from game.engine.rules import SCORE_TERMS
from game.engine.types import SIDES, side_index
from game.model.levels import level_phrase, level_text

# --- the two sides: told apart by name and mark, never by colour alone -----------------

SIDE_NAME: dict[str, str] = {"us": "US bloc", "china": "China"}
SIDE_MARK: dict[str, str] = {"us": "■", "china": "▲"}


def side_label(side: str) -> str:
    return f"{SIDE_MARK[side]} {SIDE_NAME[side]}"


def other_side(side: str) -> str:
    return SIDES[1 - side_index(side)]


# --- the budget split's six lines, as a sentence names them (keys are engine names) ----

ALLOCATION_WORDS: dict[str, str] = {
    "chips": "chips", "fabs": "fabs", "datacenters": "data centers", "power": "power",
    "research": "research", "intel": "intel",
}


# --- policies --------------------------------------------------------------------------

PolicyKind = Literal["level", "percent", "bool"]


@dataclass(frozen=True)
class Policy:
    side: str
    name: str  # the orders field: "export_controls"
    label: str  # on screen: "Export controls"
    words: str  # in a sentence: "export controls"
    kind: PolicyKind
    maximum: float
    column: int  # its column in the engine's policy arrays

    def setting(self, value: float, *, bracketed: bool = True) -> str:
        """The setting in words: `on`, `40%`, or the level with its name, `2 (2023 rules)`
        in a sentence or `2 2023 rules` where brackets follow."""
        if self.kind == "bool":
            return "on" if value >= 0.5 else "off"
        if self.kind == "percent":
            return f"{value:.0f}%"
        return level_phrase(self.name, value) if bracketed else level_text(self.name, value)


_POLICY_WORDS: dict[str, tuple[str, str]] = {
    "export_controls": ("Export controls", "export controls"),
    "equipment_controls": ("Equipment controls", "equipment controls"),
    "domestic_build_pct": ("Domestic build rule", "domestic-build rule"),
    "enforcement": ("Enforcement", "anti-smuggling enforcement"),
    "open_weights": ("Open weights", "open weights"),
    "localization_pct": ("Localization mandate", "localization mandate"),
    "mineral_controls": ("Mineral controls", "mineral controls"),
    "smuggling": ("Smuggling effort", "smuggling effort"),
    "price_subsidy": ("Price subsidy", "price subsidy"),
}


def _policy(side: str, column: int, name: str) -> Policy:
    label, words = _POLICY_WORDS[name]
    kind: PolicyKind = ("bool" if name == "open_weights"
                        else "percent" if POLICY_SCALE[side][column] == 100 else "level")
    return Policy(side, name, label, words, kind, float(POLICY_MAX[side][column]), column)


POLICY_VOCABULARY: dict[str, tuple[Policy, ...]] = {
    side: tuple(_policy(side, c, n) for c, n in enumerate(POLICIES[side])) for side in SIDES}


def policy(name: str, side: str | None = None) -> Policy:
    """A policy by its orders field (open_weights exists for both sides: name the side)."""
    for s in ((side,) if side else SIDES):
        for p in POLICY_VOCABULARY[s]:
            if p.name == name:
                return p
    raise KeyError(f"no policy {name!r}")


def setting_text(name: str, value: float, *, bracketed: bool = True) -> str:
    return policy(name).setting(value, bracketed=bracketed)


# --- score terms -----------------------------------------------------------------------

# The engine's SCORE_TERMS in words: (label for tables, words for sentences).
_TERMS: dict[str, tuple[str, str]] = {
    "capability": ("Capability lead", "capability lead"),
    "compute_share": ("Share of compute", "share of compute"),
    "market_share": ("Inference market share", "inference market share"),
    "economy": ("Economy (budget)", "economy"),
    "stability": ("Stability (low tension)", "stability"),
}
TERM_LABELS: dict[str, str] = {t: _TERMS[t][0] for t in SCORE_TERMS}
TERM_WORDS: dict[str, str] = {t: _TERMS[t][1] for t in SCORE_TERMS}

# --- where an event came from (game.summary.EventFact.source) -------------------------

SOURCE_TAGS: dict[str, str] = {"chance": "", "scenario": "scripted", "facilitator": "injected"}
SOURCE_PHRASES: dict[str, str] = {"chance": "drawn from the deck",
                                  "scenario": "scripted by the scenario",
                                  "facilitator": "injected by the facilitator"}


def event_heading(title: str, source: str) -> str:
    """`Blockade of Taiwan (injected)`; a card drawn by chance is its title alone."""
    tag = SOURCE_TAGS.get(source, "")
    return f"{title} ({tag})" if tag else title


# --- causes in the TurnLog's contributions ---------------------------------------------

CAUSE_WORDS: dict[str, str] = {
    "us moves": "US bloc's moves", "china moves": "China's moves",
    "bounds": "held within 0-100",
}


def cause_words(figure: str, cause: str, amount: float) -> str:
    """A contribution's cause as a reader should take it (the engine names tension's
    drift by its direction: relaxation down, standing policies up)."""
    return CAUSE_WORDS.get(cause, cause)
