"""Reading the import history (warehouse table import_run) for the imports pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from safer.intelligence.warehouse import query

KIND_LABELS = {
    "policeuk_street": "police.uk street",
    "policeuk_outcomes": "police.uk outcomes",
    "policeuk_stop_search": "police.uk stop and search",
    "offences": "Offence extract",
    "asb": "ASB extract",
    "da": "Domestic abuse extract",
    "ae": "A&E assault extract (ISTV)",
    "postcodes": "ONS postcode lookup",
}

# TIMESTAMPTZ comes back as UTC (naive) so reading it needs no time-zone module.
_COLUMNS = """import_id, kind, source_name, checksum, force, month, rows_loaded, rows_rejected,
    timezone('UTC', started_at) AS started_at,
    duration_seconds, synthetic, quality, replaced_import_id"""


def _shape(row: dict[str, Any]) -> dict[str, Any]:
    quality = row.get("quality")
    if isinstance(quality, str):
        try:
            quality = json.loads(quality)
        except ValueError:
            quality = {}
    row["quality"] = quality or {}
    row["kind_label"] = KIND_LABELS.get(row["kind"], row["kind"])
    row["checksum_short"] = (row.get("checksum") or "")[:12]
    if row.get("started_at") is not None:
        row["started_at"] = row["started_at"].replace(tzinfo=dt.UTC)
    row["month_text"] = row["month"].strftime("%Y-%m") if row.get("month") else ""
    return row


def import_run_list(*, limit: int = 200) -> list[dict[str, Any]]:
    """The latest imports first (at most `limit`), with quality parsed and a short checksum."""
    rows = query(
        f"SELECT {_COLUMNS} FROM import_run ORDER BY import_id DESC LIMIT ?",  # noqa: S608
        [int(limit)],
        max_rows=limit,
    )
    return [_shape(r) for r in rows]


def import_run_get(import_id: int) -> dict[str, Any] | None:
    """One import, or None."""
    rows = query(f"SELECT {_COLUMNS} FROM import_run WHERE import_id = ?", [int(import_id)], max_rows=1)  # noqa: S608
    return _shape(rows[0]) if rows else None


def import_run_count() -> int:
    rows = query("SELECT count(*) AS n FROM import_run", max_rows=1)
    return int(rows[0]["n"]) if rows else 0


_QUALITY_LABELS = {
    "rows_in_file": "Rows in the file",
    "rows_without_location": "Records without a location",
    "share_without_location": "Share without a location",
    "lsoa_not_in_geography": "Records whose LSOA is not in the geography lookup",
    "lsoa_not_in_geography_distinct": "Distinct LSOA codes not in the lookup",
    "lsoa_not_in_geography_codes": "LSOA codes not in the lookup (first 20)",
    "rows_not_placed": "Records not placed in any district",
    "months_missing": "Months missing in the series",
    "months_present": "Months held (first, last, count)",
    "outcomes_without_crime": "Outcomes without a matching crime",
    "crime_ids_in_other_imports": "Crime IDs also held by another import (counted twice)",
    "crime_ids_in_other_imports_ids": "The other imports holding them (first 20)",
    "placed_at_map_point": "Stop and searches placed at their police.uk map point",
    "placed_at_nearest_map_point": "Stop and searches placed at the nearest map point within 1 km (approximate)",
    "not_placed_by_map_point": "Stop and searches not placed by map point (no location, or no map point within 1 km)",
    "map_point_street_records": "Street records with a location and LSOA to place them by",
    "placement_note": "Placing stop and searches",
    "placed_by_boundary": "Records with coordinates but no LSOA, placed in the LSOA boundary holding them",
    "placed_by_nearest_boundary": "Records placed in the nearest LSOA boundary within 250 m (coast, slivers)",
    "not_placed_by_boundary": "Records with coordinates but no LSOA that no boundary holds",
    "rejected_by_reason": "Rejected rows by reason",
    "reimport": "Imported again on request",
    "actor": "Imported by",
}


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if value <= 1 else f"{value:,.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, list) and not item:
                parts.append(f"{key}: none")
            else:
                parts.append(f"{key}: {_text(item)}")
        return "; ".join(parts) if parts else "none"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) if value else "none"
    return str(value)


def quality_rows(quality: dict[str, Any]) -> list[tuple[str, str]]:
    """The data-quality summary as (label, text) pairs for a GOV.UK summary list."""
    rows = []
    for key, value in quality.items():
        if key == "share_without_location" and isinstance(value, int | float):
            rows.append((_QUALITY_LABELS[key], f"{float(value):.1%}"))
            continue
        rows.append((_QUALITY_LABELS.get(key, key.replace("_", " ").capitalize()), _text(value)))
    return rows
