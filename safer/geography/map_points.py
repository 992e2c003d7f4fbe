"""Give records that carry only coordinates an LSOA, from police.uk's anonymous map points, as DuckDB SQL.

police.uk moves every published location (crimes and stop and searches alike) to one of a fixed set of
anonymous map points, each the centre of a street or place lying in one LSOA. Street crime records name the
LSOA of their map point, so the warehouse table `crime` is a map from point (latitude, longitude) to LSOA.
A record at exactly such a point takes its LSOA (`map_point`); otherwise the nearest known point within
NEAREST_LIMIT_METRES by British National Grid distance (`nearest_map_point`, an approximation: a point near an
LSOA boundary may take its neighbour's LSOA); otherwise none (NULL). No boundary polygons are needed.
No Django here: the warehouse table `crime` (safer/intelligence/warehouse/) is the input.
"""

from __future__ import annotations

MAP_POINT = "map_point"
NEAREST_MAP_POINT = "nearest_map_point"
NEAREST_LIMIT_METRES = 1000
# Grid cells as wide as the limit, so every point within it is in the record's cell or the 8 around it.
_CELL = NEAREST_LIMIT_METRES


def _cell(column: str) -> str:
    return f"CAST(floor({column} / {_CELL}) AS BIGINT)"


def map_point_select_sql(source: str, *, include_synthetic: str = "FALSE") -> str:
    """SQL selecting every column of `source` plus lsoa_code, lsoa_name and map_match (how the LSOA was found).

    `source` is a table name or parenthesised query with latitude, longitude, easting and northing and no
    lsoa_code, lsoa_name or map_match of its own. A point seen in `crime` with several LSOAs takes the most
    frequent (ties: the lowest code); the nearest of several points takes the lowest code on a tie.
    Map points come from real crime records only, unless `include_synthetic` (an SQL boolean: a constant or a
    parameter such as `$synthetic`, never user input) is true. Compose with place_select_sql for the district.
    """
    e, n = _cell("easting"), _cell("northing")
    crime = (
        "(SELECT latitude, longitude, easting, northing, lsoa_code, lsoa_name FROM crime "  # noqa: S608
        f"WHERE lsoa_code IS NOT NULL AND easting IS NOT NULL AND (NOT synthetic OR {include_synthetic}))"
    )
    # Crime records are first cut down by a hash semi-join on a small table (the exact points, then the grid
    # cells near the rest), so the costly grouping runs only over records at or near the points being placed.
    at_points = f"(SELECT * FROM {crime} _c SEMI JOIN _pt USING (latitude, longitude))"  # noqa: S608
    in_cells = f"(SELECT *, {e} AS cx, {n} AS cy FROM {crime} _c)"  # noqa: S608
    in_reach = f"(SELECT * FROM {in_cells} _c SEMI JOIN _reach USING (cx, cy))"  # noqa: S608
    return f"""WITH _src AS (SELECT * FROM {source} _x),
    _pt AS (SELECT DISTINCT latitude, longitude, easting, northing FROM _src WHERE easting IS NOT NULL),
    _exact AS (SELECT latitude, longitude, lsoa.code AS lsoa_code, lsoa.name AS lsoa_name, '{MAP_POINT}' AS map_match
        FROM ({_map_points_sql(at_points)})),
    _rest AS (SELECT * FROM _pt ANTI JOIN _exact USING (latitude, longitude)),
    -- The rest once per neighbouring grid cell, so the joins below are equality (hash) joins.
    _probe AS (SELECT latitude, longitude, easting, northing, {e} + _dx AS cx, {n} + _dy AS cy
        FROM _rest, range(-1, 2) _rx(_dx), range(-1, 2) _ry(_dy)),
    _reach AS (SELECT DISTINCT cx, cy FROM _probe),
    _map AS (SELECT *, {e} AS cx, {n} AS cy FROM ({_map_points_sql(in_reach)})),
    _cand AS (SELECT q.latitude, q.longitude, m.lsoa,
            (m.easting - q.easting) * (m.easting - q.easting) + (m.northing - q.northing) * (m.northing - q.northing)
            AS d2
        FROM _probe q JOIN _map m ON m.cx = q.cx AND m.cy = q.cy),
    _near AS (SELECT latitude, longitude, arg_min(lsoa, (d2, lsoa.code)) AS lsoa FROM _cand
        WHERE d2 <= {NEAREST_LIMIT_METRES * NEAREST_LIMIT_METRES} GROUP BY latitude, longitude),
    _placed AS (SELECT * FROM _exact
        UNION ALL SELECT latitude, longitude, lsoa.code, lsoa.name, '{NEAREST_MAP_POINT}' FROM _near)
    SELECT _s.*, _p.lsoa_code, _p.lsoa_name, _p.map_match
    FROM _src _s LEFT JOIN _placed _p ON _p.latitude = _s.latitude AND _p.longitude = _s.longitude"""  # noqa: S608


def _map_points_sql(records: str) -> str:
    """One row per point of `records` (crime rows): its coordinates and its most frequent LSOA (ties: lowest)."""
    return f"""SELECT latitude, longitude, any_value(easting) AS easting, any_value(northing) AS northing,
            arg_min({{'code': lsoa_code, 'name': lsoa_name}}, (-records, lsoa_code)) AS lsoa
        FROM (SELECT latitude, longitude, lsoa_code, min(lsoa_name) AS lsoa_name, any_value(easting) AS easting,
                any_value(northing) AS northing, count(*) AS records
              FROM {records} _r GROUP BY latitude, longitude, lsoa_code)
        GROUP BY latitude, longitude"""  # noqa: S608
