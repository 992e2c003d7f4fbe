"""Before/after and monthly counts of records in the target area, its buffer zone and a control area."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

from safer.intelligence.evaluation.errors import (
    EvaluationAreaInvalidError,
    EvaluationAreaOverlapError,
    EvaluationPeriodInvalidError,
    EvaluationPeriodNoDataError,
)

AREAS = ("target", "buffer", "control")
MAX_BUFFER_METRES = 5000


@dataclass(frozen=True)
class EvaluationCounts:
    """before / after: {area: records} for target, buffer, control; months: every month from the start of
    `before` to the end of `after`; monthly: {area: counts per month, aligned with `months`}."""

    before: dict[str, int]
    after: dict[str, int]
    months: NDArray[np.datetime64]
    monthly: dict[str, NDArray[np.int64]]


def evaluation_count(
    *,
    easting: ArrayLike,
    northing: ArrayLike,
    month: ArrayLike,
    target: BaseGeometry,
    control: BaseGeometry,
    buffer_metres: float,
    before: tuple[np.datetime64, np.datetime64],
    after: tuple[np.datetime64, np.datetime64],
) -> EvaluationCounts:
    """Count records (BNG metres, datetime64 months) in each area and period; periods are inclusive month ranges.

    The buffer is the ring from the target's edge out to `buffer_metres`; the control must not touch either.
    """
    for name, area in (("target", target), ("control", control)):
        if not isinstance(area, BaseGeometry) or area.is_empty or area.area <= 0:
            raise EvaluationAreaInvalidError(f"The {name} area is empty or not a polygon; draw or choose an area.")
    if not 0 < buffer_metres <= MAX_BUFFER_METRES:
        raise EvaluationAreaInvalidError(
            f"Buffer of {buffer_metres:g} m: use more than 0 and at most {MAX_BUFFER_METRES} m."
        )
    ring = target.buffer(buffer_metres).difference(target)
    if control.intersection(target).area > 0:
        raise EvaluationAreaOverlapError("The control area overlaps the target area; choose a control elsewhere.")
    if control.intersection(ring).area > 0:
        raise EvaluationAreaOverlapError(
            f"The control area overlaps the {buffer_metres:g} m buffer round the target; move it further away "
            "or use a smaller buffer."
        )
    b0, b1 = np.asarray(before, dtype="datetime64[M]")
    a0, a1 = np.asarray(after, dtype="datetime64[M]")
    if b1 < b0 or a1 < a0:
        raise EvaluationPeriodInvalidError("A period ends before it starts; check the dates.")
    if a0 <= b1:
        raise EvaluationPeriodInvalidError(
            f"The after period (from {a0}) must start after the before period ends ({b1})."
        )
    x = np.asarray(easting, dtype=np.float64)
    y = np.asarray(northing, dtype=np.float64)
    m = np.asarray(month, dtype="datetime64[M]")
    months = np.arange(b0, a1 + 1, dtype="datetime64[M]")
    in_range = (m >= b0) & (m <= a1)
    x, y, m = x[in_range], y[in_range], m[in_range]
    index = (m - b0).astype(np.int64)
    before_mask = m <= b1
    after_mask = m >= a0
    counts_before: dict[str, int] = {}
    counts_after: dict[str, int] = {}
    monthly: dict[str, NDArray[np.int64]] = {}
    for name, area in zip(AREAS, (target, ring, control), strict=True):
        inside = shapely.contains_xy(area, x, y)
        counts_before[name] = int((inside & before_mask).sum())
        counts_after[name] = int((inside & after_mask).sum())
        monthly[name] = np.bincount(index[inside], minlength=months.size).astype(np.int64)
    for label, counts in (("before", counts_before), ("after", counts_after)):
        empty = [name for name in ("target", "control") if counts[name] == 0]
        if empty:
            raise EvaluationPeriodNoDataError(
                f"The {' and '.join(empty)} area has no records in the {label} period; widen the period, the "
                "crime types or the area."
            )
    return EvaluationCounts(before=counts_before, after=counts_after, months=months, monthly=monthly)
