"""The report functions the `report` command and the UI's `Export debrief` call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from game.files import document_mark, write_file
from game.model.scenario import Scenario
from game.report.compare import MAX_GAMES, IncomparableGames, build_comparison
from game.session import Game

Format = Literal["html", "md"]
FORMATS: dict[str, Format] = {".html": "html", ".htm": "html", ".md": "md",
                              ".markdown": "md"}


class ReportError(ValueError):
    """A report cannot be made from this input; the message says why and what is allowed."""


def report_format(path: str | Path) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"{path}: a report is written as .html or .md (got "
                          f"{suffix or 'no suffix'!r})")
    return FORMATS[suffix]


def debrief(game: Game, fmt: Format = "html") -> str:
    """One game's debrief."""
    from game.report.facts import build_debrief

    try:
        d = build_debrief(game)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    if fmt == "md":
        from game.report.markdown import debrief_markdown

        return debrief_markdown(d)
    from game.report.html import debrief_html

    return debrief_html(d)


def comparison(games: Sequence[Game], labels: Sequence[str] | None = None,
               fmt: Format = "html") -> str:
    """2 to MAX_GAMES games side by side; the first is the reference."""
    from game.report.compare_render import comparison_html, comparison_markdown

    try:
        c = build_comparison(games, labels)
    except IncomparableGames as exc:
        raise ReportError(str(exc)) from None
    return comparison_markdown(c) if fmt == "md" else comparison_html(c)


def briefing(scenario: Scenario, fmt: Format = "html") -> str:
    """The printable levers summary for both sides (and the deck for the facilitator)."""
    if fmt != "html":
        raise ReportError("the levers briefing is a printable page: write it as .html")
    from game.report.levers import briefing_html

    return briefing_html(scenario)


def write_report(games: Sequence[Game], path: str | Path,
                 labels: Sequence[str] | None = None, force: bool = False) -> Path:
    """A debrief (one game) or a comparison (2 to MAX_GAMES) written to `path`, its format from the
    suffix. Nothing is written unless the whole report was built."""
    fmt = report_format(path)
    if not games:
        raise ReportError("no game to report on")
    if len(games) > MAX_GAMES:
        raise ReportError(f"a comparison takes 2 to {MAX_GAMES} games, not {len(games)}")
    text = debrief(games[0], fmt) if len(games) == 1 else comparison(games, labels, fmt)
    return write_text_atomic(path, text, force=force)


def write_text_atomic(path: str | Path, text: str, force: bool = False) -> Path:
    """Write a report through the game's one writer (`game.files.write_file`): atomic,
    never over a file that is not a report the game wrote unless `force`. Raises
    InputError naming the path and the reason."""
    return write_file(path, text, document_mark(f".{report_format(path)}"), force=force)
