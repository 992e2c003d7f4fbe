"""The one registry of dashboard tables: the web pages, exports and `safer table` all read from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from safer.intelligence.dashboard import figures, hotspot_figures
from safer.intelligence.dashboard.areas import Area, AreaNotFoundError, area_containing, area_find
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.periods import Period, PeriodInvalidError, period_compare_parse, period_parse
from safer.intelligence.warehouse import WarehouseReader

SOURCES = {
    "crime": (
        "police.uk street-level crime and anti-social behaviour (Open Government Licence v3.0)",
        ("policeuk_street",),
    ),
    "offence": ("offence-level recorded crime extracts shared by the police", ("offences",)),
    "asb": ("ASB incident extracts shared by the council and police", ("asb",)),
}
BY_CHOICES = ("month", "crime_type", "area")
# Figures of the chosen period: "no data" (None), not 0, when no month of the period has any data.
PERIOD_KEYS = frozenset(
    ("period_count", "period_rate", "difference", "difference_pct", "share_pct", "count", "rate", "total")
)


class TableNotFoundError(LookupError):
    """No dashboard table has that name."""


class DashboardInputError(ValueError):
    """An area, period, comparison, filter or breakdown could not be used; `field` names which."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Column:
    """One column: `title` may hold {period} and {compare}, filled with the periods' labels."""

    key: str
    title: str
    kind: str = "text"  # text | count | pct | rate | coord
    group: str = ""  # in a side-by-side table, the area the column belongs to ("Oxford (district)")
    measure: str = ""  # in a side-by-side table, the figure the column holds ("period_count"); else the key

    @property
    def figure(self) -> str:
        """What the column holds, whichever area it is for."""
        return self.measure or self.key

    def heading(self, scope: Scope) -> str:
        """The title with the periods' labels filled in (without the area of a side-by-side column)."""
        return self.title.format(period=scope.period.label, compare=scope.compare.label)


@dataclass
class Request:
    """One dashboard request: its bounded warehouse reader and what was asked."""

    con: WarehouseReader
    scope: Scope

    @cached_property
    def _months(self) -> dict[str, set[date]]:
        return {source: set(figures.data_months(self.con, source=source)) for source in SOURCES}

    def compare_has_data(self, source: str) -> bool:
        """False when no month of the comparison period has any data (show "no data", not 0)."""
        return any(month in self._months[source] for month in self.scope.compare.month_list())

    def months_with_data(self, source: str, period: Period) -> int:
        """How many of the period's months have data in a source."""
        return sum(month in self._months[source] for month in period.month_list())

    def missing_months(self, source: str, period: Period) -> list[date]:
        """The period's months with no data in a source, in order."""
        return [month for month in period.month_list() if month not in self._months[source]]

    @cached_property
    def areas(self) -> list[tuple[str, Area]]:
        """The area and the areas containing it, smallest first, each with its column-key prefix.

        The chosen area's columns start "area_"; the containing areas' start with their kind ("district_",
        "county_", "force_"), so a column key means the same whichever area was asked for.
        """
        chain = area_containing(self.scope.area, con=self.con)
        return [("area", self.scope.area), *((area.kind, area) for area in chain)]


