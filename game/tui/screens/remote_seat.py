"""A team's seat at a workshop table: its side's view and its orders, over the network.

Everything shown here comes from what the server sends this seat (`RemoteGame.view`, a
`SideView`: the side's own figures exactly, the other side's as estimates; the side's own
last orders; whose orders are awaited). The screen never holds a `Game`, so it cannot show
what the fog of war hides. The orders editors are the local game's widgets, started from
the side's last orders and the scenario's parameters.

The seat's connection calls back from its own thread (`call_from_thread`); orders leave
from a worker thread, so the screen never waits on the network.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from game.model.compile import compile_params
from game.model.orders import Orders
from game.model.views import SideView
from game.net.client import RequestRefused
from game.net.remote import RemoteSeat
from game.net.remote_game import RemoteGame
from game.present.figures import figure
from game.present.words import other_side, side_label
from game.tui.widgets.allocation import AllocationEditor
from game.tui.widgets.orders_form import orders_shown
from game.tui.widgets.policies import PolicyEditor

FIGURES_SHOWN = ("compute", "capability", "budget", "market_share", "revenue", "power_gw")


def view_text(view: SideView) -> Text:
    """The side's figures and its estimates of the other side, in words."""
    other = other_side(view.side)
    text = Text()
    text.append(f"{side_label(view.side)} (exact)\n", style="bold")
    for name in FIGURES_SHOWN:
        if name in view.own:
            text.append(f"  {figure(name).short:<14} {figure(name).text(view.own[name].value)}\n")
    text.append(f"\n{side_label(other)} (your estimates)\n", style="bold")
    for name in FIGURES_SHOWN:
        if name in view.other:
            est = view.other[name]
            fig = figure(name)
            text.append(f"  {fig.short:<14} {fig.text(est.value)}")
            text.append(f"  ({fig.number(est.low, est.value)}–{fig.number(est.high, est.value)},"
                        f" {est.confidence})\n", style="dim")
    text.append(f"\nTension {view.tension:.0f} · score "
                + " · ".join(f"{side_label(s)} {v:.1f}" for s, v in view.scores.items()) + "\n")
    return text


def report_text(view: SideView, resolved: str | None) -> Text:
    """Last quarter as the server reported it to this side: the news that fired."""
    text = Text()
    if resolved is None:
        text.append("No quarter resolved yet this session.", style="dim")
        return text
    text.append(f"Report: {resolved} resolved\n", style="bold")
    if view.news:
        for line in view.news:
            text.append(f"  • {line}\n")
    else:
        text.append("  no events fired\n", style="dim")
    return text


