"""The core runs without the UI: importing it never loads textual or rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = ["game.files", "game.engine", "game.model", "game.bots", "game.analysis",
            "game.summary", "game.facilitation", "game.recording", "game.session",
            "game.present", "game.records", "game.report", "game.cli"]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_never_imports_the_ui(module: str) -> None:
    code = (f"import sys, {module}\n"
            "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"{module} imported {out.stdout.strip()}"


def test_run_command_never_imports_the_ui() -> None:
    code = ("import sys\nfrom game.cli import main\n"
            "main(['run', 'baseline-2025', '--turns', '1', '--format', 'json'])\n"
            "print('UI:' + ','.join(m for m in ('textual', 'rich') if m in sys.modules),"
            " file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert "UI:\n" in out.stderr or out.stderr.strip().endswith("UI:")
