"""The shipped boundaries of every 2011 LSOA in England and Wales and of the districts dissolved from them.

Data: safer/geography/data/boundaries2011.npz, built by scripts/build-boundaries.py from the ONS super
generalised clipped boundaries (Open Government Licence v3.0; attribution in BOUNDARY_ATTRIBUTION), in
British National Grid metres rounded to the metre. No Django here; loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray

DATA_FILE = Path(__file__).resolve().parent / "data" / "boundaries2011.npz"
BOUNDARY_ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data (c) Crown copyright and database right."
)


@dataclass(frozen=True)
class Boundaries:
    """codes[i] is the code of polygons[i] (a shapely MultiPolygon in BNG metres); codes are sorted."""

    codes: NDArray[np.str_]
    polygons: NDArray[np.object_]

    def index_of(self, code: str) -> int | None:
        """Position of `code` in `codes`, or None when it is not there."""
        i = int(np.searchsorted(self.codes, code))
        return i if i < self.codes.size and self.codes[i] == code else None

    def select(self, codes: list[str]) -> Boundaries:
        """The boundaries of the given codes that exist, in sorted order."""
        keep = np.isin(self.codes, codes)
        return Boundaries(codes=self.codes[keep], polygons=self.polygons[keep])


@cache
def boundaries_load(level: str = "lsoa") -> Boundaries:
    """The boundaries of every LSOA (`level="lsoa"`) or district (`"district"`), loaded once per process."""
    if level not in ("lsoa", "district"):
        raise ValueError(f'Boundary level {level!r}: use "lsoa" or "district".')
    with np.load(DATA_FILE) as data:
        codes = np.array(bytes(data[f"{level}_codes"]).decode().split("\n"))
        coords = np.cumsum(data[f"{level}_coords"].astype(np.int64), axis=0).astype(np.float64)
        offsets = tuple(data[f"{level}_offsets_{k}"].astype(np.int64) for k in range(3))
    polygons = shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, offsets)
    return Boundaries(codes=codes, polygons=polygons)
