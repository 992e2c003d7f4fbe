"""The partner extract schemas (offences, ASB, domestic abuse, A&E) and the ONS postcode lookup: the single
source of truth.

docs/extract-schemas.md is written from `schema_markdown()` (a test checks they agree). A file is accepted
when it has the required columns (after column mapping); location columns are optional, but if one of a
pair is present so must its partner be. Every other column listed here may be left out (values NULL).
Extra columns the schema does not name are ignored. No Django here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Accepted values (matched case-insensitively after trimming; stored in the lower-case form given here).
FLAG_TRUE = ("true", "yes", "y", "t", "1")
FLAG_FALSE = ("false", "no", "n", "f", "0")
FLAG_UNKNOWN = ("", "unknown", "not known")
HATE_STRANDS = ("race", "religion", "sexual orientation", "disability", "transgender", "none")
AGE_BANDS = ("0-9", "10-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown")
SEXES = ("female", "male", "unknown")
SEX_ALIASES = {"f": "female", "m": "male", "u": "unknown", "not known": "unknown"}
ETHNICITIES = ("asian", "black", "mixed", "white", "other", "not stated")
ETHNICITY_ALIASES = {"unknown": "not stated", "not known": "not stated"}
ASB_CATEGORIES = ("personal", "nuisance", "environmental")
RELATIONSHIPS = ("partner", "ex-partner", "family")
RELATIONSHIP_ALIASES = {"ex partner": "ex-partner", "former partner": "ex-partner", "family member": "family"}
DASH_RISKS = ("standard", "medium", "high")
# A pseudonymous reference: letters, digits and - _ / . : only, no spaces (a name is never a reference).
PSEUDONYM_SQL_PATTERN = "[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}"
MAX_AGE = 120
# ISTV (Information Sharing to Tackle Violence, the NHS "Cardiff Model") minimum dataset values, as this product
# stores them (docs/ae-istv.md): the primary means of assault and the type of place it happened.
ASSAULT_MEANS = (
    "body part",
    "knife or sharp object",
    "blunt object",
    "glass or bottle",
    "firearm",
    "other",
    "not known",
)
ASSAULT_MEANS_ALIASES = {
    "body": "body part",
    "bodily force": "body part",
    "hit, kick, punch": "body part",
    "knife": "knife or sharp object",
    "sharp object": "knife or sharp object",
    "blade": "knife or sharp object",
    "blunt instrument": "blunt object",
    "glass": "glass or bottle",
    "bottle": "glass or bottle",
    "gun": "firearm",
    "unknown": "not known",
}
LOCATION_TYPES = (
    "street or public place",
    "licensed premises",
    "home",
    "workplace",
    "school or college",
    "public transport",
    "shop",
    "other",
    "not known",
)
LOCATION_TYPE_ALIASES = {
    "street": "street or public place",
    "public place": "street or public place",
    "pub": "licensed premises",
    "bar": "licensed premises",
    "club": "licensed premises",
    "pub, bar or club": "licensed premises",
    "private dwelling": "home",
    "dwelling": "home",
    "work": "workplace",
    "school": "school or college",
    "transport": "public transport",
    "unknown": "not known",
}
DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
EARLIEST_YEAR = 2000
# British National Grid's extent, in metres.
BNG_MAX_EASTING = 700_000
BNG_MAX_NORTHING = 1_300_000


@dataclass(frozen=True)
class Column:
    """One column of an extract schema."""

    name: str
    kind: str  # ref | offence_code | datetime | latitude | longitude | easting | northing | lsoa | flag | ...
    required: bool
    description: str
    example: str
    # Headings a publisher uses for this column, most preferred first (the ONS postcode files' "pcds", "pcd"),
    # recognised without a mapping; and values it writes for "none" (ONS: latitude 99.999999), read as blank.
    aliases: tuple[str, ...] = ()
    blank_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractSchema:
    """One extract kind: its columns, the warehouse table it loads and the column naming each record."""

    kind: str  # import_run.kind
    title: str
    table: str
    ref_column: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


_LOCATION = (
    Column("latitude", "latitude", False, "WGS84 latitude in decimal degrees (give with longitude)", "51.7520"),
    Column("longitude", "longitude", False, "WGS84 longitude in decimal degrees (give with latitude)", "-1.2577"),
    Column(
        "easting",
        "easting",
        False,
        "British National Grid (EPSG:27700) easting in metres, used when latitude/longitude are blank",
        "451234",
    ),
    Column("northing", "northing", False, "British National Grid northing in metres (give with easting)", "206123"),
    Column("lsoa_code", "lsoa", False, "LSOA code (2011 or 2021), E01 or W01 followed by 6 digits", "E01028522"),
)
_SYNTHETIC = Column(
    "synthetic", "flag", False, "true when the row is generated test data (written by `safer synth`)", "false"
)

OFFENCE_SCHEMA = ExtractSchema(
    kind="offences",
    title="Offence-level recorded crime extract",
    table="offence",
    ref_column="offence_ref",
    columns=(
        Column("offence_ref", "ref", True, "The force's crime reference, unique within the file", "43/123456/21"),
        Column("offence_code", "offence_code", True, "Home Office offence code (see the code list)", "8N"),
        Column(
            "occurred_at",
            "datetime",
            True,
            "When it happened, UK local time: YYYY-MM-DD[ HH:MM[:SS]]",
            "2021-07-03 23:40",
        ),
        *_LOCATION,
        Column(
            "domestic_abuse",
            "flag",
            False,
            "Domestic abuse flag: true/false (yes/no, y/n, 1/0; blank = unknown)",
            "false",
        ),
        Column(
            "hate_strand", "hate", False, "Hate crime strand(s), separated by ';': " + ", ".join(HATE_STRANDS), "none"
        ),
        Column("knife_sharp_instrument", "flag", False, "A knife or sharp instrument was used or involved", "false"),
        Column("alcohol", "flag", False, "Alcohol-related flag", "true"),
        Column("victim_age_band", "age_band", False, "Victim age band: " + ", ".join(AGE_BANDS), "18-24"),
        Column("victim_sex", "sex", False, "Victim sex: " + ", ".join(SEXES) + " (or F/M/U)", "female"),
        Column(
            "victim_ethnicity",
            "ethnicity",
            False,
            "Victim ethnic group (2011 Census broad groups): " + ", ".join(ETHNICITIES),
            "white",
        ),
        Column("suspect_age_band", "age_band", False, "Suspect age band (as victim_age_band)", "25-34"),
        Column("suspect_sex", "sex", False, "Suspect sex (as victim_sex)", "male"),
        Column("suspect_ethnicity", "ethnicity", False, "Suspect ethnic group (as victim_ethnicity)", "not stated"),
        Column(
            "victim_ref",
            "pseudonym",
            False,
            "Pseudonymous victim reference, the same for every offence against that person (letters, digits and "
            "- _ / . : only, no spaces; never a name). Used to count repeat victims",
            "V-1c0e22",
        ),
        Column(
            "suspect_ref",
            "pseudonym",
            False,
            "Pseudonymous suspect reference, the same for every offence of theirs (as victim_ref). Used to count "
            "repeat suspects",
            "S-7f3a91",
        ),
        Column("victim_age", "age", False, "Victim age in whole years at the offence, 0 to 120", "23"),
        Column("suspect_age", "age", False, "Suspect age in whole years (as victim_age)", "31"),
        _SYNTHETIC,
    ),
)

ASB_SCHEMA = ExtractSchema(
    kind="asb",
    title="ASB incident extract",
    table="asb_incident",
    ref_column="incident_ref",
    columns=(
        Column(
            "incident_ref",
            "ref",
            True,
            "The sharing agency's incident reference, unique within the file",
            "ASB-2021-00042",
        ),
        Column(
            "occurred_at",
            "datetime",
            True,
            "When it happened, UK local time: YYYY-MM-DD[ HH:MM[:SS]]",
            "2021-07-03 22:15",
        ),
        Column("asb_category", "asb_category", True, "ASB category: " + ", ".join(ASB_CATEGORIES), "nuisance"),
        Column("asb_type", "text", False, "The agency's own type, free text", "Noise"),
        *_LOCATION,
        Column(
            "reporter_pseudonym",
            "text",
            False,
            "A pseudonym for the reporter, the same for each report by them",
            "R-5f2a",
        ),
        Column("source_agency", "text", False, "Who recorded it (Police, the council, a housing provider)", "Police"),
        _SYNTHETIC,
    ),
)

# Domestic abuse incidents for MATAC (safer/safeguarding): the most sensitive extract; pseudonymous references only.
DA_SCHEMA = ExtractSchema(
    kind="da",
    title="Domestic abuse incident extract",
    table="da_incident",
    ref_column="incident_ref",
    columns=(
        Column("incident_ref", "ref", True, "The force's incident reference, unique within the file", "DA-2021-000123"),
        Column(
            "occurred_at",
            "datetime",
            True,
            "When it happened, UK local time: YYYY-MM-DD[ HH:MM[:SS]]",
            "2021-07-03 23:40",
        ),
        Column(
            "perpetrator_ref",
            "ref",
            True,
            "Pseudonymous reference of the perpetrator, the same for every incident of theirs (never a name)",
            "P-7f3a91",
        ),
        Column(
            "victim_ref",
            "text",
            False,
            "Pseudonymous reference of the victim, the same for every incident (blank = not known)",
            "V-1c0e22",
        ),
        Column(
            "relationship",
            "relationship",
            True,
            "Perpetrator's relationship to the victim: " + ", ".join(RELATIONSHIPS),
            "ex-partner",
        ),
        Column("crime", "flag", True, "A notifiable crime (true) or a non-crime domestic incident (false)", "true"),
        Column(
            "offence_code",
            "offence_code",
            False,
            "Home Office offence code when a crime (required then; blank for a non-crime incident)",
            "8N",
        ),
        Column("dash_risk", "dash_risk", False, "DASH risk level: " + ", ".join(DASH_RISKS), "medium"),
        *_LOCATION,
        _SYNTHETIC,
    ),
)

# A&E (emergency department) assault attendances, the ISTV minimum dataset (docs/ae-istv.md). No patient details.
AE_SCHEMA = ExtractSchema(
    kind="ae",
    title="A&E assault attendance extract (ISTV)",
    table="ae_attendance",
    ref_column="attendance_ref",
    columns=(
        Column(
            "attendance_ref",
            "ref",
            True,
            "The hospital's pseudonymous attendance reference, unique within the file (never an NHS number)",
            "ED-2021-004512",
        ),
        Column(
            "attended_at",
            "datetime",
            True,
            "Date and time of arrival at the emergency department, UK local time: YYYY-MM-DD HH:MM",
            "2021-07-04 00:35",
        ),
        Column(
            "incident_at",
            "datetime",
            False,
            "Date and time of the assault as the patient gave it (blank = not known; not after attended_at)",
            "2021-07-03 23:40",
        ),
        Column(
            "incident_location",
            "text",
            False,
            "Where the assault happened, as text (a street, a venue's name), never the patient's address",
            "George Street, outside a bar",
        ),
        Column("postcode", "postcode", False, "Postcode of the incident location (UK format)", "OX1 2AU"),
        *_LOCATION,
        Column(
            "assault_means",
            "assault_means",
            False,
            "Primary means of assault: " + ", ".join(ASSAULT_MEANS),
            "body part",
        ),
        Column(
            "location_type", "location_type", False, "Type of place: " + ", ".join(LOCATION_TYPES), "licensed premises"
        ),
        _SYNTHETIC,
    ),
)

# The ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL), as ONS publishes it
# (docs/postcodes.md): postcode -> LSOA, district and point, used to place A&E attendances that give only a
# postcode. Both name their columns in lower case; the aliases below are their names over the releases.
# ONS writes latitude 99.999999 and longitude 0.000000 for a postcode without a grid reference.
_ONS_NO_LATITUDE = ("99.999999",)
_ONS_NO_LONGITUDE = ("0.000000",)
POSTCODE_SCHEMA = ExtractSchema(
    kind="postcodes",
    title="ONS postcode lookup (ONSPD or NSPL)",
    table="postcode",
    ref_column="postcode",
    columns=(
        Column(
            "postcode",
            "postcode",
            True,
            "The postcode, with or without its space (ONS: pcds, pcd, pcd2)",
            "OX1 2AU",
            aliases=("pcds", "pcd", "pcd2", "pcd7", "pcd8"),
        ),
        Column(
            "lsoa_code",
            "area_code",
            False,
            "The postcode's LSOA, 2011 or 2021 (ONS: lsoa11, lsoa21). Codes outside England and Wales are kept "
            "as no LSOA",
            "E01028522",
            aliases=("lsoa11", "lsoa11cd", "lsoa21", "lsoa21cd"),
        ),
        Column(
            "lad_code",
            "area_code",
            False,
            "The postcode's local authority district (ONS: oslaua in the ONSPD, laua in the NSPL)",
            "E07000178",
            aliases=("oslaua", "laua", "lad", "ladcd"),
        ),
        Column(
            "latitude",
            "latitude",
            False,
            "WGS84 latitude of the postcode's point (ONS: lat; 99.999999 = no point)",
            "51.752012",
            aliases=("lat",),
            blank_values=_ONS_NO_LATITUDE,
        ),
        Column(
            "longitude",
            "longitude",
            False,
            "WGS84 longitude (ONS: long; 0.000000 = no point)",
            "-1.257712",
            aliases=("long",),
            blank_values=_ONS_NO_LONGITUDE,
        ),
        Column(
            "easting",
            "easting",
            False,
            "British National Grid easting in metres, used when latitude/longitude are blank (ONS: oseast1m)",
            "451234",
            aliases=("oseast1m", "east1m"),
        ),
        Column(
            "northing",
            "northing",
            False,
            "British National Grid northing in metres (ONS: osnrth1m)",
            "206123",
            aliases=("osnrth1m", "north1m"),
        ),
        Column(
            "terminated",
            "year_month",
            False,
            "Year and month the postcode was terminated, YYYYMM; blank while it is live (ONS: doterm)",
            "201506",
            aliases=("doterm",),
        ),
        _SYNTHETIC,
    ),
)

SCHEMAS: dict[str, ExtractSchema] = {OFFENCE_SCHEMA.kind: OFFENCE_SCHEMA, ASB_SCHEMA.kind: ASB_SCHEMA}
SCHEMAS[DA_SCHEMA.kind] = DA_SCHEMA
SCHEMAS[AE_SCHEMA.kind] = AE_SCHEMA
SCHEMAS[POSTCODE_SCHEMA.kind] = POSTCODE_SCHEMA
LOCATION_PAIRS = (("latitude", "longitude"), ("easting", "northing"))


def structural_problems(schema: ExtractSchema, columns: Sequence[str]) -> list[str]:
    """What is wrong with a file's (mapped) column set, one sentence each; empty when it can be imported."""
    present = set(columns)
    problems = []
    missing = [c for c in schema.required if c not in present]
    if missing:
        noun = "column" if len(missing) == 1 else "columns"
        problems.append(f"Missing {noun} " + ", ".join(f'"{c}"' for c in missing))
    for first, second in LOCATION_PAIRS:
        if (first in present) != (second in present):
            have, lack = (first, second) if first in present else (second, first)
            problems.append(f'Column "{have}" needs its partner "{lack}"')
    return problems


def schema_markdown(schema: ExtractSchema) -> str:
    """The schema as a Markdown table (docs/extract-schemas.md holds this text)."""
    lines = ["| Column | Required | Meaning | Example |", "|---|---|---|---|"]
    for c in schema.columns:
        lines.append(f"| `{c.name}` | {'yes' if c.required else 'no'} | {c.description} | `{c.example}` |")
    return "\n".join(lines)
