"""Counter-based randomness: every draw is a pure function of (seed, turn, draw site, index).

No generator lives in the state, so game i of a batch equals the single game run with
seed_i, and a game resumed at any turn continues exactly as the uninterrupted one would.
The mixer is SplitMix64's finaliser, applied to uint64 arrays (wrap-around is intended).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TURN_KEY = np.uint64(0xD1B54A32D192ED03)
_SITE_KEY = np.uint64(0x8CB92BA72F3D8DD7)
_INDEX_KEY = np.uint64(0xC2B2AE3D27D4EB4F)
_TWO_53 = float(2**53)

# Draw sites: one number per place in the rules that draws. Never renumber a site:
# that would change every recorded game.
SITE_EVENT = 1
SITE_OBSERVE_US = 2
SITE_OBSERVE_CHINA = 3
SITE_SMUGGLING_DETECTED = 4
SITE_BOT = 5
SITE_TENSION_NOISE = 6
SITE_SWEEP_PARAM = 7
SITE_UNCERTAINTY = 8  # the world a game is played in (uncertainty.py), drawn at turn 0
SITE_CRISIS = 9  # whether a crisis breaks out this quarter, and how grave


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser, in place: `x` (a fresh array the caller owns) becomes the
    result. Array arithmetic on uint64 wraps silently; callers pass arrays, never
    scalars."""
    shifted = np.empty_like(x)
    for shift, factor in ((30, _M1), (27, _M2)):
        np.right_shift(x, np.uint64(shift), out=shifted)
        x ^= shifted
        x *= factor
    np.right_shift(x, np.uint64(31), out=shifted)
    x ^= shifted
    return x


_MASK = (1 << 64) - 1
# (1, n) the index part of the key for a site's first draws, computed once.
_INDEXED = 64
_INDEX_TERMS = np.arange(_INDEXED, dtype=np.uint64)[None, :] * _INDEX_KEY


def uniform(
    seed: npt.NDArray[np.uint64], turn: int, site: int, count: int = 1
) -> npt.NDArray[np.float64]:
    """Uniform draws in [0, 1), shape (batch, count), a pure function of the key."""
    # The key's scalar part in Python integers (exact, mod 2^64), the rest as arrays.
    key = (turn * int(_TURN_KEY) + site * int(_SITE_KEY)) & _MASK
    if seed.shape[0] * count <= _FEW:
        return _few(seed, key, count)
    offset = np.uint64(key)
    base = seed.astype(np.uint64, copy=False)[:, None] * _GOLDEN
    base += offset
    index = (_INDEX_TERMS[:, :count] if count <= _INDEXED
             else np.arange(count, dtype=np.uint64)[None, :] * _INDEX_KEY)
    bits = _mix(_mix(base) + index)
    bits >>= np.uint64(11)
    out = bits.astype(np.float64)
    out /= _TWO_53
    return out


# A handful of draws (a single game's quarter) costs less in Python integers than in a
# dozen numpy calls; the numbers are the same (tests/test_rng.py).
_FEW = 32


def _mix_int(x: int) -> int:
    x ^= x >> 30
    x = (x * _M1_INT) & _MASK
    x ^= x >> 27
    x = (x * _M2_INT) & _MASK
    return x ^ (x >> 31)


_M1_INT, _M2_INT = int(_M1), int(_M2)
_GOLDEN_INT, _INDEX_KEY_INT = int(_GOLDEN), int(_INDEX_KEY)


def _few(seed: npt.NDArray[np.uint64], key: int, count: int) -> npt.NDArray[np.float64]:
    rows = []
    for game_seed in seed.tolist():
        base = _mix_int(((int(game_seed) & _MASK) * _GOLDEN_INT + key) & _MASK)
        rows.append([(_mix_int((base + i * _INDEX_KEY_INT) & _MASK) >> 11) / _TWO_53
                     for i in range(count)])
    return np.array(rows, dtype=np.float64).reshape(len(rows), count)


def normal(
    seed: npt.NDArray[np.uint64], turn: int, site: int, count: int = 1
) -> npt.NDArray[np.float64]:
    """Standard normal draws, shape (batch, count), by Box-Muller: each pair of uniforms
    gives two independent normals (the cosine and the sine)."""
    pairs = (count + 1) // 2
    u = uniform(seed, turn, site, 2 * pairs)
    radius = np.sqrt(-2.0 * np.log(1.0 - u[:, :pairs]))  # 1 - u in (0, 1]: log is finite
    angle = (2.0 * np.pi) * u[:, pairs:]
    return np.concatenate([radius * np.cos(angle), radius * np.sin(angle)], axis=1)[:, :count]


def derive_seeds(seed: int, runs: int) -> npt.NDArray[np.uint64]:
    """Seeds for the games of a sweep: a pure function of the sweep's seed and game index,
    below 2^63 so that each one replays with `run --seed`."""
    idx = np.arange(runs, dtype=np.uint64)
    start = np.uint64((seed * int(_GOLDEN) + int(_SITE_KEY)) & _MASK)
    return _mix(start + idx * _INDEX_KEY) >> np.uint64(1)
