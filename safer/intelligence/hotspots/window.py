"""Sums over square neighbourhoods of grid cells by a summed-area table (the shared core of Gi* and friends)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def window_sum(values: NDArray, radius: int) -> NDArray[np.float64]:
    """Sum of `values` over the (2*radius+1)^2 square round each cell, cells beyond the edge counting as 0.

    One pass of cumulative sums, so the cost does not grow with the radius. Exact for integer-valued inputs
    (float64 holds integers exactly up to 2**53).
    """
    rows, cols = values.shape
    k = radius
    table = np.zeros((rows + 1, cols + 1), dtype=np.float64)
    np.cumsum(values, axis=0, out=table[1:, 1:])
    np.cumsum(table[1:, 1:], axis=1, out=table[1:, 1:])
    r_hi = np.minimum(np.arange(rows) + k + 1, rows)
    r_lo = np.maximum(np.arange(rows) - k, 0)
    c_hi = np.minimum(np.arange(cols) + k + 1, cols)
    c_lo = np.maximum(np.arange(cols) - k, 0)
    top = table[r_hi]
    bottom = table[r_lo]
    return top[:, c_hi] - top[:, c_lo] - bottom[:, c_hi] + bottom[:, c_lo]