@dataclass(frozen=True)
class Table:
    """A dashboard table: what it shows, how it is defined, and the function that computes its rows."""

    name: str
    title: str
    source: str  # crime | offence | asb
    definition: str
    columns: tuple[Column, ...]
    function: Callable[[Request], list[Row]]
    chart: str | None = None  # chart builder name in dashboard/charts.py
    page: str = "dashboard"  # dashboard | serious-violence | map
    uses_by: bool = False
    crime_type_filter: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Built from person-level data (victims, suspects, patients): reports suppress its small counts.
    person_level: bool = False
    # Side by side: the function gives one row per (first column, area), each naming its `area` and
    # `area_type`; the table has one row per first-column value and these columns for each area in turn.
    by_area: tuple[Column, ...] = ()

    @property
    def compares(self) -> bool:
        """True when the table has Difference columns (computed like for like, see figures.Comparison)."""
        return any(column.key == "difference" for column in (*self.columns, *self.by_area))

    def column_titles(self, request: Request) -> list[str]:
        """Column headings as exports print them (a side-by-side column's area first: "Oxford: 2022")."""
        columns = self.columns_for(request)
        return [f"{c.group}: {c.heading(request.scope)}" if c.group else c.heading(request.scope) for c in columns]

    def rows(self, request: Request) -> list[Row]:
        """The table's rows, each with exactly this table's column keys, in order."""
        rows = self.function(request)
        if self.by_area:
            rows = _side_by_side(rows, key=self.columns[0].key, areas=request.areas, columns=self.by_area)
        columns = self.columns_for(request)
        has_data = request.months_with_data(self.source, request.scope.period)
        blank = set() if has_data else {c.key for c in columns if c.figure in PERIOD_KEYS}
        return [{c.key: None if c.key in blank else row.get(c.key) for c in columns} for row in rows]

    def columns_for(self, request: Request) -> tuple[Column, ...]:
        """Columns for this request (`counts` depends on --by; a side-by-side table on the areas)."""
        scope = request.scope
        if self.by_area:
            lead = tuple(c for c in self.columns if c.kind == "text")
            side = tuple(
                Column(f"{prefix}_{c.key}", c.title, c.kind, group=f"{area.name} ({area.kind_label})", measure=c.key)
                for prefix, area in request.areas
                for c in self.by_area
            )
            return (*lead, *side, *(c for c in self.columns if c.kind != "text"))
        if not self.uses_by:
            return self.columns
        chosen = []
        if "month" in scope.by:
            chosen.append(Column("month", "Month"))
        if "crime_type" in scope.by:
            chosen.append(Column("crime_type", "Crime type"))
        if "area" in scope.by and scope.area.kind != "lsoa" and scope.area.kind != "custom":
            chosen += [Column("area_code", "Area code"), Column("area_name", "Area")]
        return (*chosen, *self.columns)

    def column_templates(self) -> tuple[Column, ...]:
        """The columns whatever the request: a side-by-side table's show "{area}_" for each area's prefix."""
        if not self.by_area:
            return self.columns
        side = tuple(Column(f"{{area}}_{c.key}", f"{{area}}: {c.title}", c.kind, measure=c.key) for c in self.by_area)
        lead = tuple(c for c in self.columns if c.kind == "text")
        return (*lead, *side, *(c for c in self.columns if c.kind != "text"))


def _side_by_side(
    rows: list[Row], *, key: str, areas: list[tuple[str, Area]], columns: tuple[Column, ...]
) -> list[Row]:
    """One row per `key` value with each area's figures side by side (rows keep their first-seen order).

    The synthetic count is the largest area's, which holds the smaller ones.
    """
    prefixes = {(area.name, area.kind_label): prefix for prefix, area in areas}
    wide: dict[Any, Row] = {}
    for row in rows:
        prefix = prefixes[(row["area"], row["area_type"])]
        out = wide.setdefault(row[key], {key: row[key], "synthetic_records": 0})
        for column in columns:
            out[f"{prefix}_{column.key}"] = row.get(column.key)
        out["synthetic_records"] = max(out["synthetic_records"], int(row.get("synthetic_records") or 0))
    return list(wide.values())


CHANGE = (
    Column("compare_count", "{compare}", "count"),
    Column("period_count", "{period}", "count"),
    Column("difference", "Difference", "count"),
    Column("difference_pct", "Difference %", "pct"),
)
RATES = (
    Column("population", "Residents (2011)", "count"),
    Column("compare_rate", "{compare} per 1,000", "rate"),
    Column("period_rate", "{period} per 1,000", "rate"),
)
SYNTHETIC = Column("synthetic_records", "Of which synthetic", "count")
# A side-by-side table's figures for each area: the count both periods, the change and the rate.
BY_AREA = (*CHANGE, Column("period_rate", "Per 1,000", "rate"))
_SIDE_BY_SIDE = (
    " The area and the areas containing it (its district, county and police force area) stand side by side; "
    'column keys start "area_" for the area asked for and "district_", "county_" or "force_" for the others. '
    '"Of which synthetic" counts the SYNTHETIC records of the largest area, which holds the others.'
)
_CRIME = (
    "Records are counted in the month police.uk gives them and placed in an area by their LSOA; records "
    "with no location are in no area. police.uk moves each location to an anonymised nearby map point."
)


