"""Request and response shapes of the casework API (django-ninja / pydantic).

Inputs are bounded here (lengths, ranges, patterns) so that nothing the database would refuse
(over-long text, NUL characters, out-of-range numbers or dates) ever reaches it: bad input is a 400
in the one error shape, never a server error.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator

from safer.casework.choices import AsbCategory, CaseOutcome, CaseStatus, HateStrand
from safer.core.api_errors import ERRORS_READ, ERRORS_WRITE, ErrorOut

# References look like ASB-2026-00012 (cases) or INC-2026-00003 (incidents).
REFERENCE_PATTERN = r"^[A-Za-z]{3}-[0-9]{4}-[0-9]{5}$"
# Text may hold any printable character and line breaks, but not NUL (PostgreSQL refuses it).
TEXT_PATTERN = r"^[^\x00]*$"
MAX_ID = 2**31 - 1
MAX_VERSION = 2**31 - 1


def _sane_datetime(value: datetime) -> datetime:
    """Aware, and within 1900-2100 so converting to UTC can never overflow."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("give a time zone, for example 2026-03-01T21:30:00+00:00")
    if not 1900 <= value.year <= 2100:
        raise ValueError(f"year {value.year} is outside 1900-2100")
    return value


def _sane_date(value: date) -> date:
    if not 1900 <= value.year <= 2100:
        raise ValueError(f"year {value.year} is outside 1900-2100")
    return value


AwareDateTime = Annotated[datetime, AfterValidator(_sane_datetime)]
SaneDate = Annotated[date, AfterValidator(_sane_date)]


def text(max_length: int, *, required: bool = False, description: str = "") -> Any:
    """A bounded text field without NUL characters."""
    return Field(
        ... if required else "",
        max_length=max_length,
        min_length=1 if required else 0,
        pattern=TEXT_PATTERN,
        description=description,
    )


# ---- Errors ------------------------------------------------------------------------------------


# The API's one error shape and response maps live in core (re-exported here for casework's modules).


# ---- Small nested outputs ---------------------------------------------------------------------


class OrganisationOut(Schema):
    """An organisation of the partnership."""

    id: int
    name: str


class UserOut(Schema):
    """A member of staff."""

    id: int
    name: str


class IncidentOut(Schema):
    """A reported incident of ASB."""

    reference: str = Field(description="The incident reference, e.g. INC-2026-00003.")
    occurred_at: datetime
    location_text: str
    latitude: float | None
    longitude: float | None
    asb_category: str = Field(description="personal, nuisance or environmental.")
    asb_type: str
    description: str
    hate_motivated: bool
    hate_strand: str = Field(description="The hate strand when hate-motivated, else empty.")
    lsoa_code: str
    area: str
    receiving_organisation: OrganisationOut
    reporting_person: UUID | None = Field(description="Opaque id of the person who reported it, if recorded.")
    recorded_at: datetime


class PartyOut(Schema):
    """A person in a case with their role."""

    person: UUID = Field(description="The person's opaque id (use it with /people/{id}).")
    name: str
    role: str = Field(description="victim, perpetrator, witness, household or professional.")


class ShareOut(Schema):
    """A share of the case with a partner organisation (withdrawn shares stay as history)."""

    id: int
    organisation: OrganisationOut
    shared_at: datetime
    reason: str
    withdrawn_at: datetime | None


class TaskOut(Schema):
    """A task on a case."""

    id: int
    title: str
    owner: UserOut
    organisation: OrganisationOut
    due_on: date
    done_at: datetime | None


class NoteOut(Schema):
    """A case note."""

    id: int
    text: str
    author: UserOut
    created_at: datetime


class InterventionOut(Schema):
    """A step up the intervention ladder."""

    id: int
    stage: int
    from_stage: int
    stage_name: str
    action: str
    occurred_on: date
    skipped_reason: str
    person: UUID | None


