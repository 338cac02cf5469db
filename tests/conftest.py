"""Shared fixtures. The environment is scrubbed of colour settings so UI snapshots do not
depend on the terminal the tests happen to run in."""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest
from hypothesis import settings

for _var in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL"):
    os.environ.pop(_var, None)
# Par computed for test scenarios is cached here, not in the user's cache folder.
os.environ["COMPUTE_RACE_CACHE_DIR"] = tempfile.mkdtemp(prefix="compute-race-cache-")

# CI draws the same hypothesis examples on every run, so a red CI is a real regression that
# reproduces, not a lucky draw; locally the examples vary and keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def baseline():
    from game.model import load_scenario

    return load_scenario("baseline-2025")


@pytest.fixture(scope="session")
def rules(baseline):
    from game.model import rules_for

    return rules_for(baseline)


@pytest.fixture(scope="session")
def opening(baseline, rules):
    from game.model import opening_state

    def make(seeds=(1,)):
        return opening_state(baseline, np.asarray(seeds, dtype=np.uint64), rules)

    return make
