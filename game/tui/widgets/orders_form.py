"""The orders an orders editor shows, as the side's pydantic model: one reading for the
local orders screen and a remote team's seat."""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual.widgets import Static

from game.model.orders import ORDERS_MODELS, Orders
from game.tui.widgets.allocation import AllocationEditor
from game.tui.widgets.policies import PolicyEditor


def orders_shown(side: str, allocation: AllocationEditor, policies: PolicyEditor,
                 problem: Static) -> Orders | None:
    """The orders on screen, or None with what is wrong shown in `problem`."""
    try:
        orders = ORDERS_MODELS[side](allocation=allocation.to_model(),
                                     training_share=policies.training_share,
                                     policies=policies.to_model())
    except ValidationError as exc:
        problem.update(Text("✗ " + "; ".join(e["msg"] for e in exc.errors())))
        return None
    problem.update("")
    return orders
