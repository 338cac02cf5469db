"""The replay viewer: a recorded game turn by turn (left/right, home/end) with both sides'
orders, the facilitator's injects, actions and notes, and the turn report; `c` takes control
from the quarter on screen, branching a new live game.

Everything shown is recomputed from the record by the engine (`hooks.open_replay`), and the
report is the live game's own (`present.turn_report` from the TurnLog's contributions), seen
by a spectator: the fog is lifted, both sides are shown.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.engine.types import SIDES
from game.model.orders import Orders
from game.present.words import ALLOCATION_WORDS
from game.session import Game
from game.tui import hooks, present
from game.tui.local_game import LocalGame
from game.tui.messages import GameChosen, NewGameRequested
from game.tui.policy_text import specs
from game.tui.score import score_moves
from game.tui.screens.replay_control import TakeControlDialog
from game.tui.screens.replay_problem import ProblemDialog
from game.tui.screens.report import report_text
from game.tui.widgets.footer import GameFooter

# Journal kinds that change the game are shown from the turn's own record (injects and
# actions, which a replay applies); the rest are the room's log, shown as written.
ROOM_LOG_KINDS = ("note", "undo", "pause", "resume", "reveal")
CHANGED = "*"


def _orders_before(game: Game, turn: int, side: str) -> Orders:
    """What `side` ordered the quarter before `turn` (the opening policies before turn 0)."""
    if turn > 0:
        return game.history[turn - 1].orders[side]
    return game.suggested_orders(side, bot=False)


def side_orders(game: Game, turn: int, side: str) -> Text:
    """`side`'s orders in `turn`, each setting marked when it changed from the quarter
    before (what a "what if" reader looks for)."""
    now = game.history[turn].orders[side]
    before = _orders_before(game, turn, side)
    text = Text()
    text.append(f"{present.side_label(side)}\n", style="bold")
    for name, word in ALLOCATION_WORDS.items():
        share = getattr(now.allocation, name)
        mark = CHANGED if share != getattr(before.allocation, name) else ""
        text.append(f"  budget to {word} {share * 100:.0f}%{mark}\n")
    mark = CHANGED if now.training_share != before.training_share else ""
    text.append(f"  compute to training {now.training_share * 100:.0f}%{mark}\n")
    for spec in specs(side):
        value = float(getattr(now.policies, spec.name))
        mark = CHANGED if value != float(getattr(before.policies, spec.name)) else ""
        text.append(f"  {spec.label}: {spec.level_word(value)}{mark}\n")
    text.rstrip()
    return text


def orders_table(game: Game, turn: int) -> Table:
    """Both sides' orders in `turn`, side by side."""
    table = Table.grid(expand=True, padding=(0, 2))
    for _ in SIDES:
        table.add_column(ratio=1)
    table.add_row(*(side_orders(game, turn, side) for side in SIDES))
    return table


def facilitator_text(replayed: hooks.Replayed, turn: int) -> Text:
    """The facilitator's injects and actions for `turn` (from the replayed history) and the
    room's log written while it was being played."""
    game = replayed.game
    played = game.history[turn]
    lines = [f"injected: {game.rules.deck.titles[k]} [{game.rules.deck.ids[k]}]"
             for k in played.injects]
    lines += [action.describe() for action in played.actions]
    lines += [f"{entry.kind} ({entry.at[11:16]} UTC): {entry.text}"
              for entry in replayed.record.journal
              if entry.turn == turn and entry.kind in ROOM_LOG_KINDS]
    text = Text()
    text.append("Facilitator\n", style="bold")
    if not lines:
        text.append("  nothing this quarter\n", style="dim")
    for line in lines:
        text.append(f"  {line}\n")
    return text


def fired_ids(game: Game, turn: int) -> list[str]:
    """The deck ids of the events that fired at the end of `turn` in the replay."""
    fired = game.history[turn].log.events_fired
    ids = game.rules.deck.ids
    return [] if fired is None else [ids[k] for k in range(min(len(ids), fired.shape[1]))
                                     if bool(fired[0, k])]


def turn_view(replayed: hooks.Replayed, turn: int) -> Group:
    """Everything the viewer shows about one recorded turn (0-based)."""
    game = replayed.game
    table = LocalGame(game)  # the report reads the game as any table does
    head = Text()
    head.append("Orders", style="bold")
    head.append(f"  ({CHANGED} changed from the quarter before)", style="dim")
    parts: list[RenderableType] = [head, orders_table(game, turn), Text(),
                                   facilitator_text(replayed, turn),
                                   report_text(present.turn_report(table, turn, None),
                                               score_moves(table, turn))]
    recorded = replayed.record.turns[turn].events if turn < len(replayed.record.turns) else []
    if recorded != fired_ids(game, turn):
        parts.append(Text(f"The record lists the events {', '.join(recorded) or 'none'} for "
                          "this quarter: this build's replay differs.", style="bold"))
    return Group(*parts)


