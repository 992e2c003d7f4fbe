"""The one registry of dashboard tables: the web pages, exports and `safer table` all read from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.conf import settings

from safer.intelligence.dashboard import (
    ae_figures,
    figures,
    hotspot_figures,
    hotspot_layers,
    pattern_figures,
    people_figures,
    thematic_figures,
    trend_figures,
)
from safer.intelligence.dashboard.areas import Area, AreaNotFoundError, area_containing, area_find
from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.periods import Period, PeriodInvalidError, period_compare_parse, period_parse
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError
from safer.intelligence.warehouse import WarehouseReader

SOURCES = {
    "crime": (
        "police.uk street-level crime and anti-social behaviour (Open Government Licence v3.0)",
        ("policeuk_street",),
    ),
    "offence": ("offence-level recorded crime extracts shared by the police", ("offences",)),
    "asb": ("ASB incident extracts shared by the council and police", ("asb",)),
    "ae": ("A&E assault attendance extracts shared by the emergency department (ISTV minimum dataset)", ("ae",)),
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
        return self.title.format(**title_labels(scope))

    def export_heading(self, scope: Scope) -> str:
        """The heading as exports and reports print it: a side-by-side column's area first ("Oxford: 2022")."""
        return f"{self.group}: {self.heading(scope)}" if self.group else self.heading(scope)


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
    page: str = "dashboard"  # dashboard | serious-violence | themes | map | patterns | cli | sia
    uses_by: bool = False
    crime_type_filter: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Built from person-level data (victims, suspects, patients): reports suppress its small counts.
    person_level: bool = False
    # Side by side: the function gives one row per (first column, area), each naming its `area` and
    # `area_type`; the table has one row per first-column value and these columns for each area in turn.
    by_area: tuple[Column, ...] = ()
    # Why the table has no rows for a request, when the analysis can say (e.g. too few grid cells for Gi*).
    empty_reason: Callable[[Request], str] | None = None
    # Honours a time window filter (e.g. the night-time economy), counting the offence extract's records in it.
    windowed: bool = False

    @property
    def compares(self) -> bool:
        """True when the table has Difference columns (computed like for like, see figures.Comparison)."""
        return any(column.key == "difference" for column in (*self.columns, *self.by_area))

    def column_titles(self, request: Request) -> list[str]:
        """Column headings as exports print them (a side-by-side column's area first: "Oxford: 2022")."""
        return [c.export_heading(request.scope) for c in self.columns_for(request)]

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


