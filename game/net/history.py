"""A team seat's history and advisor: what the server sends for the dashboard's charts, the
turn reports, the end screen and the advisor panel, and how the client reads it back.

The fog of war is applied here, on the server, before anything leaves: a side receives its
own views (`Game.view_at`, already fogged), and each quarter's summary with the other
side's figures cut to the public ones (score, market share and revenue, exact in every
view), its causes withheld, and the score goals whose values are computed from hidden
figures (capability lead, share of compute, economy) without their value, gain, points
and running points, for both sides: a side's own compute share would give away the
other's compute, its economy share the other's income, and the running points of any of
them, quarter after quarter, the value itself. The goals' weights and par stay, and so do
the public goals' points and the score itself.

The advisor runs on the server from the side's own belief state (`Game.forecast`, which
never reads the other side's truth); only its percentiles are sent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

import numpy as np

from game.analysis.forecast import Band, Forecast, HorizonForecast
from game.engine import events
from game.engine.params import Params
from game.model.errors import InputError
from game.model.orders import parse_orders
from game.net.protocol import Refused
from game.session import Game, GameOver
from game.summary import EventFact, Outcome, SideSummary, TermFact, TurnSummary, opening_terms

# The other side's figures a team may read exactly (every view shows them exact).
PUBLIC_FIGURES: tuple[str, ...] = ("score", "market_share", "revenue")
# Score goals whose value is computed from the other side's hidden figures.
FOGGED_TERMS: frozenset[str] = frozenset({"capability", "compute_share", "economy"})
NAN = float("nan")


# --- the fog ------------------------------------------------------------------------------
def fogged_terms(terms: tuple[TermFact, ...]) -> tuple[TermFact, ...]:
    return tuple(replace(t, value=NAN, gain=NAN, points=NAN, game_points=NAN)
                 if t.name in FOGGED_TERMS
                 else t for t in terms)


def fogged_side(facts: SideSummary, own: bool) -> SideSummary:
    if own:
        return replace(facts, terms=fogged_terms(facts.terms))
    return SideSummary(before={n: facts.before[n] for n in PUBLIC_FIGURES},
                       after={n: facts.after[n] for n in PUBLIC_FIGURES},
                       terms=fogged_terms(facts.terms), causes={}, stranded=False,
                       short_of=None)


def fogged_summary(summary: TurnSummary, side: str) -> TurnSummary:
    """`summary` as `side` may read it (the state's digest withheld too)."""
    return replace(summary, sides={k: fogged_side(v, k == side)
                                   for k, v in summary.sides.items()}, digest="")


def fogged_opening(game: Game, side: str) -> dict[str, tuple[TermFact, ...]]:
    """The goals at the opening, `side` first (it is the side whose views the seat reads)."""
    terms = opening_terms(game.opening, game.rules)
    return {k: fogged_terms(terms[k]) for k in sorted(terms, key=lambda k: k != side)}


def params_changed(game: Game) -> dict[str, Any]:
    """The parameters the cards in force change this quarter, as they stand (JSON)."""
    base = game.rules.params
    now = events.effective_params(game.state, base, game.rules.deck)
    targets = {e.target for e in game.rules.deck.effects if e.on == "param"}
    return {name: np.asarray(getattr(now, name)).tolist() for name in sorted(targets)
            if not np.array_equal(np.asarray(getattr(now, name)),
                                  np.asarray(getattr(base, name)))}


def with_changes(base: Params, changed: Mapping[str, Any] | None) -> Params:
    if not changed:
        return base
    return base.with_values(**{name: np.asarray(v, dtype=np.float64)
                               for name, v in changed.items()})


# --- what the server answers ----------------------------------------------------------------
def seat_history(game: Game, side: str, since: int) -> dict[str, Any]:
    """`side`'s views after quarters `since`.. and the fogged summaries of those quarters
    (the current view is in every table update)."""
    turns = range(min(since, game.turn), game.turn)
    out: dict[str, Any] = {
        "turn": game.turn,
        "views": [game.view_at(k, side).model_dump(mode="json") for k in turns],
        "summaries": [summary_json(fogged_summary(game.summary(k), side)) for k in turns],
    }
    if since == 0:
        out["opening_terms"] = {k: [_json(asdict(t)) for t in v]
                                for k, v in fogged_opening(game, side).items()}
    return out


def advise(game: Game, side: str, orders: dict[str, Any], futures: int) -> dict[str, Any]:
    try:
        parsed = parse_orders(side, orders)
        return game.forecast(side, parsed, futures=futures).as_dict()
    except InputError as exc:
        raise Refused("refused", "orders refused: " + "; ".join(exc.problems)) from None
    except (GameOver, ValueError) as exc:
        raise Refused("refused", str(exc)) from None


# --- JSON both ways (NaN, a withheld value, travels as null) --------------------------------
def _json(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _float(value: Any) -> float:
    return NAN if value is None else float(value)


def summary_json(summary: TurnSummary) -> dict[str, Any]:
    data: dict[str, Any] = _json(asdict(summary))
    return data


def term_from(data: Mapping[str, Any]) -> TermFact:
    return TermFact(data["name"], *(_float(data[k]) for k in
                                    ("value", "par", "gain", "weight", "points",
                                     "game_points")))


def summary_from(data: Mapping[str, Any]) -> TurnSummary:
    sides = {side: SideSummary(
        before={k: _float(v) for k, v in facts["before"].items()},
        after={k: _float(v) for k, v in facts["after"].items()},
        terms=tuple(term_from(t) for t in facts["terms"]),
        causes={f: {c: _float(v) for c, v in causes.items()}
                for f, causes in facts["causes"].items()},
        stranded=bool(facts["stranded"]), short_of=facts["short_of"])
        for side, facts in data["sides"].items()}
    o = data["outcome"]
    return TurnSummary(
        turn=int(data["turn"]), date=data["date"], sides=sides,
        events=tuple(EventFact(**e) for e in data["events"]), active=tuple(data["active"]),
        tension_before=_float(data["tension_before"]),
        tension_after=_float(data["tension_after"]),
        tension_causes={c: _float(v) for c, v in data["tension_causes"].items()},
        outcome=Outcome(over=bool(o["over"]), crisis=bool(o["crisis"]), blamed=o["blamed"],
                        sudden_death=o["sudden_death"], winner=o["winner"],
                        scores={k: _float(v) for k, v in o["scores"].items()}),
        digest=data["digest"])


def forecast_from(data: Mapping[str, Any]) -> Forecast:
    return Forecast(
        side=data["side"], turn=int(data["turn"]), futures=int(data["futures"]),
        horizons=tuple(HorizonForecast(
            quarters=int(h["quarters"]), turn=int(h["turn"]), crisis=float(h["crisis"]),
            figures={name: Band(float(b["p10"]), float(b["p50"]), float(b["p90"]))
                     for name, b in h["figures"].items()})
            for h in data["horizons"]))
