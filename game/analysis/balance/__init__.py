"""The balance audit (`compute-race balance`): is a scenario balanced, and does every lever
do what its briefing says?

Four parts, each its own module: the bot matrix (matrix.py), lever effects against their
documented effects (levers.py), best responses found by search (best_response.py), and
findings in words (findings.py). All games run as chunks on the batch engine, locally, on
a process pool or on a Dask cluster (runner.py), with the same results on each.
"""

from __future__ import annotations

from game.analysis.balance.audit import Audit, AuditOptions, run_audit

__all__ = ["Audit", "AuditOptions", "run_audit"]
