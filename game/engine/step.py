"""One quarter: the phases of DESIGN.md section 2, in order. Pure: no I/O, no clock."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine import (
    budget,
    capability,
    construction,
    crisis,
    deployment,
    events,
    market,
    observation,
    procurement,
    production,
    research,
    score,
    tension,
    trade,
    uncertainty,
)
from game.engine.log import TurnLog
from game.engine.orders import SideOrders, sanitize, stack_sides
from game.engine.params import Params
from game.engine.rules import Rules
from game.engine.state import WorldState, freeze_finished
from game.engine.types import CHINA, US, FloatArray

SeedArray = np.ndarray[Any, np.dtype[np.uint64]]

# The last batch's world (uncertainty.py): its seed array and rules, the drawn factors and
# the parameters they give. Both are pure functions of the seeds and the rules, and a game
# keeps its seed array from turn to turn (evolve shares it; nothing writes into it), so a
# batch draws its world once instead of every turn. Matched by identity; the entry holds
# its keys, so they cannot be freed and their ids reused.
_last_world: list[tuple[SeedArray, Rules, FloatArray, Params]] = []


def _world(seed: SeedArray, rules: Rules) -> tuple[FloatArray, Params]:
    for cached_seed, cached_rules, drawn, params in _last_world:
        if cached_seed is seed and cached_rules is rules:
            return drawn, params
    drawn = uncertainty.factors(seed, rules.uncertainty)
    params = uncertainty.drawn_params(rules.params, drawn)
    _last_world[:] = [(seed, rules, drawn, params)]
    return drawn, params


def step(
    state: WorldState,
    orders_us: SideOrders,
    orders_china: SideOrders,
    rules: Rules,
    turn: int,
    forced_events: tuple[int, ...] = (),
) -> tuple[WorldState, TurnLog]:
    """Resolve turn `turn` (0-based) for every game in the batch. `forced_events` are
    deck indices the facilitator injects at the end of this turn."""
    log = TurnLog(turn=turn)
    s = state
    # The world this game is played in (uncertainty.py), then the cards in force.
    drawn, world = _world(s.seed, rules)
    p = events.effective_params(s, world, rules.deck, drawn)
    s = events.apply_state_effects(s, rules.deck, log, drawn)

    # 1. Orders: policies take effect (events may force some), tension moves.
    alloc, training, policy = stack_sides(sanitize(orders_us, US), sanitize(orders_china, CHINA))
    forced = events.forced_policy(s, rules.deck)
    if forced is not None:
        policy = np.where(np.isnan(forced), policy, forced)
    s = tension.apply_policies(s, policy, p, log)
    spend = s.budget[:, :, None] * alloc  # (B, 2, 6) $B

    # 2-6. Construction, production, trade, procurement, deployment.
    s = construction.build(s, spend, p, log)
    s = production.advance_technology(s, p)
    output, _taiwan = production.produce(s, p, log)
    terms = trade.terms(s, output[:, US], p)
    s, chips_spent = procurement.procure(s, spend, output, terms, p, log)
    s = trade.exposure(s, log.flows["chips_smuggled"][:, CHINA], p, turn, log)
    s = deployment.deploy(s, p, log)

    # 7-10. Research, capability, market, budget.
    spend, unspent = research.redirect_unspent(spend, spend[:, :, 0] - chips_spent, p, log)
    s = research.research(s, spend, p, log)
    s = capability.advance_capability(s, training, p)
    s = market.clear(s, training, p)
    s = budget.next_budget(s, unspent, p, log, turn,
                           log.flows["chip_export_revenue"][:, US])

    # 11-13. Events, observation, score.
    grade = crisis.strike(s.seed, s.tension, s.over, p, turn)
    s = events.draw_events(s, rules.deck, turn, log, scripted=rules.injects.get(turn, ()),
                           facilitated=rules.facilitator_injects.get(turn, ()) + forced_events,
                           grade=grade, drawn=drawn)
    # Phase 12 changes only the intelligence stock: what each side then sees is a pure
    # function of the state after the turn (observation.estimates, keyed by turns
    # resolved), drawn when a side looks, so it is not stored twice.
    s = observation.accumulate_intel(s, spend)
    s = score.score(s, rules.victory, p, log, turn, grade)
    log.drawn = drawn

    log.flows["spend"] = spend
    log.flows["training_share"] = training
    log.flows["power_gw_change"] = s.power_gw - state.power_gw
    log.quiet_finished(state.over)
    return freeze_finished(state, s), log
