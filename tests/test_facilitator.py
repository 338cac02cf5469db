"""The facilitator's tools on a Game: overrides, custom cards, scheduled injects, notes,
undo; every action recorded, and a game rebuilt from its record plays identically."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from game.engine.types import CHINA, US
from game.model.facilitator import CustomEvent, ParamOverride, ScheduledInject
from game.session import Game

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)

CARD = {
    "id": "chip-act-repeal",
    "title": "Congress cuts the chip subsidies",
    "text": "Fab projects stall across the US.",
    "major": True,
    "duration": 2,
    "effects": [
        {"kind": "multiply", "state": "compute", "side": "china", "value": 0.5},
        {"kind": "set_policy", "side": "us", "policy": "export_controls", "value": 4},
    ],
}


@pytest.fixture
def game(baseline):
    g = Game.new(baseline, seed=21)
    g.play_out(2)
    return g


def _twin(baseline) -> Game:
    g = Game.new(baseline, seed=21)
    g.play_out(2)
    return g


def test_an_override_applies_from_the_coming_turn(game, baseline):
    plain = _twin(baseline)
    before = game.rules.params.power_lead.copy()
    action = game.override("power_lead", 12, side="china", when=NOON)
    assert action == ParamOverride(param="power_lead", value=12, side="china")
    assert game.rules.params.power_lead[CHINA] == 12
    assert game.rules.params.power_lead[US] == before[US]
    # Nothing already played changes; the future does.
    assert game.digests() == plain.digests()
    game.play_out(3)
    plain.play_out(3)
    assert game.history[2].actions == (action,)
    assert game.digests()[:2] == plain.digests()[:2]
    assert game.digests()[2:] != plain.digests()[2:]
    # China's new power now takes 12 quarters to connect: it sits at the far end of the
    # pipeline, and none arrives sooner than it would have (with power to spare, the
    # plain game's China builds none in these quarters).
    far = slice(8, None)
    assert game.state.power_pipe[0, CHINA, far].sum() > plain.state.power_pipe[0, CHINA, far].sum()
    assert game.state.power_pipe[0, CHINA, :4].sum() <= plain.state.power_pipe[0, CHINA, :4].sum()


@pytest.mark.parametrize("args, message", [
    (("power_led", 2.0), "did you mean 'power_lead'"),
    (("fog_floor", 0.1, "us"), "shared by both sides"),
    (("chip_retire", 1.5), "allowed: 0 to 1"),
    (("yield_ceiling", 0.5, "china", 7), "levels 0-3"),
    (("margin", float("nan")), "out of range"),
    (("dc_lead", 2.0, "everyone"), "side"),
])
def test_a_bad_override_is_refused_with_what_is_allowed(game, args, message):
    rules = game.rules
    with pytest.raises(ValueError, match=message):
        game.override(*args)
    assert game.rules is rules and game.pending_actions == [] and game.journal == []


def test_a_custom_card_fires_now_with_scenario_effects(game, baseline):
    plain = _twin(baseline)
    size = game.rules.deck.size
    card = game.add_event(CARD, when=NOON)
    assert game.rules.deck.size == size + 1
    assert game.rules.deck.ids[-1] == card.id and bool(game.rules.deck.major[-1])
    assert game.event_card(card.id).text == CARD["text"]
    game.advance()
    plain.advance()
    fired = game.history[-1].log.events_fired
    assert fired is not None and bool(fired[0, size])
    assert game.history[-1].injects == (size,)
    assert card.title in game.view("us").news
    # From the next turn the card is active: China's compute halves at the start of it and
    # the US export controls are held at 4 whatever the US orders.
    game.advance()
    plain.advance()
    ratio = game.figures()["china"]["compute"] / plain.figures()["china"]["compute"]
    assert ratio < 0.6
    assert game.state.policy[0, US, 0] == 4


def test_custom_cards_are_validated_like_scenario_cards(game):
    bad = dict(CARD, effects=[{"kind": "multiply", "state": "computee", "value": 2}])
    with pytest.raises(ValueError, match=r"effects\[0\].*computee"):
        game.add_event(bad)
    with pytest.raises(ValueError, match="already has a card"):
        game.add_event(dict(CARD, id="price-war"))
    with pytest.raises(ValueError, match="only when injected"):
        game.add_event(dict(CARD, probability=0.5))
    assert game.pending_actions == [] and game.rules.deck.size == game.scenario.events.__len__()


def test_an_inject_can_be_scheduled_for_a_later_turn(game):
    deck = game.rules.deck
    k = deck.ids.index("diplomatic-thaw")
    game.inject("diplomatic-thaw", at=4, when=NOON)
    assert game.pending_injects == []
    assert game.pending_actions == [ScheduledInject(event="diplomatic-thaw", turn=4)]
    game.play_out(3)
    fired = [bool(r.log.events_fired[0, k]) for r in game.history[2:5]]
    assert fired[-1] is True  # turn 4 (0-based) is the third played after scheduling
    with pytest.raises(ValueError, match="cannot be scheduled"):
        game.inject("diplomatic-thaw", at=99)


def test_every_action_is_journaled_with_its_time_and_quarter(game):
    game.note("US team split on export controls", when=NOON)
    game.inject("price-war", when=NOON)
    game.override("power_lead", 10, side="us", when=NOON)
    game.log_action("pause", when=NOON)
    game.reveal(when=NOON)
    kinds = [e.kind for e in game.journal]
    assert kinds == ["note", "inject", "override", "pause", "reveal"]
    first = game.journal[0]
    assert (first.at, first.turn, first.date) == ("2026-03-14T12:00:00+00:00", 2, "2025Q3")
    assert game.journal[2].text == "power_lead (us) set to 10 quarters"
    with pytest.raises(ValueError, match="needs some text"):
        game.note("   ")
    with pytest.raises(ValueError, match="not a console action"):
        game.log_action("note")  # type: ignore[arg-type]


def test_undo_takes_back_the_turns_actions_but_keeps_the_journal(game):
    size = game.rules.deck.size
    game.add_event(CARD, when=NOON)
    game.override("dc_lead", 1, when=NOON)
    game.advance()
    game.note("after the card", when=NOON)
    assert game.rules.deck.size == size + 1
    game.undo(when=NOON)
    assert game.turn == 2
    assert game.rules.deck.size == size  # the card went with its turn
    assert game.rules.params.dc_lead[US] != 1
    assert game.state.event_left.shape[1] == size
    assert [e.kind for e in game.journal][-1] == "undo"
    assert "note" in [e.kind for e in game.journal]
    game.advance()  # and the game goes on without them
    assert game.history[-1].actions == ()


def _rebuild(original: Game) -> Game:
    """What a replay does: a fresh game, and each turn's actions, injects and orders
    as the history recorded them."""
    copy = Game.new(original.scenario, seed=original.seed)
    for rec in original.history:
        for action in rec.actions:
            copy.apply(action)
        copy.pending_injects = list(rec.injects)
        for side, orders in rec.orders.items():
            copy.pending[side] = orders
        copy.advance()
    return copy


def _facilitated(baseline) -> Game:
    g = Game.new(baseline, seed=33)
    g.play_out(2)
    g.override("power_lead", 9, side="us", when=NOON)
    g.add_event(CARD, inject=False, when=NOON)
    g.inject("chip-act-repeal", at=5, when=NOON)
    g.inject("strait-incident", when=NOON)
    g.play_out(2)
    g.undo(when=NOON)
    g.override("fog_sigma", 0.9, when=NOON)
    g.note("tables agree the blockade is next", when=NOON)
    g.play_out(4)
    return g


def test_facilitator_actions_replay_identically(baseline):
    g = _facilitated(baseline)
    assert [type(a) for r in g.history for a in r.actions] == [
        ParamOverride, CustomEvent, ScheduledInject, ParamOverride]
    again = _rebuild(g)
    assert again.digests() == g.digests()
    np.testing.assert_array_equal(again.state.event_fired, g.state.event_fired)


def test_facilitator_actions_survive_a_saved_record(baseline, tmp_path):
    records = pytest.importorskip("game.records")
    g = _facilitated(baseline)
    path = tmp_path / "workshop.json"
    records.save_game(g, path)
    loaded = records.load_game(path)
    assert loaded.digests() == g.digests()
    assert loaded.journal == g.journal
    assert loaded.actions == g.actions
    # and the loaded game continues exactly as the original does
    g.play_out(2)
    loaded.play_out(2)
    assert loaded.digests() == g.digests()