def title_labels(scope: Scope) -> dict[str, str]:
    """What column titles may hold: {period}, {compare} and {period_1}..{period_4}, the periods 1 to 4 years
    before the chosen one (the five-year series)."""
    earlier = thematic_figures.years_back(scope.period)
    labels = {"period": scope.period.label, "compare": scope.compare.label}
    plural, single = pattern_figures.PLACES[pattern_figures.place_unit(scope)]
    labels.update({"places": plural[0].upper() + plural[1:], "place": single[0].upper() + single[1:]})
    labels.update({f"period_{len(earlier) - i}": p.label for i, p in enumerate(earlier)})
    return labels


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
CELL_COLUMNS = (
    Column("cell_easting", "Cell centre easting", "count"),
    Column("cell_northing", "Cell centre northing", "count"),
    Column("cell_size", "Cell size (m)", "count"),
    Column("latitude", "Latitude", "coord"),
    Column("longitude", "Longitude", "coord"),
)
# A side-by-side table's figures for each area: the count both periods, the change and the rate.
BY_AREA = (*CHANGE, Column("period_rate", "Per 1,000", "rate"))
_SIDE_BY_SIDE = (
    " The area and the areas containing it (its district, county and police force area) stand side by side; "
    'column keys start "area_" for the area asked for and "district_", "county_" or "force_" for the others. '
    '"Of which synthetic" counts the SYNTHETIC records of the largest area, which holds the others.'
)
_PLACES = (
    "Street locations are the police.uk map points of the area with a record in any month of the data. With the "
    "night-time economy filter, places are LSOAs or grid cells and the offence-level extract's offences inside "
    "the window are counted (police.uk gives months only). "
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
            "crime_years",
            "Long-term trend: records in each 12-month period",
            "crime",
            "Records in the area and the areas containing it in the chosen 12-month period and each same "
            "12-month period before it, back to the earliest month the warehouse holds, with rates per 1,000 "
            "residents (Census 2011). A period with months missing from the data says how many months it has. "
            + _CRIME,
            (
                Column("area", "Area"),
                Column("area_type", "Type"),
                Column("year", "Period"),
                Column("records", "Records", "count"),
                Column("months_with_data", "Months with data", "count"),
                Column("population", "Residents (2011)", "count"),
                Column("rate_per_1000", "Per 1,000", "rate"),
            ),
            lambda r: trend_figures.crime_years(r.con, r.scope),
            page="sia",
        ),
        Table(
            "crime_changes",
            "Crime types: change, significance and exceptions to the overall trend",
            "crime",
            "Records in the area by crime type, period against comparison, with the p-value of the exact "
            "conditional test on the two counts (like for like: over the months with data in both periods). "
            'A change is called an increase or decrease only below the 5% level, otherwise "no significant '
            'change". A crime type is an exception to the overall trend when it changed significantly and '
            "not in the direction of all crime. " + _CRIME,
            (
                Column("crime_type", "Crime type"),
                *CHANGE,
                Column("p_value", "p-value", "rate"),
                Column("rate_ratio_ci", "Rate ratio (95% CI)"),
                Column("change", "Change"),
                Column("exception", "Exception to the overall trend"),
                SYNTHETIC,
            ),
            lambda r: trend_figures.crime_changes(r.con, r.scope, compare_has_data=r.compare_has_data("crime")),
            page="sia",
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
            lambda r: hotspot_layers.hotspot_cells(r.con, r.scope),
            page="map",
            windowed=True,
            empty_reason=lambda r: hotspot_layers.grid_layer(r.con, r.scope, "hotspots").reason,
        ),
        Table(
            "hotspot_kde",
            "Kernel density",
            "crime",
            "Kernel density of records (quartic kernel, records per square kilometre) at the centre of each grid "
            "cell inside the area, densest first (the 1,000 densest cells). Bandwidth: the one set on the map page, or "
            "ArcGIS Pro's default rule h = 0.9 x min(SD, sqrt(1/ln 2) x Dm) x n^-0.2 (SD the standard distance of "
            "the records, Dm their median distance from the mean centre, n their number); the columns say which. "
            "Methods in docs/hotspots.md. " + _CRIME,
            (
                *CELL_COLUMNS,
                Column("count", "Records in cell", "count"),
                Column("density", "Density per km²", "rate"),
                Column("bandwidth", "Bandwidth (m)", "count"),
                Column("bandwidth_source", "Bandwidth from"),
                SYNTHETIC,
            ),
            lambda r: hotspot_layers.kde_cells(r.con, r.scope),
            page="map",
            windowed=True,
            empty_reason=lambda r: hotspot_layers.grid_layer(r.con, r.scope, "kde").reason,
        ),
        Table(
            "hotspot_emerging",
            "Emerging hot and cold spots",
            "crime",
            "Grid cells classified by how their Getis-Ord Gi* hot or cold spot status changed over the period's "
            "months (each month with records is a time slice; at least 3): new, consecutive, intensifying, "
            "persistent, diminishing, sporadic, oscillating or historical hot spots and the cold-spot equivalents, "
            "with a Mann-Kendall trend test of each cell's Gi* z-scores. The rules are in docs/hotspots.md "
            '("Emerging hot spots"); cells with no pattern are left out. ' + _CRIME,
            (
                Column("pattern", "Pattern"),
                *CELL_COLUMNS,
                Column("count", "Records", "count"),
                Column("slices", "Months", "count"),
                Column("hot_slices", "Months hot", "count"),
                Column("cold_slices", "Months cold", "count"),
                Column("trend_z", "Trend z (Mann-Kendall)", "rate"),
                Column("trend_p", "Trend p"),
                SYNTHETIC,
            ),
            lambda r: hotspot_layers.emerging_cells(r.con, r.scope),
            page="map",
            windowed=True,
            empty_reason=lambda r: hotspot_layers.grid_layer(r.con, r.scope, "emerging").reason,
        ),
        Table(
            "hotspot_change",
            "Hot spots that emerged, persisted or faded",
            "crime",
            "Getis-Ord Gi* hot spots (false discovery rate 5%) of the comparison period and of the period on the "
            "same grid: emerged (hot only in the period), persisted (hot in both), faded (hot only in the "
            "comparison period). " + _CRIME,
            (
                Column("change", "Change"),
                *CELL_COLUMNS,
                Column("compare_count", "{compare}", "count"),
                Column("period_count", "{period}", "count"),
                Column("compare_z", "Gi* z, {compare}", "rate"),
                Column("period_z", "Gi* z, {period}", "rate"),
                SYNTHETIC,
            ),
            lambda r: hotspot_layers.change_cells(r.con, r.scope),
            page="map",
            windowed=True,
            empty_reason=lambda r: hotspot_layers.grid_layer(r.con, r.scope, "change").reason,
        ),
        Table(
            "concentration_top",
            "Places with the most records",
            "crime",
            f"The {pattern_figures.TOP_PLACES} places of the area with the most records in the period, each one's "
            "share of the area's records and the cumulative share from the busiest down. The unit of place is "
            "chosen on the page (`place`): LSOAs (the default), the map's grid cells (same cell size) or police.uk "
            "street locations (its anonymised map points). " + _PLACES + _CRIME,
            (
                Column("rank", "Rank", "count"),
                Column("place", "{place}"),
                Column("count", "Records", "count"),
                Column("share_pct", "Share %", "rate"),
                Column("cumulative_pct", "Cumulative share %", "rate"),
            ),
            lambda r: pattern_figures.concentration_top(r.con, r.scope),
            page="patterns",
            empty_reason=lambda r: pattern_figures.concentration_reason(r.con, r.scope),
            windowed=True,
        ),
        Table(
            "concentration_summary",
            "How concentrated records are",
            "crime",
            "The share of the area's records in its busiest 1, 5, 10, 20 and 50% of places (the number of places "
            "rounded up, at least one; places with no records count as places), and the Gini coefficient "
            "G = sum((2i - n - 1) x_i) / (n sum x) over the places' counts in ascending order (0 = spread evenly, "
            "towards 1 = all in one place). " + _PLACES + _CRIME,
            (
                Column("measure", "Measure"),
                Column("places", "{places}", "count"),
                Column("records", "Records", "count"),
                Column("value", "Value", "rate"),
                Column("unit", "Unit"),
                SYNTHETIC,
            ),
            lambda r: pattern_figures.concentration_summary(r.con, r.scope),
            page="patterns",
            empty_reason=lambda r: pattern_figures.concentration_reason(r.con, r.scope),
            windowed=True,
        ),
        Table(
            "concentration_curve",
            "Concentration (Lorenz) curve",
            "crime",
            "Cumulative share of the area's records against the cumulative share of its places, from the busiest "
            "place down (the diagonal would be records spread evenly). " + _PLACES + _CRIME,
            (
                Column("places_pct", "{places}, cumulative %", "rate"),
                Column("records_pct", "Records, cumulative %", "rate"),
            ),
            lambda r: pattern_figures.concentration_curve(r.con, r.scope),
            chart="lorenz",
            page="patterns",
            empty_reason=lambda r: pattern_figures.concentration_reason(r.con, r.scope),
            windowed=True,
        ),
        Table(
            "week_hour",
            "Offences by day of the week and hour",
            "offence",
            "Offences in the offence-level extract by the day of the week and hour of the day they happened "
            "(local time, Europe/London), for the heat map; police.uk files carry months only, so this needs an "
            "extract with times. With the night-time economy filter only offences on Friday and Saturday nights "
            "from 19:00 to 03:00 are counted (the small hours belong to the night before).",
            (
                Column("day", "Day"),
                *(Column(f"h{hour:02d}", f"{hour:02d}", "count") for hour in range(24)),
                Column("total", "Total", "count"),
                SYNTHETIC,
            ),
            lambda r: pattern_figures.week_hour(r.con, r.scope),
            chart="week_hour",
            page="patterns",
            crime_type_filter=False,
            windowed=True,
        ),
        Table(
            "seasonality",
            "Seasonality: records by month of the year",
            "crime",
            "Records in each calendar month over the period's months with data, the mean per month and the "
            "seasonal index (the month's mean over the mean of the twelve monthly means: 1.00 is an average "
            "month). A month missing from the data is left out, not counted as zero; choose a period of several "
            "years for a steadier picture. With the night-time economy filter the offence-level extract's offences "
            "inside the window are counted instead (police.uk gives months only), over the extract's months. " + _CRIME,
            (
                Column("month_name", "Month"),
                Column("total", "Records", "count"),
                Column("months_observed", "Months with data", "count"),
                Column("mean", "Mean per month", "rate"),
                Column("index", "Seasonal index", "rate"),
            ),
            lambda r: pattern_figures.seasonality(r.con, r.scope),
            chart="seasonality",
            page="patterns",
            windowed=True,
        ),
    )
}

