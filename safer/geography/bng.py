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


def bng_select_sql(source: str, *, longitude: str = "longitude", latitude: str = "latitude") -> str:
    """SQL selecting every column of `source` (a table name or parenthesised query) plus easting, northing.

    `longitude`/`latitude` are column names of `source`; rows where either is NULL get NULL coordinates.
    Only constants and the caller's own column names go into the text, never user input. Each layer computes
    its sines, cosines and square roots once and hands them on as columns (the trigonometry is most of the
    cost of a national import).
    """
    e2w = 1 - _WGS84_B**2 / _WGS84_A**2
    a, b = _AIRY_A, _AIRY_B
    e2 = 1 - b**2 / a**2
    ep2 = (a**2 - b**2) / b**2
    n = (a - b) / (a + b)
    s1 = 1 + _S
    layers: list[tuple[str, ...]] = [
        # 1. WGS84 geodetic -> cartesian (height 0).
        (
            f"sin(radians({latitude})) AS _g_sp",
            f"cos(radians({latitude})) AS _g_cp",
            f"sin(radians({longitude})) AS _g_sl",
            f"cos(radians({longitude})) AS _g_cl",
        ),
        (f"{_WGS84_A!r} / sqrt(1 - {e2w!r} * _g_sp * _g_sp) AS _g_v",),
        (
            "_g_v * _g_cp * _g_cl AS _g_x1",
            "_g_v * _g_cp * _g_sl AS _g_y1",
            f"_g_v * {1 - e2w!r} * _g_sp AS _g_z1",
        ),
        # 2. Helmert to OSGB36 cartesian.
        (
            f"{_TX!r} + {s1!r} * _g_x1 - {_RZ!r} * _g_y1 + {_RY!r} * _g_z1 AS _g_x",
            f"{_TY!r} + {_RZ!r} * _g_x1 + {s1!r} * _g_y1 - {_RX!r} * _g_z1 AS _g_y",
            f"{_TZ!r} - {_RY!r} * _g_x1 + {_RX!r} * _g_y1 + {s1!r} * _g_z1 AS _g_z",
        ),
        # 3. Cartesian -> Airy latitude/longitude (Bowring's closed form).
        ("sqrt(_g_x * _g_x + _g_y * _g_y) AS _g_p", "atan2(_g_y, _g_x) AS _g_lam"),
        (f"atan2(_g_z * {a!r}, _g_p * {b!r}) AS _g_t",),
        ("sin(_g_t) AS _g_st", "cos(_g_t) AS _g_ct"),
        (f"atan2(_g_z + {ep2 * b!r} * _g_st * _g_st * _g_st, _g_p - {e2 * a!r} * _g_ct * _g_ct * _g_ct) AS _g_phi",),
        # 4. Transverse Mercator.
        (
            "sin(_g_phi) AS _g_s",
            "cos(_g_phi) AS _g_c",
            f"_g_phi - {_PHI0!r} AS _g_dp",
            f"_g_phi + {_PHI0!r} AS _g_pp",
            f"_g_lam - {_LAMBDA0!r} AS _g_dl",
        ),
        (
            "_g_s * _g_s / (_g_c * _g_c) AS _g_t2",
            f"1 - {e2!r} * _g_s * _g_s AS _g_w",
            f"""{b * _F0!r} * (
                {1 + n + 1.25 * n**2 + 1.25 * n**3!r} * _g_dp
              - {3 * n + 3 * n**2 + 21 / 8 * n**3!r} * sin(_g_dp) * cos(_g_pp)
              + {15 / 8 * n**2 + 15 / 8 * n**3!r} * sin(2 * _g_dp) * cos(2 * _g_pp)
              - {35 / 24 * n**3!r} * sin(3 * _g_dp) * cos(3 * _g_pp)
            ) AS _g_m""",
        ),
        (f"{a * _F0!r} / sqrt(_g_w) AS _g_nu",),
        (f"_g_nu * {1 - e2!r} / _g_w AS _g_rho", "_g_c * _g_c AS _g_c2"),
        ("_g_nu / _g_rho - 1 AS _g_eta2",),
    ]
    sql = f"SELECT * FROM {source}"
    made: list[str] = []
    for columns in layers:
        sql = f"SELECT *, {', '.join(columns)} FROM ({sql})"
        made += [c.rsplit(" AS ", 1)[1] for c in columns]
    northing = f"""(_g_m + {_N0!r}
        + _g_nu / 2 * _g_s * _g_c * _g_dl ^ 2
        + _g_nu / 24 * _g_s * _g_c * _g_c2 * (5 - _g_t2 + 9 * _g_eta2) * _g_dl ^ 4
        + _g_nu / 720 * _g_s * _g_c * _g_c2 * _g_c2 * (61 - 58 * _g_t2 + _g_t2 * _g_t2) * _g_dl ^ 6)"""
    easting = f"""({_E0!r}
        + _g_nu * _g_c * _g_dl
        + _g_nu / 6 * _g_c * _g_c2 * (_g_nu / _g_rho - _g_t2) * _g_dl ^ 3
        + _g_nu / 120 * _g_c * _g_c2 * _g_c2
          * (5 - 18 * _g_t2 + _g_t2 * _g_t2 + 14 * _g_eta2 - 58 * _g_t2 * _g_eta2) * _g_dl ^ 5)"""
    return f"""SELECT * EXCLUDE ({", ".join(made)}),
        round({easting}, 1) AS easting, round({northing}, 1) AS northing
      FROM ({sql})"""


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
