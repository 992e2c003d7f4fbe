"""How concentrated records are in few places: top places, share in the top x%, Lorenz curve and Gini."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsMissingError


@dataclass(frozen=True)
class ConcentrationResult:
    """top: (label, count, cumulative share) of the busiest places; shares: {percent of places: share of records
    in that busiest percent}; lorenz_places / lorenz_records: the concentration curve, cumulative shares from
    the busiest place down, starting at (0, 0); gini: Gini coefficient (0 = even, towards 1 = concentrated)."""

    places: int
    records: int
    top: list[tuple[str, int, float]]
    shares: dict[float, float]
    lorenz_places: NDArray[np.float64]
    lorenz_records: NDArray[np.float64]
    gini: float


def concentration_measure(
    *,
    counts: ArrayLike,
    labels: Sequence[str] | None = None,
    top_n: int = 10,
    top_percents: Sequence[float] = (1, 5, 10, 20),
) -> ConcentrationResult:
    """Concentration of `counts` (records per place; include places with 0 so they count as places)."""
    c = np.asarray(counts, dtype=np.int64)
    if c.ndim != 1 or c.size == 0:
        raise HotspotPointsMissingError("There are no places to compare. Choose an area with places in it.")
    if (c < 0).any():
        raise HotspotParameterInvalidError("Counts of records cannot be negative.")
    if labels is not None and len(labels) != c.size:
        raise HotspotParameterInvalidError(f"{len(labels)} labels for {c.size} places; give one label per place.")
    total = int(c.sum())
    if total == 0:
        raise HotspotPointsMissingError("No records fall in these places. Widen the period or crime types.")
    names = list(labels) if labels is not None else [str(i) for i in range(c.size)]
    order = np.argsort(-c, kind="stable")
    descending = c[order]
    cumulative = np.cumsum(descending) / total
    top = [(names[i], int(c[i]), float(cumulative[k])) for k, i in enumerate(order[:top_n])]
    shares = {}
    for percent in top_percents:
        if not 0 < percent <= 100:
            raise HotspotParameterInvalidError(f"Top {percent}% of places: use a percentage above 0 and up to 100.")
        # The busiest ceil(percent% of places), at least one place.
        k = max(1, math.ceil(c.size * percent / 100))
        shares[float(percent)] = float(cumulative[k - 1])
    places = np.concatenate([[0.0], np.arange(1, c.size + 1) / c.size])
    records = np.concatenate([[0.0], cumulative])
    ascending = descending[::-1].astype(np.float64)
    rank = np.arange(1, c.size + 1)
    gini = float(((2 * rank - c.size - 1) * ascending).sum() / (c.size * total))
    return ConcentrationResult(
        places=int(c.size),
        records=total,
        top=top,
        shares=shares,
        lorenz_places=places,
        lorenz_records=records,
        gini=gini,
    )
