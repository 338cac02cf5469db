"""The table (seats, drafts, hot-seat order, pause, undo) without a terminal, over a
stand-in game: the table talks to a game only through the TableGame protocol."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.model.loader import load_scenario
from game.model.orders import Orders
from game.model.scenario import Scenario
from game.model.views import SideView
from game.port import ResolvedListener, TableGame
from game.session import Game
from game.tui.local_game import LocalGame
from game.tui.table import AskFacilitator, Handover, NotNow, Resolve, ShowReport, Table
from tests.tui.conftest import short_game


class StandIn:
    """A game that records what the table asks of it (a remote game would do the same)."""

    resolves_here = False
    reveals_at_end = True  # the table's end: the fog lifts (a workshop seat's does not)

    def __init__(self, game: Game) -> None:
        self._game = game  # only for orders, views and dates
        self.submitted: list[tuple[str, Orders]] = []
        self.resolved = 0
        self.undone = 0
        self.turn = 0
        self.turns = 4

    @property
    def scenario(self) -> Scenario:
        return self._game.scenario

    @property
    def seed(self) -> int:
        return 1

    @property
    def date(self) -> str:
        return self._game.date_of(self.turn)

    def date_of(self, turn: int) -> str:
        return self._game.date_of(turn)

    @property
    def over(self) -> bool:
        return self.turn >= self.turns

    def view(self, side: str) -> SideView:
        return self._game.view(side)

    def last_orders(self, side: str) -> Orders:
        return self._game.last_orders(side)

    def suggested_orders(self, side: str) -> Orders:
        return self._game.suggested_orders(side)

    def scripted(self, side: str) -> Orders | None:
        return None

    def submit(self, side: str, orders: Orders) -> None:
        self.submitted.append((side, orders))

    def resolve(self) -> int:
        self.turn += 1
        return self.turn - 1

    def on_resolved(self, listener: ResolvedListener) -> None:
        pass

    def undo(self) -> int:
        self.turn -= 1
        self.undone += 1
        return self.turn

    def save(self, path: Path) -> Path:
        return path


def stand_in() -> StandIn:
    return StandIn(short_game("both"))


def test_the_local_and_the_stand_in_game_are_table_games() -> None:
    games: list[TableGame] = [LocalGame(short_game("us")), stand_in()]
    assert [g.resolves_here for g in games] == [True, False]


def test_hot_seat_hands_over_then_resolves_and_both_sides_read_the_report() -> None:
    game = stand_in()
    table = Table(game, ("us", "china"))
    assert table.seat == "us" and table.take_seat("us") is None  # nothing to read yet
    step = table.end_turn()
    assert step == Handover("china", "us")
    assert [side for side, _ in game.submitted] == ["us"]
    assert table.take_seat("china") is None
    step = table.end_turn()
    assert step == Resolve(here=False) and table.busy
    assert not table.can_end_turn() and not table.can_undo()
    with pytest.raises(NotNow):
        table.end_turn()
    turn = game.resolve()
    step = table.resolved(turn)
    assert step == Handover("us", "china") and not table.busy
    # Each side reads quarter 0's report when it takes the seat, and only once.
    assert table.take_seat("us") == ShowReport(0, "us")
    assert table.take_seat("us") is None
    assert table.end_turn() == Handover("china", "us")
    assert table.take_seat("china") == ShowReport(0, "china")


def test_one_side_reads_the_report_at_once_and_the_end_lifts_the_fog() -> None:
    game = stand_in()
    game.turns = 2
    table = Table(game, ("china",))
    assert table.end_turn() == Resolve(here=False)
    assert table.resolved(game.resolve()) == ShowReport(0, "china")
    assert table.end_turn() == Resolve(here=False)
    assert table.resolved(game.resolve()) == ShowReport(1, None, then_end=True)
    with pytest.raises(NotNow, match="over"):
        table.end_turn()


def test_a_workshop_seat_reads_its_own_last_report_the_fog_kept() -> None:
    game = stand_in()
    game.turns = 1
    game.reveals_at_end = False  # the server keeps the fog to the end
    table = Table(game, ("china",))
    assert table.end_turn() == Resolve(here=False)
    assert table.resolved(game.resolve()) == ShowReport(0, "china", then_end=True)


def test_watching_resolves_with_no_orders_handed_in() -> None:
    game = stand_in()
    table = Table(game, ())
    assert table.seat is None and not table.can_edit(None)
    assert table.end_turn() == Resolve(here=False)
    assert game.submitted == []
    assert table.resolved(game.resolve()) == ShowReport(0, None)


def test_drafts_are_kept_until_the_turn_ends_and_say_how_they_stand() -> None:
    game = stand_in()
    table = Table(game, ("us",))
    assert table.draft_state("us") == "opening"  # not "as last turn" before any turn
    assert not table.unsaved()
    changed = table.draft("us").model_copy(update={"training_share": 0.5})
    table.keep("us", changed)
    assert table.draft_state("us") == "changed" and table.unsaved()
    with pytest.raises(NotNow):
        table.keep("china", game.last_orders("china"))
    with pytest.raises(NotNow):
        table.keep("us", game.last_orders("china"))
    table.end_turn()
    assert game.submitted == [("us", changed)]
    table.resolved(game.resolve())
    assert table.unsaved()
    table.saved()
    assert not table.unsaved()


def test_pause_holds_the_quarter_until_released() -> None:
    game = stand_in()
    table = Table(game, ("us",), facilitated=True)
    assert table.set_paused(True) and not table.set_paused(True)
    assert table.end_turn() == AskFacilitator() and not table.busy
    assert table.set_paused(False)
    assert table.start_resolving() == Resolve(here=False)


def test_undo_in_hot_seat_gives_the_seat_back_to_the_first_side() -> None:
    game = stand_in()
    table = Table(game, ("us", "china"))
    with pytest.raises(NotNow, match="nothing to undo"):
        table.undo()
    table.end_turn()
    table.take_seat("china")
    table.end_turn()
    table.resolved(game.resolve())
    table.take_seat("us")
    table.end_turn()  # US in, China to play
    assert table.handed_in == {"us"}
    assert table.undo() == Handover("us", "china")
    assert game.undone == 1 and game.turn == 0 and table.handed_in == set()
    assert table.take_seat("us") is None  # the undone quarter's report is not due


def test_a_failed_resolve_leaves_the_orders_in() -> None:
    game = stand_in()
    table = Table(game, ("us",))
    table.end_turn()
    table.resolve_failed()
    assert not table.busy and table.handed_in == {"us"}
    assert table.end_turn() == Resolve(here=False)


def test_a_scripted_quarter_cannot_be_edited_and_hands_in_nothing() -> None:
    scenario = load_scenario("history-2025")
    game = LocalGame(Game.new(scenario, seed=1, us="human", china="bot:balanced"))
    assert game.scripted("us") is not None
    table = Table(game, ("us",))
    assert table.draft_state("us") == "scripted" and not table.can_edit("us")
    assert table.end_turn() == Resolve(here=True)
    assert game.game.pending == {}  # the scenario's orders are used, not a draft
    assert table.resolved(game.resolve()) == ShowReport(0, "us")
    assert game.game.history[0].orders["us"] == scenario_orders(game.game, 0)


def scenario_orders(game: Game, turn: int) -> Orders:
    from game.bots.players import ScriptedTurns

    fixed = ScriptedTurns(game.scenario).get(turn, "us")
    assert fixed is not None
    return fixed
