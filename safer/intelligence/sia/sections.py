"""The SIA's thematic sections as data: adding a registry table to the report is one line here.

Each section names registry tables (dashboard/tables.py) by name; a table not in the registry, or whose
source has no data for the period, or whose extract lacks a column it needs, is reported as missing with
the reason, and the rest of the report is still produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ThemeSection:
    """One thematic section: what it is called, what it says first, and the registry tables it shows."""

    name: str
    title: str
    intro: str
    tables: tuple[str, ...]
    filters: dict[str, str] = field(default_factory=dict)  # e.g. a crime type for hotspots
    max_rows: int = 40  # long tables (hotspot cells) show their first rows only


THEMES: tuple[ThemeSection, ...] = (
    ThemeSection(
        "domestic_abuse",
        "Domestic abuse",
        "Domestic abuse crimes flagged in the offence-level extract: the five-year series, victims by age band "
        "and sex, and repeat victims (victimised two or more and three or more times, counted by the "
        "pseudonymous victim reference).",
        ("domestic_abuse_years", "domestic_abuse_victims", "domestic_abuse_repeat"),
    ),
    ThemeSection(
        "hate",
        "Hate crime",
        "Hate crimes by strand (race, religion or faith, disability, sexual orientation, transgender identity) "
        "with the victims' sex and ethnicity.",
        ("hate_strands", "hate_victims"),
    ),
    ThemeSection("rape", "Rape", "Rape offences by the victims' sex.", ("rape_victims_sex",)),
    ThemeSection(
        "knife",
        "Knife crime",
        "Offences involving a knife or sharp instrument: victims and suspects by sex and by age band "
        "(0-15, 16-17, 18-24, 25-49, 50+, not recorded).",
        ("knife_people",),
    ),
    ThemeSection("alcohol", "Alcohol-related crime", "Offences flagged as alcohol-related.", ("alcohol_related",)),
    ThemeSection(
        "asb",
        "Anti-social behaviour",
        "ASB incidents by category (personal, nuisance, environmental).",
        ("asb_by_category",),
    ),
    ThemeSection(
        "youth",
        "Youth focus",
        "Victims and suspects under 18, as the Serious Violence Duty's youth focus asks.",
        ("youth_people",),
    ),
    ThemeSection(
        "repeat",
        "Repeat victims and suspects",
        "People recorded more than once in the period, counted by pseudonymous reference.",
        ("repeat_victims", "repeat_suspects"),
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
