"""A side's belief about the world: the state as that side pictures it.

Simulating futures (the lookahead bot, the `hard` level, the advisor) needs a whole world
state, but a side may only use what it knows (`Known`): its own state exactly, the public
figures (policies in force, market shares and revenues, scores, tension, events, the world
market), its fogged estimates of the other side, the scenario's rules and its opening
position (both public), and the turn. `belief_state` builds the world from that alone:
it is never given the true state, so nothing of the other side's hidden truth can reach a
bot's simulation.

The other side's figures in the belief:

- estimated figures (budget, compute, inventory, power, data centers, power drawn,
  efficiencies, capability, fab yield) are its estimates, as the side's screen shows them;
- chip energy and serving efficiency equal the side's own: both grow at one public rate
  from the same start;
- the budget's exogenous base is the opening budget grown on the public schedule
  (budget_growth, decaying by budget_growth_decay each quarter);
- fab capacity (home and, for the US bloc, Taiwan), the pipelines' timing and the
  intelligence stock come from an assumed history: the quarters since the opening are
  replayed with the engine's own construction and intelligence rules, the other side
  spending the balanced bot's base shares (`ASSUMED_ALLOCATION`) of a budget that grows
  geometrically from its opening budget to its estimated budget now, under the policies
  in force now. The data-center and power pipelines keep that timing but are scaled to
  their estimated totals; fab capacity, which no estimate covers, is the replay's;
- the market price follows from the believed efficiencies and the public policies, and
  tokens served from the public revenue at that price.

The rules are deliberately simple: a side that builds in secret beyond the assumed pace
surprises the other, as it should. Events that changed the other side's hidden stocks
(a budget cut, a new fab) are not replayed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.engine import budget, construction, market
from game.engine.log import TurnLog
from game.engine.observation import OBSERVED, accumulate_intel
from game.engine.params import Params
from game.engine.state import PIPELINE_SLOTS, STATE_FIELDS, WorldState
from game.engine.tables import clamp, per_side
from game.engine.types import US, FloatArray

# Every field of the state, by whom it belongs to. A new field must be placed here (the
# check below fails otherwise), which decides whether the other side's value is public.
SHARED_FIELDS: tuple[str, ...] = (
    "seed", "demand_trend", "price_index", "tension", "last_escalator", "over", "event_left", "event_fired",
)
SIDE_FIELDS: tuple[str, ...] = (  # a column (or a row of pipeline slots) per side
    "budget", "budget_base", "fab_home", "fab_pipe", "fab_yield", "hw_eff", "energy_eff",
    "serving_eff", "compute", "inventory", "power_used_gw", "dc_gw", "power_gw", "dc_pipe",
    "power_pipe", "algo_eff", "capability", "market_share", "revenue", "tokens", "price",
    "intel", "policy", "score", "score_anchor", "serve_extra", "frontier_price",
    "token_share", "home_share", "world_share", "income", "escalation", "blame", "points_sum",
)
US_FIELDS: tuple[str, ...] = ("fab_taiwan", "taiwan_pipe")  # Taiwan's fabs serve the US bloc
# Per-side fields anyone can see: policies in force, the inference market's shares and
# revenues, the scores and the opening's score terms they are measured from.
PUBLIC_SIDE_FIELDS: tuple[str, ...] = (
    "policy", "market_share", "revenue", "score", "score_anchor", "frontier_price",
    "token_share", "home_share", "world_share", "escalation", "blame", "points_sum",
)
# The other side's fields taken straight from the side's estimates.
ESTIMATED_FIELDS: tuple[str, ...] = (
    "budget", "compute", "inventory", "power_gw", "dc_gw", "power_used_gw", "algo_eff",
    "hw_eff", "capability", "fab_yield",
)
# Pipelines whose total is estimated (their timing is not).
ESTIMATED_TOTALS: dict[str, str] = {"dc_pipe": "dc_pipeline_gw",
                                    "power_pipe": "power_pipeline_gw"}
# Every other field of the other side is derived by the rules in the module docstring.

if sorted((*SHARED_FIELDS, *SIDE_FIELDS, *US_FIELDS)) != sorted(STATE_FIELDS):
    raise AssertionError("belief.py must place every WorldState field")

_INDEX = {name: i for i, name in enumerate(OBSERVED)}


@dataclass(frozen=True, slots=True)
class Known:
    """Everything one side may use to picture the world, and all `belief_state` sees."""

    side: int
    turn: int  # turns resolved
    own: Mapping[str, np.ndarray]  # the side's own part of every SIDE_FIELD (and US_FIELD)
    public: Mapping[str, np.ndarray]  # SHARED_FIELDS and PUBLIC_SIDE_FIELDS, both sides
    estimates: FloatArray  # (B, K) the side's estimates of the other, OBSERVED order
    opening: WorldState  # the scenario's opening position (public): batch 1 or B
    params: Params  # the parameters in force: the rules and the events in force (public)

    @property
    def batch(self) -> int:
        return int(self.estimates.shape[0])


def what_side_knows(state: WorldState, params: Params, turn: int, side: int,
                    estimates: FloatArray, opening: WorldState) -> Known:
    """What `side` knows of `state`: its own part and the public fields, copied (a view
    would keep the other side's column reachable), with its estimates and the public
    rules and opening. The only place where a belief meets the true state."""
    if opening.batch not in (1, state.batch):
        raise ValueError(f"the opening has {opening.batch} games, the state {state.batch}")
    own = {name: np.array(getattr(state, name)[:, side]) for name in SIDE_FIELDS}
    if side == US:
        own.update({name: np.array(getattr(state, name)) for name in US_FIELDS})
    public = {name: getattr(state, name) for name in (*SHARED_FIELDS, *PUBLIC_SIDE_FIELDS)}
    return Known(side, turn, own, public, np.array(estimates), opening, params)


def belief_state(known: Known) -> WorldState:
    """The world as `known.side` believes it to be (see the module docstring)."""
    side, other, b = known.side, 1 - known.side, known.batch
    theirs = _other_side(known)
    fields: dict[str, np.ndarray] = dict(known.public)
    for name in SIDE_FIELDS:
        if name in PUBLIC_SIDE_FIELDS:
            continue
        own = known.own[name]
        both = np.empty((b, 2, *own.shape[1:]), dtype=own.dtype)
        both[:, side] = own
        both[:, other] = theirs[name]
        fields[name] = both
    for name in US_FIELDS:
        fields[name] = known.own[name] if side == US else theirs[name]
    belief = WorldState(**fields)
    # The price follows from the believed efficiencies and the public policies; revenue
    # (public) = tokens served x price.
    price = belief.price.copy()
    price[:, other] = market.prices(belief, known.params)[:, other]
    tokens = belief.tokens.copy()
    tokens[:, other] = belief.revenue[:, other] / np.maximum(
        belief.frontier_price[:, other], 1e-12)
    return belief.evolve(price=price, tokens=tokens)


def _other_side(known: Known) -> dict[str, np.ndarray]:
    """The other side's part of every non-public field, from estimates and rules."""
    est = known.estimates
    theirs: dict[str, np.ndarray] = {name: est[:, _INDEX[name]] for name in ESTIMATED_FIELDS}
    for name in ("energy_eff", "serving_eff"):  # one public rate for both sides
        theirs[name] = known.own[name]
    replay = replay_since_opening(known)
    other = 1 - known.side
    for name in ("budget_base", "fab_home", "fab_pipe", "intel"):
        theirs[name] = getattr(replay, name)[:, other]
    if other == US:
        theirs["fab_taiwan"] = replay.fab_taiwan
        theirs["taiwan_pipe"] = replay.taiwan_pipe
    for name, figure in ESTIMATED_TOTALS.items():
        theirs[name] = _scaled_to(getattr(replay, name)[:, other], est[:, _INDEX[figure]],
                                  _lead(known.params, name, other, known.batch))
    # Imported export-grade chips are seen as compute; their serving extra is not.
    theirs["serve_extra"] = np.zeros(known.batch)
    theirs["income"] = theirs["budget"]  # no reserve assumed: the budget is all income
    # Placeholders: belief_state sets them from the believed figures (the price needs a
    # whole state to compute from).
    theirs["price"] = np.zeros(known.batch)
    theirs["tokens"] = np.zeros(known.batch)
    return theirs


def assumed_allocation() -> FloatArray:
    """The budget shares the other side is assumed to have spent: the balanced bot's base
    allocation, the opponent the lookahead plays its futures against."""
    from game.bots.balanced import BASE_ALLOCATION  # balanced imports the observation

    return BASE_ALLOCATION


def replay_since_opening(known: Known) -> WorldState:
    """The opening position (public) advanced through the quarters resolved so far with
    the engine's budget-base, construction and intelligence rules, both sides spending
    `assumed_allocation()` of their budget path under the policies in force now. Only
    the other side's part is used: the own side knows its own."""
    opening = known.opening
    if opening.batch != known.batch:
        opening = opening.take(np.zeros(known.batch, dtype=np.int64))
    opening = opening.evolve(policy=known.public["policy"])
    # The base grows on the public schedule: replay it first, the budget path follows it.
    unspent = np.zeros((known.batch, 2))
    bases = [opening.budget_base]
    s = opening
    for k in range(known.turn):
        s = budget.next_budget(s, unspent, known.params, TurnLog(turn=k), k)
        bases.append(s.budget_base)
    path = budget_path(known, np.stack(bases, axis=-1)[:, 1 - known.side])
    shares = assumed_allocation()
    s = opening
    for k in range(known.turn):
        spend = np.repeat(path[:, k, None], 2, axis=1)[:, :, None] * shares
        s = construction.build(s, spend, known.params, TurnLog(turn=k))
        s = accumulate_intel(s, spend)
    return s.evolve(budget_base=bases[-1])


def budget_path(known: Known, bases: FloatArray) -> FloatArray:
    """(B, T) the other side's assumed budget in each quarter since the opening, from its
    base on the public schedule `bases` (B, T + 1): the budget's ratio to its base moves
    geometrically from the opening's to the estimated budget's now."""
    other, t = 1 - known.side, known.turn
    start = np.maximum(np.broadcast_to(known.opening.budget[:, other] / np.maximum(
        known.opening.budget_base[:, other], 1e-9), (known.batch,)), 1e-9)
    now = np.maximum(known.estimates[:, _INDEX["budget"]] / np.maximum(bases[:, t], 1e-9),
                     1e-9)
    ratio = start[:, None] * np.power((now / start)[:, None],
                                      (np.arange(t) / max(t, 1))[None, :])
    path: FloatArray = bases[:, :t] * ratio
    return path


def _lead(params: Params, pipe: str, side: int, batch: int) -> FloatArray:
    lead = params.dc_lead if pipe == "dc_pipe" else params.power_lead
    value = np.broadcast_to(per_side(lead, batch)[..., side], (batch,))
    return clamp(np.rint(value), 1, PIPELINE_SLOTS)


def _scaled_to(shape: FloatArray, total: FloatArray, lead: FloatArray) -> FloatArray:
    """`shape` (B, L) rescaled to sum to `total` (B,); spread evenly over the first
    `lead` slots where the shape is empty."""
    have = shape.sum(axis=-1)
    even = (np.arange(PIPELINE_SLOTS)[None, :] < lead[:, None]) / lead[:, None]
    timing = np.where((have > 0)[:, None], shape / np.maximum(have, 1e-12)[:, None], even)
    scaled: FloatArray = timing * total[:, None]
    return scaled