# ---- Cases --------------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    """A case as it appears in lists."""

    reference: str = Field(description="The case reference, e.g. ASB-2026-00012.")
    summary: str
    status: str = Field(description="open or closed.")
    outcome: str = Field(description="Why it was closed (empty while open).")
    risk_level: str = Field(description="standard, medium or high; empty until assessed.")
    stage: int = Field(description="Highest stage of the intervention ladder reached (0 = none yet).")
    area: str
    owner_organisation: OrganisationOut
    officer: UserOut | None
    opened_at: datetime
    closed_at: datetime | None
    response_due_at: datetime | None
    first_contact_at: datetime | None
    incident_count: int
    is_owner: bool = Field(description="True when your organisation owns the case (else it is shared with you).")
    version: int = Field(description="Send this back when changing the case; a stale version gets 409 conflict.")


class CaseOut(CaseSummaryOut):
    """A case with its people, incidents, sharing, interventions, tasks and notes."""

    parties: list[PartyOut]
    incidents: list[IncidentOut]
    shares: list[ShareOut]
    interventions: list[InterventionOut]
    tasks: list[TaskOut]
    notes: list[NoteOut]


class CasePageOut(Schema):
    """A page of cases."""

    count: int = Field(description="How many cases match in all.")
    limit: int
    offset: int
    items: list[CaseSummaryOut]


