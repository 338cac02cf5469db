"""`compute-race balance` as plain text for the terminal (tables from report.balance_view)."""

from __future__ import annotations

from typing import Any

from game.commands.common import table
from game.report import balance_view as v


def balance_table(audit: dict[str, Any]) -> str:
    parts = [v.title(audit), v.summary_line(audit), "", "Findings (strongest first):"]
    parts += [f"  {i}. {text}" for i, text in enumerate(v.findings(audit), 1)]
    parts += ["", "Bot matrix (US wins / China wins / draws):", table(*v.matrix_grid(audit)),
              "", table(*v.matrix_rows(audit)),
              "", "Levers (each forced on top of the default bot):",
              table(*v.lever_rows(audit), align="llll"),
              "", "Best responses (a fixed plan found by search, played over the audit's "
                  "seeds):", table(*v.response_rows(audit))]
    for r in audit["best_response"]:
        parts += [f"  {v.SIDE[r['side']]} against {r['against']}:"]
        parts += [f"    {line}" for line in v.plan_lines(r)]
    parts += ["", "(the plans as orders files: balance --format json, .best_response[].plan)"]
    return "\n".join(parts)
