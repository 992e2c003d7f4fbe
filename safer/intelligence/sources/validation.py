"""Row-level validation of a mapped extract as set-based DuckDB SQL, and grid -> WGS84 conversion.

The importer stages a file (every column VARCHAR), exposes it as `_mapped` (the row's line number `_line`
plus every schema column, NULL when the file lacks it), then runs `typed_select_sql(schema)`: one row per
input row with each value parsed (`t_<column>`) and `_reasons`, the reasons the row is rejected joined by
"; " (empty when it is good). Messages name the column and the value received. Only constants from this
module go into the SQL text. No Django here.
"""

from __future__ import annotations

import numpy as np

from safer.geography.bng import UK_BOUNDS
from safer.geography.placement import LSOA_CODE_SQL_PATTERN
from safer.geography.postcode import POSTCODE_PACKED_SQL_PATTERN, POSTCODE_SQL_PATTERN
from safer.intelligence.sources.schemas import (
    AGE_BANDS,
    ASB_CATEGORIES,
    ASSAULT_MEANS,
    ASSAULT_MEANS_ALIASES,
    BNG_MAX_EASTING,
    BNG_MAX_NORTHING,
    DASH_RISKS,
    DATETIME_FORMATS,
    EARLIEST_YEAR,
    ETHNICITIES,
    ETHNICITY_ALIASES,
    FLAG_FALSE,
    FLAG_TRUE,
    FLAG_UNKNOWN,
    HATE_STRANDS,
    LOCATION_TYPE_ALIASES,
    LOCATION_TYPES,
    MAX_AGE,
    PSEUDONYM_SQL_PATTERN,
    RELATIONSHIP_ALIASES,
    RELATIONSHIPS,
    SEX_ALIASES,
    SEXES,
    Column,
    ExtractSchema,
)

# Parsed columns every schema's typed table has (NULL when the schema lacks the input).
_MAX_SHOWN = 40


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(_lit(v) for v in values) + ")"


def _shown(v: str) -> str:
    """SQL for the value as shown in a message: quoted, cut to a sensible length."""
    return f"'\"' || left({v}, {_MAX_SHOWN}) || '\"'"


def _alias_case(v: str, values: tuple[str, ...], aliases: dict[str, str]) -> str:
    whens = " ".join(f"WHEN lower({v}) = {_lit(k)} THEN {_lit(a)}" for k, a in aliases.items())
    return f"CASE WHEN {v} = '' THEN NULL WHEN lower({v}) IN {_in(values)} THEN lower({v}) {whens} END"


