"""The budget allocation editor: six shares that always add up to 100%."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from game.engine.orders import ALLOCATION
from game.model.orders import Allocation
from game.tui.shares import STEP, WHOLE, from_shares, rebalance
from game.tui.widgets.row_editor import RowEditor

LABELS: dict[str, str] = {
    "chips": "Chips", "fabs": "Fabs", "datacenters": "Data centers", "power": "Power",
    "research": "Research", "intel": "Intelligence",
}
BAR = 16
LABEL_WIDTH = 13


class AllocationEditor(RowEditor):
    """Shares of the quarter's budget. A share you set is kept (◆) while you set others,
    which rebalance the rows not yet set: typing the six shares top to bottom gives exactly
    those shares. Space frees or keeps the picked row."""

    DEFAULT_CSS = "AllocationEditor { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }"
    KEEPS_ROWS = True
    LEFT_ARROW = (LABEL_WIDTH + 2, LABEL_WIDTH + 3)
    RIGHT_ARROW = (LABEL_WIDTH + BAR + 5, LABEL_WIDTH + BAR + 6)

    class Changed(Message):
        def __init__(self, editor: AllocationEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, allocation: Allocation, budget: float, *, id: str | None = None,
                 disabled: bool = False):
        super().__init__(id=id, disabled=disabled)
        self.tenths = from_shares(allocation.as_list())
        self.budget = budget  # $B this quarter, to show what each share buys
        self.kept: set[int] = set()  # rows the player set: others rebalance around them

    def set_from(self, allocation: Allocation) -> None:
        self.tenths = from_shares(allocation.as_list())
        self.kept = set()
        self.problem = ""
        self.refresh()
        self.post_message(self.Changed(self))

    def to_model(self) -> Allocation:
        return Allocation(**{name: t / WHOLE for name, t in zip(ALLOCATION, self.tenths,
                                                                  strict=True)})

    def row_count(self) -> int:
        return len(ALLOCATION)

    def row_text(self, index: int, selected: bool) -> Text:
        name = ALLOCATION[index]
        share = self.tenths[index]
        filled = round(BAR * share / WHOLE)
        text = Text()
        text.append("▸" if selected else " ", style="bold")
        text.append("◆" if index in self.kept else " ", style="bold")
        text.append(f"{LABELS[name]:<{LABEL_WIDTH}}", style="bold" if selected else "")
        text.append("◀ ")
        text.append("█" * filled + "·" * (BAR - filled))
        text.append(" ▶ ")
        text.append(f"{share / 10:5.1f}%", style="bold")
        text.append(f" ${self.budget * share / WHOLE:5.1f}B", style="dim")
        return text

    def hint(self) -> str:
        return "←/→ ±5 · type a % + Enter · ◆ set rows stay · space frees"

    def step_row(self, index: int, direction: int) -> None:
        self.problem = self._set(index, self.tenths[index] + direction * STEP) or ""

    def set_row(self, index: int, number: float) -> str | None:
        if not 0 <= number <= 100:
            return f"{number:g} is not a share: type a percentage from 0 to 100"
        return self._set(index, round(number * 10))

    def toggle_row(self, index: int) -> None:
        self.kept ^= {index}
        self.refresh()

    def _set(self, index: int, value: int) -> str | None:
        self.tenths, released = rebalance(self.tenths, index, value, self.kept)
        note = None
        if released:  # no room among the free rows: the others were rebalanced
            self.kept = set()
            note = self.problem = "no room left: the rows you had set were freed"
        self.kept.add(index)
        self.refresh()
        self.post_message(self.Changed(self))
        return note
