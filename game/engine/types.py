"""Array aliases and side indices shared by every engine module."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
AnyArray = np.ndarray[Any, Any]

SIDES: tuple[str, str] = ("us", "china")
US = 0
CHINA = 1


def side_index(side: str) -> int:
    try:
        return SIDES.index(side)
    except ValueError:
        raise ValueError(f"unknown side {side!r} (allowed: us, china)") from None
