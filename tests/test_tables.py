"""engine/tables.py: the short-axis reductions are numpy's own sums and maxima, bit for bit
(the engine's results must not move when a phase uses them instead of `.sum`/`.max`)."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.tables import max_over, spread, sum_over

SHAPES = [((500, 3, 2), 1), ((500, 3, 2), 2), ((500, 3, 2), -1), ((500, 2, 5), -1),
          ((500, 2), 1), ((500, 6), 1), ((500, 7), -1), ((500, 2, 12), 2), ((500, 8), 1),
          ((3, 2), 1), ((500, 20), 1)]


@pytest.mark.parametrize(("shape", "axis"), SHAPES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_total_is_numpys_sum_bit_for_bit(shape: tuple[int, ...], axis: int,
                                         keepdims: bool) -> None:
    gen = np.random.default_rng(7)
    # Magnitudes far apart, so a different order of the additions shows in the last bits.
    x = gen.standard_normal(shape) * 10.0 ** gen.integers(-8, 9, shape)
    expected = x.sum(axis=axis, keepdims=keepdims)
    got = sum_over(x, axis, keepdims=keepdims)
    assert got.shape == expected.shape
    assert np.array_equal(got.view(np.uint64), expected.view(np.uint64))


def test_total_order_matters_in_the_check() -> None:
    """The data above do tell orders apart: adding right to left differs somewhere."""
    gen = np.random.default_rng(7)
    x = gen.standard_normal((500, 3, 2)) * 10.0 ** gen.integers(-8, 9, (500, 3, 2))
    assert not np.array_equal(x[:, 0] + (x[:, 1] + x[:, 2]), x.sum(axis=1))


@pytest.mark.parametrize(("shape", "axis"), SHAPES)
def test_largest_is_numpys_max(shape: tuple[int, ...], axis: int) -> None:
    gen = np.random.default_rng(3)
    x = gen.standard_normal(shape)
    x[0] = np.nan  # NaN propagates as in .max
    for keepdims in (False, True):
        expected = x.max(axis=axis, keepdims=keepdims)
        assert np.array_equal(max_over(x, axis, keepdims=keepdims), expected, equal_nan=True)
    ints = gen.integers(-5, 5, shape)
    assert np.array_equal(max_over(ints, axis), ints.max(axis=axis))


def test_total_leaves_its_input_alone() -> None:
    x = np.arange(60.0).reshape(10 * 2, 3)
    x = np.repeat(x, 10, axis=0)
    before = x.copy()
    sum_over(x, 1)
    max_over(x, 1)
    assert np.array_equal(x, before)


@pytest.mark.parametrize("batch", [1, 500])
def test_spread_reads_what_broadcasting_reads(batch: int) -> None:
    gen = np.random.default_rng(5)
    per_side = gen.standard_normal((batch, 2))
    per_market = gen.standard_normal((batch, 3))
    by_both = gen.standard_normal((batch, 3, 2))
    assert np.array_equal(by_both * spread(per_side, 1, 3), by_both * per_side[:, None, :])
    assert np.array_equal(by_both / spread(per_market, 2, 2), by_both / per_market[..., None])
    sizes = gen.random(3)  # no batch axis
    assert np.array_equal(by_both * spread(sizes, -1, 2), by_both * sizes[:, None])
    assert spread(per_side, 1, 3).shape == ((batch, 3, 2) if batch >= 64 else (batch, 1, 2))
