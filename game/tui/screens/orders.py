"""Orders: the allocation editor (always 100%), training share and policies with their
effect and tension cost, reset to last turn's orders, the bot's suggestion, and the
advisor panel."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from game.model.orders import Orders
from game.tui.messages import EndTurnRequested, ForecastReady, OrdersCommitted
from game.tui.present import side_label
from game.tui.scripted import scripted_notice
from game.tui.table import Table
from game.tui.widgets.advisor import AdvisorPanel, format_forecast
from game.tui.widgets.allocation import AllocationEditor
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.orders_form import orders_shown
from game.tui.widgets.policies import PolicyEditor

FORECAST_DELAY = 0.4  # seconds of quiet before the advisor recomputes


class OrdersScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "done", "Done"),
        Binding("r", "reset", "Reset to last turn"),
        Binding("s", "suggest", "Bot's suggestion"),
        Binding("e", "end_turn", "End turn"),
    ]

    def __init__(self, table: Table, side: str, futures: int = 1000) -> None:
        super().__init__()
        self.futures = futures  # per advisor forecast
        self.table = table
        self.game = table.game  # a game played here or a workshop seat: the same screen
        self.side = side
        self.kept: Orders | None = None  # the orders last committed from this screen

    @property
    def scripted(self) -> Orders | None:
        """The scenario's orders for this quarter (history): the editor only shows them."""
        return self.table.game.scripted(self.side)

    def compose(self) -> ComposeResult:
        game = self.game
        fixed = self.scripted
        draft = fixed if fixed is not None else self.table.draft(self.side)
        view = game.view(self.side)
        budget = view.own["budget"].value
        in_force = dict(view.own_policies)
        yield Static(f"[b]Orders: {side_label(self.side)}[/b] · {game.date} · turn "
                     f"{game.turn + 1}/{game.turns} · budget ${budget:.1f}B this quarter",
                     id="orders-title")
        if fixed is not None:
            yield Static(Text(scripted_notice(game.date, game.last_orders(self.side), fixed)),
                         id="orders-scripted")
        with VerticalScroll(id="orders-scroll"):
            with Horizontal(id="orders-body"):
                with Vertical(id="orders-left"):
                    yield Label("Budget allocation (always adds up to 100%)",
                                classes="section")
                    yield AllocationEditor(draft.allocation, budget, id="allocation",
                                           disabled=fixed is not None)
                    # ADVISOR PANEL (analysis issue: Game.forecast)
                    yield AdvisorPanel(id="advisor")
                with Vertical(id="orders-right"):
                    yield Label("Training and policies", classes="section")
                    yield PolicyEditor(self.side, draft.policies, draft.training_share,
                                       in_force, game.params_in_force(), id="policies",
                                       disabled=fixed is not None)
                    yield Static("", id="policy-detail")
            yield Static("", id="orders-problem")
            with Horizontal(id="orders-buttons"):
                yield Button("Done (Esc)", id="done", variant="primary")
                if fixed is None:
                    yield Button("Reset to last turn (r)", id="reset")
                    yield Button("Bot's suggestion (s)", id="suggest")
                yield Button("End turn (e)", id="end", variant="success")
        yield GameFooter()

    def on_mount(self) -> None:
        if self.scripted is None:
            self.query_one(AllocationEditor).focus()
        else:
            self.query_one("#done", Button).focus(scroll_visible=False)
        self._orders_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("reset", "suggest"):  # nothing to change in a scripted quarter
            return self.scripted is None
        return True

    # --- building the orders ------------------------------------------------------------
    def build(self) -> Orders | None:
        """The orders on screen as the pydantic model, or None with the problem shown."""
        return orders_shown(self.side, self.query_one(AllocationEditor),
                            self.query_one(PolicyEditor),
                            self.query_one("#orders-problem", Static))

    def commit(self, post: bool = True) -> bool:
        """Keep the orders on screen as the side's draft (`kept`; with `post`, told to the
        app by message); False if they are invalid."""
        if self.scripted is not None:
            return True  # history's orders: nothing of the player's to keep
        orders = self.build()
        if orders is None:
            return False
        self.kept = orders
        if post:
            self.post_message(OrdersCommitted(self.side, orders))
        return True

    def _fill(self, orders: Orders) -> None:
        self.query_one(AllocationEditor).set_from(orders.allocation)
        self.query_one(PolicyEditor).set_from(orders.policies, orders.training_share)

    # --- actions ------------------------------------------------------------------------
    def action_done(self) -> None:
        if self.commit():
            self.dismiss(None)

    def action_reset(self) -> None:
        self._fill(self.table.game.last_orders(self.side))
        self.notify("Back to last turn's orders.", timeout=2)

    def action_suggest(self) -> None:
        if self.table.game.resolves_here:  # computed here at once
            self._suggested(self.table.game.suggested_orders(self.side))
        else:
            self._suggest_in_worker()

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest_in_worker(self) -> None:
        """The bot's orders from the server (a workshop seat): never on the UI's loop."""
        try:
            orders = self.table.game.suggested_orders(self.side)
        except Exception as exc:  # a lost connection must not take the screen down
            self.app.call_from_thread(self.notify, f"No suggestion: {exc}",
                                      severity="warning", markup=False)
            return
        self.app.call_from_thread(self._suggested, orders)

    def _suggested(self, orders: Orders) -> None:
        self._fill(orders)
        self.notify("The balanced bot's orders for your side; change what you like.",
                    timeout=3)

    def action_end_turn(self) -> None:
        self.post_message(EndTurnRequested())

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        self.action_reset()

    @on(Button.Pressed, "#suggest")
    def _suggest(self) -> None:
        self.action_suggest()

    @on(Button.Pressed, "#end")
    def _end(self) -> None:
        self.action_end_turn()

    # --- the advisor ---------------------------------------------------------------------
    @on(AllocationEditor.Changed)
    @on(PolicyEditor.Changed)
    def _orders_changed(self) -> None:
        self.query_one("#policy-detail", Static).update(self.query_one(PolicyEditor).detail())
        self._schedule_forecast()

    def _schedule_forecast(self) -> None:
        orders = self.build()
        if orders is not None:
            self.set_timer(FORECAST_DELAY, lambda: self._forecast(orders))

    @work(thread=True, exclusive=True, group="forecast")
    def _forecast(self, orders: Orders) -> None:
        if self.table.busy:
            return
        try:
            result = self.game.forecast(self.side, orders, self.futures)
        except Exception as exc:  # the advisor must never take the orders screen down
            self.post_message(ForecastReady(f"[dim]the forecast failed: {escape(str(exc))}[/dim]"))
            return
        self.post_message(ForecastReady(format_forecast(result)))

    def on_forecast_ready(self, message: ForecastReady) -> None:
        self.query_one(AdvisorPanel).show_result(message.text)