def _column_sql(column: Column) -> tuple[str, list[str]]:
    """(value expression over v_<name>, [reason expressions over v_/t_<name>, NULL when fine]) for one column.

    `v_<name>` is the trimmed text (never NULL), `t_<name>` the parsed value (see typed_select_sql).
    """
    name = column.name
    v, t = f"v_{name}", f"t_{name}"
    blank_reason = f"CASE WHEN {v} = '' THEN '{name} is blank' END"
    kind = column.kind
    if kind == "ref":
        return f"nullif({v}, '')", [blank_reason]
    if kind == "offence_code":
        unknown = (
            f"CASE WHEN {v} <> '' AND oc.code IS NULL THEN '{name} ' || {_shown(v)} || "
            "' is not a Home Office offence code (e.g. 8N, 105A, 46)' END"
        )
        return f"nullif(upper({v}), '')", [blank_reason if column.required else "NULL", unknown]
    if kind == "datetime":
        formats = "[" + ", ".join(_lit(f) for f in DATETIME_FORMATS) + "]"
        # The fast ISO cast first, only for text too short to carry a UTC offset (which it would ignore).
        parsed = (
            f"coalesce(CASE WHEN length({v}) <= 19 THEN try_cast({v} AS TIMESTAMP) END, try_strptime({v}, {formats}))"
        )
        bad = (
            f"CASE WHEN {v} <> '' AND {t} IS NULL THEN '{name} ' || {_shown(v)} || "
            "' is not a date and time (expected YYYY-MM-DD HH:MM, or DD/MM/YYYY HH:MM)' "
            f"WHEN year({t}) < {EARLIEST_YEAR} OR {t} > localtimestamp + INTERVAL 1 DAY THEN "
            f"'{name} ' || {_shown(v)} || ' is before {EARLIEST_YEAR} or in the future' END"
        )
        return parsed, [blank_reason if column.required else "NULL", bad]
    if kind in ("latitude", "longitude", "easting", "northing"):
        bad = f"CASE WHEN {v} <> '' AND {t} IS NULL THEN '{name} ' || {_shown(v)} || ' is not a number' END"
        return f"try_cast(nullif({v}, '') AS DOUBLE)", [bad]
    if kind == "lsoa":
        bad = (
            f"CASE WHEN {v} <> '' AND NOT regexp_full_match({t}, {_lit(LSOA_CODE_SQL_PATTERN)}) THEN "
            f"'{name} ' || {_shown(v)} || ' is not an LSOA code (E01 or W01 followed by 6 digits)' END"
        )
        return f"nullif(upper({v}), '')", [bad]
    if kind == "flag":
        accepted = FLAG_TRUE + FLAG_FALSE + FLAG_UNKNOWN
        value = (
            f"CASE WHEN lower({v}) IN {_in(FLAG_TRUE)} THEN TRUE WHEN lower({v}) IN {_in(FLAG_FALSE)} THEN FALSE END"
        )
        bad = (
            f"CASE WHEN {t} IS NULL AND lower({v}) NOT IN {_in(accepted)} THEN '{name} ' || {_shown(v)} || "
            "' is not true or false (yes/no, y/n, 1/0, or blank if unknown)' END"
        )
        return value, [blank_reason if column.required else "NULL", bad]
    if kind == "hate":
        parts = f"list_transform(string_split(lower({v}), ';'), lambda x: trim(x))"
        value = f"CASE WHEN {v} = '' THEN NULL ELSE array_to_string({parts}, ';') END"
        bad = (
            f"CASE WHEN {v} <> '' AND {t} NOT IN {_in(HATE_STRANDS)} AND "
            f"len(list_filter(string_split({t}, ';'), lambda x: x NOT IN {_in(HATE_STRANDS)})) > 0 THEN "
            f"'{name} ' || {_shown(v)} || ' is not one of: {', '.join(HATE_STRANDS)} (several: separate with ;)' END"
        )
        return value, [bad]
    if kind == "pseudonym":
        # The value is not echoed: a badly filled column may hold a name.
        bad = (
            f"CASE WHEN {v} <> '' AND NOT regexp_full_match({v}, {_lit(PSEUDONYM_SQL_PATTERN)}) THEN "
            f"'{name} is not a pseudonymous reference (letters, digits and - _ / . : only, no spaces, up to 64 "
            "characters; never a name)' END"
        )
        return f"nullif({v}, '')", [bad]
    if kind == "age":
        bad = (
            f"CASE WHEN {v} <> '' AND {t} IS NULL THEN '{name} ' || {_shown(v)} || "
            f"' is not an age in whole years from 0 to {MAX_AGE}' END"
        )
        return (
            f"CASE WHEN try_cast(nullif({v}, '') AS INTEGER) BETWEEN 0 AND {MAX_AGE} THEN try_cast({v} AS INTEGER) END",
            [bad],
        )
    if kind == "postcode":
        # Stored in the one form ONS prints (pcds): upper case, one space before the three-character inward code.
        packed = f"regexp_replace(upper({v}), '\\s+', '', 'g')"
        value = (
            f"CASE WHEN regexp_full_match({packed}, {_lit(POSTCODE_PACKED_SQL_PATTERN)}) "
            f"THEN left({packed}, length({packed}) - 3) || ' ' || right({packed}, 3) "
            f"ELSE nullif(regexp_replace(upper({v}), '\\s+', ' ', 'g'), '') END"
        )
        bad = (
            f"CASE WHEN {v} <> '' AND NOT regexp_full_match({t}, {_lit(POSTCODE_SQL_PATTERN)}) THEN "
            f"'{name} ' || {_shown(v)} || ' is not a UK postcode (e.g. OX1 2AU)' END"
        )
        return value, [blank_reason if column.required else "NULL", bad]
    if kind == "area_code":
        # An ONS area code as published (E01028522, S01006506, or a pseudo code such as L99999999).
        bad = (
            f"CASE WHEN {v} <> '' AND NOT regexp_full_match(upper({v}), '[A-Z0-9]{{8,9}}') THEN "
            f"'{name} ' || {_shown(v)} || ' is not an ONS area code (e.g. E01028522)' END"
        )
        return f"nullif(upper({v}), '')", [bad]
    if kind == "year_month":
        value = f"CASE WHEN regexp_full_match({v}, '[0-9]{{6}}') THEN try_strptime({v} || '01', '%Y%m%d')::DATE END"
        bad = (
            f"CASE WHEN {v} <> '' AND {t} IS NULL THEN '{name} ' || {_shown(v)} || "
            "' is not a year and month YYYYMM (e.g. 201506)' END"
        )
        return value, [bad]
    if kind in (
        "age_band",
        "sex",
        "ethnicity",
        "asb_category",
        "relationship",
        "dash_risk",
        "assault_means",
        "location_type",
    ):
        values, aliases = {
            "assault_means": (ASSAULT_MEANS, ASSAULT_MEANS_ALIASES),
            "location_type": (LOCATION_TYPES, LOCATION_TYPE_ALIASES),
            "relationship": (RELATIONSHIPS, RELATIONSHIP_ALIASES),
            "dash_risk": (DASH_RISKS, {}),
            "age_band": (AGE_BANDS, {}),
            "sex": (SEXES, SEX_ALIASES),
            "ethnicity": (ETHNICITIES, ETHNICITY_ALIASES),
            "asb_category": (ASB_CATEGORIES, {}),
        }[kind]
        value = _alias_case(v, values, aliases)
        bad = (
            f"CASE WHEN {v} <> '' AND {t} IS NULL THEN '{name} ' || {_shown(v)} || "
            f"' is not one of: {', '.join(values)}' END"
        )
        return value, [blank_reason if column.required else "NULL", bad]
    if kind == "text":
        return f"nullif({v}, '')", []
    raise ValueError(f"unknown column kind {kind!r}")


