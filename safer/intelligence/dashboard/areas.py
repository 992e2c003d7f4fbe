"""Dashboard areas: LSOA, district, county, force and custom areas, found by name or code (no Django)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from safer.intelligence.warehouse import WarehouseReader

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


@dataclass
class _Geography:
    """The lsoa table held in memory: lookups by name/code, containment and populations without queries."""

    by_key: dict[str, list[tuple[str, str, str]]]
    names: list[str]
    lsoa_district: dict[str, tuple[str, str]]
    district: dict[str, tuple[str, str | None, str | None]]  # lad_code -> (name, county, force)
    county_force: dict[str, str | None]
    population: dict[tuple[str, str], int]
    district_forces: dict[str, set[str]]
    lsoa_names: dict[str, tuple[str, str]]  # lsoa_code -> (lad_code, lsoa_name)


_GEOGRAPHY_CACHE: dict[tuple[object, ...], _Geography] = {}


def _geography(con: WarehouseReader) -> _Geography:
    """The cached geography of this warehouse (reloaded when the lookup changes)."""
    memoised = con.memo.get("geography")
    if isinstance(memoised, _Geography):  # the lookup is checked once per request
        return memoised
    key_row = con.one(
        "SELECT (SELECT max(checksum) FROM geography_info), count(*), sum(population), "
        "(SELECT current_setting('temp_directory'))  FROM lsoa"
    )
    key = tuple(key_row or ())
    found = _GEOGRAPHY_CACHE.get(key)
    if found is not None:
        con.memo["geography"] = found
        return found
    rows = con.tuples("SELECT lsoa_code, lsoa_name, lad_code, lad_name, county_name, pfa_name, population FROM lsoa")
    by_key: dict[str, list[tuple[str, str, str]]] = {}
    names: set[str] = set()
    district: dict[str, tuple[str, str | None, str | None]] = {}
    force_votes: dict[str, dict[str, int]] = {}
    county_votes: dict[str, dict[str, int]] = {}
    population: dict[tuple[str, str], int] = {}
    lsoa_district: dict[str, tuple[str, str]] = {}

    def add(kind: str, code: str, name: str) -> None:
        entry = (kind, code, name)
        for text in {code.lower(), name.lower(), name.lower().replace(" ", "-")}:
            if entry not in by_key.setdefault(text, []):
                by_key[text].append(entry)

    for lsoa_code, lsoa_name, lad_code, lad_name, county, force, people in rows:
        add("lsoa", lsoa_code, lsoa_name or lsoa_code)
        lsoa_district[lsoa_code] = (lad_code, lad_name)
        if lad_code not in district:
            add("district", lad_code, lad_name)
            names.add(lad_name)
            district[lad_code] = (lad_name, county, None)
        if county:
            add("county", county, county)
            names.add(county)
        if force:
            add("force", force, force)
            names.add(force)
            votes = force_votes.setdefault(lad_code, {})
            votes[force] = votes.get(force, 0) + 1
            if county:
                cvotes = county_votes.setdefault(county, {})
                cvotes[force] = cvotes.get(force, 0) + 1
        for kind, code in (("lsoa", lsoa_code), ("district", lad_code), ("county", county), ("force", force)):
            if code is not None:
                population[(kind, code)] = population.get((kind, code), 0) + int(people or 0)
    for lad_code, votes in force_votes.items():
        name, county, _ = district[lad_code]
        district[lad_code] = (name, county, max(votes, key=lambda f: votes[f]))
    county_force: dict[str, str | None] = {c: max(v, key=lambda f: v[f]) for c, v in county_votes.items()}
    geography = _Geography(
        by_key,
        sorted(names),
        lsoa_district,
        district,
        county_force,
        population,
        {lad: set(votes) for lad, votes in force_votes.items()},
        {code: (lad, name or code) for code, name, lad, *_ in rows},
    )
    if len(_GEOGRAPHY_CACHE) > 4:
        _GEOGRAPHY_CACHE.clear()
    _GEOGRAPHY_CACHE[key] = geography
    con.memo["geography"] = geography
    return geography


class AreaNotFoundError(LookupError):
    """No area has the name or code given."""


@dataclass(frozen=True)
class Area:
    """One place the dashboard can describe: `code` is what the aggregates are filtered on."""

    kind: str
    code: str
    name: str
    district_code: str | None = field(default=None, compare=False)  # an LSOA's district, for fast filtering

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


def area_find(text: str, *, con: WarehouseReader) -> Area:
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
    geography = _geography(con)
    candidates = [
        Area(k, c, n, geography.lsoa_district.get(c, (None, None))[0] if k == "lsoa" else None)
        for k, c, n in geography.by_key.get(" ".join(wanted.lower().split()), []) + geography.by_key.get(key, [])
    ]
    if kind in (None, "custom"):
        rows = con.tuples(
            "SELECT CAST(area_id AS VARCHAR), name FROM custom_area "
            "WHERE CAST(area_id AS VARCHAR) = ? OR lower(name) = ?",
            [key, key],
        )
        candidates += [Area("custom", str(code), str(name)) for code, name in rows]
    matches = [area for area in candidates if kind is None or area.kind == kind]
    if matches:
        return sorted(matches, key=lambda area: _KIND_ORDER[area.kind])[0]
    names = geography.names + [str(r[0]) for r in con.tuples("SELECT name FROM custom_area")]
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


def area_suggestions(*, con: WarehouseReader) -> list[str]:
    """Names of the districts, counties and forces, sorted, for the area box's suggestions."""
    return list(_geography(con).names)


