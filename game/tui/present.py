"""What the screens show, computed from the `Game` and nothing else.

Plain data (rows, series, report lines) with no Textual in sight, so the numbers a player
reads can be tested without a terminal and every one of them traces back to the engine:
`game.view(side)`, `game.figures(turn)`, the TurnLog's `contributions` and the deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.score import term_gains
from game.engine.types import SIDES, side_index
from game.model.clock import parse_quarter
from game.model.views import SideView
from game.session import Game

# --- the two sides: told apart by name and mark, never by colour alone -----------------

SIDE_NAME: dict[str, str] = {"us": "US bloc", "china": "China"}
SIDE_MARK: dict[str, str] = {"us": "■", "china": "▲"}


def side_label(side: str) -> str:
    return f"{SIDE_MARK[side]} {SIDE_NAME[side]}"


def other_side(side: str) -> str:
    return SIDES[1 - side_index(side)]


# --- figures ----------------------------------------------------------------------------

# The dashboard's figures, in the order a player reads them, with short labels and units.
DASHBOARD_FIGURES: dict[str, tuple[str, str]] = {
    "budget": ("Budget", "$B/q"),
    "compute": ("Compute in service", "M H100e"),
    "inventory": ("Stranded compute", "M H100e"),
    "power_gw": ("Power", "GW"),
    "dc_gw": ("Data centers", "GW"),
    "algo_efficiency": ("Algorithmic eff.", "×"),
    "hw_efficiency": ("Hardware eff.", "×"),
    "capability": ("Capability", "log10 FLOP"),
    "market_share": ("Market share", "%"),
    "revenue": ("Revenue", "$B/q"),
    "price": ("Price", "$/M tok"),
}

SHORT_LABELS: dict[str, str] = {
    "budget": "Budget $B", "compute": "Compute", "inventory": "Stranded", "power_gw": "Power GW",
    "dc_gw": "DCs GW", "algo_efficiency": "Algo eff.", "hw_efficiency": "HW eff.",
    "capability": "Capability", "market_share": "Market %", "revenue": "Revenue $B",
    "price": "$/M tok",
}


def format_value(metric: str, value: float) -> str:
    if metric == "market_share":
        return f"{value * 100:.1f}"
    if metric in ("capability", "algo_efficiency", "hw_efficiency"):
        return f"{value:.2f}"
    if metric == "price":
        return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def format_change(metric: str, delta: float | None) -> str:
    if delta is None:
        return ""
    if metric == "market_share":
        delta *= 100
    text = format_value("x" if metric == "market_share" else metric, delta)
    if float(text.replace(",", "")) == 0:
        return "±0"
    return text.replace("-", "−") if delta < 0 else f"+{text}"


@dataclass(frozen=True)
class FigureRow:
    name: str
    label: str
    value: str
    change: str
    unit: str


@dataclass(frozen=True)
class EstimateRow:
    name: str
    label: str
    value: str
    low: str
    high: str
    confidence: str
    unit: str


def view_of(game: Game, side: str) -> SideView:
    return game.view(side)


def figure_rows(game: Game, side: str) -> list[FigureRow]:
    """`side`'s own figures as the engine has them, with the change over the last turn."""
    now = game.figures()[side]
    before = game.figures(game.turn - 2)[side] if game.turn >= 1 else None
    rows = []
    for name, (label, unit) in DASHBOARD_FIGURES.items():
        delta = None if before is None else now[name] - before[name]
        rows.append(FigureRow(name, label, format_value(name, now[name]),
                              format_change(name, delta), unit))
    return rows


def estimate_rows(view: SideView) -> list[EstimateRow]:
    """The other side's figures as `view`'s side estimates them (ranges from the fog)."""
    rows = []
    for name, (label, unit) in DASHBOARD_FIGURES.items():
        est = view.other.get(name)
        if est is None:
            continue
        rows.append(EstimateRow(name, label, format_value(name, est.value),
                                format_value(name, est.low), format_value(name, est.high),
                                est.confidence, unit))
    return rows