# ---- Thematic tables (the SIA's thematic sections and the SNA; docs/thematic-tables.md) ----------------------
_PEOPLE = (
    "Counts are offences as the offence-level extract records them (one victim and at most one identified "
    "suspect per offence), placed in the area by their LSOA."
)
_REFS = (
    "People are counted by the extract's pseudonymous {party}_ref (the same for every offence of theirs; never "
    "shown). Offences without one are left out; when none has one the table says so."
)
_AE = (
    "A&E assault attendances (ISTV extract, counted in the month of arrival and placed by LSOA or coordinates) "
    "beside police-recorded violence against the person (offence-level extract, Home Office offence group)."
)
_AREA_ROWS = (Column("area", "Area"), Column("area_type", "Type"))


def _repeat_table(party: str) -> Table:
    noun = f"{party}s"
    return Table(
        f"repeat_{noun}",
        f"Repeat {noun}: people by number of offences",
        "offence",
        f"Distinct {noun} in the period by the number of offences they were {party}s of in the area (1, 2, 3, "
        f'4 or more), the offences they account for and the shares; the first row reads like "12 {noun} were '
        'involved in 40 offences". ' + _REFS.format(party=party),
        (
            Column("offences_per_person", "Offences per person"),
            Column("people", noun.capitalize(), "count"),
            Column("people_pct", f"Share of {noun} %", "pct"),
            Column("offences", "Offences", "count"),
            Column("offences_pct", "Share of offences %", "pct"),
            Column("summary", "Summary"),
            SYNTHETIC,
        ),
        lambda r: people_figures.repeat_people(r.con, r.scope, party=party),
        page="themes",
        crime_type_filter=False,
        person_level=True,
    )


