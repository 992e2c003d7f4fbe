"""The case review's one door to the analytic warehouse: ASB incidents imported from partner extracts.

Only this module imports the warehouse package (safer/intelligence/warehouse/), so re-pointing it is one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from safer.intelligence.warehouse import WarehouseBusyError, query

__all__ = ["ExtractIncident", "WarehouseBusyError", "extract_incidents_by_reporters", "extract_incidents_of_agency"]


@dataclass(frozen=True)
class ExtractIncident:
    """One ASB incident from a partner extract (pseudonymised: no names)."""

    incident_ref: str
    occurred_at: datetime | None
    month: date
    asb_category: str
    asb_type: str
    lsoa_code: str
    reporter_pseudonym: str
    source_agency: str
    synthetic: bool


_COLUMNS = (
    "incident_ref, occurred_at, month, asb_category, coalesce(asb_type, '') AS asb_type, "
    "coalesce(lsoa_code, '') AS lsoa_code, coalesce(reporter_pseudonym, '') AS reporter_pseudonym, "
    "coalesce(source_agency, '') AS source_agency, synthetic"
)


def _rows(sql: str, params: list[Any]) -> list[ExtractIncident]:
    return [ExtractIncident(**row) for row in query(sql, params, max_rows=5000)]


def extract_incidents_by_reporters(*, pseudonyms: list[str], since: date) -> list[ExtractIncident]:
    """Extract incidents reported by any of these pseudonyms since a date."""
    if not pseudonyms:
        return []
    return _rows(
        f"SELECT {_COLUMNS} FROM asb_incident WHERE reporter_pseudonym IN (SELECT unnest(?)) AND month >= ? "  # noqa: S608
        "ORDER BY occurred_at",
        [pseudonyms, since.replace(day=1)],
    )


def extract_incidents_of_agency(*, agency: str, since: date) -> list[ExtractIncident]:
    """Extract incidents a named agency supplied since a date (for that agency's potential case review alerts)."""
    return _rows(
        f"SELECT {_COLUMNS} FROM asb_incident WHERE lower(source_agency) = lower(?) AND month >= ? "  # noqa: S608
        "AND reporter_pseudonym IS NOT NULL ORDER BY occurred_at",
        [agency, since.replace(day=1)],
    )
