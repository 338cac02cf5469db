"""engine/rng.py against a plain-Python SplitMix64: the array code (in place, cached index
terms) draws exactly the numbers the definition gives, and leaves the seeds alone."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import rng

M = (1 << 64) - 1


def _mix(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & M
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & M
    return x ^ (x >> 31)


def _uniform(seed: int, turn: int, site: int, i: int) -> float:
    base = (seed * 0x9E3779B97F4A7C15 + turn * 0xD1B54A32D192ED03
            + site * 0x8CB92BA72F3D8DD7) & M
    bits = _mix((_mix(base) + i * 0xC2B2AE3D27D4EB4F) & M)
    return (bits >> 11) / 2.0**53


@pytest.mark.parametrize("count", [1, 2, 12, 16, 64, 70])
@pytest.mark.parametrize("batch", [1, 7])  # a few draws (Python integers) and many (arrays)
def test_uniform_is_the_definition(count: int, batch: int) -> None:
    seeds = rng.derive_seeds(5, batch)
    kept = seeds.copy()
    got = rng.uniform(seeds, 3, rng.SITE_EVENT, count)
    want = [[_uniform(int(s), 3, rng.SITE_EVENT, i) for i in range(count)] for s in kept]
    assert np.array_equal(got, np.array(want))
    assert np.array_equal(seeds, kept)


def test_derive_seeds_is_the_definition() -> None:
    start = (9 * 0x9E3779B97F4A7C15 + 0x8CB92BA72F3D8DD7) & M
    want = [_mix((start + i * 0xC2B2AE3D27D4EB4F) & M) >> 1 for i in range(5)]
    assert rng.derive_seeds(9, 5).tolist() == want