def _trimmed_sql(column: Column) -> str:
    """v_<name>: the value trimmed, never NULL; a publisher's "none" values (Column.blank_values) read as blank."""
    text = f"trim(coalesce(m.{_q(column.name)}, ''))"
    if column.blank_values:
        text = f"CASE WHEN {text} IN {_in(column.blank_values)} THEN '' ELSE {text} END"
    return f"{text} AS v_{column.name}"


def typed_select_sql(schema: ExtractSchema, source: str = "_mapped") -> str:
    """SELECT _line, t_<column> for every schema column, code lookup columns (offences) and _reasons.

    `source` must have `_line` and every schema column (VARCHAR); for offences a table `_offence_codes`
    (code, description, offence_group, offence_subgroup, policeuk_category) must exist. Three stages so each
    value is trimmed and parsed once: text (v_), parsed values (t_), then the reasons over both.
    """
    names = [c.name for c in schema.columns]
    trimmed = ", ".join(_trimmed_sql(c) for c in schema.columns)
    values: list[str] = []
    reasons: list[str] = []
    for column in schema.columns:
        value, column_reasons = _column_sql(column)
        values.append(f"{value} AS t_{column.name}")
        reasons.extend(r for r in column_reasons if r != "NULL")
    if {"latitude", "longitude"} <= set(names):
        b = UK_BOUNDS
        reasons.append(
            "CASE WHEN (t_latitude IS NULL) <> (t_longitude IS NULL) THEN "
            "'latitude and longitude must be given together' "
            f"WHEN t_latitude NOT BETWEEN {b['min_latitude']} AND {b['max_latitude']} "
            f"OR t_longitude NOT BETWEEN {b['min_longitude']} AND {b['max_longitude']} THEN "
            "'latitude/longitude (' || t_latitude || ', ' || t_longitude || ') is outside the UK' END"
        )
    if {"easting", "northing"} <= set(names):
        reasons.append(
            "CASE WHEN (t_easting IS NULL) <> (t_northing IS NULL) THEN "
            "'easting and northing must be given together' "
            f"WHEN t_easting NOT BETWEEN 0 AND {BNG_MAX_EASTING} OR t_northing NOT BETWEEN 0 AND {BNG_MAX_NORTHING} "
            "THEN 'easting/northing (' || t_easting || ', ' || t_northing || ') is outside Great Britain' END"
        )
    if {"incident_at", "attended_at"} <= set(names):
        reasons.append(
            "CASE WHEN t_incident_at > t_attended_at THEN 'incident_at ' || "
            + _shown("v_incident_at")
            + " || ' is after attended_at (the assault must come before the attendance)' END"
        )
    if {"crime", "offence_code"} <= set(names):
        reasons.append("CASE WHEN t_crime AND v_offence_code = '' THEN 'offence_code is blank for a crime' END")
    join = ""
    lookups = ""
    lookup_names = ""
    if "offence_code" in names:
        join = "LEFT JOIN _offence_codes oc ON oc.code = upper(s1.v_offence_code)"
        lookups = (
            ", oc.code, oc.description AS t_offence_description, oc.offence_group AS t_offence_group, "
            "oc.policeuk_category AS t_policeuk_category"
        )
        lookup_names = ", t_offence_description, t_offence_group, t_policeuk_category"
    reason_sql = "concat_ws('; ', " + ", ".join(reasons) + ")" if reasons else "''"
    typed_names = ", ".join(f"t_{n}" for n in names)
    stage1 = f"SELECT m._line, {trimmed} FROM {source} m"  # noqa: S608
    stage2 = f"SELECT s1.*, {', '.join(values)}{lookups} FROM ({stage1}) s1 {join}"  # noqa: S608
    return f"SELECT _line, {typed_names}{lookup_names}, {reason_sql} AS _reasons FROM ({stage2}) oc"  # noqa: S608


def duplicate_reason_sql(schema: ExtractSchema, table: str = "_typed") -> str:
    """UPDATE marking every repeat of a reference after its first line as rejected."""
    ref = f"t_{schema.ref_column}"
    return f"""UPDATE {table} SET _reasons = concat_ws('; ', nullif(_reasons, ''),
            '{schema.ref_column} repeats line ' || d._first)
        FROM (SELECT _line AS _dl, min(_line) OVER (PARTITION BY {ref}) AS _first FROM {table}
              WHERE {ref} IS NOT NULL) d
        WHERE {table}._line = d._dl AND d._first < d._dl"""  # noqa: S608


def grid_to_wgs84(easting: np.ndarray, northing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """British National Grid (EPSG:27700) -> WGS84 longitude, latitude, vectorised with pyproj."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    longitude, latitude = transformer.transform(np.asarray(easting, dtype=float), np.asarray(northing, dtype=float))
    return np.round(np.asarray(longitude), 6), np.round(np.asarray(latitude), 6)
