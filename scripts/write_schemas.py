"""Write the committed JSON Schemas under schemas/ (scenario, orders and record files).

    python scripts/write_schemas.py          # rewrite them
    python scripts/write_schemas.py --check  # exit 1 if they are out of date

tests/test_schema.py fails when a model changes and this has not been run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.model.schemas import KINDS, schema_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = {kind: ROOT / "schemas" / f"{kind}.schema.json" for kind in KINDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report schemas that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for kind, path in COMMITTED.items():
        text = schema_text(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(ROOT)}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
