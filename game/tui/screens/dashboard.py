"""The dashboard: date and turn, tension, your figures, the other side's estimates, charts
over time and the news. A spectator (side 'none') sees both sides' true figures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from game.present.risk import crisis_risk
from game.tui import present
from game.tui.messages import BriefingRequested, OrdersRequested, ReportRequested
from game.tui.score import board, score_series
from game.tui.screens.score import ScoreScreen
from game.tui.table import Table
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.figures import EstimatesPanel, FiguresPanel
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.news import NewsFeed
from game.tui.widgets.score import ScorePanel
from game.tui.widgets.tension import TensionMeter
from game.tui.widgets.trends import TrendLines

SCORE_CHART = "score"  # the chart cycle's last entry: both sides' score (public)
COMPACT_BELOW = 100  # columns: below this the tables drop units and use short labels


class DashboardScreen(Screen[None]):
    BINDINGS = [
        Binding("o", "orders", "Orders"),
        Binding("e", "app.end_turn", "End turn"),
        Binding("u", "app.undo_turn", "Undo"),
        Binding("r", "report", "Report"),
        Binding("m", "chart", "Chart"),
        Binding("g", "score", "Goals"),
        Binding("b", "briefing", "Briefing"),
        Binding("a", "app.auto_advance", "Auto"),
        Binding("plus", "app.pace(1)", "Faster", key_display="+"),
        Binding("minus", "app.pace(-1)", "Slower", key_display="-"),
    ]

    def __init__(self, table: Table) -> None:
        super().__init__()
        self.table = table
        self.game = table.game  # a game played here or a workshop seat: the same screen
        self.chart_metric = "compute"

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        yield TensionMeter(id="tension")
        with Horizontal(id="tables"):
            yield FiguresPanel(id="own")
            yield EstimatesPanel(id="other")
            yield FiguresPanel(id="other-truth")
        with Horizontal(id="lower"):
            yield TrendChart(id="chart")
            with Vertical(id="side-column"):
                yield ScorePanel(id="score")
                yield NewsFeed(id="news")
        yield TrendLines(id="trends")
        yield Static("", id="status")
        yield GameFooter()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # End turn and Undo are app actions ("app.end_turn"): the app's check_action greys
        # them while a quarter resolves.
        table = self.table
        if action == "report":
            return table.game.turn > 0 or None
        if action == "orders":
            if table.seat is None:
                return False  # watching: no orders to edit, so the key is not offered
            return not table.busy or None
        return True

    def refresh_view(self) -> None:
        """Redraw everything from the game (never while a turn is being resolved)."""
        table, game = self.table, self.game
        if table.busy:
            return
        seat = table.seat
        view = game.view(seat or "us")
        who = present.side_label(seat) if seat else "Watching the bots"
        scores = " · ".join(f"{present.SIDE_MARK[s]} {v:.1f}" for s, v in view.scores.items())
        ended = " · game over" if game.over else ""
        if table.facilitated:  # the top line is the game's title bar
            ended += " · facilitated session"
        self.query_one("#topbar", Static).update(
            f"[b]{who}[/b] · [b]{game.date}[/b] · turn {min(game.turn + 1, game.turns)}/"
            f"{game.turns} · score {scores}{ended}")
        self.query_one(TensionMeter).show(
            view.tension, crisis_risk(game.params_in_force(), view.tension))
        compact = self.app.size.width < COMPACT_BELOW
        own = self.query_one("#own", FiguresPanel)
        other_est = self.query_one("#other", EstimatesPanel)
        other_truth = self.query_one("#other-truth", FiguresPanel)
        if seat is None:
            own.show(f"{present.side_label('us')} (true)", present.figure_rows(game, "us"),
                     compact)
            other_truth.show(f"{present.side_label('china')} (true)",
                             present.figure_rows(game, "china"), compact)
        else:
            rival = present.other_side(seat)
            own.show(f"Yours: {present.side_label(seat)}", present.figure_rows(game, seat),
                     compact)
            other_est.show(f"{present.side_label(rival)}: estimates",
                           present.estimate_rows(view), compact)
        other_est.display = seat is not None
        other_truth.display = seat is None
        self._draw_chart()
        self.query_one(ScorePanel).show(board(game))
        self.query_one(NewsFeed).show(present.news(game))
        note = game.status_note()
        self.query_one("#status", Static).update(
            status_line(table) + (f"\n{escape(note)}" if note else ""))
        self.refresh_bindings()

    def _draw_chart(self) -> None:
        if self.chart_metric == SCORE_CHART:
            series, title = score_series(self.game), "Score (points)"
        else:
            series = present.chart_series(self.game, self.table.seat, self.chart_metric)
            title = present.CHART_METRICS[self.chart_metric]
        self.query_one(TrendChart).show(title, series)
        self.query_one(TrendLines).show(title, series)

    def show_busy(self, here: bool = True) -> None:
        self.query_one("#status", Static).update(
            "[b]Resolving the quarter…[/b]" if here
            else "[b]Orders in: waiting for the other side and the server…[/b]")
        self.refresh_bindings()

    def action_score(self) -> None:
        self.app.push_screen(ScoreScreen(self.game))

    def action_chart(self) -> None:
        names = [*present.CHART_METRICS, SCORE_CHART]
        self.chart_metric = names[(names.index(self.chart_metric) + 1) % len(names)]
        if not self.table.busy:
            self._draw_chart()

    def action_orders(self) -> None:
        self.post_message(OrdersRequested())

    def action_report(self) -> None:
        self.post_message(ReportRequested())

    def action_briefing(self) -> None:
        self.post_message(BriefingRequested())


def status_line(table: Table) -> str:
    """What the seated player can do now, and whose orders are in."""
    game = table.game
    if game.over:
        if not game.resolves_here:
            return "[b]The game is over.[/b] The facilitator has the record and the debrief."
        return "[b]The game is over.[/b] u: undo the last turn · ctrl+s: save the record"
    if table.paused:
        return "[b]⏸ Paused by the facilitator:[/b] the quarter resolves when they say so"
    if table.seat is None:
        if table.watch_seconds is not None:
            return (f"Watching: a quarter every {table.watch_seconds:g} s · a stops, "
                    "+ faster, - slower")
        return "Watching: e plays the next quarter with the bots' orders · a: auto-advance"
    state = table.draft_state(table.seat)
    done = [present.SIDE_NAME[s] for s in table.humans if s in table.handed_in]
    done_text = f" · {', '.join(done)} done" if done else ""
    if state == "scripted":
        return ("[b]Scripted quarter:[/b] history gives your orders (o shows them) · "
                f"e to end the turn{done_text}")
    words = {"opening": "the opening orders", "as last turn": "as last turn",
             "changed": "changed"}[state]
    return f"Your orders: {words} (o to edit) · e to end the turn{done_text}"
