"""`compute-race report`: debriefs, comparisons and the levers briefing.

    compute-race report RECORD -o debrief.html            one game (or .md)
    compute-race report A.json B.json ... -o compare.html  2-16 games side by side
    compute-race report --briefing SCENARIO -o levers.html the printable levers summary
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.common import add_force, add_trust, fail, load, warn
from game.records import load_game

if TYPE_CHECKING:
    from game.session import Game

MAX_RECORDS = 16  # = game.report.compare.MAX_GAMES, unimported for a fast start (a test keeps them equal)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report", help="write a debrief (one record), a comparison (2-16) or a levers briefing",
        description="Write a self-contained debrief report from a game record (HTML with "
                    "inline charts, or Markdown), a comparison of 2 to 16 records (e.g. the "
                    "tables of a workshop, or a game and its branch), or with --briefing a "
                    "printable summary of each side's levers generated from a scenario. The "
                    "format follows the output's suffix: .html or .md.")
    p.add_argument("records", metavar="RECORD", nargs="*",
                   help="game record files (.json), as saved by the game or `run --record`")
    p.add_argument("-o", "--output", metavar="OUTPUT", required=True,
                   help="the report to write: OUTPUT.html or OUTPUT.md")
    add_force(p, "OUTPUT")
    add_trust(p)
    p.add_argument("--briefing", metavar="SCENARIO", default=None,
                   help="write the levers briefing of SCENARIO (a shipped name or a .toml "
                        "path) instead of a debrief")
    p.add_argument("--label", action="append", default=None, metavar="NAME",
                   help="name a game in a comparison, once per RECORD in order (default: "
                        "the record's file name)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from game.report import ReportError, report_format

    try:
        fmt = report_format(args.output)
    except ReportError as exc:
        raise fail(f"report: {exc}") from None
    if args.briefing is not None:
        if args.records:
            raise fail("report: give either RECORD files or --briefing SCENARIO, not both")
        return _briefing(args.briefing, args.output, fmt, args.force)
    if not args.records:
        raise fail("report: give 1 record for a debrief or 2-16 for a comparison (or "
                   "--briefing SCENARIO for the levers briefing)")
    if len(args.records) > MAX_RECORDS:
        raise fail(f"report: a comparison takes 2 to {MAX_RECORDS} records, not "
                   f"{len(args.records)}")
    labels = args.label
    if labels is not None and len(labels) != len(args.records):
        raise fail(f"report: {len(labels)} --label for {len(args.records)} records (give one "
                   "per record, in order)")
    out = Path(args.output)
    if any(Path(r).resolve() == out.resolve() for r in args.records):
        raise fail(f"report: {out} is one of the records: choose another output file")
    games = [_load(path, args.trust) for path in args.records]
    from game.files import check_target, document_mark

    check_target(out, document_mark(f".{fmt}"), args.force)  # before the report is built
    labels = labels or _labels(args.records)
    from game.report import write_report

    try:
        written = write_report(games, out, labels, force=args.force)
    except ReportError as exc:
        raise fail(f"report: {exc}") from None
    kind = "debrief" if len(games) == 1 else f"comparison of {len(games)} games"
    print(f"wrote the {kind} to {written}", file=sys.stderr)
    return 0


def _briefing(scenario_arg: str, output: str, fmt: str, force: bool) -> int:
    from game.report import ReportError, briefing, write_text_atomic

    scenario = load(scenario_arg)
    try:
        text = briefing(scenario, "md" if fmt == "md" else "html")
        written = write_text_atomic(output, text, force=force)
    except ReportError as exc:
        raise fail(f"report: {exc}") from None
    print(f"wrote the levers briefing of {scenario.name} to {written}", file=sys.stderr)
    return 0


def _load(path: str, trust: bool) -> Game:
    return load_game(path, trust=trust, warn=warn)


def _labels(paths: list[str]) -> list[str]:
    stems = [Path(p).stem for p in paths]
    if len(set(stems)) == len(stems):
        return stems
    return [str(Path(p)) for p in paths]
