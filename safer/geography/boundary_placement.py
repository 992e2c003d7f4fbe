"""Place points that carry coordinates but no LSOA into the LSOA whose boundary holds them (point in polygon).

For partner extracts and stop-and-search records. Vectorised with a shapely 2 STRtree over the shipped 2011
LSOA boundaries (safer/geography/boundaries.py). The boundaries are generalised (about 200 m) and clipped to
the coastline, so a point may fall in a sliver between two LSOAs or just offshore: such a point takes the
nearest LSOA within NEAREST_LIMIT_METRES (`nearest_boundary`); further away it stays unplaced. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from safer.geography.boundaries import Boundaries, boundaries_load

IN_BOUNDARY = "boundary"
NEAREST_BOUNDARY = "nearest_boundary"
NEAREST_LIMIT_METRES = 250.0


@dataclass(frozen=True)
class Placement:
    """Per point: lsoa_code ("" when unplaced) and match (IN_BOUNDARY, NEAREST_BOUNDARY or "")."""

    lsoa_code: NDArray[np.str_]
    match: NDArray[np.str_]

    def counts(self) -> dict[str, int]:
        """How many points each rule placed and how many stayed unplaced, for the import quality summary."""
        return {
            IN_BOUNDARY: int((self.match == IN_BOUNDARY).sum()),
            NEAREST_BOUNDARY: int((self.match == NEAREST_BOUNDARY).sum()),
            "unplaced": int((self.match == "").sum()),
        }


_TREES: dict[int, shapely.STRtree] = {}


def boundary_place(*, easting: ArrayLike, northing: ArrayLike, boundaries: Boundaries | None = None) -> Placement:
    """The LSOA of each point (BNG metres; NaN coordinates stay unplaced); on a shared edge the lowest code."""
    b = boundaries if boundaries is not None else boundaries_load("lsoa")
    tree = _TREES.get(id(b.polygons))
    if tree is None:
        tree = _TREES[id(b.polygons)] = shapely.STRtree(b.polygons)
    x = np.asarray(easting, dtype=np.float64)
    y = np.asarray(northing, dtype=np.float64)
    valid = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    points = shapely.points(x[valid], y[valid])
    found = np.full(x.size, -1, dtype=np.int64)
    match = np.full(x.size, "", dtype="<U16")
    point_i, polygon_i = tree.query(points, predicate="intersects")
    if point_i.size:
        # Several polygons for one point (on a shared edge): keep the lowest index, i.e. the lowest code.
        order = np.lexsort((polygon_i, point_i))
        point_i, polygon_i = point_i[order], polygon_i[order]
        first = np.ones(point_i.size, dtype=bool)
        first[1:] = point_i[1:] != point_i[:-1]
        found[valid[point_i[first]]] = polygon_i[first]
        match[valid[point_i[first]]] = IN_BOUNDARY
    rest = np.flatnonzero(found[valid] < 0)
    if rest.size:
        near_i, near_poly = tree.query_nearest(points[rest], max_distance=NEAREST_LIMIT_METRES, all_matches=True)
        order = np.lexsort((near_poly, near_i))
        near_i, near_poly = near_i[order], near_poly[order]
        first = np.ones(near_i.size, dtype=bool)
        first[1:] = near_i[1:] != near_i[:-1]
        target = valid[rest[near_i[first]]]
        found[target] = near_poly[first]
        match[target] = NEAREST_BOUNDARY
    codes = np.where(found >= 0, b.codes[np.maximum(found, 0)], "")
    return Placement(lsoa_code=codes, match=match)