def _people_table(party: str, by: str) -> Table:
    """Serious violence victims or suspects by age band (with the youth focus) or by sex."""
    people = f"{party.capitalize()}s"
    first: tuple[Column, ...]
    if by == "age_band":
        title, first = (
            f"Serious violence {party}s by age band",
            (
                Column("age_band", "Age band"),
                Column("youth_group", "Youth focus"),
            ),
        )
        definition = (
            f"{people} of Group 1 and Group 2 offences in the period by age band, with the youth focus of the "
            "Serious Violence Duty (under 18, 18-24)."
        )
    else:
        title, first = f"Serious violence {party}s by sex", (Column("sex", "Sex"),)
        definition = f"{people} of Group 1 and Group 2 offences in the period by sex as recorded."
    return Table(
        f"serious_violence_{party}_{'age' if by == 'age_band' else 'sex'}",
        title,
        "offence",
        definition,
        (
            *first,
            Column("group_1", "Group 1", "count"),
            Column("group_2", "Group 2", "count"),
            Column("total", "Total", "count"),
            Column("share_pct", "Share %", "pct"),
            SYNTHETIC,
        ),
        _svg_people(party, by),
        chart="age_bands" if by == "age_band" else None,
        page="serious-violence",
        crime_type_filter=False,
        person_level=True,
    )


