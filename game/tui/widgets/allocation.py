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
    """Shares of the quarter's budget. Moving one share rebalances the rest."""

    DEFAULT_CSS = "AllocationEditor { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }"
    LEFT_ARROW = (LABEL_WIDTH + 2, LABEL_WIDTH + 3)
    RIGHT_ARROW = (LABEL_WIDTH + BAR + 5, LABEL_WIDTH + BAR + 6)

    class Changed(Message):
        def __init__(self, editor: AllocationEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, allocation: Allocation, budget: float, *, id: str | None = None):
        super().__init__(id=id)
        self.tenths = from_shares(allocation.as_list())
        self.budget = budget  # $B this quarter, to show what each share buys

    def set_from(self, allocation: Allocation) -> None:
        self.tenths = from_shares(allocation.as_list())
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
        text.append("▸ " if selected else "  ", style="bold")
        text.append(f"{LABELS[name]:<{LABEL_WIDTH}}", style="bold" if selected else "")
        text.append("◀ ")
        text.append("█" * filled + "·" * (BAR - filled))
        text.append(" ▶ ")
        text.append(f"{share / 10:5.1f}%", style="bold")
        text.append(f" ${self.budget * share / WHOLE:5.1f}B", style="dim")
        return text

    def hint(self) -> str:
        return "←/→ 5 points, the rest rebalance · type a % + Enter"

    def step_row(self, index: int, direction: int) -> None:
        self._set(index, self.tenths[index] + direction * STEP)

    def set_row(self, index: int, number: float) -> str | None:
        if not 0 <= number <= 100:
            return f"{number:g} is not a share: type a percentage from 0 to 100"
        self._set(index, round(number * 10))
        return None

    def _set(self, index: int, value: int) -> None:
        self.tenths = rebalance(self.tenths, index, value)
        self.refresh()
        self.post_message(self.Changed(self))