class RemoteSeatScreen(Screen[None]):
    """One team's screen at a workshop table: its view, the report, its orders."""

    BINDINGS = [
        Binding("e", "end_turn", "End turn (submit)"),
        Binding("s", "suggest", "Bot's suggestion"),
        Binding("r", "reset", "Reset to last orders"),
    ]
    DEFAULT_CSS = """
    RemoteSeatScreen #seat-status { height: auto; padding: 0 1; background: $boost; }
    RemoteSeatScreen #seat-left { width: 56; padding: 0 1; }
    RemoteSeatScreen #seat-report { height: auto; margin-top: 1; }
    RemoteSeatScreen #seat-orders { width: 1fr; }
    RemoteSeatScreen #seat-problem { color: $error; height: auto; }
    """

    def __init__(self, seat: RemoteSeat) -> None:
        super().__init__()
        self.seat = seat
        self.game = RemoteGame(seat)
        self.side = self.game.side
        self.shown_turn = self.game.turn  # the quarter the editors were filled for
        self.resolved: str | None = None  # the last quarter resolved while this screen ran

    def compose(self) -> ComposeResult:
        game, view = self.game, self.game.view(self.side)
        last = game.last_orders(self.side)
        params = compile_params(game.scenario)  # policy effects at the scenario's values
        yield Header()
        yield Static("", id="seat-status")
        with Horizontal():
            with VerticalScroll(id="seat-left"):
                yield Static(view_text(view), id="seat-view")
                yield Static(report_text(view, None), id="seat-report")
            with VerticalScroll(id="seat-orders"):
                yield Label("Budget allocation (always adds up to 100%)")
                yield AllocationEditor(last.allocation, view.own["budget"].value,
                                       id="allocation")
                yield Label("Training and policies")
                yield PolicyEditor(self.side, last.policies, last.training_share,
                                   dict(view.own_policies), params, id="policies")
                yield Static("", id="seat-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.seat.welcome.title if self.seat.welcome else ''} · " \
                         f"{side_label(self.side)}"
        self.seat.listeners.append(self._arrived)
        self.refresh_seat()
        self.query_one(AllocationEditor).focus()

    def on_unmount(self) -> None:
        if self._arrived in self.seat.listeners:
            self.seat.listeners.remove(self._arrived)

    def _arrived(self) -> None:  # the network thread
        self.app.call_from_thread(self.refresh_seat)

    # --- drawing ----------------------------------------------------------------------
    def refresh_seat(self) -> None:
        game = self.game
        view = game.view(self.side)
        if game.turn != self.shown_turn:  # a quarter resolved: its report, fresh orders
            self.resolved = game.date_of(game.turn - 1)
            self.shown_turn = game.turn
            # the new quarter's budget and policies in force, for the editors' notes
            self.query_one(AllocationEditor).budget = view.own["budget"].value
            self.query_one(PolicyEditor).in_force = dict(view.own_policies)
            if not game.over:
                self._fill(game.last_orders(self.side))
        self.query_one("#seat-view", Static).update(view_text(view))
        self.query_one("#seat-report", Static).update(report_text(view, self.resolved))
        self.query_one("#seat-status", Static).update(self.status_text())
        for editor in (self.query_one(AllocationEditor), self.query_one(PolicyEditor)):
            editor.disabled = not self.may_order()

    def may_order(self) -> bool:
        """Orders are taken (and may be replaced) until the quarter resolves; none in a
        quarter the scenario scripts for this side (it is not awaited and has none in)."""
        update = self.seat.table
        handed_in = update is not None and update.submitted is not None
        return not self.game.over and (self.side in self.game.awaiting or handed_in)

    def status_text(self) -> Text:
        game, update = self.game, self.seat.table
        text = Text()
        if game.over:
            scores = game.view(self.side).scores
            text.append("Game over. Final scores: " + " · ".join(
                f"{side_label(s)} {v:.1f}" for s, v in scores.items()), style="bold")
            text.append(f"\nConnection: {self.seat.status}")
            return text
        text.append(f"{game.date} · quarter {game.turn + 1}/{game.turns} · ", style="bold")
        awaiting = ", ".join(side_label(s) for s in game.awaiting) or "nobody"
        text.append(f"orders awaited from: {awaiting}")
        if self.seat.table is not None and self.seat.table.submitted is not None:
            text.append(" · your orders are in (End turn again replaces them until the "
                        "quarter resolves)", style="green")
        elif self.side not in game.awaiting:
            text.append(" · the scenario gives your orders this quarter (history)")
        if game.paused:
            text.append(" · paused by the facilitator", style="yellow")
        if update is not None and update.deadline_in is not None:
            text.append(f" · deadline in {update.deadline_in:.0f} s")
        text.append(f"\nConnection: {self.seat.status}")
        return text

    # --- orders -----------------------------------------------------------------------
    def build(self) -> Orders | None:
        return orders_shown(self.side, self.query_one(AllocationEditor),
                            self.query_one(PolicyEditor),
                            self.query_one("#seat-problem", Static))

    def _fill(self, orders: Orders) -> None:
        self.query_one(AllocationEditor).set_from(orders.allocation)
        self.query_one(PolicyEditor).set_from(orders.policies, orders.training_share)

    def action_end_turn(self) -> None:
        if not self.may_order():
            self.notify("no orders are taken from you now")
            return
        orders = self.build()
        if orders is not None:
            self.submit(orders)

    def action_reset(self) -> None:
        self._fill(self.game.last_orders(self.side))

    def action_suggest(self) -> None:
        self.suggest()

    @work(thread=True, group="request")
    def submit(self, orders: Orders) -> None:
        try:
            self.game.submit(self.side, orders)
        except (RequestRefused, ConnectionError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.notify, f"orders for {self.game.date} handed in")

    @work(thread=True, group="request")
    def suggest(self) -> None:
        try:
            orders = self.game.suggested_orders(self.side)
        except (RequestRefused, ConnectionError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._fill, orders)

    @on(AllocationEditor.Changed)
    @on(PolicyEditor.Changed)
    def _orders_changed(self) -> None:
        self.build()


class RemoteSeatApp(App[None]):
    """`join URL --code <team code>`: the team's seat and nothing else."""

    TITLE = "Compute Race workshop"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, seat: RemoteSeat) -> None:
        super().__init__()
        self.seat = seat

    def on_mount(self) -> None:
        self.push_screen(RemoteSeatScreen(self.seat))

    def on_unmount(self) -> None:
        self.seat.close()
