"""Write each shipped scenario's par (what the default bots reach, turn by turn) into
game/scenarios/par/NAME.json, the data every game of the scenario is scored by.

    python scripts/write_par.py            # rewrite the tables that no longer fit
    python scripts/write_par.py --all      # recompute every table (after a bot change)
    python scripts/write_par.py --check    # exit 1 if a table does not fit its scenario

tests/test_par.py fails when a scenario or ENGINE_VERSION changes and this has not been
run. A bot change does not make a table stale (par is data: the digests of saved games
must not move with bot code); run with --all when the default bots should set a new par,
and bump ENGINE_VERSION then, since scores move.
"""

from __future__ import annotations

import argparse
import sys

from game.analysis.par import (
    PAR_MARK,
    SHIPPED_PAR_DIR,
    par_document,
    par_terms,
    read_par,
    shipped_par_path,
)
from game.model.compile import rules_for
from game.model.loader import load_scenario, shipped_names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report tables that do not fit their scenario")
    parser.add_argument("--all", action="store_true",
                        help="recompute every table, even those that fit")
    args = parser.parse_args(argv)
    from game.files import write_file  # the one writer

    stale = []
    for name in shipped_names():
        scenario = load_scenario(name)
        if rules_for(scenario).victory.par is not None:
            continue  # the scenario writes its par itself
        path = shipped_par_path(scenario)
        if read_par(path, scenario) is not None and not args.all:
            continue
        stale.append(path)
        if not args.check:
            SHIPPED_PAR_DIR.mkdir(parents=True, exist_ok=True)
            write_file(path, par_document(scenario, par_terms(scenario, rules_for(scenario))),
                       PAR_MARK, force=True)
    for path in stale:
        print(f"{path.name}: {'out of date' if args.check else 'written'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
