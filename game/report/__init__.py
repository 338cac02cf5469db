"""Debrief reports and charts.

    from game.report import debrief, comparison, briefing, write_report
    html = debrief(game)                      # one game, self-contained HTML
    md = debrief(game, fmt="md")              # the same sections in Markdown
    html = comparison([game_a, game_b], labels=["table 1", "table 2"])
    html = briefing(scenario)                 # the printable levers summary
    write_report([game], "debrief.html")      # format from the suffix; atomic write

Reports take `Game` objects (a loaded record is a Game), never files, so the UI's
`Export debrief` and the `report` command share one code path.
"""

from __future__ import annotations

from game.report.api import (
    FORMATS,
    ReportError,
    briefing,
    comparison,
    debrief,
    report_format,
    write_report,
    write_text_atomic,
)

__all__ = ["FORMATS", "ReportError", "briefing", "comparison", "debrief", "report_format",
           "write_report", "write_text_atomic"]
