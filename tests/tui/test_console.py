"""The facilitator console driven through the keyboard and its widgets, as a facilitator
would (in a facilitated session, whose journal opens with a note saying so): every action lands in the game's journal and actions and in the saved record, and
the players see what it did."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, OptionList, Static, TabbedContent

from game.model.facilitator import CustomEvent, ParamOverride, ScheduledInject
from game.records import read_record
from game.tui import hooks
from game.tui.app import ComputeRaceApp
from game.tui.dialogs.event import EventDialog
from game.tui.dialogs.resolve import ResolveDialog
from game.tui.present import format_value
from game.tui.screens import DashboardScreen, ReportScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.setup import HUMANS
from tests.tui.conftest import TEST_FUTURES, settle, short_game, until

SIZE = (120, 40)


async def open_console(pilot, app: ComputeRaceApp) -> FacilitatorScreen:
    await pilot.press("enter")  # past the briefing
    await pilot.press("ctrl+f")
    await pilot.pause()
    assert isinstance(app.screen, FacilitatorScreen)
    return app.screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def table_cells(screen, selector: str) -> list[str]:
    """The cells of the rich Table a Static shows."""
    table = screen.query_one(selector, Static).content
    return [str(cell) for column in table.columns for cell in column.cells]


async def fill(pilot, screen, selector: str, value: str) -> None:
    field = screen.query_one(selector, Input)
    field.value = value
    await pilot.pause()


async def pick_card(pilot, screen, event_id: str) -> None:
    deck = screen.query_one("#fac-deck", OptionList)
    deck.focus()
    deck.highlighted = deck.get_option_index(event_id)
    await pilot.press("enter")
    await pilot.pause()


async def end_turn_from_console(pilot, app: ComputeRaceApp) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)
    await pilot.press("e")
    await settle(pilot, app)


def saved(app: ComputeRaceApp, tmp_path: Path):
    path = tmp_path / "session.json"
    hooks.save(app.game, path)
    return read_record(path)


async def test_a_deck_card_now_and_one_at_a_later_turn(make_app, tmp_path) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        game = app.game
        await fill(pilot, screen, "#fac-at", "3")
        await pick_card(pilot, screen, "diplomatic-thaw")
        assert game.actions == [ScheduledInject(event="diplomatic-thaw", turn=2)]
        await fill(pilot, screen, "#fac-at", "")
        await pick_card(pilot, screen, "strait-incident")
        assert [game.rules.deck.ids[k] for k in game.pending_injects] == ["strait-incident"]
        assert [e.kind for e in game.journal[1:]] == ["schedule", "inject"]
        assert "2025Q3" in game.journal[1].text  # turn 3 of a game starting 2025Q1
        assert "schedule" in text_of(screen, "#fac-journal")

        record = saved(app, tmp_path)
        assert record.pending.injects == ["strait-incident"]
        assert record.pending.actions == [ScheduledInject(event="diplomatic-thaw", turn=2)]
        assert [e.kind for e in record.journal[1:]] == ["schedule", "inject"]

        await end_turn_from_console(pilot, app)
        assert isinstance(app.screen, ReportScreen)
        titles = [item.title for item in app.screen.report.events]
        assert "Incident in the Taiwan Strait" in titles  # news for the players


async def test_a_turn_outside_the_game_is_refused_inline(make_app) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        await fill(pilot, screen, "#fac-at", "99")
        await pick_card(pilot, screen, "diplomatic-thaw")
        assert "not to come" in text_of(screen, "#fac-deck-problem")
        assert app.game.actions == [] and len(app.game.journal) == 1


async def test_an_override_shows_unit_and_value_and_acts_next_turn(make_app, tmp_path) -> None:
    app = make_app("us", facilitated=True)
    control = short_game("us")  # the same game without the override
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        game = app.game
        await fill(pilot, screen, "#ov-param", "budget_growth")
        info = text_of(screen, "#ov-info")
        us_rate, china_rate = (float(v) for v in game.rules.params.budget_growth)
        assert "1/quarter" in info and f"US {us_rate:g} · China {china_rate:g}" in info
        screen.query_one("#ov-side").value = "us"
        await fill(pilot, screen, "#ov-value", "0.5")
        screen.query_one("#ov-apply", Button).press()
        await pilot.pause()
        assert text_of(screen, "#ov-problem") == ""
        assert game.actions == [ParamOverride(param="budget_growth", value=0.5, side="us")]
        assert game.journal[-1].kind == "override"
        assert f"US 0.5 · China {china_rate:g}" in text_of(screen, "#ov-info")  # now in force
        assert saved(app, tmp_path).pending.actions == game.actions

        await end_turn_from_console(pilot, app)
        control.advance()
        ours, theirs = game.figures()["us"]["budget"], control.figures()["us"]["budget"]
        assert ours > theirs * 1.2  # budget grew 50% instead of the scenario's rate
        assert game.figures()["china"]["budget"] == control.figures()["china"]["budget"]
        await pilot.press("enter")  # past the report, to the dashboard
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert format_value("budget", ours) in table_cells(app.screen, "#own")


async def test_a_typo_in_a_parameter_suggests_the_name_and_changes_nothing(make_app) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        rules = app.game.rules
        await fill(pilot, screen, "#ov-param", "budgt_growth")
        await fill(pilot, screen, "#ov-value", "0.5")
        screen.query_one("#ov-apply", Button).press()
        await pilot.pause()
        assert "did you mean 'budget_growth'" in text_of(screen, "#ov-problem")
        assert app.game.actions == [] and len(app.game.journal) == 1
        assert app.game.rules is rules
        await fill(pilot, screen, "#ov-param", "budget_growth")
        await fill(pilot, screen, "#ov-value", "-3")  # out of the unit's range
        screen.query_one("#ov-apply", Button).press()
        await pilot.pause()
        assert "out of range" in text_of(screen, "#ov-problem")
        assert app.game.actions == []


async def test_a_custom_major_card_opens_a_dialog_for_the_players(make_app, tmp_path) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        game = app.game
        screen.query_one("#fac-tabs").active = "tab-card"
        await pilot.pause()
        await fill(pilot, screen, "#cc-title", "Chip act repealed")
        await fill(pilot, screen, "#cc-text", "Congress cuts the fab subsidies.")
        screen.query_one("#cc-major", Checkbox).value = True
        await fill(pilot, screen, "#cc-duration", "0")
        await fill(pilot, screen, "#cc-effects", "multiply budget_growth us 0.5; "
                                                 "add tension both 5")
        screen.query_one("#cc-add", Button).press()
        await pilot.pause()
        assert text_of(screen, "#cc-problem") == ""
        (action,) = game.actions
        assert isinstance(action, CustomEvent)
        card = action.event
        assert (card.title, card.major, card.duration) == ("Chip act repealed", True, 0)
        assert [e.kind for e in card.effects] == ["multiply", "add"]
        assert [e.kind for e in game.journal[1:]] == ["custom_event", "inject"]
        assert card.id in [game.rules.deck.ids[k] for k in game.pending_injects]
        assert saved(app, tmp_path).pending.actions == [action]

        await end_turn_from_console(pilot, app)
        assert isinstance(app.screen, EventDialog)
        assert app.screen.item.title == "Chip act repealed"
        assert app.screen.item.text == "Congress cuts the fab subsidies."


async def test_a_bad_effect_is_shown_and_adds_nothing(make_app) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        screen.query_one("#fac-tabs").active = "tab-card"
        await fill(pilot, screen, "#cc-title", "Odd card")
        await fill(pilot, screen, "#cc-effects", "add tension us 5")
        screen.query_one("#cc-add", Button).press()
        await pilot.pause()
        assert "tension is shared" in text_of(screen, "#cc-problem")
        await fill(pilot, screen, "#cc-effects", "double budget_growth us 2")
        screen.query_one("#cc-add", Button).press()
        await pilot.pause()
        assert "not an effect kind" in text_of(screen, "#cc-problem")
        assert app.game.actions == [] and len(app.game.journal) == 1


async def test_pause_makes_end_turn_ask_the_facilitator(make_app, tmp_path) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_console(pilot, app)
        game = app.game
        await pilot.press("ctrl+b")
        assert app.table.paused and game.journal[-1].kind == "pause"
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ResolveDialog)
        await pilot.press("enter")  # Enter presses the focused "Wait": players cannot resolve
        await settle(pilot, app)
        assert game.turn == 0 and app.table.paused and isinstance(app.screen, DashboardScreen)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#resolve", Button).press()
        await settle(pilot, app)
        assert game.turn == 1 and not app.table.paused
        assert [e.kind for e in game.journal[1:]] == ["pause", "resume"]
        assert [e.kind for e in saved(app, tmp_path).journal[1:]] == ["pause", "resume"]


async def test_reveal_shows_the_true_figures_and_notes_are_kept(make_app, tmp_path) -> None:
    app = make_app("us", played=1, facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        game = app.game
        await pilot.press("ctrl+r")
        cells = table_cells(screen, "#fac-truth")
        assert format_value("compute", game.figures()["china"]["compute"]) in cells
        screen.query_one("#fac-note", Input).focus()
        await pilot.press(*"China team asks about HBM")
        await pilot.press("enter")
        assert [e.kind for e in game.journal[1:]] == ["reveal", "note"]
        assert "China team asks about HBM" in text_of(screen, "#fac-journal")
        record = saved(app, tmp_path)
        assert record.journal[-1].text == "China team asks about HBM"


async def test_a_facilitated_session_is_marked_and_the_console_one_key_away() -> None:
    game = short_game("us")
    app = ComputeRaceApp(game, HUMANS["us"], facilitated=True)
    app.advisor_futures = TEST_FUTURES
    async with app.run_test(size=SIZE) as pilot:
        assert "facilitated" in app.sub_title
        await pilot.press("enter")  # past the briefing: the top line says so
        assert "facilitated session" in text_of(app.screen, "#topbar")
        await pilot.press("b")  # the briefing again, as open_console expects
        assert [e.kind for e in game.journal] == ["note"]
        assert "Facilitated session" in game.journal[0].text
        await open_console(pilot, app)


async def test_without_facilitator_the_console_and_reveal_are_not_there(make_app) -> None:
    app = make_app("us", played=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # past the briefing
        dashboard = app.screen
        assert "facilitated" not in app.sub_title
        assert "facilitated" not in text_of(dashboard, "#topbar")
        for key in ("ctrl+f", "ctrl+r"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is dashboard
        assert app.game.journal == []
        assert app.check_action("facilitator", ()) is False
        # Not offered in the footer either (check_action False hides a binding).
        shown = [key for key, active in app.active_bindings.items()
                 if app.check_action(active.binding.action, ()) is not False]
        assert "ctrl+f" not in shown and "f1" in shown


async def test_the_console_tabs_by_keyboard(make_app) -> None:
    app = make_app("us", facilitated=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_console(pilot, app)
        tabs = screen.query_one("#fac-tabs", TabbedContent)
        for key, pane, field in (("f3", "tab-override", "ov-param"),
                                 ("f4", "tab-card", "cc-title"),
                                 ("f2", "tab-deck", "fac-deck")):
            await pilot.press(key)
            # the pane shows, then its first field takes the focus (after a refresh)
            await until(pilot, lambda p=pane, f=field: tabs.active == p and
                        app.focused is not None and app.focused.id == f,
                        lambda k=key: (k, tabs.active, getattr(app.focused, "id", None)))
