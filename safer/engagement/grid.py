"""The grid that makes "places" for results and the fear-versus-crime comparison.

Rule: a place is a square of CELL_METRES x CELL_METRES on the British National Grid (EPSG:27700), the cell
(floor(easting / CELL_METRES), floor(northing / CELL_METRES)). Residents' pins and police.uk map points fall
in the cell that contains them; a point exactly on a cell's west or south edge belongs to that cell. 250 m is
about a street block, wide enough that police.uk's anonymised points (snapped to street centres) and a
resident's pin on the same street usually share a cell. Contributions store their cell (cell_x, cell_y) when
they are sent, so changing CELL_METRES needs a data migration that recomputes it.
"""

from __future__ import annotations

from functools import lru_cache

CELL_METRES = 250


@lru_cache(maxsize=1)
def _to_bng():  # type: ignore[no-untyped-def]
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@lru_cache(maxsize=1)
def _from_bng():  # type: ignore[no-untyped-def]
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def to_bng(longitude: float, latitude: float) -> tuple[float, float]:
    """A WGS84 point's easting and northing in metres (one transformer per process)."""
    easting, northing = _to_bng().transform(longitude, latitude)
    return round(easting, 1), round(northing, 1)


def cell_of(easting: float, northing: float, cell_metres: int = CELL_METRES) -> tuple[int, int]:
    """The grid cell holding a point."""
    return int(easting // cell_metres), int(northing // cell_metres)


def cell_centre(cell: tuple[int, int], cell_metres: int = CELL_METRES) -> tuple[float, float]:
    """A cell's centre as (latitude, longitude)."""
    longitude, latitude = _from_bng().transform((cell[0] + 0.5) * cell_metres, (cell[1] + 0.5) * cell_metres)
    return round(latitude, 6), round(longitude, 6)


def cell_centres(cells: list[tuple[int, int]], cell_metres: int = CELL_METRES) -> list[tuple[float, float]]:
    """Many cells' centres as (latitude, longitude), in one transformation."""
    if not cells:
        return []
    longitudes, latitudes = _from_bng().transform(
        [(x + 0.5) * cell_metres for x, _ in cells], [(y + 0.5) * cell_metres for _, y in cells]
    )
    return [(round(lat, 6), round(lon, 6)) for lat, lon in zip(latitudes, longitudes, strict=True)]


def cell_label(cell: tuple[int, int], cell_metres: int = CELL_METRES) -> str:
    """A cell's name: its south-west corner as easting/northing metres ("451000/206250")."""
    return f"{cell[0] * cell_metres}/{cell[1] * cell_metres}"
