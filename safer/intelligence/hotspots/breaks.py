"""Class breaks for choropleth maps: quantiles, equal intervals or Jenks natural breaks (Fisher's exact method)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError

METHODS = ("quantiles", "equal", "jenks")
# Jenks is exact (dynamic programming, O(k n^2)); past this many distinct values it runs on an even sample.
JENKS_MAX_VALUES = 2000


def breaks_classify(*, values: ArrayLike, method: str = "quantiles", classes: int = 5) -> list[float]:
    """Upper bounds of each class, ascending, the last equal to the maximum; fewer when values are few.

    quantiles: equal numbers of places per class; equal: equal widths from minimum to maximum; jenks: the
    classes that minimise the sum of squared deviations from the class means (Fisher 1958, Jenks 1977).
    NaN values are ignored. A value v is in the first class whose upper bound is >= v.
    """
    if method not in METHODS:
        raise HotspotParameterInvalidError(f'Class breaks "{method}": use one of {", ".join(METHODS)}.')
    if not 2 <= classes <= 9:
        raise HotspotParameterInvalidError(f"{classes} classes: use 2 to 9.")
    v = np.asarray(values, dtype=np.float64)
    v = np.sort(v[~np.isnan(v)])
    if v.size == 0:
        return []
    distinct = np.unique(v)
    if distinct.size <= classes:
        return [float(x) for x in distinct]
    if method == "equal":
        width = (v[-1] - v[0]) / classes
        bounds = [float(v[0] + width * (k + 1)) for k in range(classes - 1)] + [float(v[-1])]
    elif method == "quantiles":
        bounds = [float(np.quantile(v, (k + 1) / classes)) for k in range(classes - 1)] + [float(v[-1])]
    else:
        sample = v if v.size <= JENKS_MAX_VALUES else v[np.linspace(0, v.size - 1, JENKS_MAX_VALUES).astype(int)]
        bounds = _jenks(sample, classes) + [float(v[-1])]
    return sorted(set(bounds))


def _jenks(v: np.ndarray, classes: int) -> list[float]:
    """Upper bounds of the first classes - 1 classes of Fisher's optimal partition of sorted `v`."""
    n = v.size
    prefix = np.concatenate([[0.0], np.cumsum(v)])
    prefix2 = np.concatenate([[0.0], np.cumsum(v * v)])

    def cost(i: np.ndarray, j: int) -> np.ndarray:
        """Sum of squared deviations of v[i:j] for every start i (vector) and end j (exclusive)."""
        count = j - i
        total = prefix[j] - prefix[i]
        return (prefix2[j] - prefix2[i]) - total * total / count

    best = np.full((classes + 1, n + 1), np.inf)
    split = np.zeros((classes + 1, n + 1), dtype=np.int64)
    best[0, 0] = 0.0
    for k in range(1, classes + 1):
        for j in range(k, n + 1):
            starts = np.arange(k - 1, j)
            candidates = best[k - 1, starts] + cost(starts, j)
            pick = int(np.argmin(candidates))
            best[k, j] = candidates[pick]
            split[k, j] = starts[pick]
    bounds = []
    j = n
    for k in range(classes, 1, -1):
        j = int(split[k, j])
        bounds.append(float(v[j - 1]))
    return sorted(bounds)
