"""The quarter's news and turn report as plain data: what changed and why, read from the
turn's summary (figures before and after, causes, events and their sources, tension),
in the vocabulary's words and numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.engine.types import SIDES
from game.port import TableGame
from game.present.figures import figure
from game.present.numbers import signed
from game.present.words import SOURCE_TAGS, cause_words
from game.summary import EventFact, TurnSummary


@dataclass(frozen=True)
class NewsItem:
    turn: int
    date: str
    title: str
    text: str
    major: bool
    source: str = "chance"  # game.summary.EventFact.source: chance, scenario, facilitator,
    # crisis
    effects: str = ""  # the card's effects in plain words

    @property
    def tag(self) -> str:
        """Why the card fired: `chance`, `scripted`, `injected` or `crisis`."""
        return SOURCE_TAGS.get(self.source, self.source)


def _item(s: TurnSummary, e: EventFact) -> NewsItem:
    return NewsItem(s.turn, s.date, e.title, e.text, e.major, e.source, e.effects)


def events_of_turn(game: TableGame, turn: int) -> list[NewsItem]:
    """The cards that fired at the end of `turn` (their effects act from the next one)."""
    s = game.summary(turn)
    return [_item(s, e) for e in s.events]


def acting_in_turn(game: TableGame, turn: int) -> list[NewsItem]:
    """The cards whose effects applied during `turn`, with the quarter each fired in."""
    out = []
    for card_id in game.summary(turn).active:
        fired = next((_item(game.summary(k), e) for k in range(turn - 1, -1, -1)
                      for e in game.summary(k).events if e.id == card_id), None)
        if fired is not None:
            out.append(fired)
    return out


def news(game: TableGame) -> list[NewsItem]:
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
    events: list[NewsItem] = field(default_factory=list)  # fired at the end of the quarter
    acting: list[NewsItem] = field(default_factory=list)  # in force during the quarter
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)  # side: (now, change)


def causes_text(game: TableGame, s: TurnSummary, figure_name: str,
                causes: Mapping[str, float]) -> str:
    """`+0.61 new chips, −0.19 retired`: each cause with its signed amount; the events'
    share names the cards in force."""
    parts = []
    for cause, value in causes.items():
        if abs(value) < TINY:
            continue
        words = cause_words(figure_name, cause, value)
        if cause == "events" and s.active:
            titles = dict(zip(game.rules.deck.ids, game.rules.deck.titles, strict=True))
            words = "events in force: " + ", ".join(titles.get(c, c) for c in s.active)
        parts.append(f"{signed(value)} {words}")
    return ", ".join(parts)


def turn_report(game: TableGame, turn: int, seat: str | None) -> TurnReport:
    """What changed in `turn` (0-based, resolved) and why. A player sees its own side;
    a spectator (`seat` None) sees both."""
    s = game.summary(turn)
    report = TurnReport(turn, s.date)
    for side in SIDES:
        if seat is not None and side != seat:
            continue
        facts = s.sides[side]
        lines = []
        for name in EXPLAINED:
            f = figure(name)
            now = facts.after[f.key]
            text = f"{f.words} {f.change(now - facts.before[f.key], like=now)} {f.unit}"
            causes = causes_text(game, s, name, facts.causes.get(name, {}))
            if causes:
                text += f": {causes}"
            if name == "compute" and facts.short_of is not None \
                    and facts.after["inventory"] >= TINY:
                text += (f"; {figure('inventory').text(facts.after['inventory'])} stranded "
                         f"for lack of {facts.short_of}")
            lines.append(ReportLine(name, text))
        for name in STATED:
            f = figure(name)
            now = facts.after[name]
            lines.append(ReportLine(name, f"{f.words} {f.text(now)} "
                                          f"({f.change(now - facts.before[name], like=now)})"))
        report.sides[side] = lines
    tension = figure("tension")
    causes = causes_text(game, s, "tension", s.tension_causes)
    report.tension = (f"tension {tension.number(s.tension_after)} "
                      f"({tension.change(s.tension_after - s.tension_before)})"
                      + (f": {causes}" if causes else ""))
    report.events = [_item(s, e) for e in s.events]
    report.acting = acting_in_turn(game, turn)
    report.scores = {side: (s.outcome.scores[side],
                            s.outcome.scores[side] - s.sides[side].before["score"])
                     for side in SIDES}
    return report