# --- charts -----------------------------------------------------------------------------

CHART_METRICS: dict[str, str] = {
    "compute": "Compute in service (M H100e)",
    "capability": "Capability (log10 FLOP)",
    "market_share": "Market share (%)",
    "tension": "Tension (0-100)",
    "inventory": "Stranded compute (M H100e)",
}


@dataclass(frozen=True)
class Series:
    label: str
    side: str | None  # None: shared (tension)
    x: np.ndarray  # decimal years: 2025.0 is the start of 2025Q1
    y: np.ndarray
    estimated: bool = False


def _years(game: Game) -> np.ndarray:
    year, quarter = parse_quarter(game.scenario.clock.start)
    start = year + (quarter - 1) / 4
    return start + np.arange(game.turn + 1) / 4


def _view_at(game: Game, k: int, side: str) -> SideView:
    """The view `side` had after k resolved turns (k = 0: the opening), under the rules
    in force then."""
    return game.view_at(k, side)


def chart_series(game: Game, seat: str | None, metric: str) -> list[Series]:
    """Series over time for the chart. A player (`seat`) sees its own truth and the other
    side's estimates as they stood each quarter; a spectator (`seat` None) sees both."""
    x = _years(game)
    ks = range(game.turn + 1)
    if metric == "tension":
        y = np.array([float((game.opening if k == 0 else game.history[k - 1].state)
                            .tension[0]) for k in ks])
        return [Series("Tension", None, x, y)]
    scale = 100.0 if metric == "market_share" else 1.0
    out = []
    for side in SIDES:
        if seat is None or side == seat:
            y = np.array([game.figures(k - 1)[side][metric] for k in ks]) * scale
            out.append(Series(side_label(side), side, x, y))
        else:
            y = np.array([_view_at(game, k, seat).other[metric].value for k in ks]) * scale
            out.append(Series(f"{side_label(side)} (est.)", side, x, y, estimated=True))
    return out


# --- news -------------------------------------------------------------------------------


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
    return [NewsItem(turn, game.date_of(turn), deck.titles[k], _event_text(game, deck.ids[k]),
                     bool(deck.major[k]))
            for k in range(min(deck.size, fired.shape[0])) if fired[k]]


def _event_text(game: Game, event_id: str) -> str:
    """The card's text: the scenario's deck, or a facilitator's custom card."""
    card = getattr(game, "event_card", None)
    if callable(card):
        try:
            return str(card(event_id).text)
        except ValueError:
            return ""
    return next((e.text for e in game.scenario.events if e.id == event_id), "")


def news(game: Game) -> list[NewsItem]:
    """Every event that fired so far, newest first (events are public: both sides see)."""
    items: list[NewsItem] = []
    for t in range(game.turn - 1, -1, -1):
        items.extend(events_of_turn(game, t))
    return items


# --- the turn report --------------------------------------------------------------------

# TurnLog figure -> (METRICS name, words, unit). Each line's causes add up to its change.
EXPLAINED: tuple[tuple[str, str, str, str], ...] = (
    ("compute", "compute", "compute", "M H100e"),
    ("inventory", "inventory", "stranded compute", "M H100e"),
    ("power_gw", "power_gw", "power", "GW"),
    ("dc_gw", "dc_gw", "data centers", "GW"),
    ("algo_eff", "algo_efficiency", "algorithmic efficiency", "×"),
    ("budget", "budget", "budget", "$B"),
)
# Figures the report states with their change but no causes.
STATED: tuple[str, ...] = ("capability", "market_share", "revenue", "price", "hw_efficiency")
CAUSE_WORDS: dict[str, str] = {
    "us moves": "US bloc's moves", "china moves": "China's moves",
    "bounds": "held within 0-100",
}
TINY = 5e-4


def _signed(value: float, digits: int = 2) -> str:
    text = f"{value:+.{digits}f}"
    return text.replace("-", "−")


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