def area_containing(area: Area, *, con: WarehouseReader) -> list[Area]:
    """The areas that contain `area`, smallest first (Oxford -> Oxfordshire -> Thames Valley)."""
    geography = _geography(con)
    if area.kind == "lsoa":
        placed = geography.lsoa_district.get(area.code)
        if placed is None:
            return []
        district = Area("district", placed[0], placed[1])
        return [district, *area_containing(district, con=con)]
    if area.kind == "district":
        if area.code not in geography.district:
            return []
        name, county, force = geography.district[area.code]
        found = []
        if county and county != name:
            found.append(Area("county", county, county))
        if force:
            found.append(Area("force", force, force))
        return found
    if area.kind == "county":
        force = geography.county_force.get(area.code)
        return [Area("force", force, force)] if force and force != area.name else []
    return []


def area_population(area: Area, *, con: WarehouseReader) -> int | None:
    """Residents (Census 2011) of the area, for rates per 1,000; None for custom areas."""
    if area.kind == "custom":
        return None
    return _geography(con).population.get((area.kind, area.code)) or None


def area_children(area: Area, *, con: WarehouseReader) -> list[Area]:
    """The areas one level down: a force's or county's districts, a district's LSOAs."""
    geography = _geography(con)
    if area.kind in ("force", "county"):
        index = 2 if area.kind == "force" else 1
        found = [Area("district", code, d[0]) for code, d in geography.district.items() if d[index] == area.code]
        if area.kind == "force":  # districts split between forces belong to each force they touch
            codes = {code for code, votes in geography.district_forces.items() if area.code in votes}
            found += [Area("district", c, geography.district[c][0]) for c in codes if c not in {a.code for a in found}]
        return sorted(found, key=lambda a: a.name)
    if area.kind == "district":
        return sorted(
            (Area("lsoa", code, name) for code, (lad, name) in geography.lsoa_names.items() if lad == area.code),
            key=lambda a: a.name,
        )
    return []


def area_force_keys(districts: list[Area], *, con: WarehouseReader) -> list[str]:
    """Every force any LSOA of these districts lies in ('' for a district with none), sorted: what to filter
    agg_crime_location_force's `force_key` on (it holds one of these for each district)."""
    forces = _geography(con).district_forces
    return sorted({key for district in districts for key in (forces.get(district.code) or {""})})


def lsoa_names(*, con: WarehouseReader) -> dict[str, str]:
    """LSOA code -> name (held in memory with the rest of the geography)."""
    return {code: name for code, (_, name) in _geography(con).lsoa_names.items()}
