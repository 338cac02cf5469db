"""The golden playthrough: a rule change shows up as a reviewed diff. If this fails after
an intended change, run `python scripts/write_golden.py` and review `git diff tests/golden`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from write_golden import CASES, GOLDEN, golden_text  # noqa: E402


@pytest.mark.parametrize(("scenario", "seed"), CASES)
def test_playthrough_matches_the_golden_file(scenario: str, seed: int) -> None:
    expected = (GOLDEN / f"{scenario}-seed{seed}.txt").read_text()
    actual = golden_text(scenario, seed)
    if actual != expected:
        old, new = expected.splitlines(), actual.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                     min(len(old), len(new)))
        pytest.fail(f"playthrough differs from line {first + 1}:\n  golden: "
                    f"{old[first] if first < len(old) else '<end>'}\n  now:    "
                    f"{new[first] if first < len(new) else '<end>'}\n"
                    "If the change is intended: python scripts/write_golden.py")
