"""Orders in one place: merging what a turn gives over what came before, the opening
orders, policy bounds defined once, and bots that leave tidying to the engine."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from game.bots import LEVELS, REGISTRY, make_bot
from game.bots.observation import observe
from game.bots.players import BotPlayer, ScriptedTurns
from game.engine.orders import POLICIES, POLICY_MAX, SideOrders
from game.model.compile import opening_state, rules_for
from game.model.orders import (
    POLICY_MODELS,
    USOrders,
    merge_orders,
    opening_orders,
    parse_orders,
)


def test_merge_keeps_what_the_turn_leaves_out(baseline):
    previous = opening_orders(baseline, "us")
    given = parse_orders("us", {"policies": {"export_controls": 4}})
    merged = merge_orders(previous, given)
    assert merged.policies.export_controls == 4
    assert merged.policies.equipment_controls == previous.policies.equipment_controls
    assert merged.allocation == previous.allocation
    assert merged.training_share == previous.training_share


def test_merge_takes_plain_data_and_validates_it(baseline):
    previous = opening_orders(baseline, "china")
    merged = merge_orders(previous, {"training_share": 0.7, "policies": {"smuggling": 3}})
    assert (merged.training_share, merged.policies.smuggling) == (0.7, 3)
    assert merged.policies.localization_pct == previous.policies.localization_pct
    with pytest.raises(ValidationError, match="smuggling"):
        merge_orders(previous, {"policies": {"smuggling": 9}})


def test_merge_replaces_the_allocation_whole(baseline):
    previous = opening_orders(baseline, "us")
    allocation = {"chips": 1.0, "fabs": 0.0, "datacenters": 0.0, "power": 0.0,
                  "research": 0.0, "intel": 0.0}
    merged = merge_orders(previous, {"allocation": allocation})
    assert merged.allocation.as_list() == [1.0, 0, 0, 0, 0, 0]


def test_opening_orders_are_the_scenarios(baseline):
    for side, start in (("us", baseline.start.us), ("china", baseline.start.china)):
        orders = opening_orders(baseline, side)
        assert orders.policies == start.policies
        assert orders.training_share == start.training_share


def test_scripted_quarters_fill_their_gaps_the_same_way(baseline):
    scripted = type(baseline).model_validate({**baseline.model_dump(), "scripted_orders": [
        {"at": "2025Q2", "us": {"policies": {"export_controls": 4}}},
        {"at": "2025Q3", "us": {"training_share": 0.6}},
    ]})
    turns = ScriptedTurns(scripted)
    second, third = turns.get(1, "us"), turns.get(2, "us")
    assert second is not None and third is not None
    assert second.policies.export_controls == 4 and third.policies.export_controls == 4
    assert third.training_share == 0.6
    assert second.training_share == opening_orders(baseline, "us").training_share


@pytest.mark.parametrize("side", ["us", "china"])
def test_policy_bounds_are_the_engines(side):
    model = POLICY_MODELS[side]
    for column, name in enumerate(POLICIES[side]):
        field = model.model_fields[name]
        if field.annotation is bool:
            assert POLICY_MAX[side][column] == 1
            continue
        (upper,) = [m.le for m in field.metadata if getattr(m, "le", None) is not None]
        assert upper == POLICY_MAX[side][column]
        with pytest.raises(ValidationError):
            model(**{name: POLICY_MAX[side][column] + 1})


def test_pydantic_refuses_what_the_engine_would_clip():
    with pytest.raises(ValidationError, match="export_controls"):
        USOrders.model_validate({"policies": {"export_controls": 5}})


@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("level", [lv for lv in LEVELS if lv != "hard"])
def test_a_bot_that_allocates_nothing_plays_all_chips(baseline, monkeypatch, name, level):
    """No divide by zero on an all-zero allocation row: the sanitizer sends it to chips."""
    bot = make_bot(f"{name}:{level}")
    original = type(bot).policy

    def nothing(self, obs):
        out = original(self, obs)
        return SideOrders(np.zeros_like(out.allocation), out.training_share, out.policy)

    monkeypatch.setattr(type(bot), "policy", nothing)
    rules = rules_for(baseline)
    seeds = np.array([1, 2], dtype=np.uint64)
    state = opening_state(baseline, seeds, rules)
    with np.errstate(all="raise"):
        orders = BotPlayer(bot).orders(observe(state, rules, 0, 24, 0, opening=state))
    np.testing.assert_array_equal(orders.allocation, [[1, 0, 0, 0, 0, 0]] * 2)