def _causes(causes: dict[str, np.ndarray], column: int | None) -> str:
    parts = []
    for cause, amount in causes.items():
        value = float(amount[0] if column is None else amount[0, column])
        if abs(value) >= TINY:
            parts.append(f"{_signed(value)} {CAUSE_WORDS.get(cause, cause)}")
    return ", ".join(parts)


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
        for figure, metric, words, unit in EXPLAINED:
            change = after[side][metric] - before[side][metric]
            causes = _causes(log.contributions.get(figure, {}), i)
            text = f"{words} {_signed(change)} {unit}"
            if causes:
                text += f": {causes}"
            if figure == "compute" and after[side]["inventory"] >= TINY:
                state = rec.state
                short = ("power" if state.power_gw[0, i] <= state.dc_gw[0, i]
                         else "data-center space")
                text += (f"; {after[side]['inventory']:.2f} stranded for lack of {short}")
            lines.append(ReportLine(figure, text))
        for metric in STATED:
            label, unit = DASHBOARD_FIGURES[metric]
            shown = format_value(metric, after[side][metric])
            moved = format_change(metric, after[side][metric] - before[side][metric])
            lines.append(ReportLine(metric, f"{label.lower()} {shown} {unit} ({moved})"))
        report.sides[side] = lines
    before_tension = float((game.opening if turn == 0 else game.history[turn - 1].state)
                           .tension[0])
    now_tension = float(rec.state.tension[0])
    report.tension = (f"tension {now_tension:.1f} ({_signed(now_tension - before_tension, 1)})"
                      + (f": {_causes(log.contributions['tension'], None)}"
                         if "tension" in log.contributions else ""))
    report.events = events_of_turn(game, turn)
    report.scores = {side: (after[side]["score"], after[side]["score"] - before[side]["score"])
                     for side in SIDES}
    return report


# --- the end ----------------------------------------------------------------------------

SCORE_TERM_WORDS = ("capability lead", "share of compute", "market share", "economy",
                    "stability")


@dataclass
class EndSummary:
    winner: str | None
    headline: str
    why: str
    scores: dict[str, float]
    terms: dict[str, list[tuple[str, float]]]  # side -> (term, points over or under par)


def end_summary(game: Game) -> EndSummary:
    """Who won and why, from the final state and the scenario's victory rules."""
    winner = game.winner()
    state = game.state
    last = game.history[-1].log if game.history else None
    if last is not None and last.crisis is not None and bool(last.crisis[0]):
        blamed = SIDES[int(state.last_escalator[0])] if state.last_escalator[0] >= 0 else "us"
        why = (f"Tension reached the crisis threshold in {game.date_of(game.turn - 1)}. "
               f"The crisis is blamed on the {SIDE_NAME[blamed]}, which escalated last.")
    elif bool(state.over[0]):
        why = _sudden_death_text(game) or "A sudden-death condition ended the game."
    else:
        why = (f"The clock ran out after {game.turn} quarters; the higher score wins "
               f"(within {game.rules.victory.draw_margin:g} points is a draw).")
    headline = "A draw" if winner is None else f"{side_label(winner)} wins"
    gains = term_gains(state, game.rules.victory, game.turn - 1 if game.history else None)[0]
    weights = game.rules.victory.weights
    terms = {}
    for i, side in enumerate(SIDES):
        w = weights[i] / weights[i].sum()
        terms[side] = [(word, float(50.0 * gains[i, k] * w[k]))
                       for k, word in enumerate(SCORE_TERM_WORDS)]
    return EndSummary(winner, headline, why, game.scores, terms)


def _sudden_death_text(game: Game) -> str | None:
    state = game.state
    for rule in game.scenario.victory.sudden_death:
        i = side_index(rule.side)
        values = getattr(state, rule.metric)[0]
        value = float(values[i] - values[1 - i]) if rule.lead else float(values[i])
        hit = value >= rule.at_least if rule.at_least is not None else (
            rule.at_most is not None and value <= rule.at_most)
        if hit:
            return rule.text or (f"{SIDE_NAME[rule.side]} {rule.metric} crossed its "
                                 f"threshold: {SIDE_NAME[rule.winner]} wins at once.")
    return None
