"""Whether the full-screen app can run here. Kept free of the game's imports so that bare
`compute-race` and `play` answer at once when there is no terminal."""

from __future__ import annotations

import sys

NO_TERMINAL = ("compute-race play: needs a terminal (stdin and stdout must both be one); "
               "for a game without a screen use `compute-race run SCENARIO` (see "
               "`compute-race run --help`)")


def has_terminal() -> bool:
    """The app needs a terminal for keys and screen: without one it would start anyway
    and never exit."""
    return sys.stdin.isatty() and sys.stdout.isatty()
