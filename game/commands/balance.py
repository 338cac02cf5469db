"""`compute-race balance`: the balance audit of a scenario (bot matrix, lever effects, best
responses, findings)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.commands.common import add_force, fail, load, positive_int, print_json, seed_arg
from game.commands.sweep import Progress, add_backend

FORMATS = ("table", "json", "md", "html")
MAX_RUNS = 100_000
MAX_BUDGET = 100_000


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "balance", help="audit a scenario's balance: bot matrix, levers, best responses",
        description="Audit a scenario: every US bot against every China bot (win, draw and "
                    "crisis rates with 95%% intervals, the score gap's spread); every lever "
                    "of each side forced on top of the default bot (its effect on the "
                    "headline figures, checked against its documented effect); the best "
                    "fixed plan a search finds against each bot (as an orders file); and "
                    "the findings in words, strongest first. Results do not depend on "
                    "--workers or --scheduler.")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped scenario's name or a "
                   ".toml path")
    p.add_argument("--runs", type=_bounded(MAX_RUNS), default=None, metavar="N",
                   help="games per pairing and per lever setting (default 200; 24 with "
                        "--quick)")
    p.add_argument("--bots", type=_bots, default=(), metavar="NAME,...",
                   help="the bots to audit, each NAME or NAME:LEVEL (default: every bot, "
                        "at its normal level)")
    p.add_argument("--quick", action="store_true",
                   help="few seeds and a small search: minutes, not a quarter of an hour")
    p.add_argument("--budget", type=_bounded(MAX_BUDGET), default=None, metavar="EVALS",
                   help="plans tried per best-response search (default 160; 36 with "
                        "--quick)")
    p.add_argument("--seed", type=seed_arg, default=0, help="the audit's seed (default 0)")
    add_backend(p)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="table (default), json, md or html (default for -o: from the "
                        "file's suffix)")
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="write the report to FILE instead of standard output")
    add_force(p, "-o FILE")
    p.set_defaults(handler=run)


def _bounded(limit: int) -> Any:
    def parse(text: str) -> int:
        value = positive_int(text)
        if value > limit:
            raise argparse.ArgumentTypeError(f"{value:,} is over the limit of {limit:,}")
        return value
    return parse


def _bots(text: str) -> tuple[str, ...]:
    from game.bots.base import make_bot

    names = tuple(n.strip().removeprefix("bot:") for n in text.split(",") if n.strip())
    if not names:
        raise argparse.ArgumentTypeError("no bot named (e.g. --bots balanced,hawk)")
    for name in names:
        try:
            make_bot(name)  # NAME or NAME:LEVEL
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return tuple(dict.fromkeys(names))


def _format(args: argparse.Namespace) -> str:
    if args.format is not None:
        return str(args.format)
    if args.output is None:
        return "table"
    suffix = Path(args.output).suffix.lower()
    by_suffix = {".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".txt": "table"}
    if suffix not in by_suffix:
        raise fail(f"-o {args.output}: cannot tell the format from {suffix or 'no suffix'!r} "
                   "(allowed: .json, .md, .html, .txt, or give --format)")
    return by_suffix[suffix]


def run(args: argparse.Namespace) -> int:
    from game.analysis.balance import AuditOptions, run_audit
    from game.analysis.sweep import default_workers

    fmt = _format(args)
    if args.output is not None:
        from game.files import check_target

        check_target(args.output, output_mark(fmt), args.force)  # before minutes of work
    scenario = load(args.scenario)
    if args.quick:
        options = AuditOptions.quick(args.seed, args.bots, args.runs, args.budget)
    else:
        options = AuditOptions(runs=args.runs or 200, bots=args.bots,
                               budget=args.budget or 160, seed=args.seed)
    workers = args.workers or default_workers()
    audit = run_audit(scenario, options, workers, args.scheduler, StageProgress())
    text = render(audit, fmt)
    if args.output is None:
        if fmt == "json":
            print_json(audit.as_json())
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    from game.files import write_file

    write_file(args.output, text, output_mark(fmt), force=args.force)
    return 0


def output_mark(fmt: str) -> Any:
    """How the writer recognises an audit it wrote, so -o replaces only those."""
    from game.analysis.balance.audit import AUDIT_FORMAT
    from game.files import Mark, document_mark, json_format

    if fmt == "json":
        return Mark("balance audit", json_format(AUDIT_FORMAT))
    if fmt in ("md", "html"):
        return document_mark(f".{fmt}")
    return Mark("balance audit", lambda data: data.startswith(b"Balance audit: "))


def render(audit: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(audit.as_json(), indent=2, allow_nan=False) + "\n"
    if fmt == "md":
        from game.report.balance_md import balance_markdown

        return balance_markdown(audit.as_json())
    if fmt == "html":
        from game.report.balance_html import balance_html

        return balance_html(audit.as_json())
    from game.commands.balance_text import balance_table

    return balance_table(audit.as_json())


class StageProgress(Progress):
    """The sweep's bar, labelled with the audit's stage."""

    def __call__(self, stage: str, done: int, total: int) -> None:  # type: ignore[override]
        self.bar(f"{stage:<34.34} ", done, total)