def _thematic(
    name: str,
    title: str,
    definition: str,
    columns: tuple[Column, ...],
    function: Callable[[Request], list[Row]],
    *,
    source: str = "offence",
    person_level: bool = False,
    page: str = "themes",
) -> Table:
    return Table(
        name,
        title,
        source,
        definition,
        (*columns, SYNTHETIC),
        function,
        page=page,
        crime_type_filter=False,
        person_level=person_level,
    )


THEMATIC_TABLES = (
    _thematic(
        "domestic_abuse_years",
        "Domestic abuse: five-year series",
        "Offences flagged domestic abuse in the offence-level extract, in five 12-month periods ending with the "
        "chosen one, for the area and the areas containing it; the difference is between the last two. A period "
        "with no month of offence data is shown as no data. " + _PEOPLE,
        (
            *_AREA_ROWS,
            Column("year_4", "{period_4}", "count"),
            Column("year_3", "{period_3}", "count"),
            Column("year_2", "{period_2}", "count"),
            Column("year_1", "{period_1}", "count"),
            Column("period_count", "{period}", "count"),
            Column("difference", "Difference", "count"),
            Column("difference_pct", "Difference %", "pct"),
        ),
        lambda r: thematic_figures.domestic_abuse_years(r.con, r.scope),
    ),
    _thematic(
        "domestic_abuse_victims",
        "Domestic abuse victims by age band and sex",
        "Victims of offences flagged domestic abuse in the period by the victim's age band and sex as recorded "
        "(blank or unknown: not recorded). " + _PEOPLE,
        (
            Column("age_band", "Age band"),
            Column("female", "Female", "count"),
            Column("male", "Male", "count"),
            Column("sex_not_recorded", "Sex not recorded", "count"),
            Column("total", "Total", "count"),
            Column("share_pct", "Share %", "pct"),
        ),
        lambda r: thematic_figures.domestic_abuse_victims(r.con, r.scope),
        person_level=True,
    ),
    _thematic(
        "domestic_abuse_repeat",
        "Domestic abuse: repeat victims",
        "Offences flagged domestic abuse in the period, the distinct victims among them, and how many of those "
        "victims were victimised two or more and three or more times in the period in the area. "
        + _REFS.format(party="victim"),
        (
            *_AREA_ROWS,
            Column("da_offences", "DA offences", "count"),
            Column("offences_with_ref", "With victim_ref", "count"),
            Column("victims", "Victims", "count"),
            Column("victims_2_plus", "Victimised 2+ times", "count"),
            Column("victims_2_plus_pct", "2+ %", "pct"),
            Column("victims_3_plus", "Victimised 3+ times", "count"),
            Column("victims_3_plus_pct", "3+ %", "pct"),
            Column("note", "Note"),
        ),
        lambda r: thematic_figures.domestic_abuse_repeat(r.con, r.scope),
        person_level=True,
    ),
    _thematic(
        "hate_strands",
        "Hate crime by strand",
        "Offences with a hate crime strand (race, religion, sexual orientation, disability, transgender), period "
        "against comparison. An offence with several strands counts once in each strand and once in All hate "
        "crime. " + _PEOPLE,
        (Column("strand", "Strand"), *CHANGE),
        lambda r: thematic_figures.hate_strands(r.con, r.scope, compare_has_data=r.compare_has_data("offence")),
    ),
    _thematic(
        "hate_victims",
        "Hate crime victims by strand, sex and ethnicity",
        "Victims of hate crime in the period by strand, with the victim's sex and ethnic group (2011 Census broad "
        "groups; blank: not stated). " + _PEOPLE,
        (
            Column("strand", "Strand"),
            Column("sex_female", "Female", "count"),
            Column("sex_male", "Male", "count"),
            Column("sex_not_recorded", "Sex not recorded", "count"),
            Column("ethnicity_asian", "Asian", "count"),
            Column("ethnicity_black", "Black", "count"),
            Column("ethnicity_mixed", "Mixed", "count"),
            Column("ethnicity_white", "White", "count"),
            Column("ethnicity_other", "Other", "count"),
            Column("ethnicity_not_stated", "Ethnicity not stated", "count"),
            Column("total", "Total", "count"),
        ),
        lambda r: thematic_figures.hate_victims(r.con, r.scope),
        person_level=True,
    ),
    _thematic(
        "rape_victims_sex",
        "Rape: victims by sex",
        "Rape offences (Home Office codes 19C to 19H) by the victim's sex, period against comparison. " + _PEOPLE,
        (Column("victim_sex", "Victim sex"), *CHANGE),
        lambda r: thematic_figures.rape_victims_sex(r.con, r.scope, compare_has_data=r.compare_has_data("offence")),
        person_level=True,
    ),
    _thematic(
        "knife_people",
        "Knife crime: victims and suspects by sex and age band",
        "Victims and suspects of offences flagged knife or sharp instrument in the period, by sex and by age band "
        "0-15, 16-17, 18-24, 25-49, 50+. The band comes from the exact age (victim_age, suspect_age) when given, "
        "else from the recorded band where it lies wholly in one of these (10-17 and 45-54 do not: without an "
        "age they are not recorded). Offences with no recorded suspect are not counted as suspects. " + _PEOPLE,
        (
            Column("party", "People"),
            Column("breakdown", "By"),
            Column("group", "Group"),
            Column("count", "Count", "count"),
            Column("share_pct", "Share %", "pct"),
        ),
        lambda r: people_figures.knife_people(r.con, r.scope),
        person_level=True,
    ),
    _thematic(
        "alcohol_related",
        "Alcohol-related crime",
        "Offences flagged alcohol-related, period against comparison, and their share of all offences in the "
        "period, for the area and the areas containing it. " + _PEOPLE,
        (*_AREA_ROWS, *CHANGE, Column("share_pct", "Share of all offences %", "pct")),
        lambda r: thematic_figures.alcohol_related(r.con, r.scope, compare_has_data=r.compare_has_data("offence")),
    ),
    _thematic(
        "asb_by_category",
        "Anti-social behaviour by category",
        "ASB incidents recorded by the council and police partners by category (personal, nuisance, "
        "environmental), period against comparison, with each category's share.",
        (Column("asb_category", "Category"), *CHANGE, Column("share_pct", "Share %", "pct")),
        lambda r: thematic_figures.asb_by_category(r.con, r.scope, compare_has_data=r.compare_has_data("asb")),
        source="asb",
    ),
    _thematic(
        "youth_people",
        "Youth focus: victims and suspects under 18",
        "Victims and suspects under 18 in the period by Home Office offence group: exact age under 18, or an age "
        "band wholly under 18 (0-9, 10-17); shares are of the victims or suspects whose age is recorded. " + _PEOPLE,
        (
            Column("offence_group", "Offence group"),
            Column("victims_under_18", "Victims under 18", "count"),
            Column("victims_under_18_pct", "Of victims with an age %", "pct"),
            Column("suspects_under_18", "Suspects under 18", "count"),
            Column("suspects_under_18_pct", "Of suspects with an age %", "pct"),
        ),
        lambda r: people_figures.youth_people(r.con, r.scope),
        person_level=True,
    ),
    _repeat_table("victim"),
    _repeat_table("suspect"),
    _thematic(
        "serious_violence_local",
        "Serious violence: the local definition",
        "Group 1 and Group 2 serious violence, the offences the partnership adds locally (Home Office codes in "
        "SAFER_SERIOUS_VIOLENCE_LOCAL_CODES, and violence against the person carrying a flag listed in "
        "SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS: domestic_abuse, alcohol, hate; offences already in Group 1 or 2 are "
        "not counted twice) and the local definition's total, with rates per 1,000 residents (Census 2011).",
        (Column("group", "Group"), *_AREA_ROWS, *CHANGE, *RATES),
        lambda r: people_figures.serious_violence_local(
            r.con,
            r.scope,
            codes=settings.SAFER_SERIOUS_VIOLENCE_LOCAL_CODES,
            flags=settings.SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS,
            compare_has_data=r.compare_has_data("offence"),
        ),
        page="serious-violence",
    ),
    _thematic(
        "ae_monthly",
        "A&E assault attendances beside police-recorded violence, by month",
        _AE + " A month with no data in a source is shown as no data.",
        (
            Column("month", "Month"),
            Column("ae_attendances", "A&E assault attendances", "count"),
            Column("police_violence", "Police: violence against the person", "count"),
        ),
        lambda r: ae_figures.ae_monthly(r.con, r.scope),
        source="ae",
        person_level=True,
    ),
    _thematic(
        "ae_location_type",
        "A&E assault attendances by type of place",
        "A&E assault attendances by the type of place the assault happened (ISTV location type; blank: not "
        "known), period against comparison, with each type's share.",
        (Column("location_type", "Type of place"), *CHANGE, Column("share_pct", "Share %", "pct")),
        lambda r: ae_figures.ae_location_type(r.con, r.scope, compare_has_data=r.compare_has_data("ae")),
        source="ae",
        person_level=True,
    ),
    _thematic(
        "ae_weapon",
        "A&E assault attendances by primary means of assault",
        "A&E assault attendances in the period by primary means of assault; beside knife or sharp object, police-"
        "recorded violence against the person flagged knife or sharp instrument (the only means police flag). " + _AE,
        (
            Column("assault_means", "Primary means of assault"),
            Column("ae_attendances", "A&E assault attendances", "count"),
            Column("share_pct", "Share %", "pct"),
            Column("police_knife_violence", "Police: knife-flagged violence", "count"),
        ),
        lambda r: ae_figures.ae_weapon(r.con, r.scope),
        source="ae",
        person_level=True,
    ),
    _thematic(
        "ae_hour",
        "A&E assault attendances and police violence by hour of day",
        "A&E assault attendances in the period by the hour of the assault (incident_at, UK time; not recorded "
        "when the patient could not say) beside police-recorded violence against the person by the hour of "
        "occurred_at (offences recorded with a date only fall at 00:00, which that hour overstates). " + _AE,
        (
            Column("hour", "Hour"),
            Column("ae_attendances", "A&E assault attendances", "count"),
            Column("police_violence", "Police: violence against the person", "count"),
        ),
        lambda r: ae_figures.ae_hour(r.con, r.scope),
        source="ae",
        person_level=True,
    ),
)
TABLES.update({t.name: t for t in THEMATIC_TABLES})


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
    cell_size: str = "",
    bandwidth: str = "",
    window: str = "",
    place: str = "",
) -> Scope:
    """Read the request's area, period, comparison, crime type, breakdown and map settings (grid cell size and
    kernel bandwidth in metres, a time window such as "nte", the unit of place of the concentration tables);
    errors say what to fix."""

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
    try:
        filters.update(
            hotspot_figures.hotspot_settings_check(con, area=found, cell_size=cell_size, bandwidth=bandwidth)
        )
    except HotspotParameterInvalidError as error:
        raise DashboardInputError(str(error.args[0]), field=str(error.args[1])) from None
    if window:
        if window not in pattern_figures.WINDOWS:
            raise DashboardInputError(
                f'There is no time window "{window[:20]}". Use one of: {", ".join(pattern_figures.WINDOWS)} '
                "(nte: the night-time economy, Friday and Saturday 19:00 to 03:00), or none.",
                field="window",
            )
        filters["window"] = window
    if place:
        if place not in pattern_figures.PLACES:
            raise DashboardInputError(
                f'There is no unit of place "{place[:20]}". Use one of: {", ".join(pattern_figures.PLACES)} '
                "(LSOAs, grid cells, police.uk street locations).",
                field="place",
            )
        if place != "lsoa":
            filters["place"] = place
    return Scope(found, chosen, against, filters, breakdown)


def table_rows(table: Table, request: Request) -> list[Row]:
    """Rows of `table` for the request (a table without a crime type filter ignores it)."""
    if "crime_type" in request.scope.filters and not table.crime_type_filter:
        others = {key: value for key, value in request.scope.filters.items() if key != "crime_type"}
        request = Request(
            request.con,
            Scope(request.scope.area, request.scope.period, request.scope.compare, others, request.scope.by),
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
        "empty_reason": (table.empty_reason(request) or None) if table.empty_reason else None,
        "window_note": _window_note(table, request.scope),
    }


def _window_note(table: Table, scope: Scope) -> str | None:
    """What a chosen time window (the night-time economy) does to this table, for the page and exports."""
    window = pattern_figures.WINDOWS.get(scope.filters.get("window", ""))
    if window is None:
        return None
    if not table.windowed:
        return f"The time window ({window.label}) does not apply to this table: police.uk gives months only."
    if table.source == "offence":
        return f"Night-time economy only: offences {window.label}."
    return (
        f"Night-time economy only: offences {window.label}, counted from the offence-level extract "
        "(police.uk gives months only, so its records cannot be filtered by time)."
    )
