"""Two-period comparison of Gi* hot spots: which cells emerged, persisted or faded."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError
from safer.intelligence.hotspots.gistar import GistarResult

CHANGES = ("emerged", "persisted", "faded")


@dataclass(frozen=True)
class ChangeResult:
    """Per cell (shaped like the grid): change is "emerged" (hot only in the later period), "persisted"
    (hot in both), "faded" (hot only in the earlier) or "" (hot in neither); plus both periods' z-scores."""

    before: GistarResult
    after: GistarResult
    change: NDArray[np.object_]

    def columns(self) -> dict[str, NDArray]:
        """Documented columns, one row per cell: cell_x, cell_y, count_before, count_after, z_before, z_after,
        change."""
        cols = self.after.grid.columns()
        return {
            "cell_x": cols["cell_x"],
            "cell_y": cols["cell_y"],
            "count_before": self.before.grid.counts.ravel(),
            "count_after": self.after.grid.counts.ravel(),
            "z_before": self.before.z.ravel(),
            "z_after": self.after.z.ravel(),
            "change": self.change.ravel(),
        }


def hotspot_change(*, before: GistarResult, after: GistarResult) -> ChangeResult:
    """Compare the hot spots of two periods analysed on the same grid (same origin, cell size and shape)."""
    a, b = before.grid, after.grid
    if (a.x0, a.y0, a.cell_size, a.shape) != (b.x0, b.y0, b.cell_size, b.shape):
        raise HotspotParameterInvalidError(
            "The two periods were analysed on different grids; analyse both with the same cell size and bounds."
        )
    change = np.full(a.shape, "", dtype=object)
    change[after.hot & ~before.hot] = "emerged"
    change[after.hot & before.hot] = "persisted"
    change[before.hot & ~after.hot] = "faded"
    return ChangeResult(before=before, after=after, change=change)