def _svg_people(party: str, by: str) -> Callable[[Request], list[Row]]:
    return lambda r: figures.serious_violence_people(r.con, r.scope, party=party, by=by)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "headline",
            "Headline: all crime and each crime type",
            "crime",
            "Recorded crime and police-recorded ASB by crime type, for the period and the comparison period, "
            "with the difference and the period's rate per 1,000 residents (Census 2011 population of the LSOAs "
            "in each area)." + _SIDE_BY_SIDE + " " + _CRIME,
            (Column("crime_type", "Crime type"), SYNTHETIC),
            lambda r: figures.headline(r.con, r.scope, compare_has_data=r.compare_has_data("crime")),
            by_area=BY_AREA,
        ),
        Table(
            "trend",
            "Monthly trend with 12-month rolling total",
            "crime",
            "Records per month in the area; the rolling total adds the 12 months to each month and is shown "
            "only where all 12 months have data (a month missing from the data is a gap, not a zero). " + _CRIME,
            (
                Column("month", "Month"),
                Column("count", "Records", "count"),
                Column("rolling_12", "12 months to month", "count"),
                Column("rolling_12_mean", "12-month monthly average", "rate"),
                SYNTHETIC,
            ),
            lambda r: figures.crime_trend(r.con, r.scope),
            chart="trend",
        ),
        Table(
            "crime_types",
            "Crime types with change",
            "crime",
            "Records in the area by police.uk crime type, period against comparison, and each type's share "
            "of all records in the period. " + _CRIME,
            (
                Column("crime_type", "Crime type"),
                *CHANGE,
                Column("share_pct", "Share of all %", "pct"),
                SYNTHETIC,
            ),
            lambda r: figures.crime_type_breakdown(r.con, r.scope, compare_has_data=r.compare_has_data("crime")),
            chart="crime_types",
        ),
        Table(
            "districts",
            "Districts side by side",
            "crime",
            "The districts of the county (or, for a unitary authority, the force area) that holds the area: "
            "records in each and rates per 1,000 residents. " + _CRIME,
            (Column("district", "District"), Column("lad_code", "Code"), *CHANGE, *RATES, SYNTHETIC),
            lambda r: figures.district_comparison(r.con, r.scope, compare_has_data=r.compare_has_data("crime")),
            chart="districts",
        ),
        Table(
            "counts",
            "Counts",
            "crime",
            "Records in the period, broken down by month, crime type and/or the areas one level down "
            "(a county's or force's districts, a district's LSOAs). " + _CRIME,
            (Column("count", "Records", "count"), SYNTHETIC),
            lambda r: figures.crime_counts(r.con, r.scope),
            page="cli",
            uses_by=True,
        ),
        Table(
            "asb_by_type",
            "Anti-social behaviour incidents by type",
            "asb",
            "ASB incidents recorded by the council and police partners (not police.uk's ASB category), "
            "by ASB category (personal, nuisance, environmental) and type, period against comparison.",
            (Column("asb_category", "Category"), Column("asb_type", "Type"), *CHANGE, SYNTHETIC),
            lambda r: figures.asb_by_type(r.con, r.scope, compare_has_data=r.compare_has_data("asb")),
            crime_type_filter=False,
        ),
        Table(
            "repeat_locations",
            "Top repeat locations",
            "crime",
            "The 20 locations with the most records in the period. A location is police.uk's anonymised "
            'map point (e.g. "On or near Cowley Road"), not an address. ' + _CRIME,
            (
                Column("rank", "Rank", "count"),
                Column("location", "Location"),
                Column("lsoa_name", "LSOA"),
                Column("count", "Records", "count"),
                SYNTHETIC,
            ),
            lambda r: figures.repeat_locations(r.con, r.scope),
        ),
        Table(
            "serious_violence",
            "Serious violence by month",
            "offence",
            "Offences in the Serious Violence Duty groups, from the offence-level extract: Group 1 (homicide, "
            "grievous bodily harm, knife and sharp-instrument offences, all ages and locations, domestic "
            "included) and Group 2 (actual bodily harm, drug supply and trafficking, sexual assault, rape), "
            "by month, with 12-month rolling totals and rolling rates per 1,000 residents.",
            (
                Column("month", "Month"),
                Column("group_1", "Group 1", "count"),
                Column("group_2", "Group 2", "count"),
                Column("group_1_rolling_12", "Group 1, 12 months", "count"),
                Column("group_2_rolling_12", "Group 2, 12 months", "count"),
                Column("group_1_rate_rolling_12", "Group 1, 12 months per 1,000", "rate"),
                Column("group_2_rate_rolling_12", "Group 2, 12 months per 1,000", "rate"),
                SYNTHETIC,
            ),
            lambda r: figures.serious_violence_monthly(r.con, r.scope),
            chart="serious_violence",
            page="serious-violence",
            crime_type_filter=False,
        ),
        Table(
            "serious_violence_summary",
            "Serious violence: period against comparison",
            "offence",
            "Group 1 and Group 2 serious violence offences, with the period's rate per 1,000 residents (Census 2011)."
            + _SIDE_BY_SIDE,
            (Column("group", "Group"), SYNTHETIC),
            lambda r: figures.serious_violence_summary(r.con, r.scope, compare_has_data=r.compare_has_data("offence")),
            by_area=BY_AREA,
            page="serious-violence",
            crime_type_filter=False,
        ),
        *(_people_table(party, by) for by in ("age_band", "sex") for party in ("victim", "suspect")),
        Table(
            "map_lsoas",
            "Records per LSOA",
            "crime",
            "Records and rates per 1,000 residents in each LSOA of the area, the figures the map shades each "
            "LSOA's boundary by (ONS 2011 boundaries, super generalised). " + _CRIME,
            (
                Column("lsoa_code", "LSOA code"),
                Column("lsoa_name", "LSOA"),
                Column("count", "Records", "count"),
                Column("population", "Residents (2011)", "count"),
                Column("rate", "Per 1,000", "rate"),
                Column("latitude", "Latitude", "coord"),
                Column("longitude", "Longitude", "coord"),
                SYNTHETIC,
            ),
            lambda r: figures.map_lsoas(r.con, r.scope),
            page="map",
        ),
        Table(
            "map_points",
            "Records per map point",
            "crime",
            "Records in the period on each of police.uk's anonymised map points (up to 20,000 busiest). " + _CRIME,
            (
                Column("location", "Location"),
                Column("latitude", "Latitude", "coord"),
                Column("longitude", "Longitude", "coord"),
                Column("count", "Records", "count"),
                SYNTHETIC,
            ),
            lambda r: figures.map_points(r.con, r.scope),
            page="map",
        ),
        Table(
            "hotspot_cells",
            "Hot and cold spots (Getis-Ord Gi*)",
            "crime",
            "Grid cells over the area (about 50 on its shorter side, British National Grid) that are "
            "significant hot or cold spots by the Getis-Ord Gi* statistic with the cell and its 8 neighbours, "
            "p-values adjusted for the number of cells tested (Benjamini-Hochberg false discovery rate); "
            "confidence 90%, 95% or 99%. Cells are counted from police.uk's anonymised map points; the methods "
            "are in docs/hotspots.md. " + _CRIME,
            (
                Column("confidence", "Class"),
                Column("cell_easting", "Cell centre easting", "count"),
                Column("cell_northing", "Cell centre northing", "count"),
                Column("cell_size", "Cell size (m)", "count"),
                Column("latitude", "Latitude", "coord"),
                Column("longitude", "Longitude", "coord"),
                Column("count", "Records", "count"),
                Column("gistar_z", "Gi* z-score", "rate"),
                Column("p_adjusted", "Adjusted p"),
                SYNTHETIC,
            ),
            lambda r: hotspot_figures.hotspot_cells(r.con, r.scope),
            page="map",
        ),
    )
}


