"""A keyboard-first list of adjustable rows: up/down picks a row, left/right moves its value
one step, typing a number and Enter sets it. Mouse: click a row to pick it, click its ◀ or ▶
to step. Bad typed input is shown inline and changes nothing."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

TYPABLE = set("0123456789.")
ARROWS: dict[str, tuple[str, int]] = {
    "up": ("pick", -1), "down": ("pick", 1), "left": ("step", -1), "right": ("step", 1),
}


class RowEditor(Widget, can_focus=True):
    """Subclasses say how many rows there are, draw one, and step or set a row."""

    BINDINGS = [
        Binding("up", "pick(-1)", "Pick", show=False),
        Binding("down", "pick(1)", "Pick", show=False),
        Binding("left", "step(-1)", "−", key_display="←"),
        Binding("right", "step(1)", "+", key_display="→"),
    ]

    selected: reactive[int] = reactive(0)
    typed: reactive[str] = reactive("")
    problem: reactive[str] = reactive("")

    ROW_HEIGHT = 1
    KEEPS_ROWS = False  # space keeps or frees the picked row (toggle_row)
    # Cell columns of the ◀ and ▶ glyphs in a row, for the mouse.
    LEFT_ARROW: tuple[int, int] = (0, 0)
    RIGHT_ARROW: tuple[int, int] = (0, 0)

    # --- for subclasses -------------------------------------------------------------------
    def row_count(self) -> int:
        raise NotImplementedError

    def row_text(self, index: int, selected: bool) -> Text:
        raise NotImplementedError

    def step_row(self, index: int, direction: int) -> None:
        raise NotImplementedError

    def set_row(self, index: int, number: float) -> str | None:
        """Set the row from a typed number; return a problem to show, or None."""
        raise NotImplementedError

    def hint(self) -> str:
        return "←/→ adjust · type a number and Enter to set it"

    def toggle_row(self, index: int) -> None:
        """Space on a row, for editors that KEEPS_ROWS."""
        raise NotImplementedError

    # --- behaviour ------------------------------------------------------------------------
    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for i in range(self.row_count()):
            text.append_text(self.row_text(i, self.has_focus and i == self.selected))
            text.append("\n")
        if self.problem:
            text.append(f"✗ {self.problem}", style="bold red")
        elif self.typed:
            text.append(f"set to: {self.typed}▏ (Enter to set, Esc to cancel)", style="bold")
        else:
            text.append(self.hint(), style="dim")
        return text

    def action_pick(self, delta: int) -> None:
        self.selected = (self.selected + delta) % self.row_count()
        self.typed = ""

    def action_step(self, direction: int) -> None:
        self.problem = ""
        self.typed = ""
        self.step_row(self.selected, direction)
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        # The arrows are handled here, in the same queue as the digits, not by the bindings
        # (which run only once the key has bubbled up to the app): otherwise a number typed
        # right after ↓ lands on the row above, and one typed after → gets a step added.
        if event.key in ARROWS:
            action, delta = ARROWS[event.key]
            (self.action_pick if action == "pick" else self.action_step)(delta)
        elif event.character is not None and event.character in TYPABLE:
            self.typed = (self.typed + event.character)[:8]
            self.problem = ""
        elif event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
        elif event.key == "enter" and self.typed:
            self._apply_typed()
        elif event.key == "space" and not self.typed and self.KEEPS_ROWS:
            self.toggle_row(self.selected)
        elif event.key == "escape" and (self.typed or self.problem):
            self.typed = ""
            self.problem = ""
        else:
            return  # not ours: let the screen have it
        event.stop()
        event.prevent_default()

    def _apply_typed(self) -> None:
        text, self.typed = self.typed, ""
        try:
            number = float(text)
        except ValueError:
            self.problem = f"{text!r} is not a number"
            return
        self.problem = self.set_row(self.selected, number) or ""
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y // self.ROW_HEIGHT
        if row >= self.row_count():
            return
        self.focus()
        self.selected = row
        if self.LEFT_ARROW[0] <= offset.x <= self.LEFT_ARROW[1]:
            self.action_step(-1)
        elif self.RIGHT_ARROW[0] <= offset.x <= self.RIGHT_ARROW[1]:
            self.action_step(1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.typed = ""
        self.refresh()
