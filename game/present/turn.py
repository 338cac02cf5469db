"""The quarter's news and turn report as plain data: what changed and why, from the
TurnLog's contributions and the deck, in the vocabulary's words and numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.types import SIDES, side_index
from game.present.figures import figure
from game.present.numbers import number, signed
from game.present.words import cause_words
from game.session import Game


@dataclass(frozen=True)
class NewsItem:
    turn: int
    date: str
    title: str
    text: str
    major: bool


def events_of_turn(game: Game, turn: int) -> list[NewsItem]:
    log = game.history[turn].log
    if log.events_fired is None:
        return []
    deck = game.rules.deck
    fired = log.events_fired[0]
    return [NewsItem(turn, game.date_of(turn), deck.titles[k], event_text(game, deck.ids[k]),
                     bool(deck.major[k]))
            for k in range(min(deck.size, fired.shape[0])) if fired[k]]


def event_text(game: Game, event_id: str) -> str:
    """The card's text: the scenario's deck, or a facilitator's custom card."""
    try:
        return str(game.event_card(event_id).text)
    except ValueError:
        return ""


def news(game: Game) -> list[NewsItem]:
    """Every event that fired so far, newest first (events are public: both sides see)."""
    items: list[NewsItem] = []
    for t in range(game.turn - 1, -1, -1):
        items.extend(events_of_turn(game, t))
    return items


# The TurnLog figures the report explains cause by cause (each line's causes add up to
# its change), then the figures it states with their change only.
EXPLAINED: tuple[str, ...] = ("compute", "inventory", "power_gw", "dc_gw", "algo_eff",
                              "budget")
STATED: tuple[str, ...] = ("capability", "market_share", "revenue", "price", "hw_efficiency")
TINY = 5e-4


@dataclass(frozen=True)
class ReportLine:
    figure: str
    text: str


@dataclass
class TurnReport:
    turn: int
    date: str
    sides: dict[str, list[ReportLine]] = field(default_factory=dict)
    tension: str = ""
    events: list[NewsItem] = field(default_factory=list)
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)  # side: (now, change)


def causes_text(figure_name: str, causes: dict[str, np.ndarray], column: int | None) -> str:
    """`+0.61 new chips, −0.19 retired`: each cause with its signed amount."""
    parts = []
    for cause, amount in causes.items():
        value = float(amount[0] if column is None else amount[0, column])
        if abs(value) >= TINY:
            parts.append(f"{signed(value)} {cause_words(figure_name, cause, value)}")
    return ", ".join(parts)


def _stranded_for_lack_of(game: Game, turn: int, side: str) -> str:
    state = game.history[turn].state
    i = side_index(side)
    return "power" if state.power_gw[0, i] <= state.dc_gw[0, i] else "data-center space"


def turn_report(game: Game, turn: int, seat: str | None) -> TurnReport:
    """What changed in `turn` (0-based, resolved) and why. A player sees its own side;
    a spectator (`seat` None) sees both."""
    rec = game.history[turn]
    log = rec.log
    after, before = game.figures(turn), game.figures(turn - 1)
    report = TurnReport(turn, game.date_of(turn))
    for side in SIDES:
        if seat is not None and side != seat:
            continue
        i = side_index(side)
        lines = []
        for name in EXPLAINED:
            f = figure(name)
            change = after[side][f.key] - before[side][f.key]
            text = f"{f.words} {f.change(change, like=after[side][f.key])} {f.unit}"
            causes = causes_text(name, log.contributions.get(name, {}), i)
            if causes:
                text += f": {causes}"
            stranded = after[side]["inventory"]
            if name == "compute" and stranded >= TINY:
                text += (f"; {number(stranded)} stranded for lack of "
                         f"{_stranded_for_lack_of(game, turn, side)}")
            lines.append(ReportLine(name, text))
        for name in STATED:
            f = figure(name)
            now = after[side][name]
            lines.append(ReportLine(name, f"{f.words} {f.text(now)} "
                                          f"({f.change(now - before[side][name], like=now)})"))
        report.sides[side] = lines
    before_tension = float((game.opening if turn == 0 else game.history[turn - 1].state)
                           .tension[0])
    now_tension = float(rec.state.tension[0])
    tension = figure("tension")
    report.tension = (f"tension {tension.number(now_tension)} "
                      f"({tension.change(now_tension - before_tension)})"
                      + (f": {causes_text('tension', log.contributions['tension'], None)}"
                         if "tension" in log.contributions else ""))
    report.events = events_of_turn(game, turn)
    report.scores = {side: (after[side]["score"], after[side]["score"] - before[side]["score"])
                     for side in SIDES}
    return report
