"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (unmounts and mounts a widget per key, restyling each) on every
bindings refresh of its screen: focus moves, screen switches, a dashboard refresh. A turn
triggered about fourteen of those, ~70% of the time a turn took to resolve and redraw
(bench/bench_ui.py: 650 ms → 200 ms without them). This footer remembers what it shows and
skips the rebuild when nothing it would show has changed, and only greys or ungreys keys
when just their states changed (End turn while a quarter resolves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, bool, str], ...]  # key, description, enabled, tooltip


def _layout(shown: Shown) -> tuple[tuple[str, str, str], ...]:
    return tuple((key, description, tip) for key, description, _, tip in shown)


class GameFooter(Footer):
    _shown: Shown | None = None  # the keys of the last rebuild asked for; None: none yet
    _rebuild_queued = False

    def _would_show(self) -> Shown:
        return tuple((a.binding.key, a.binding.description, a.enabled, a.tooltip)
                     for a in self.screen.active_bindings.values() if a.binding.show)

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer.bindings_changed, with two savings: no rebuild when the keys and their
        # states are what the footer already shows, and one rebuild for any number of
        # refreshes before the next frame (the rebuild reads the bindings when it runs).
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = self._would_show()
        if shown == self._shown:
            return
        before, self._shown = self._shown, shown
        if before is not None and not self._rebuild_queued and _layout(before) == _layout(shown):
            self._set_enabled(shown)  # only keys turned on or off (a turn resolving)
            return
        if not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    def _set_enabled(self, shown: Shown) -> None:
        enabled = {key: on for key, _, on, _ in shown}
        for widget in self.query(FooterKey):
            off = not enabled.get(widget.key, True)
            if widget._disabled != off:  # FooterKey reads it on a click
                widget._disabled = off
                widget.set_class(off, "-disabled")

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        await self.recompose()
