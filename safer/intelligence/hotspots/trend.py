"""Mann-Kendall trend test on many series at once (one row per grid cell), vectorised over the rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError


@dataclass(frozen=True)
class TrendResult:
    """Per row: s (Mann-Kendall S), z (normal score, tie-corrected variance, no continuity correction,
    as scipy's `kendalltau` against time), p (two-sided)."""

    s: NDArray[np.float64]
    z: NDArray[np.float64]
    p: NDArray[np.float64]


def trend_mann_kendall(series: ArrayLike) -> TrendResult:
    """Mann-Kendall S, z and two-sided p of each row of `series` (rows x time, at least 3 time steps)."""
    x = np.asarray(series, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 3:
        raise HotspotParameterInvalidError(
            f"A trend needs at least 3 time slices per cell (got shape {x.shape}). Use shorter slices."
        )
    steps = x.shape[1]
    s = np.zeros(x.shape[0])
    ties = np.zeros(x.shape[0])
    for i in range(steps - 1):
        s += np.sign(x[:, i + 1 :] - x[:, i : i + 1]).sum(axis=1)
    for i in range(steps):
        # t = size of the tie group x[:, i] is in; each group of size t is visited t times, hence / t.
        t = (x == x[:, i : i + 1]).sum(axis=1).astype(np.float64)
        ties += (t - 1) * (2 * t + 5)
    variance = (steps * (steps - 1) * (2 * steps + 5) - ties) / 18.0
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, s / np.sqrt(variance), 0.0)
    return TrendResult(s=s, z=z, p=2.0 * ndtr(-np.abs(z)))
