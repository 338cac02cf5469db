"""The server and the headless seat run without the UI toolkit (game.net is below game.tui)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["game.net.server", "game.net.hosting", "game.net.headless",
                                    "game.commands.serve"])
def test_the_workshop_server_never_imports_textual(module: str) -> None:
    code = (f"import sys, {module}\n"
            "print(','.join(m for m in ('textual', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"{module} imported {out.stdout.strip()}"
