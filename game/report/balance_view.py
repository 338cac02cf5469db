"""What a balance report shows, from the audit's JSON (`balance --format json`): the same
tables for the terminal, Markdown and HTML, so the three never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.present import number, percent, signed

SIDE = {"us": "US bloc", "china": "China"}
STATUS = {"ok": "ok", "none": "no visible effect", "wrong": "WRONG SIGN",
          "missing": "not in the model yet"}
LEVER_FIGURES = ("score", "compute", "capability", "market_share", "revenue", "budget")
Rows = list[list[str]]


def pct(rate: float) -> str:
    """A rate as percent, whole unless it is within a point of 0% or 100%: 99.5% is not
    100%, and a one-sided pairing must not read as a clean sweep."""
    return percent(rate, 0 if rate in (0.0, 1.0) or 0.01 <= rate <= 0.99 else 1)


def interval(pair: Sequence[float]) -> str:
    return f"{pct(pair[0])}-{pct(pair[1])}"


def title(audit: dict[str, Any]) -> str:
    return f"Balance audit: {audit['scenario']}"


def summary_line(audit: dict[str, Any]) -> str:
    return (f"{audit['runs']:,} games per pairing and per lever setting, seed {audit['seed']}; "
            f"bots: {', '.join(audit['bots'])} (normal level); levers forced on top of "
            f"{audit['default_bot']} against {audit['default_bot']}")


def bots_of(audit: dict[str, Any], side: str) -> list[str]:
    return list(dict.fromkeys(row[side] for row in audit["matrix"]))


def cell(audit: dict[str, Any], us: str, china: str) -> dict[str, Any]:
    return next(r for r in audit["matrix"] if r["us"] == us and r["china"] == china)


def matrix_grid(audit: dict[str, Any]) -> tuple[list[str], Rows]:
    """US bots down, China bots across; each cell: US wins / China wins / draws."""
    china = bots_of(audit, "china")
    header = ["US ↓ China →", *china]
    rows = [[us, *(f"{pct(c['us_win'])} / {pct(c['china_win'])} / {pct(c['draw'])}"
                   for c in (cell(audit, us, ch) for ch in china))]
            for us in bots_of(audit, "us")]
    return header, rows


def matrix_rows(audit: dict[str, Any]) -> tuple[list[str], Rows]:
    header = ["US", "China", "US wins", "95% interval", "China wins", "95% interval",
              "draws", "crisis", "gap p10", "gap p50", "gap p90"]
    rows = [[r["us"], r["china"], pct(r["us_win"]), interval(r["us_win_interval"]),
             pct(r["china_win"]), interval(r["china_win_interval"]), pct(r["draw"]),
             pct(r["crisis"]), signed(r["gap_p10"]), signed(r["gap_p50"]),
             signed(r["gap_p90"])] for r in audit["matrix"]]
    return header, rows


def levers(audit: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per lever: side, lever, ok, checks, and its rows (one per setting)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in audit["levers"]:
        key = (row["side"], row["lever"])
        entry = out.setdefault(key, {"side": row["side"], "lever": row["lever"],
                                     "ok": row["ok"], "checks": row["checks"], "rows": []})
        entry["rows"].append(row)
    return list(out.values())


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "NOT OK")


def check_text(check: dict[str, Any]) -> str:
    effect = check.get("effect")
    change = "" if effect is None else f" {signed(effect['value'])}"
    return f"{check['figure']} {check['expect']}:{change} {STATUS[check['status']]}"


def lever_rows(audit: dict[str, Any]) -> tuple[list[str], Rows]:
    """Per lever: its verdict and each documented effect, highest setting against lowest."""
    header = ["side", "lever", "ok", "documented effects (highest setting vs lowest)"]
    rows = [[SIDE[e["side"]], e["lever"], verdict(e["ok"]),
             "; ".join(check_text(c) for c in e["checks"]) or "(none documented)"]
            for e in levers(audit)]
    return header, rows


def setting_rows(audit: dict[str, Any]) -> tuple[list[str], Rows]:
    """Per lever setting: the change in the pulling side's figures and the win rates."""
    header = ["side", "lever", "setting", *LEVER_FIGURES, "tension", "US wins", "China wins",
              "crisis"]
    rows = []
    for row in audit["levers"]:
        e = row["effects"]
        side = row["side"]
        rows.append([SIDE[side], row["lever"], number(row["setting"]),
                     *(signed(e[f"{side}.{f}"]["value"]) for f in LEVER_FIGURES),
                     signed(e["tension"]["value"]),
                     signed(100 * e["us.win"]["value"], "pts"),
                     signed(100 * e["china.win"]["value"], "pts"),
                     signed(100 * e["crisis"]["value"], "pts")])
    return header, rows


def response_rows(audit: dict[str, Any]) -> tuple[list[str], Rows]:
    header = ["side", "against", "plan wins", "95% interval", "best bot", "its wins",
              "margin"]
    rows = [[SIDE[r["side"]], r["against"], pct(r["win_rate"]), interval(r["win_rate_interval"]),
             r["best_bot"], pct(r["best_bot_win_rate"]), signed(100 * r["margin"], "pts")]
            for r in audit["best_response"]]
    return header, rows


def plan_lines(response: dict[str, Any]) -> list[str]:
    """A plan in words: one line per phase."""
    lines = []
    for turn in response["plan"]["turns"]:
        alloc = ", ".join(f"{k} {pct(v)}" for k, v in turn["allocation"].items())
        pol = ", ".join(f"{k} {v}" for k, v in turn["policies"].items())
        lines.append(f"from {turn['at']}: {alloc}; training {pct(turn['training_share'])}; "
                     f"{pol}")
    return lines


def findings(audit: dict[str, Any]) -> list[str]:
    return [f["text"] for f in audit["findings"]] or ["No finding: no dominant bot or plan, "
                                                      "no foregone pairing, every lever ok."]


UNITS = ("Changes are the forced game minus the unforced game with the same seed, averaged; "
         "score in points, compute in M H100e, capability in log10 FLOP, revenue and budget "
         "in $B a quarter, market share as a fraction, win and crisis rates in "
         "percentage points.")
