"""Modal dialogs."""

from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.event import EventDialog
from game.tui.dialogs.path import PathDialog

__all__ = ["ConfirmDialog", "EventDialog", "PathDialog"]
