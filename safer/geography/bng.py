"""WGS84 longitude/latitude -> British National Grid (EPSG:27700) easting/northing, inside DuckDB.

Imports convert millions of points; doing it in SQL keeps the work vectorised inside DuckDB instead of a
round trip through Python. The maths is the Ordnance Survey's "A guide to coordinate systems in Great
Britain": WGS84 -> cartesian, 7-parameter Helmert to OSGB36, Bowring's closed form back to latitude on the
Airy 1830 ellipsoid, then the Transverse Mercator series. Accuracy is that of the Helmert transform
(a few metres), the same transformation pyproj uses when the OSTN15 grid is not installed; tests check
it against pyproj. No Django here.
"""

from __future__ import annotations

import math

# Ellipsoids.
_WGS84_A, _WGS84_B = 6378137.0, 6356752.314245
_AIRY_A, _AIRY_B = 6377563.396, 6356256.909
# Helmert WGS84 -> OSGB36 (metres, ppm, arc-seconds).
_TX, _TY, _TZ = -446.448, 125.157, -542.060
_S = 20.4894e-6
_ARCSEC = math.pi / (180 * 3600)
_RX, _RY, _RZ = -0.1502 * _ARCSEC, -0.2470 * _ARCSEC, -0.8421 * _ARCSEC
# National Grid projection.
_F0 = 0.9996012717
_PHI0, _LAMBDA0 = math.radians(49.0), math.radians(-2.0)
_E0, _N0 = 400000.0, -100000.0

# Where a record can plausibly be: a box round Great Britain, Northern Ireland and the islands.
UK_BOUNDS = {"min_longitude": -8.9, "max_longitude": 2.1, "min_latitude": 49.8, "max_latitude": 61.0}

_OUT_COLUMNS = ("_g_x", "_g_y", "_g_z", "_g_phi", "_g_lam", "_g_nu", "_g_rho", "_g_m", "_g_dl")


def bng_select_sql(source: str, *, longitude: str = "longitude", latitude: str = "latitude") -> str:
    """SQL selecting every column of `source` (a table name or parenthesised query) plus easting, northing.

    `longitude`/`latitude` are column names of `source`; rows where either is NULL get NULL coordinates.
    Only constants and the caller's own column names go into the text, never user input.
    """
    e2w = 1 - _WGS84_B**2 / _WGS84_A**2
    a, b = _AIRY_A, _AIRY_B
    e2 = 1 - b**2 / a**2
    ep2 = (a**2 - b**2) / b**2
    n = (a - b) / (a + b)
    s1 = 1 + _S
    # 1. WGS84 geodetic -> cartesian (height 0).
    step1 = f"""SELECT *,
        radians({latitude}) AS _g_p, radians({longitude}) AS _g_l,
        {_WGS84_A!r} / sqrt(1 - {e2w!r} * sin(radians({latitude})) ^ 2) AS _g_v
      FROM {source}"""
    step2 = f"""SELECT * EXCLUDE (_g_p, _g_l, _g_v),
        _g_v * cos(_g_p) * cos(_g_l) AS _g_x1,
        _g_v * cos(_g_p) * sin(_g_l) AS _g_y1,
        _g_v * (1 - {e2w!r}) * sin(_g_p) AS _g_z1
      FROM ({step1})"""
    # 2. Helmert to OSGB36 cartesian.
    step3 = f"""SELECT * EXCLUDE (_g_x1, _g_y1, _g_z1),
        {_TX!r} + {s1!r} * _g_x1 - {_RZ!r} * _g_y1 + {_RY!r} * _g_z1 AS _g_x,
        {_TY!r} + {_RZ!r} * _g_x1 + {s1!r} * _g_y1 - {_RX!r} * _g_z1 AS _g_y,
        {_TZ!r} - {_RY!r} * _g_x1 + {_RX!r} * _g_y1 + {s1!r} * _g_z1 AS _g_z
      FROM ({step2})"""
    # 3. Cartesian -> Airy latitude/longitude (Bowring).
    step4 = f"""SELECT *,
        atan2(_g_z + {ep2 * b!r} * sin(atan2(_g_z * {a!r}, sqrt(_g_x ^ 2 + _g_y ^ 2) * {b!r})) ^ 3,
              sqrt(_g_x ^ 2 + _g_y ^ 2) - {e2 * a!r} * cos(atan2(_g_z * {a!r}, sqrt(_g_x ^ 2 + _g_y ^ 2) * {b!r})) ^ 3
        ) AS _g_phi,
        atan2(_g_y, _g_x) AS _g_lam
      FROM ({step3})"""
    # 4. Transverse Mercator.
    step5 = f"""SELECT *,
        {a * _F0!r} / sqrt(1 - {e2!r} * sin(_g_phi) ^ 2) AS _g_nu,
        {a * _F0 * (1 - e2)!r} / pow(1 - {e2!r} * sin(_g_phi) ^ 2, 1.5) AS _g_rho,
        {b * _F0!r} * (
            {1 + n + 1.25 * n**2 + 1.25 * n**3!r} * (_g_phi - {_PHI0!r})
          - {3 * n + 3 * n**2 + 21 / 8 * n**3!r} * sin(_g_phi - {_PHI0!r}) * cos(_g_phi + {_PHI0!r})
          + {15 / 8 * n**2 + 15 / 8 * n**3!r} * sin(2 * (_g_phi - {_PHI0!r})) * cos(2 * (_g_phi + {_PHI0!r}))
          - {35 / 24 * n**3!r} * sin(3 * (_g_phi - {_PHI0!r})) * cos(3 * (_g_phi + {_PHI0!r}))
        ) AS _g_m,
        _g_lam - {_LAMBDA0!r} AS _g_dl
      FROM ({step4})"""
    tan2 = "(tan(_g_phi) ^ 2)"
    eta2 = "(_g_nu / _g_rho - 1)"
    northing = f"""(_g_m + {_N0!r}
        + _g_nu / 2 * sin(_g_phi) * cos(_g_phi) * _g_dl ^ 2
        + _g_nu / 24 * sin(_g_phi) * cos(_g_phi) ^ 3 * (5 - {tan2} + 9 * {eta2}) * _g_dl ^ 4
        + _g_nu / 720 * sin(_g_phi) * cos(_g_phi) ^ 5 * (61 - 58 * {tan2} + {tan2} ^ 2) * _g_dl ^ 6)"""
    easting = f"""({_E0!r}
        + _g_nu * cos(_g_phi) * _g_dl
        + _g_nu / 6 * cos(_g_phi) ^ 3 * (_g_nu / _g_rho - {tan2}) * _g_dl ^ 3
        + _g_nu / 120 * cos(_g_phi) ^ 5 * (5 - 18 * {tan2} + {tan2} ^ 2 + 14 * {eta2} - 58 * {tan2} * {eta2})
          * _g_dl ^ 5)"""
    return f"""SELECT * EXCLUDE ({", ".join(_OUT_COLUMNS)}),
        round({easting}, 1) AS easting, round({northing}, 1) AS northing
      FROM ({step5})"""


def bng_point(longitude: float, latitude: float) -> tuple[float, float]:
    """One point's easting and northing (pyproj), for forms and single records."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    easting, northing = transformer.transform(longitude, latitude)
    return round(easting, 1), round(northing, 1)


def in_uk_bounds(longitude: float, latitude: float) -> bool:
    """True when the point lies in the box round the UK that imports accept."""
    b = UK_BOUNDS
    return b["min_longitude"] <= longitude <= b["max_longitude"] and b["min_latitude"] <= latitude <= b["max_latitude"]
