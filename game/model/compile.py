"""From the scenario model to the engine's arrays: Rules and the opening state."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.engine.orders import POLICIES
from game.engine.params import PARAM_NAMES, Params, params_from_mapping
from game.engine.rules import (
    SCORE_TERMS,
    Condition,
    Effect,
    EventDeck,
    Rules,
    SuddenDeath,
    VictoryRules,
)
from game.engine.setup import START_FIELDS, initial_state
from game.engine.state import WorldState
from game.engine.types import side_index
from game.model.clock import turn_of
from game.model.risk import CRISIS_GRADES
from game.model.scenario import MultiplyEffect, Scenario, SetPolicyEffect

_SIDE_MASK = {"us": np.array([True, False]), "china": np.array([False, True]),
              "both": np.array([True, True])}


def compile_params(scenario: Scenario) -> Params:
    values = {}
    for name in PARAM_NAMES:
        us, china = getattr(scenario.params, name).rows()
        values[name] = np.array([us, china], dtype=np.float64)
    return params_from_mapping(values)


def compile_deck(scenario: Scenario) -> EventDeck:
    events = scenario.events
    start, turns = scenario.clock.start, scenario.clock.turns
    # Before clock.random_events_from no card fires by chance (injects still do).
    quiet = turn_of(start, scenario.clock.random_events_from) \
        if scenario.clock.random_events_from else 0
    effects: list[Effect] = []
    conditions: list[Condition] = []
    for i, ev in enumerate(events):
        for c in ev.when.metrics:
            at_least = c.at_least is not None
            value = c.at_least if c.at_least is not None else c.at_most
            assert value is not None
            conditions.append(Condition(i, side_index(c.side), c.metric, at_least, value))
        for pc in ev.when.policies:
            at_least = pc.at_least is not None
            value = pc.at_least if pc.at_least is not None else pc.at_most
            assert value is not None
            conditions.append(Condition(i, side_index(pc.side), "policy", at_least, value,
                                        pc.column))
        for e in ev.effects:
            if isinstance(e, SetPolicyEffect):
                effects.append(Effect(i, "set_policy", e.policy, "policy", _SIDE_MASK[e.side],
                                      e.value, POLICIES[e.side].index(e.policy)))
            else:
                on = "param" if e.param is not None else "state"
                target = e.param if e.param is not None else e.state
                assert target is not None
                kind = "multiply" if isinstance(e, MultiplyEffect) else "add"
                column = -1 if e.level is None else e.level
                effects.append(Effect(i, kind, target, on, _SIDE_MASK[e.side], e.value, column))
    return EventDeck(
        ids=tuple(e.id for e in events),
        titles=tuple(e.title for e in events),
        major=np.array([e.major for e in events], dtype=bool),
        turn_min=np.array([max(turn_of(start, e.when.start) if e.when.start else 0, quiet)
                           for e in events], dtype=np.int64),
        turn_max=np.array([turn_of(start, e.when.end) if e.when.end else turns
                           for e in events], dtype=np.int64),
        tension_min=np.array([e.when.tension_min for e in events], dtype=np.float64),
        tension_max=np.array([e.when.tension_max for e in events], dtype=np.float64),
        probability=np.array([e.probability for e in events], dtype=np.float64),
        once=np.array([e.once for e in events], dtype=bool),
        duration=np.array([e.duration for e in events], dtype=np.int64),
        conditions=tuple(conditions),
        effects=tuple(effects),
        crisis=np.array([0 if e.crisis is None else 1 + CRISIS_GRADES.index(e.crisis)
                         for e in events], dtype=np.int64),
        provoked_by=np.array([-1 if e.provoked_by is None else side_index(e.provoked_by.by)
                              for e in events], dtype=np.int64),
        provocation=np.array([0.0 if e.provoked_by is None else e.provoked_by.per_point
                              for e in events], dtype=np.float64),
    )


def compile_victory(scenario: Scenario) -> VictoryRules:
    v = scenario.victory
    rules = []
    for r in v.sudden_death:
        at_least = r.at_least is not None
        value = r.at_least if r.at_least is not None else r.at_most
        assert value is not None
        rules.append(SuddenDeath(side_index(r.side), r.metric, at_least, value, r.lead,
                                 side_index(r.winner)))
    weights = np.array([v.us.as_list(), v.china.as_list()], dtype=np.float64)
    assert weights.shape == (2, len(SCORE_TERMS))
    return VictoryRules(weights, v.capability_scale, v.draw_margin, tuple(rules))


def compile_rules(scenario: Scenario) -> Rules:
    deck = compile_deck(scenario)
    index = {event_id: i for i, event_id in enumerate(deck.ids)}
    injects: dict[int, tuple[int, ...]] = {}
    for inject in scenario.injects:
        turn = turn_of(scenario.clock.start, inject.at)
        injects[turn] = injects.get(turn, ()) + (index[inject.event_id],)
    return Rules(compile_params(scenario), scenario.uncertainty.compile(), deck,
                 compile_victory(scenario), injects)


@lru_cache(maxsize=16)
def _rules_cached(scenario: Scenario) -> Rules:
    return compile_rules(scenario)


def rules_for(scenario: Scenario) -> Rules:
    """Compiled rules, cached per scenario (scenarios are frozen and hashable)."""
    try:
        return _rules_cached(scenario)
    except TypeError:  # unhashable content: compile afresh
        return compile_rules(scenario)


def opening_state(scenario: Scenario, seeds: np.ndarray, rules: Rules | None = None) -> WorldState:
    rules = rules or rules_for(scenario)
    st = scenario.start
    start = {name: np.array([getattr(st.us, name), getattr(st.china, name)])
             for name in START_FIELDS}
    policy = np.array([
        [float(getattr(st.us.policies, n)) for n in POLICIES["us"]],
        [float(getattr(st.china.policies, n)) for n in POLICIES["china"]],
    ])
    training = np.array([st.us.training_share, st.china.training_share])
    state = initial_state(seeds, start, st.us.fab_taiwan, policy, st.tension, training, rules)
    pipes = {}
    for name in ("dc", "power", "fab"):
        pipe = np.zeros(state.dc_pipe.shape[1:])
        for side, start_side in enumerate((st.us, st.china)):
            arriving = getattr(start_side, f"{name}_pipeline")
            pipe[side, :len(arriving)] = arriving
        pipes[f"{name}_pipe"] = np.repeat(pipe[None], state.batch, axis=0)
    taiwan = np.zeros(state.taiwan_pipe.shape[1:])
    taiwan[:len(st.us.taiwan_pipeline)] = st.us.taiwan_pipeline
    pipes["taiwan_pipe"] = np.repeat(taiwan[None], state.batch, axis=0)
    return _cards_in_force(state.evolve(**pipes), scenario, rules)


def _cards_in_force(state: WorldState, scenario: Scenario, rules: Rules) -> WorldState:
    """Cards the scenario opens with are active from the first quarter, as if they had
    fired just before it (so a once-only card does not fire again)."""
    if not scenario.start.events:
        return state
    left, fired = state.event_left.copy(), state.event_fired.copy()
    for card_id in scenario.start.events:
        k = rules.deck.ids.index(card_id)
        duration = int(rules.deck.duration[k])
        left[:, k] = duration if duration > 0 else -1
        fired[:, k] += 1
    return state.evolve(event_left=left, event_fired=fired)
