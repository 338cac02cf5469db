"""Write the generated reference (parameters, policies, event names) into
docs/scenarios.md, between its markers.

    python scripts/write_scenario_docs.py          # rewrite it
    python scripts/write_scenario_docs.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.model.authoring import splice

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "scenarios.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = GUIDE.read_text(encoding="utf-8")
    new = splice(text)
    if new == text:
        return 0
    if args.check:
        print(f"{GUIDE.name}: out of date (run python scripts/write_scenario_docs.py)")
        return 1
    GUIDE.write_text(new, encoding="utf-8")
    print(f"{GUIDE.name}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
