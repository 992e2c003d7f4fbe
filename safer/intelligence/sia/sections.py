"""The SIA's thematic sections as data: adding a registry table to the report is one line here.

Each section names registry tables (dashboard/tables.py) by name; a table not in the registry, or whose
source has no data for the period, or whose extract lacks a column it needs, is reported as missing with
the reason, and the rest of the report is still produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DistrictView:
    """A registry table's figures for each district side by side, one row per area, as the published
    Oxfordshire SIA lays them out (district rows, then the county and the force).

    From each area's rows of `table`, those matching `where` are kept (and, in tables with area rows, the
    area's own row). Then either each value of the `key` column becomes a column holding that row's `value`
    (hate crime by strand), or the one row left gives its `columns` (victims by sex). `total` names the
    column that totals the others, for secondary suppression.
    """

    table: str
    title: str
    key: str = ""
    value: str = ""
    where: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()
    total: str = ""


@dataclass(frozen=True)
class ThemeSection:
    """One thematic section: what it is called, what it says first, and the registry tables it shows."""

    name: str
    title: str
    intro: str
    tables: tuple[str, ...]
    filters: dict[str, str] = field(default_factory=dict)  # e.g. a crime type for hotspots
    max_rows: int = 40  # long tables (hotspot cells) show their first rows only
    by_district: tuple[DistrictView, ...] = ()  # shown when the report covers several districts


def _knife(party: str, breakdown: str) -> DistrictView:
    return DistrictView(
        "knife_people",
        f"Knife crime {party.lower()} by {breakdown.lower()}",
        key="group",
        value="count",
        where=(("party", party), ("breakdown", breakdown)),
    )


THEMES: tuple[ThemeSection, ...] = (
    ThemeSection(
        "domestic_abuse",
        "Domestic abuse",
        "Domestic abuse crimes flagged in the offence-level extract: the five-year series, victims by age band "
        "and sex, and repeat victims (victimised two or more and three or more times, counted by the "
        "pseudonymous victim reference).",
        ("domestic_abuse_years", "domestic_abuse_victims", "domestic_abuse_repeat"),
        by_district=(
            DistrictView(
                "domestic_abuse_years",
                "Domestic abuse: five-year series",
                columns=("year_4", "year_3", "year_2", "year_1", "period_count", "difference", "difference_pct"),
            ),
            DistrictView(
                "domestic_abuse_victims",
                "Domestic abuse victims by sex",
                where=(("age_band", "All"),),
                columns=("female", "male", "sex_not_recorded", "total"),
                total="total",
            ),
            DistrictView(
                "domestic_abuse_repeat",
                "Domestic abuse: repeat victims",
                columns=("victims", "victims_2_plus", "victims_2_plus_pct", "victims_3_plus", "victims_3_plus_pct"),
            ),
        ),
    ),
    ThemeSection(
        "hate",
        "Hate crime",
        "Hate crimes by strand (race, religion or faith, disability, sexual orientation, transgender identity) "
        "with the victims' sex and ethnicity.",
        ("hate_strands", "hate_victims"),
        by_district=(
            DistrictView(
                "hate_strands", "Hate crime by strand", key="strand", value="period_count", total="All hate crime"
            ),
        ),
    ),
    ThemeSection(
        "rape",
        "Rape",
        "Rape offences by the victims' sex.",
        ("rape_victims_sex",),
        by_district=(
            DistrictView(
                "rape_victims_sex", "Rape: victims by sex", key="victim_sex", value="period_count", total="All"
            ),
        ),
    ),
    ThemeSection(
        "knife",
        "Knife crime",
        "Offences involving a knife or sharp instrument: victims and suspects by sex and by age band "
        "(0-15, 16-17, 18-24, 25-49, 50+, not recorded).",
        ("knife_people",),
        by_district=(
            _knife("Victims", "Sex"),
            _knife("Suspects", "Sex"),
            _knife("Victims", "Age band"),
            _knife("Suspects", "Age band"),
        ),
    ),
    ThemeSection(
        "alcohol",
        "Alcohol-related crime",
        "Offences flagged as alcohol-related.",
        ("alcohol_related",),
        by_district=(
            DistrictView(
                "alcohol_related",
                "Alcohol-related crime",
                columns=("compare_count", "period_count", "difference", "difference_pct", "share_pct"),
            ),
        ),
    ),
    ThemeSection(
        "asb",
        "Anti-social behaviour",
        "ASB incidents by category (personal, nuisance, environmental).",
        ("asb_by_category",),
        by_district=(
            DistrictView(
                "asb_by_category", "ASB by category", key="asb_category", value="period_count", total="All ASB"
            ),
        ),
    ),
    ThemeSection(
        "youth",
        "Youth focus",
        "Victims and suspects under 18, as the Serious Violence Duty's youth focus asks.",
        ("youth_people",),
        by_district=(
            DistrictView(
                "youth_people",
                "Youth focus: victims and suspects under 18",
                where=(("offence_group", "All offences"),),
                columns=("victims_under_18", "victims_under_18_pct", "suspects_under_18", "suspects_under_18_pct"),
            ),
        ),
    ),
    ThemeSection(
        "repeat",
        "Repeat victims and suspects",
        "People recorded more than once in the period, counted by pseudonymous reference.",
        ("repeat_victims", "repeat_suspects"),
        by_district=(
            DistrictView(
                "repeat_victims",
                "Victims by number of offences",
                key="offences_per_person",
                value="people",
                total="All",
            ),
            DistrictView(
                "repeat_suspects",
                "Suspects by number of offences",
                key="offences_per_person",
                value="people",
                total="All",
            ),
        ),
    ),
)

# The serious violence strategic needs assessment, laid out as the Serious Violence Duty guidance asks.
SERIOUS_VIOLENCE: tuple[ThemeSection, ...] = (
    ThemeSection(
        "sv_definition",
        "Local definition",
        "Serious violence here is the Home Office Group 1 (homicide, grievous bodily harm, knife and "
        "sharp-instrument offences) and the locally considered Group 2 (actual bodily harm, drug supply and "
        "trafficking, sexual assault, rape), as the offence-level extract's codes are mapped, plus what the "
        "partnership adds locally (the table below says which offences, from this installation's settings).",
        ("serious_violence_local",),
    ),
    ThemeSection(
        "sv_volume",
        "Volume and trend",
        "Group 1 and Group 2 offences against the comparison period, with rates per 1,000 residents, and the "
        "12-month rolling trend.",
        ("serious_violence_summary", "serious_violence"),
        by_district=(
            DistrictView(
                "serious_violence_local",
                "Serious violence by group",
                key="group",
                value="period_count",
                total="Local definition (all of the above)",
            ),
        ),
    ),
    ThemeSection(
        "sv_where_when",
        "Where and when",
        "Hot spots of police-recorded violence and sexual offences, when offences happen (day of the week by hour "
        "of the day, from the offence-level extract) and the time pattern of hospital-recorded assaults.",
        ("hotspot_cells", "week_hour", "ae_hour"),
        filters={"crime_type": "Violence and sexual offences"},
        max_rows=15,
    ),
    ThemeSection(
        "sv_who",
        "Who",
        "Victims and suspects of serious violence by age band (with the youth focus) and sex.",
        (
            "serious_violence_victim_age",
            "serious_violence_suspect_age",
            "serious_violence_victim_sex",
            "serious_violence_suspect_sex",
        ),
    ),
    ThemeSection(
        "sv_hospital",
        "Hospital data",
        "Assault attendances at emergency departments (the Information Sharing to Tackle Violence minimum "
        "dataset) beside police-recorded violence: by month, location type and weapon.",
        ("ae_monthly", "ae_location_type", "ae_weapon"),
    ),
)
