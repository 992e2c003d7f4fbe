"""Dashboard areas: LSOA, district, county, force and custom areas, found by name or code (no Django)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import duckdb

AREA_KINDS = ("lsoa", "district", "county", "force", "custom")
KIND_LABELS = {
    "lsoa": "LSOA",
    "district": "district",
    "county": "county",
    "force": "police force area",
    "custom": "custom area",
}
# When one name is several kinds (a unitary authority is its own county), the smallest wins.
_KIND_ORDER = {kind: index for index, kind in enumerate(("district", "county", "force", "lsoa", "custom"))}

# Every area by kind, code and name; `lsoa` comes from the shipped ONS lookup.
_AREAS_SQL = """
    SELECT 'district' AS kind, lad_code AS code, any_value(lad_name) AS name FROM lsoa GROUP BY lad_code
    UNION ALL SELECT 'county', county_name, county_name FROM lsoa GROUP BY county_name
    UNION ALL SELECT 'force', pfa_name, pfa_name FROM lsoa WHERE pfa_name IS NOT NULL GROUP BY pfa_name
    UNION ALL SELECT 'lsoa', lsoa_code, lsoa_name FROM lsoa
    UNION ALL SELECT 'custom', CAST(area_id AS VARCHAR), name FROM custom_area
"""


class AreaNotFoundError(LookupError):
    """No area has the name or code given."""


@dataclass(frozen=True)
class Area:
    """One place the dashboard can describe: `code` is what the aggregates are filtered on."""

    kind: str
    code: str
    name: str

    @property
    def kind_label(self) -> str:
        """'district', 'police force area'..."""
        return KIND_LABELS[self.kind]

    @property
    def text(self) -> str:
        """What to type to get this area back (used in URLs and the command line)."""
        if self.kind == "custom":
            return f"custom:{self.code}"
        if self.kind == "lsoa":
            return self.code
        return self.name if self.kind == "district" else f"{self.kind}:{self.name}"


def _normalise(text: str) -> str:
    lowered = " ".join(text.strip().lower().split())
    for suffix in (" police", " constabulary", " ua"):
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
    return lowered


def area_find(text: str, *, con: duckdb.DuckDBPyConnection) -> Area:
    """The area named or coded `text` (case-insensitive; "county:Oxfordshire" picks the kind)."""
    raw = (text or "").strip()
    if not raw:
        raise AreaNotFoundError('No area given. Give a district, county, force, LSOA or custom area, e.g. "Oxford".')
    kind: str | None = None
    wanted = raw
    prefix, sep, rest = raw.partition(":")
    if sep and prefix.strip().lower() in AREA_KINDS:
        kind, wanted = prefix.strip().lower(), rest
    key = _normalise(wanted)
    rows = con.execute(
        f"SELECT kind, code, name FROM ({_AREAS_SQL}) WHERE lower(code) = ? OR lower(name) = ? "  # noqa: S608
        "OR replace(lower(name), ' ', '-') = ?",
        [key, key, key],
    ).fetchall()
    matches = [Area(str(k), str(c), str(n)) for k, c, n in rows if kind is None or k == kind]
    if matches:
        return sorted(matches, key=lambda area: _KIND_ORDER[area.kind])[0]
    sql = f"SELECT DISTINCT name FROM ({_AREAS_SQL}) WHERE kind <> 'lsoa'"  # noqa: S608
    names = [str(row[0]) for row in con.execute(sql).fetchall()]
    by_lower = {name.lower(): name for name in names}
    close = difflib.get_close_matches(key, list(by_lower), n=5, cutoff=0.6)
    close += [lower for lower in by_lower if key and key in lower and lower not in close]
    hint = ", ".join(f'"{by_lower[name]}"' for name in close[:5])
    what = KIND_LABELS[kind] if kind else "area"
    raise AreaNotFoundError(
        f'No {what} is called "{wanted.strip()}". '
        + (f"Did you mean {hint}? " if hint else "")
        + "Give a district, county or force name, an LSOA code or name, or a custom area's name."
    )


def area_containing(area: Area, *, con: duckdb.DuckDBPyConnection) -> list[Area]:
    """The areas that contain `area`, smallest first (Oxford -> Oxfordshire -> Thames Valley)."""
    if area.kind == "lsoa":
        row = con.execute("SELECT lad_code, lad_name FROM lsoa WHERE lsoa_code = ?", [area.code]).fetchone()
        if row is None:
            return []
        district = Area("district", str(row[0]), str(row[1]))
        return [district, *area_containing(district, con=con)]
    if area.kind == "district":
        row = con.execute(
            "SELECT any_value(lad_name), any_value(county_name), mode(pfa_name) FROM lsoa WHERE lad_code = ?",
            [area.code],
        ).fetchone()
        if row is None or row[0] is None:
            return []
        found = []
        if row[1] and row[1] != row[0]:
            found.append(Area("county", str(row[1]), str(row[1])))
        if row[2]:
            found.append(Area("force", str(row[2]), str(row[2])))
        return found
    if area.kind == "county":
        row = con.execute("SELECT mode(pfa_name) FROM lsoa WHERE county_name = ?", [area.code]).fetchone()
        if row and row[0] and row[0] != area.name:
            return [Area("force", str(row[0]), str(row[0]))]
        return []
    return []


def area_population(area: Area, *, con: duckdb.DuckDBPyConnection) -> int | None:
    """Residents (Census 2011) of the area, for rates per 1,000; None for custom areas."""
    column = {"lsoa": "lsoa_code", "district": "lad_code", "county": "county_name", "force": "pfa_name"}.get(area.kind)
    if column is None:
        return None
    row = con.execute(f"SELECT sum(population) FROM lsoa WHERE {column} = ?", [area.code]).fetchone()  # noqa: S608
    return int(row[0]) if row and row[0] is not None else None


def area_children(area: Area, *, con: duckdb.DuckDBPyConnection) -> list[Area]:
    """The areas one level down: a force's or county's districts, a district's LSOAs."""
    if area.kind in ("force", "county"):
        column = "pfa_name" if area.kind == "force" else "county_name"
        rows = con.execute(
            f"SELECT lad_code, any_value(lad_name) FROM lsoa WHERE {column} = ? GROUP BY lad_code ORDER BY 2",  # noqa: S608
            [area.code],
        ).fetchall()
        return [Area("district", str(code), str(name)) for code, name in rows]
    if area.kind == "district":
        rows = con.execute(
            "SELECT lsoa_code, lsoa_name FROM lsoa WHERE lad_code = ? ORDER BY lsoa_name", [area.code]
        ).fetchall()
        return [Area("lsoa", str(code), str(name)) for code, name in rows]
    return []
