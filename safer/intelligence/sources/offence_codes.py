"""Home Office offence codes -> description, offence group, subgroup and police.uk category.

The table is the Home Office's, shipped in `data/offence_codes.csv` (Open Government Licence v3.0; see
data/README.md). police.uk categories are given in police.uk's own spelling (the `crime_type` values in
police.uk street files, e.g. "Violence and sexual offences"), so offence-level and police.uk data compare.
No Django here.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
OFFENCE_CODES_CSV = DATA_DIR / "offence_codes.csv"
PFA_COUNTS_CSV = DATA_DIR / "prc_pfa_2017_18_offence_counts.csv.gz"

# The Home Office table's police.uk category spelling -> police.uk's crime_type spelling.
POLICEUK_CATEGORIES: dict[str, str] = {
    "violence and sexual offences": "Violence and sexual offences",
    "possession of weapons": "Possession of weapons",
    "public order": "Public order",
    "burglary": "Burglary",
    "robbery": "Robbery",
    "other theft": "Other theft",
    "vehicle crime": "Vehicle crime",
    "theft from the person": "Theft from the person",
    "bicycle theft": "Bicycle theft",
    "shoplifting": "Shoplifting",
    "criminal damage and arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other crime": "Other crime",
}
ASB_CATEGORY = "Anti-social behaviour"
# Fraud is recorded nationally (Action Fraud, CIFAS, UK Finance), never in police.uk street files.
FRAUD_CODES = frozenset({"AF", "CIFAS", "FFA UK", "UK Finance"})
# The Home Office table gives homicide one combined code; extracts may carry any of its parts.
HOMICIDE_COMBINED_CODE = "1/4.1/4.10/4.2"
HOMICIDE_CODES = ("1", "4.1", "4.10", "4.2")


@dataclass(frozen=True)
class OffenceCode:
    """One Home Office offence code and where it is counted."""

    code: str
    description: str
    group: str
    subgroup: str
    policeuk_category: str


def policeuk_category(name: str) -> str:
    """police.uk's spelling of a category given in any case ("Violence and Sexual Offences" -> ...)."""
    key = name.strip().lower()
    if key == ASB_CATEGORY.lower():
        return ASB_CATEGORY
    return POLICEUK_CATEGORIES[key]


@cache
def offence_codes() -> dict[str, OffenceCode]:
    """Every accepted offence code (upper case) -> OffenceCode; homicide also under 1, 4.1, 4.10, 4.2."""
    table: dict[str, OffenceCode] = {}
    with OFFENCE_CODES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = OffenceCode(
                code=row["offence_code"],
                description=row["offence_description"],
                group=row["offence_group"],
                subgroup=row["offence_subgroup"],
                policeuk_category=policeuk_category(row["policeuk_category_ho"]),
            )
            table[code.code.upper()] = code
            if code.code == HOMICIDE_COMBINED_CODE:
                for part in HOMICIDE_CODES:
                    table[part] = OffenceCode(part, code.description, code.group, code.subgroup, code.policeuk_category)
    return table


def normalise_code(value: str) -> str:
    """The lookup form of an offence code as written in a file (" 8n " -> "8N", "008N" stays unknown)."""
    return value.strip().upper()


def offence_code_rows() -> list[tuple[str, str, str, str, str]]:
    """(code, description, group, subgroup, police.uk category) for loading into a DuckDB lookup table."""
    return [(key, c.description, c.group, c.subgroup, c.policeuk_category) for key, c in offence_codes().items()]


def force_name_key(name: str) -> str:
    """A force name or police.uk slug reduced for matching ("thames-valley" and "Thames Valley" agree)."""
    words = name.lower().replace("-", " ").replace(",", " ").split()
    drop = {"and", "of", "police", "constabulary", "the"}
    return "".join(w for w in words if w not in drop)


@cache
def pfa_offence_counts() -> dict[str, dict[str, int]]:
    """Home Office 2017/18 recorded offences: force name key -> {offence code -> offences}, fraud left out."""
    counts: dict[str, dict[str, int]] = {}
    with gzip.open(PFA_COUNTS_CSV, "rt", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["offence_code"] in FRAUD_CODES:
                continue
            force = counts.setdefault(force_name_key(row["force_name"]), {})
            force[row["offence_code"]] = force.get(row["offence_code"], 0) + int(row["offences_2017_18"])
    return counts


def code_shares(force: str) -> dict[str, tuple[list[str], list[float]]]:
    """For one force (police.uk slug or Home Office name): police.uk category -> (codes, shares summing to 1).

    Shares are each code's share of the force's 2017/18 recorded offences within its police.uk category.
    Raises KeyError naming the force when the Home Office table has no such force.
    """
    counts = pfa_offence_counts().get(force_name_key(force))
    if counts is None:
        raise KeyError(force)
    table = offence_codes()
    by_category: dict[str, dict[str, int]] = {}
    for code, n in counts.items():
        if n <= 0:
            continue
        category = table[code.upper()].policeuk_category
        emitted = "1" if code == HOMICIDE_COMBINED_CODE else code  # a synthetic homicide is recorded as murder
        by_category.setdefault(category, {})[emitted] = by_category.get(category, {}).get(emitted, 0) + n
    shares: dict[str, tuple[list[str], list[float]]] = {}
    for category, codes in by_category.items():
        total = sum(codes.values())
        ordered = sorted(codes)
        shares[category] = (ordered, [codes[c] / total for c in ordered])
    return shares
