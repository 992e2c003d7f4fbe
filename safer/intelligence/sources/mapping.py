"""Column mapping: a file's own headings -> the extract schema's columns.

A mapping is a dict {file heading: schema column}. Headings that already are schema column names (in any
case, with spaces or dashes for underscores) map to themselves without being listed. `mapping_suggest`
pre-fills the web form by fuzzy matching headings to columns (difflib, plus common synonyms). No Django here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from safer.intelligence.sources.schemas import ExtractSchema

# Headings partners commonly use, normalised (see _norm) -> schema column.
SYNONYMS: dict[str, str] = {
    "crimeref": "offence_ref",
    "crimereference": "offence_ref",
    "crimenumber": "offence_ref",
    "urn": "offence_ref",
    "homeofficecode": "offence_code",
    "hocode": "offence_code",
    "hooffencecode": "offence_code",
    "classification": "offence_code",
    "committedon": "occurred_at",
    "offencedate": "occurred_at",
    "incidentdate": "occurred_at",
    "datetime": "occurred_at",
    "date": "occurred_at",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "x": "easting",
    "y": "northing",
    "lsoa": "lsoa_code",
    "lsoa11cd": "lsoa_code",
    "lsoa21cd": "lsoa_code",
    "da": "domestic_abuse",
    "domestic": "domestic_abuse",
    "domesticabuseflag": "domestic_abuse",
    "hate": "hate_strand",
    "hatecrime": "hate_strand",
    "knife": "knife_sharp_instrument",
    "knifecrime": "knife_sharp_instrument",
    "knifeflag": "knife_sharp_instrument",
    "alcoholrelated": "alcohol",
    "alcoholflag": "alcohol",
    "incidentnumber": "incident_ref",
    "incidentreference": "incident_ref",
    "category": "asb_category",
    "asbtype": "asb_type",
    "type": "asb_type",
    "reporter": "reporter_pseudonym",
    "callerpseudonym": "reporter_pseudonym",
    "agency": "source_agency",
    "source": "source_agency",
}
FUZZY_CUTOFF = 0.75


class MappingError(ValueError):
    """A mapping names a heading the file lacks, a column the schema lacks, or maps two headings to one column."""


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def mapping_parse(text: str) -> dict[str, str]:
    """Parse the CLI form "Their heading=offence_code,Other heading=occurred_at" into a dict."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise MappingError(f'"{part.strip()}" is not HEADING=COLUMN. Example: --map "Crime No=offence_ref"')
        heading, column = part.rsplit("=", 1)
        mapping[heading.strip()] = column.strip()
    return mapping


def mapping_resolve(
    schema: ExtractSchema, headings: Sequence[str], mapping: Mapping[str, str] | None = None
) -> dict[str, str]:
    """{schema column: file heading} for every column the file provides, after the explicit mapping.

    Raises MappingError naming the problem when the mapping refers to a heading not in the file, a column
    not in the schema, or two headings map to one column. Headings mapped to "" are ignored.
    """
    mapping = dict(mapping or {})
    names = set(schema.names)
    for heading, column in mapping.items():
        if heading not in headings:
            raise MappingError(f'The mapping names heading "{heading}", which the file does not have.')
        if column and column not in names:
            raise MappingError(
                f'The mapping maps "{heading}" to "{column}", which is not a {schema.title.lower()} column. '
                f"Columns: {', '.join(schema.names)}."
            )
    resolved: dict[str, str] = {}
    for heading, column in mapping.items():
        if not column:
            continue
        if column in resolved:
            raise MappingError(f'Both "{resolved[column]}" and "{heading}" are mapped to "{column}"; choose one.')
        resolved[column] = heading
    by_norm = {_norm(n): n for n in schema.names}
    for heading in headings:
        if heading in mapping:
            continue
        known = by_norm.get(_norm(heading))
        if known and known not in resolved:
            resolved[known] = heading
    # A published file's own headings (Column.aliases, e.g. ONS "pcds"), the most preferred present one.
    used = set(resolved.values()) | set(mapping)
    unmapped = {_norm(h): h for h in headings if h not in used}
    for declared in schema.columns:
        if declared.name in resolved:
            continue
        found = next((unmapped[_norm(a)] for a in declared.aliases if _norm(a) in unmapped), None)
        if found is not None:
            resolved[declared.name] = found
            del unmapped[_norm(found)]
    return resolved


def mapping_suggest(schema: ExtractSchema, headings: Sequence[str]) -> dict[str, str]:
    """{schema column: best matching file heading} for pre-filling the mapping form ("" when none fits)."""
    suggestion: dict[str, str] = {}
    used: set[str] = set()
    normalised = {_norm(h): h for h in headings}
    names = schema.names
    # 1. exact (normalised) names, 2. a publisher's headings (aliases), 3. synonyms, 4. fuzzy similarity.
    for column in names:
        heading = normalised.get(_norm(column))
        if heading is not None and heading not in used:
            suggestion[column] = heading
            used.add(heading)
    for declared in schema.columns:
        for alias in declared.aliases:
            found = normalised.get(_norm(alias))
            if declared.name not in suggestion and found is not None and found not in used:
                suggestion[declared.name] = found
                used.add(found)
    for norm, heading in normalised.items():
        synonym = SYNONYMS.get(norm)
        if synonym and synonym in names and synonym not in suggestion and heading not in used:
            suggestion[synonym] = heading
            used.add(heading)
    for column in names:
        if column in suggestion:
            continue
        candidates = {_norm(h): h for h in headings if h not in used}
        best = difflib.get_close_matches(_norm(column), list(candidates), n=1, cutoff=FUZZY_CUTOFF)
        if best:
            suggestion[column] = candidates[best[0]]
            used.add(candidates[best[0]])
    return {column: suggestion.get(column, "") for column in names}


def mapping_from_form(choices: Mapping[str, str]) -> dict[str, str]:
    """The form's {schema column: chosen heading} turned into a mapping {heading: column} (blanks dropped)."""
    return {heading: column for column, heading in choices.items() if heading}
