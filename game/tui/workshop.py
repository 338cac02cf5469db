"""The facilitator's screens for a networked workshop: the overview of every table (for the
projector: nothing secret in it) and the console of the facilitator's own table (the truth,
both sides' orders as they come in, the journal).

The seat's connection (game.net.remote.RemoteSeat) runs on its own thread; it calls back
here with `call_from_thread`, and every request to the server goes out from a worker
thread, so the screen never waits on the network.

The app around it (`JoinApp`, game/tui/remote.py) asks for the code when none was given,
and opens this screen for a facilitator's code, the screens of local play for a team's.
"""

from __future__ import annotations

import contextlib
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from game.net.client import RequestRefused
from game.net.remote import RemoteSeat
from game.present.figures import figure

COLUMNS = ("table", "quarter", "awaiting", "clock", "scores (US · China)", "tension",
           "seats connected")
FIGURES_SHOWN = ("compute", "capability", "budget", "market_share")
JOURNAL_LINES = 6
FACILITATOR_ACTIONS = ("pause", "deadline", "inject", "inject_all", "debrief")


class AskDialog(ModalScreen[str | None]):
    """One line of input (a card id, a number of seconds); Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskDialog { align: center middle; }
    AskDialog > Vertical { width: 70; height: auto; border: round $accent; padding: 1 2;
                           background: $surface; }
    """

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question, self.placeholder = question, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question))
            yield Input(placeholder=self.placeholder, id="answer")

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def overview_cells(row: dict[str, Any]) -> tuple[str, ...]:
    """One overview row in words (the server's facts, nothing re-derived)."""
    if row["over"]:
        clock = "game over"
    elif row["paused"]:
        clock = "paused"
    elif row["deadline_in"] is not None:
        clock = f"deadline {row['deadline_in']:.0f} s"
    else:
        clock = ""
    awaiting = ", ".join(row["awaiting"]) if row["awaiting"] else "—"
    scores = f"{row['scores']['us']:.1f} · {row['scores']['china']:.1f}"
    # turn counts the quarters resolved: the one in play is the next, and none once over
    quarter = row["turns"] if row["over"] else row["turn"] + 1
    return (str(row["table"]), f"{row['date']} ({quarter}/{row['turns']})", awaiting,
            clock, scores, f"{row['tension']:.0f}", ", ".join(row["connected"]))


class WorkshopScreen(Screen[None]):
    """Overview of all tables plus the console of the facilitator's table."""

    BINDINGS = [
        Binding("p", "pause", "Pause/resume"),
        Binding("d", "deadline", "Deadline"),
        Binding("i", "inject", "Inject here"),
        Binding("a", "inject_all", "Inject at all"),
        Binding("e", "debrief", "Export debrief"),
    ]
    DEFAULT_CSS = """
    WorkshopScreen #status { height: auto; padding: 0 1; background: $boost; }
    WorkshopScreen #overview { height: auto; max-height: 60%; }
    WorkshopScreen #console { height: 1fr; padding: 0 1; border-top: solid $accent; }
    """

    def __init__(self, seat: RemoteSeat) -> None:
        super().__init__()
        assert seat.welcome is not None and seat.welcome.seat == "facilitator"
        self.seat, self.own_table = seat, seat.welcome.table
        self.sub_title = f"{seat.welcome.title} · facilitator of table {self.own_table}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status")
        yield DataTable(id="overview", cursor_type="row", zebra_stripes=True)
        yield Static("", id="console")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.seat.listeners.append(self._arrived)
        self.refresh_all()

    def on_unmount(self) -> None:
        if self._arrived in self.seat.listeners:
            self.seat.listeners.remove(self._arrived)

    def _arrived(self) -> None:  # the network thread
        with contextlib.suppress(RuntimeError):  # the app has stopped
            self.app.call_from_thread(self.refresh_all)

    # --- drawing ----------------------------------------------------------------------
    def refresh_all(self) -> None:
        self.query_one("#status", Static).update(Text(f"Connection: {self.seat.status}"))
        overview = self.seat.overview
        if overview is not None:
            table = self.query_one(DataTable)
            cursor = table.cursor_row
            table.clear()
            for row in overview.tables:
                table.add_row(*overview_cells(row), key=str(row["table"]))
            if overview.tables:
                table.move_cursor(row=min(cursor, len(overview.tables) - 1))
        self.query_one("#console", Static).update(self.console_text())

    def console_text(self) -> Text:
        update = self.seat.table
        if update is None or update.facilitator is None:
            return Text("waiting for the table…")
        fac = update.facilitator
        text = Text()
        text.append(f"Table {update.table} · {update.date} · ", style="bold")
        text.append("awaiting: " + (", ".join(update.awaiting) or "nobody") + "\n")
        for side, figures in fac["figures"].items():
            shown = " · ".join(f"{figure(name).short} {figure(name).text(figures[name])}"
                               for name in FIGURES_SHOWN)
            text.append(f"{side} (true): {shown}\n")
        text.append("orders in: " + (", ".join(fac["orders"]) or "none") + "\n")
        for entry in fac["journal"][-JOURNAL_LINES:]:
            text.append(f"{entry['date']} {entry['kind']}: {entry['text']}\n", style="dim")
        return text

    def selected_table(self) -> int:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return self.own_table
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    # --- actions: each request leaves from a worker thread ------------------------------
    @work(thread=True, group="request")
    def send(self, kind: str, done: str, **fields: Any) -> None:
        call = self.app.call_from_thread
        try:
            ack = self.seat.request(kind, **fields)
        except RequestRefused as refused:
            call(self.notify, refused.error.message, severity="error")
            return
        except ConnectionError as exc:
            call(self.notify, str(exc), severity="error")
            return
        message = done.format(**ack.detail) if "{" in done else done
        call(self.notify, message)

    def _row(self, number: int) -> dict[str, Any] | None:
        overview = self.seat.overview
        rows = [] if overview is None else [r for r in overview.tables if r["table"] == number]
        return rows[0] if rows else None

    def action_pause(self) -> None:
        number = self.selected_table()
        row = self._row(number)
        paused = not (row is not None and row["paused"])
        self.send("pause", f"table {number} {'paused' if paused else 'resumed'}",
                  paused=paused, table=number)

    def action_deadline(self) -> None:
        number = self.selected_table()

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            try:
                seconds = float(answer)
            except ValueError:
                self.notify(f"{answer!r} is not a number of seconds", severity="error")
                return
            self.send("deadline", f"table {number}: deadline set", seconds=seconds,
                      table=number)

        self.app.push_screen(AskDialog(f"Seconds until the default bots fill in missing orders "
                                   f"at table {number}:", "e.g. 120"), chosen)

    def _ask_card(self, all_tables: bool) -> None:
        update = self.seat.table
        deck = [] if update is None or update.facilitator is None else [
            card["id"] for card in update.facilitator["deck"]]
        number = self.selected_table()
        where = "every table" if all_tables else f"table {number}"

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self.send("inject", f"{answer} injected at {where}", event=answer,
                          table=number, all_tables=all_tables)

        self.app.push_screen(AskDialog(f"Card to fire at the end of the quarter at {where} "
                                   f"({', '.join(deck)}):", "card id"), chosen)

    def action_inject(self) -> None:
        self._ask_card(all_tables=False)

    def action_inject_all(self) -> None:
        self._ask_card(all_tables=True)

    def action_debrief(self) -> None:
        self.send("debrief", "debrief of tables {tables} written to {path} on the server",
                  format="html")