class CaseListQuery(Schema):
    """Filters of the case list."""

    status: CaseStatus | None = Field(None, description="open or closed; all when absent.")
    mine: bool = Field(False, description="Only cases where you are the officer.")
    q: str = Field("", max_length=50, pattern=TEXT_PATTERN, description="Part of the reference or summary.")
    risk_level: Literal["standard", "medium", "high"] | None = Field(None, description="Only this risk level.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class CaseOpenIn(Schema):
    """Open a case, owned by your organisation, from one or more incidents you can see."""

    incidents: list[Annotated[str, Field(pattern=REFERENCE_PATTERN)]] = Field(
        ..., min_length=1, max_length=50, description="Incident references, e.g. ['INC-2026-00003']."
    )
    summary: str = text(200, description="One line saying what the case is about (no names).")
    area: str = text(100, description="Area; defaults to the first incident's area.")
    officer: int | None = Field(None, ge=1, le=MAX_ID, description="User id of the officer; defaults to you.")


class CaseUpdateIn(Schema):
    """Change a case's details; only the fields sent are changed."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="The version you read; 409 if it changed since.")
    summary: str | None = Field(None, max_length=200, pattern=TEXT_PATTERN)
    area: str | None = Field(None, max_length=100, pattern=TEXT_PATTERN)
    officer: int | None = Field(None, ge=1, le=MAX_ID, description="User id of the new officer.")
    first_contact_at: AwareDateTime | None = Field(None, description="When the victim was first contacted.")


class CaseCloseIn(Schema):
    """Close an open case with an outcome."""

    version: int = Field(..., ge=1, le=MAX_VERSION)
    outcome: Literal["resolved", "enforcement", "no_further_action", "referred", "withdrawn", "moved_away"] = Field(
        ..., description="; ".join(f"{c.value}: {c.label}" for c in CaseOutcome if c.value)
    )
    closed_at: AwareDateTime | None = Field(None, description="Defaults to now.")


class CaseReopenIn(Schema):
    """Reopen a closed case, saying why."""

    version: int = Field(..., ge=1, le=MAX_VERSION)
    reason: str = text(500, required=True)


class CaseEscalateIn(Schema):
    """Record an intervention at a stage of the ladder; skipping a stage needs a reason."""

    version: int = Field(..., ge=1, le=MAX_VERSION)
    stage: int = Field(..., ge=1, le=4, description="1 warning letter, 2 ABA, 3 CPW/CPN or injunction, 4 enforcement.")
    action: str = text(200, description="What was done; defaults to the stage's name.")
    occurred_on: SaneDate | None = Field(None, description="Defaults to today; not in the future.")
    person: UUID | None = Field(None, description="Opaque id of the alleged perpetrator it was made against.")
    skipped_reason: str = text(2000, description="Required when a stage is skipped.")
    notes: str = text(5000)
    confirm_enforcement: bool = Field(
        False, description="Must be true to record an enforcement stage (3 or 4); guards against mistakes."
    )


class NoteIn(Schema):
    """Add a note to a case."""

    text: str = Field(..., min_length=1, max_length=10_000, pattern=TEXT_PATTERN)


class TaskIn(Schema):
    """Set a task on a case."""

    title: str = text(200, required=True)
    owner: int | None = Field(None, ge=1, le=MAX_ID, description="User id of the task owner; defaults to you.")
    due_on: SaneDate


class ShareIn(Schema):
    """Share the case with a partner organisation."""

    organisation: int = Field(..., ge=1, le=MAX_ID, description="Id of the organisation.")
    reason: str = text(300)


class IncidentLinkIn(Schema):
    """Link an incident you can see to the case."""

    incident: str = Field(..., pattern=REFERENCE_PATTERN, description="Incident reference, e.g. INC-2026-00003.")


# ---- Incidents ----------------------------------------------------------------------------------


class IncidentPageOut(Schema):
    """A page of incidents."""

    count: int
    limit: int
    offset: int
    items: list[IncidentOut]


class IncidentListQuery(Schema):
    """Filters of the incident list."""

    unlinked: bool = Field(False, description="Only incidents not yet in any case.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class IncidentIn(Schema):
    """Record a report of ASB received by your organisation."""

    occurred_at: AwareDateTime = Field(..., description="When it happened, with a time zone; not in the future.")
    location_text: str = text(300, required=True, description="Address or description of the place.")
    latitude: float | None = Field(None, ge=49, le=61, description="WGS84 latitude (with longitude), in the UK.")
    longitude: float | None = Field(None, ge=-9, le=3, description="WGS84 longitude (with latitude), in the UK.")
    asb_category: AsbCategory
    asb_type: str = text(100, required=True, description="e.g. Noise, Fly-tipping.")
    description: str = Field(..., min_length=1, max_length=10_000, pattern=TEXT_PATTERN)
    reporting_person: UUID | None = Field(None, description="Opaque id of a person you can see.")
    hate_motivated: bool = False
    hate_strand: HateStrand = Field(HateStrand.NONE, description="Required exactly when hate-motivated.")
    lsoa_code: str = Field("", max_length=9, pattern=r"^[A-Za-z0-9]*$")
    area: str = text(100)


# ---- People -------------------------------------------------------------------------------------


class PersonOut(Schema):
    """A person known to casework (only people you may see)."""

    id: UUID = Field(description="Opaque id; URLs never carry names.")
    first_name: str
    last_name: str
    date_of_birth: date | None
    address: str
    postcode: str
    phone: str
    email: str
    vulnerability_notes: str
    recorded_by_organisation: OrganisationOut
    anonymised: bool


class TimelineEntryOut(Schema):
    """One dated line of a case timeline."""

    at: datetime
    title: str
    detail: str
    actor: str
    organisation: str


class PersonCaseOut(Schema):
    """A case a person appears in, with their role there."""

    role: str
    case: CaseSummaryOut


__all__ = [
    "ERRORS_READ",
    "ERRORS_WRITE",
    "REFERENCE_PATTERN",
    "CaseCloseIn",
    "CaseEscalateIn",
    "CaseListQuery",
    "CaseOpenIn",
    "CaseOut",
    "CasePageOut",
    "CaseReopenIn",
    "CaseSummaryOut",
    "CaseUpdateIn",
    "ErrorOut",
    "IncidentIn",
    "IncidentLinkIn",
    "IncidentListQuery",
    "IncidentOut",
    "IncidentPageOut",
    "NoteIn",
    "NoteOut",
    "PersonCaseOut",
    "PersonOut",
    "ShareIn",
    "ShareOut",
    "TaskIn",
    "TaskOut",
    "TimelineEntryOut",
]
