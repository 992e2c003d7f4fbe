"""Benjamini-Hochberg false discovery rate adjustment of p-values (as statsmodels' `fdrcorrection`)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def fdr_adjust(pvalues: ArrayLike) -> NDArray[np.float64]:
    """Benjamini-Hochberg adjusted p-values (q-values), same shape as `pvalues`; NaN stays NaN and is not counted."""
    p = np.asarray(pvalues, dtype=np.float64)
    flat = p.ravel()
    valid = np.flatnonzero(~np.isnan(flat))
    q = np.full(flat.shape, np.nan)
    m = valid.size
    if m == 0:
        return q.reshape(p.shape)
    pv = flat[valid]
    # Tied p-values get the same q whatever their order, so the faster unstable sort will do.
    order = np.argsort(pv)
    ranked = pv[order] * (m / np.arange(1, m + 1))
    # Step-up: each q is the smallest scaled p at or above its rank.
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    np.minimum(ranked, 1.0, out=ranked)
    out = np.empty(m)
    out[order] = ranked
    q[valid] = out
    return q.reshape(p.shape)
