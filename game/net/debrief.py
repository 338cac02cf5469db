"""The facilitator's `Export debrief`: the comparison report across tables (or one table's
debrief), built by game.report and written into the server's data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.net.protocol import Refused
from game.net.table import Table
from game.report.api import ReportError, write_report
from game.report.compare import MAX_GAMES


def export_debrief(tables: list[Table], chosen: list[int] | None, fmt: str,
                   data: Path) -> dict[str, Any]:
    """Write the debrief of the `chosen` tables (default: every table that has played a
    quarter) to DATA/debrief.FMT; returns its path and text for the facilitator's client."""
    if chosen is None:
        picked = [t for t in tables if t.game.history]
    else:
        unknown = [n for n in chosen if not 1 <= n <= len(tables)]
        if unknown:
            raise Refused("refused", f"no table {unknown[0]} (tables 1-{len(tables)})")
        picked = [tables[n - 1] for n in dict.fromkeys(chosen)]
    if not picked:
        raise Refused("refused", "no table has played a quarter yet: nothing to debrief")
    if len(picked) > MAX_GAMES:
        raise Refused("refused", f"a comparison takes at most {MAX_GAMES} tables, not "
                                 f"{len(picked)}: choose them (tables: [1, 2, ...])")
    path = data / f"debrief.{fmt}"
    try:
        write_report([t.game for t in picked], path,
                     labels=[f"table {t.number}" for t in picked])
    except ReportError as exc:
        raise Refused("refused", str(exc)) from None
    return {"path": str(path), "tables": [t.number for t in picked],
            "text": path.read_text(encoding="utf-8")}
