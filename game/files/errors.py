"""The game's one exception for bad input: a file, an argument, an order.

It lives at the bottom of the package so that every layer, the file reader and writer
included, raises the same thing; `game.model.errors` re-exports it, and the CLI prints its
problems and exits 2.
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a file, an argument or an order. The CLI prints it and exits 2."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
