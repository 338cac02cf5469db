"""The shipped scenario library: every scenario validates, tells its own story, plays to
the end with the default bots on many seeds without the engine misbehaving, and its event
cards fire under their conditions and never outside them."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields

import numpy as np
import pytest

from game.bots.observation import observe
from game.bots.players import ScriptedTurns, make_player, parse_player
from game.cli import main
from game.engine import events
from game.engine.log import TurnLog
from game.engine.orders import POLICIES
from game.engine.state import WorldState
from game.engine.step import step
from game.model import load_scenario, opening_state, rules_for, shipped_names
from game.model.clock import turn_of
from game.model.loader import SCENARIO_DIR
from game.model.scenario import Event, Scenario

LIBRARY = ("baseline-2025", "history-2025", "tutorial", "strait-crisis", "full-decoupling",
           "open-door", "power-crunch", "efficiency-shock")
SEEDS = np.arange(96, dtype=np.uint64)
# Stocks that can never be negative, and figures that are shares.
STOCKS = ("budget", "budget_base", "fab_home", "fab_taiwan", "fab_pipe", "taiwan_pipe",
          "compute", "inventory", "power_used_gw", "dc_gw", "power_gw", "dc_pipe", "power_pipe",
          "intel", "revenue", "tokens", "price")
POSITIVE = ("hw_eff", "energy_eff", "serving_eff", "algo_eff", "demand_trend")
SHARES = ("fab_yield", "market_share")


@dataclass
class Played:
    """A batch of games stepped turn by turn, keeping every state."""

    scenario: Scenario
    states: list[WorldState]  # opening, then after each turn
    logs: list[TurnLog]


def play(name: str, seeds: np.ndarray = SEEDS) -> Played:
    scenario = load_scenario(name)
    rules = rules_for(scenario)
    players = [make_player(parse_player("bot:balanced"), side, scenario)
               for side in ("us", "china")]
    scripted = ScriptedTurns(scenario)
    state = opening_state(scenario, seeds, rules)
    states, logs = [state], []
    for turn in range(scenario.clock.turns):
        orders = []
        for i, side in enumerate(("us", "china")):
            fixed = scripted.get(turn, side)
            if fixed is not None:
                arrays = fixed.to_arrays()
                orders.append(type(arrays)(*(np.repeat(a, state.batch, axis=0)
                                             for a in (arrays.allocation,
                                                       arrays.training_share,
                                                       arrays.policy))))
            else:
                orders.append(players[i].orders(
                    observe(state, rules, turn, scenario.clock.turns, i)))
        state, log = step(state, orders[0], orders[1], rules, turn)
        states.append(state)
        logs.append(log)
    return Played(scenario, states, logs)


_CACHE: dict[str, Played] = {}


def played(name: str) -> Played:
    if name not in _CACHE:
        _CACHE[name] = play(name)
    return _CACHE[name]


# --- the library is there and tells its stories ------------------------------------------


def test_the_library_holds_the_eight_scenarios() -> None:
    assert set(LIBRARY) <= set(shipped_names())


def test_scenarios_command_lists_name_title_turns_and_description(capsys) -> None:
    assert main(["scenarios", "--format", "json"]) == 0
    listed = {s["name"]: s for s in json.loads(capsys.readouterr().out)}
    for name in LIBRARY:
        scenario = load_scenario(name)
        assert listed[name]["title"] == scenario.title
        assert listed[name]["turns"] == scenario.clock.turns
        assert listed[name]["description"] == scenario.description
        summary = listed[name]["summary"]
        assert " ".join(scenario.description.split()).startswith(summary)
        assert ". " not in summary  # one sentence
    assert main(["scenarios"]) == 0
    table = capsys.readouterr().out
    for name in LIBRARY:
        assert name in table


def test_validate_passes_every_shipped_scenario(capsys) -> None:
    paths = [str(SCENARIO_DIR / f"{name}.toml") for name in LIBRARY]
    assert main(["validate", *paths]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == paths
    assert all(": ok" in line for line in out)


@pytest.mark.parametrize("name", LIBRARY)
def test_each_scenario_has_its_own_briefings_sources_and_deck(name: str) -> None:
    scenario = load_scenario(name)
    own = tomllib.loads((SCENARIO_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    assert scenario.briefing.us.strip() and scenario.briefing.china.strip()
    assert scenario.sources and scenario.events
    assert scenario.victory.us.as_list() and scenario.victory.china.as_list()
    if scenario.extends is None:
        return
    # A child that forgot to write its story would silently tell its parent's.
    parent = load_scenario(scenario.extends)
    for part in ("title", "description", "briefing", "sources"):
        assert part in own, f"{name} inherits its {part} from {scenario.extends}"
        assert getattr(scenario, part) != getattr(parent, part)
    assert own.get("events") or own.get("injects"), f"{name} has no cards of its own"


# --- playable to the end ----------------------------------------------------------------


@pytest.mark.parametrize("name", LIBRARY)
def test_each_scenario_plays_to_the_end_without_the_engine_misbehaving(name: str) -> None:
    result = played(name)
    assert len(result.states) == result.scenario.clock.turns + 1
    for turn, state in enumerate(result.states):
        for f in fields(state):
            value = getattr(state, f.name)
            if value.dtype.kind == "f":
                assert np.all(np.isfinite(value)), f"{name}: {f.name} not finite at {turn}"
        for stock in STOCKS:
            assert np.all(getattr(state, stock) >= 0), f"{name}: {stock} < 0 at turn {turn}"
        for figure in POSITIVE:
            assert np.all(getattr(state, figure) > 0), f"{name}: {figure} <= 0 at {turn}"
        for share in SHARES:
            value = getattr(state, share)
            assert np.all((value >= 0) & (value <= 1)), f"{name}: {share} at {turn}"
        assert np.all((state.tension >= 0) & (state.tension <= 100))
        assert np.all((state.score >= 0) & (state.score <= 100))


@pytest.mark.parametrize("name", LIBRARY)
def test_each_scenario_plays_out_in_a_batch_sweep(name: str) -> None:
    """The batch runner sweeps use: every metric finite and non-negative on every seed."""
    from game.analysis.batch import run_batch

    scenario = load_scenario(name)
    result = run_batch(scenario, np.arange(1000, 1128, dtype=np.uint64))
    assert result.turns == scenario.clock.turns
    for metric, values in result.metrics.items():
        assert values.shape[:2] == (scenario.clock.turns, 128)
        assert np.all(np.isfinite(values)), f"{name}: {metric} not finite"
        assert np.all(values >= 0), f"{name}: {metric} negative"


# --- events fire under their conditions and never outside them ---------------------------


def conditions_hold(scenario: Scenario, card: Event, turn: int, state: WorldState) -> np.ndarray:
    """(B,) where the card's `when` holds at the end of `turn`, read from the scenario
    model (not the compiled deck), as an independent check on the engine."""
    w = card.when
    start = scenario.clock.start
    ok = np.ones(state.batch, dtype=bool)
    if w.start is not None and turn < turn_of(start, w.start):
        ok[:] = False
    if w.end is not None and turn > turn_of(start, w.end):
        ok[:] = False
    quiet_until = scenario.clock.random_events_from
    if quiet_until is not None and turn < turn_of(start, quiet_until):
        ok[:] = False
    ok &= (state.tension >= w.tension_min) & (state.tension <= w.tension_max)
    for c in w.metrics:
        value = getattr(state, c.metric)[:, 0 if c.side == "us" else 1]
        ok &= value >= c.at_least if c.at_least is not None else value <= c.at_most  # type: ignore[operator]
    for pc in w.policies:
        side = 0 if pc.side == "us" else 1
        level = state.policy[:, side, POLICIES[pc.side].index(pc.policy)]
        ok &= level >= pc.at_least if pc.at_least is not None else level <= pc.at_most  # type: ignore[operator]
    return ok


@pytest.mark.parametrize("name", LIBRARY)
def test_events_fire_only_under_their_conditions(name: str) -> None:
    result = played(name)
    scenario = result.scenario
    injected = {(turn_of(scenario.clock.start, i.at), i.event) for i in scenario.injects}
    ids = [card.id for card in scenario.events]
    for turn, log in enumerate(result.logs):
        before, after = result.states[turn], result.states[turn + 1]
        assert log.events_fired is not None
        for k, card in enumerate(scenario.events):
            fired = log.events_fired[:, k]
            if (turn, card.id) in injected:
                # (a game already over fires nothing: the engine freezes it)
                assert fired[~before.over].all(), \
                    f"{name}: inject {card.id} did not fire at turn {turn}"
                continue
            assert log.event_source is not None
            by_crisis = log.event_source[:, k] == events.CRISIS
            assert card.crisis is not None or not by_crisis.any(), \
                f"{name}: {card.id} fired as a crisis but has no crisis grade"
            if card.probability == 0 and card.provoked_by is None:
                assert not (fired & ~by_crisis).any(), f"{name}: {card.id} fired without an inject"
            holds = conditions_hold(scenario, card, turn, after)
            assert not (fired & ~holds).any(), f"{name}: {card.id} fired outside its conditions"
            if card.once:
                assert not (fired & (before.event_fired[:, k] > 0)).any(), \
                    f"{name}: once-only {card.id} fired twice"
            # an active card does not fire again until it has run its course
            still_active = (before.event_left[:, k] > 1) | (before.event_left[:, k] < 0)
            assert not (fired & still_active).any(), f"{name}: {card.id} fired while active"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", LIBRARY)
def test_events_fire_at_their_probability_when_they_can(name: str) -> None:
    """Over many seeds, a card fires in about `probability` of the quarters in which it
    could: its conditions hold, it is not active, and (once-only) it has not fired yet."""
    result = played(name)
    scenario = result.scenario
    deck = rules_for(scenario).deck
    for k, card in enumerate(scenario.events):
        if card.probability == 0 and card.provoked_by is None:
            continue
        chances = fires = 0
        expected = variance = 0.0
        for turn, log in enumerate(result.logs):
            before, after = result.states[turn], result.states[turn + 1]
            left_now = np.where(before.event_left[:, k] > 0, before.event_left[:, k] - 1,
                                before.event_left[:, k])
            free = left_now == 0
            if card.once:
                free &= before.event_fired[:, k] == 0
            can = conditions_hold(scenario, card, turn, after) & free & ~before.over
            chances += int(can.sum())
            assert log.events_fired is not None and log.event_source is not None
            # A card fired by a crisis (test_crisis.py) is not a draw of its own chance.
            can &= log.event_source[:, k] != events.CRISIS
            fires += int((log.events_fired[:, k] & can).sum())
            # Its chance: the probability, plus the provoking side's recent escalation.
            p = events.chances(after, deck)[:, k][can]
            expected += float(p.sum())
            variance += float((p * (1 - p)).sum())
        if chances < 50:
            continue  # the bots rarely meet this card's conditions: see test_events.py
        assert abs(fires - expected) <= 5 * np.sqrt(variance) + 1, \
            f"{name}: {card.id} fired {fires} times in {chances} chances, {expected:.1f} expected"


# --- scenario stories, checked against the model ----------------------------------------


def test_history_2025_is_scripted_for_2025_then_the_players_take_over() -> None:
    scenario = load_scenario("history-2025")
    scripted = ScriptedTurns(scenario)
    for turn in range(4):
        assert scripted.get(turn, "us") is not None and scripted.get(turn, "china") is not None
    assert scripted.last_turn == 3
    assert scenario.clock.start == "2025Q1"
    assert scenario.clock.random_events_from == "2026Q1"
    quarters = {i.at for i in scenario.injects}
    assert {"2025Q1", "2025Q2", "2025Q3", "2025Q4"} <= quarters
    result = played("history-2025")
    policy = np.stack([s.policy for s in result.states[1:]])  # (T, B, 2, 5)
    # The H20 licence requirement in 2025Q2, its lifting in Q3, by scripted orders.
    # (A game open conflict has ended keeps its last orders.)
    running = ~result.states[2].over
    assert np.all(policy[1, :, 0, 0] == 3) and np.all(policy[2, running, 0, 0] == 2)
    # The domestic-chip mandate binds China through 2026 (turns 4-7) whatever its
    # player orders.
    assert np.all(policy[4:8, ~result.states[8].over, 1, 0] == 50)
    # 2025 is history: only its injects fire, on every seed alike.
    injected = {i.event for i in scenario.injects}
    ids = [c.id for c in scenario.events]
    for log in result.logs[:4]:
        assert log.events_fired is not None
        fired = {ids[k] for k in np.flatnonzero(log.events_fired.any(axis=0))}
        assert fired <= injected
        assert np.all(log.events_fired == log.events_fired[:1])


def test_history_2025_mandate_overrules_the_chinese_player() -> None:
    from game.session import Game

    game = Game.new(load_scenario("history-2025"), seed=1)
    game.play_out(4)
    assert game.date == "2026Q1"
    orders = game.suggested_orders("china").model_dump()
    orders["policies"]["localization_pct"] = 0
    game.submit("china", orders)
    game.advance()
    assert game.state.policy[0, 1, 0] == 50


def test_tutorial_teaches_one_lesson_a_turn_and_nothing_random() -> None:
    scenario = load_scenario("tutorial")
    assert scenario.clock.turns == 8
    assert all(card.probability == 0 for card in scenario.events)
    turns = sorted(turn_of(scenario.clock.start, i.at) for i in scenario.injects)
    assert turns == list(range(8))
    result = played("tutorial")
    for log in result.logs:
        assert log.events_fired is not None
        assert np.all(log.events_fired.sum(axis=1) == 1)


def test_strait_crisis_blockade_cuts_most_taiwan_output() -> None:
    from game.session import Game

    scenario = load_scenario("strait-crisis")
    blockade = next(c for c in scenario.events if c.id == "taiwan-blockade")
    assert blockade.when.tension_min >= 70 and scenario.start.tension >= 60
    calm, cut = Game.new(scenario, seed=3), Game.new(scenario, seed=3)
    for game in (calm, cut):
        game.play_out(2)
    cut.inject("taiwan-blockade")
    calm.advance()
    cut.advance()
    calm.advance()
    cut.advance()
    made_calm = calm.figures()["us"]["chips_produced"]
    made_cut = cut.figures()["us"]["chips_produced"]
    taiwan = calm.state.fab_taiwan[0]
    home = calm.state.fab_home[0, 0]
    assert taiwan > 5 * home  # most US-bloc chips are made in Taiwan
    assert made_cut < 0.3 * made_calm


def test_full_decoupling_locks_the_controls_in_from_the_first_quarter() -> None:
    result = played("full-decoupling")
    policy = np.stack([s.policy for s in result.states[1:]])  # (T, B, 2, 5)
    # 2025Q1-2026Q4: the laws hold whatever the bots order
    assert np.all(policy[:8, :, 0, 0] == 4) and np.all(policy[:8, :, 0, 1] == 3)
    assert np.all(policy[:8, :, 1, 0] == 100)
    # from 2027Q1 the sides choose again (the balanced bot caps its mandate at 40%)
    assert np.any(policy[8:, :, 1, 0] < 100)
    for log in result.logs[:8]:
        assert np.all(log.flows["chips_imported"][:, 1] == 0)