class ReplayScreen(Screen[None]):
    # Styled here rather than in app.tcss: the viewer is self-contained.
    DEFAULT_CSS = """
    #replay-title { height: 1; background: $primary-background; padding: 0 1; }
    #replay-turn { height: 1; padding: 0 1; background: $boost; }
    #replay-problem { height: auto; max-height: 6; padding: 0 1; color: $warning; }
    #replay-scroll { height: 1fr; padding: 0 2; }
    #replay-text { height: auto; }
    """
    # Priority: the scroll area would otherwise take left/right/home/end for scrolling.
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", priority=True),
        Binding("right", "step(1)", "Next", priority=True),
        Binding("home", "first", "First", priority=True),
        Binding("end", "last", "Last", priority=True),
        Binding("c", "take_control", "Take control from here"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, replayed: hooks.Replayed) -> None:
        super().__init__()
        self.replayed = replayed
        # The quarter on screen, from the first (0; -1 when none was played).
        self.turn = 0 if replayed.game.turn else -1

    def compose(self) -> ComposeResult:
        record = self.replayed.record
        yield Static(Text.assemble(("Replay", "bold"), f" · {record.scenario_title} · seed "
                                   f"{record.seed} · {self.replayed.path.name}"),
                     id="replay-title")
        yield Static("", id="replay-turn")
        problems = [p for p in (self.replayed.problem, self.replayed.engine_note) if p]
        yield Static(Text("✗ " + "\n".join(problems)) if problems else "",
                     id="replay-problem")
        with VerticalScroll(id="replay-scroll"):
            yield Static("", id="replay-text")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#replay-problem").display = bool(
            self.replayed.problem or self.replayed.engine_note)
        self.show()

    def show(self) -> None:
        game = self.replayed.game
        played = game.turn
        position = self.query_one("#replay-turn", Static)
        body = self.query_one("#replay-text", Static)
        if played == 0:
            position.update(f"No quarter was played in this record · {game.date} to come")
            body.update("c takes control from the opening.")
            return
        t = self.turn
        ended = " · the game ended here" if t == played - 1 and game.over else ""
        position.update(Text.assemble(
            ("◀ " if t > 0 else "  "), (game.date_of(t), "bold"),
            f" · turn {t + 1} of {played} recorded (of {game.turns}){ended}",
            (" ▶" if t < played - 1 else "")))
        body.update(turn_view(self.replayed, t))
        self.query_one("#replay-scroll", VerticalScroll).scroll_home(animate=False)

    # --- stepping ---------------------------------------------------------------------------
    def _go(self, turn: int) -> None:
        last = self.replayed.game.turn - 1
        if last < 0:  # nothing was played: the opening is all there is
            return
        turn = max(0, min(turn, last))
        if turn != self.turn:
            self.turn = turn
            self.show()

    def action_step(self, delta: int) -> None:
        self._go(self.turn + delta)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.replayed.game.turn - 1)

    # --- taking control ----------------------------------------------------------------------
    def action_take_control(self) -> None:
        game = self.replayed.game
        kept = self.turn + 1  # keep the quarter on screen and every one before it
        if kept > 0 and kept == game.turn and game.over:
            self.notify(f"The game ended after {game.date_of(self.turn)}: step back to an "
                        "earlier quarter to take control.", severity="warning", timeout=6)
            return
        last = game.date_of(self.turn) if kept else ""
        self.app.push_screen(TakeControlDialog(last, game.date_of(kept)),
                             callback=lambda choice: self._branch(kept, choice))

    def _branch(self, kept: int, choice: str | None) -> None:
        if choice is None:
            return
        try:
            branch, humans = hooks.take_control(self.replayed.game, kept, choice)
        except ValueError as exc:
            self.app.push_screen(ProblemDialog("Cannot take control", [str(exc)]))
            return
        self.post_message(GameChosen(branch, humans))

    def action_leave(self) -> None:
        from game.tui.screens.title import TitleScreen

        stack = self.app.screen_stack
        if len(stack) >= 2 and isinstance(stack[-2], TitleScreen):
            self.dismiss(None)
        else:  # opened by `play --replay`: the title screen comes next
            self.post_message(NewGameRequested())
