"""Sums over square neighbourhoods of grid cells by a summed-area table (the shared core of Gi* and friends)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def window_sum(values: NDArray, radius: int) -> NDArray[np.float64]:
    """Sum of `values` over the (2*radius+1)^2 square round each cell, cells beyond the edge counting as 0.

    One pass of cumulative sums over the zero-padded grid, then four slices, so the cost does not grow with
    the radius. Exact for integer-valued inputs (float64 holds integers exactly up to 2**53).
    """
    rows, cols = values.shape
    k = radius
    table = np.zeros((rows + 2 * k + 1, cols + 2 * k + 1), dtype=np.float64)
    table[k + 1 : k + 1 + rows, k + 1 : k + 1 + cols] = values
    np.cumsum(table, axis=0, out=table)
    np.cumsum(table, axis=1, out=table)
    w = 2 * k + 1
    return table[w:, w:] - table[:-w, w:] - table[w:, :-w] + table[:-w, :-w]
