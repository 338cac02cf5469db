"""The command palette (ctrl+p): exactly the game's eight commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

# (name shown, app action, help line). DESIGN.md §4 fixes the names.
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("End turn", "end_turn", "Resolve the quarter with the orders given"),
    ("Save game", "save_game", "Write the game to a file (the save is also the replay)"),
    ("Load game", "load_game", "Resume a saved game"),
    ("Undo turn", "undo_turn", "Take back the last quarter"),
    ("Help", "help", "The mechanics, the keys and the units"),
    ("Export debrief", "export_debrief", "Write the debrief report of this game"),
    ("Facilitator console", "facilitator", "Inject events and take notes (workshops)"),
    ("Quit", "quit", "Leave the game"),
)
NOT_NOW = "Not now: the quarter is being resolved"
# Why a command the app refuses outright (check_action False) is greyed.
REFUSED = {"facilitator": "Only in a facilitated session: compute-race play --facilitator"}


class GameCommands(Provider):
    def _runner(self, action: str) -> Callable[[], object]:
        # run_action asks the app's check_action first: a greyed command does nothing.
        return partial(self.app.run_action, action)

    def _enabled(self, action: str) -> bool:
        return bool(self.app.check_action(action, ()))

    def _why_not(self, action: str) -> str:
        return REFUSED.get(action, NOT_NOW)

    async def discover(self) -> Hits:
        for name, action, help_text in PALETTE:
            if self._enabled(action):
                yield DiscoveryHit(name, self._runner(action), help=help_text)
            else:  # greyed, as in the footer (End turn while a quarter resolves)
                yield DiscoveryHit(Content.styled(name, "dim"), self._runner(action),
                                   text=name, help=self._why_not(action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in PALETTE:
            score = matcher.match(name)
            if score <= 0:
                continue
            if self._enabled(action):
                yield Hit(score, matcher.highlight(name), self._runner(action), text=name,
                          help=help_text)
            else:
                yield Hit(score, Content.styled(name, "dim"), self._runner(action),
                          text=name, help=self._why_not(action))