def table_get(name: str) -> Table:
    """The table called `name`, or a clear error naming the tables there are."""
    try:
        return TABLES[name]
    except KeyError:
        raise TableNotFoundError(
            f'There is no table "{name}". Tables: {", ".join(TABLES)} (see `safer table --list`).'
        ) from None


def scope_build(
    con: WarehouseReader,
    *,
    area: str,
    period: str = "",
    compare: str = "",
    crime_type: str = "",
    by: str | tuple[str, ...] = (),
    source: str = "crime",
) -> Scope:
    """Read the request's area, period, comparison, crime type and breakdown (errors say what to fix)."""

    latest = figures.latest_month(con, source=source) or figures.latest_month(con)
    try:
        found = area_find(area, con=con)
    except AreaNotFoundError as error:
        raise DashboardInputError(str(error), field="area") from None
    try:
        chosen = period_parse(period or "rolling-12", latest_month=latest)
    except PeriodInvalidError as error:
        raise DashboardInputError(str(error), field="period") from None
    try:
        against = period_compare_parse(compare, period=chosen, latest_month=latest)
    except PeriodInvalidError as error:
        raise DashboardInputError(f"Comparison period: {error}", field="compare") from None
    breakdown = tuple(b.strip() for b in (by.split(",") if isinstance(by, str) else by) if b.strip())
    for item in breakdown:
        if item not in BY_CHOICES:
            raise DashboardInputError(
                f'Cannot break down by "{item}". Use any of: {", ".join(BY_CHOICES)}.', field="by"
            )
    filters = {}
    if crime_type:
        known = figures.crime_types(con)
        match = next((t for t in known if t.lower() == crime_type.strip().lower()), None)
        if match is None:
            raise DashboardInputError(
                f'No records have crime type "{crime_type}". '
                f"Crime types in the data: {', '.join(known) or 'none yet'}.",
                field="crime_type",
            )
        filters["crime_type"] = match
    return Scope(found, chosen, against, filters, breakdown)


def table_rows(table: Table, request: Request) -> list[Row]:
    """Rows of `table` for the request (a table without a crime type filter ignores it)."""
    if request.scope.filters and not table.crime_type_filter:
        request = Request(
            request.con, Scope(request.scope.area, request.scope.period, request.scope.compare, {}, request.scope.by)
        )
    return table.rows(request)


def definition_text(table: Table, request: Request) -> dict[str, Any]:
    """What was counted, the source and the date of the latest extract, for the page and exports."""
    source_name, kinds = SOURCES[table.source]
    latest = figures.latest_import(request.con, kinds=kinds)
    return {
        "definition": table.definition,
        "source": source_name,
        "imported_at": latest["imported_at"],
        "latest_month": figures.latest_month(request.con, source=table.source),
        "period_months_with_data": request.months_with_data(table.source, request.scope.period),
        "compare_months_with_data": request.months_with_data(table.source, request.scope.compare),
        "comparison_note": figures.comparison_months(request.con, request.scope, source=table.source).note()
        if table.compares
        else None,
    }
