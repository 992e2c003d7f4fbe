"""The casework API: cases, incidents and people, under /api/casework/ (django-ninja).

Every endpoint reads through the casework selectors (need-to-know: a case, incident or person the
user may not see is a 404, exactly as if it did not exist) and writes through the casework services
(validated, audited). A role without the capability gets 403. Domain errors become the API's one
error shape {message, code, fields}; a change made against a stale `version` gets 409 conflict.
Sign in on the web with two-factor first: the session cookie authenticates, and unsafe methods need
the CSRF token in the X-CSRFToken header.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Path, Query, Router
from ninja.responses import Status

from safer.casework.choices import CaseworkAuditAction
from safer.casework.errors import (
    CaseClosedError,
    CaseConflictError,
    CaseInputError,
    CaseNotFoundError,
    CasePermissionError,
    CaseworkError,
    PersonNotFoundError,
)
from safer.casework.models import Case, CaseShare, Incident, Note, Person, Task
from safer.casework.schemas import (
    ERRORS_READ,
    ERRORS_WRITE,
    REFERENCE_PATTERN,
    CaseCloseIn,
    CaseEscalateIn,
    CaseListQuery,
    CaseOpenIn,
    CaseOut,
    CasePageOut,
    CaseReopenIn,
    CaseSummaryOut,
    CaseUpdateIn,
    IncidentIn,
    IncidentLinkIn,
    IncidentListQuery,
    IncidentOut,
    IncidentPageOut,
    NoteIn,
    NoteOut,
    PersonCaseOut,
    PersonOut,
    ShareIn,
    ShareOut,
    TaskIn,
    TaskOut,
    TimelineEntryOut,
)
from safer.casework.selectors import (
    CaseFilter,
    case_get_for_user,
    case_list_for_user,
    case_timeline,
    incident_get_for_user,
    incident_list_for_user,
    is_owner,
    person_cases_for_user,
    person_get_for_user,
)
from safer.casework.selectors.api_parts import case_parts_for_api
from safer.casework.services import (
    case_close,
    case_escalate,
    case_link_incident,
    case_open,
    case_reopen,
    case_share,
    case_share_withdraw,
    case_update,
    incident_record,
    note_add,
    person_export,
    task_create,
)
from safer.core.services.audit import audit_record

router = Router(tags=["casework"])


def _no_store(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every casework answer may hold personal data: no browser or proxy may keep a copy."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


router.add_decorator(_no_store, mode="view")

ReferencePath = Path(..., pattern=REFERENCE_PATTERN, description="A case reference, e.g. ASB-2026-00012.")
IncidentPath = Path(..., pattern=REFERENCE_PATTERN, description="An incident reference, e.g. INC-2026-00003.")
PersonPath = Path(..., description="A person's opaque id (never a name).")


# ---- Errors and access ------------------------------------------------------------------------


def _status_for(error: CaseworkError) -> int:
    if isinstance(error, CaseNotFoundError | PersonNotFoundError):
        return 404
    if isinstance(error, CasePermissionError):
        return 403
    if isinstance(error, CaseConflictError | CaseClosedError):
        return 409
    return 400


def _error_response(request: HttpRequest, error: CaseworkError) -> HttpResponse:
    """A domain error in the API's one error shape (its message never holds personal data)."""
    from safer.api import error_response

    fields = {error.field: [error.message]} if isinstance(error, CaseInputError) and error.field else {}
    if isinstance(error, CaseConflictError):
        fields = {"version": ["Out of date: read the case again for its current version, then retry."]}
    return error_response(request, status=_status_for(error), message=error.message, code=error.code, fields=fields)


def _domain_errors(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn casework domain errors raised by selectors and services into the one error shape."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return view(request, *args, **kwargs)
        except CaseworkError as error:
            return _error_response(request, error)

    return wrapper


_CAPABILITY_MESSAGES = {
    "casework.view": "Your role cannot see casework. Ask an administrator if you need access.",
    "casework.edit": "Your role cannot change casework. Ask a case manager.",
    "casework.manage": "Only case managers can do this. Ask a case manager.",
}


def _require(request: HttpRequest, capability: str) -> Any:
    """The signed-in user, if their role grants the capability (and they belong to an organisation)."""
    user: Any = request.user
    if user.organisation_id is None or not user.has_capability(capability):
        raise CasePermissionError(_CAPABILITY_MESSAGES[capability])
    return user


def _case(user: Any, reference: str, *, audit: bool = False) -> Case:
    """The case, through the need-to-know selector (404 when absent or not visible)."""
    return case_get_for_user(user=user, reference=reference, audit=audit)


def _user_by_id(user_id: int, *, field: str) -> Any:
    from safer.accounts.models import User

    found = User.objects.select_related("organisation", "team").filter(pk=user_id, is_active=True).first()
    if found is None:
        raise CaseInputError(f"There is no active user with id {user_id}. Check the id.", field=field)
    return found


def _person_in_body(user: Any, public_id: UUID, *, field: str) -> Person:
    try:
        return person_get_for_user(user=user, public_id=public_id, audit=False)
    except PersonNotFoundError:
        raise CaseInputError("No such person that you can see. Check the id.", field=field) from None


# ---- Output builders --------------------------------------------------------------------------


def _organisation(organisation: Any) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name}


def _user(user: Any) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def _case_summary(case: Case, user: Any, *, incident_count: int | None = None) -> dict[str, Any]:
    count = incident_count if incident_count is not None else getattr(case, "incident_count", None)
    if count is None:
        count = case.case_incidents.count()
    return {
        "reference": case.reference,
        "summary": case.summary,
        "status": case.status,
        "outcome": case.outcome,
        "risk_level": case.risk_level,
        "stage": case.stage,
        "area": case.area,
        "owner_organisation": _organisation(case.owner_organisation),
        "officer": _user(case.officer),
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "response_due_at": case.response_due_at,
        "first_contact_at": case.first_contact_at,
        "incident_count": count,
        "is_owner": is_owner(user, case),
        "version": case.version,
    }


def _incident(incident: Incident) -> dict[str, Any]:
    reporter = incident.reporting_person
    return {
        "reference": incident.reference,
        "occurred_at": incident.occurred_at,
        "location_text": incident.location_text,
        "latitude": float(incident.latitude) if incident.latitude is not None else None,
        "longitude": float(incident.longitude) if incident.longitude is not None else None,
        "asb_category": incident.asb_category,
        "asb_type": incident.asb_type,
        "description": incident.description,
        "hate_motivated": incident.hate_motivated,
        "hate_strand": incident.hate_strand,
        "lsoa_code": incident.lsoa_code,
        "area": incident.area,
        "receiving_organisation": _organisation(incident.receiving_organisation),
        "reporting_person": reporter.public_id if reporter is not None else None,
        "recorded_at": incident.recorded_at,
    }


def _share(share: CaseShare) -> dict[str, Any]:
    return {
        "id": share.pk,
        "organisation": _organisation(share.organisation),
        "shared_at": share.shared_at,
        "reason": share.reason,
        "withdrawn_at": share.withdrawn_at,
    }


def _task(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "title": task.title,
        "owner": _user(task.owner),
        "organisation": _organisation(task.organisation),
        "due_on": task.due_on,
        "done_at": task.done_at,
    }


def _note(note: Note) -> dict[str, Any]:
    return {"id": note.pk, "text": note.text, "author": _user(note.author), "created_at": note.created_at}


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.public_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth,
        "address": person.address,
        "postcode": person.postcode,
        "phone": person.phone,
        "email": person.email,
        "vulnerability_notes": person.vulnerability_notes,
        "recorded_by_organisation": _organisation(person.recorded_by_organisation),
        "anonymised": person.anonymised_at is not None,
    }


# ---- Cases ------------------------------------------------------------------------------------


@router.get(
    "/cases",
    response={200: CasePageOut, **ERRORS_READ},
    operation_id="case_list",
    summary="List the cases you can see",
    description=(
        "Cases your organisation owns or that are shared with it, newest first. Filter by status, your own "
        "cases (`mine`), risk level or part of the reference or summary (`q`). Needs casework.view."
    ),
)
@_domain_errors
def case_list_endpoint(request: HttpRequest, filters: Query[CaseListQuery]) -> Any:
    user = _require(request, "casework.view")
    cases = case_list_for_user(
        user=user, filters=CaseFilter(status=filters.status or "", mine=filters.mine, q=filters.q.strip())
    )
    if filters.risk_level:
        cases = cases.filter(risk_level=filters.risk_level)
    count = cases.count()
    # Counted without the join; only the returned page is annotated with its incident counts.
    annotated = cases.annotate(incident_count=Count("case_incidents", distinct=True))
    page = list(annotated[filters.offset : filters.offset + filters.limit])
    audit_record(
        actor=user,
        action=CaseworkAuditAction.CASE_LIST_VIEWED,
        target_type="casework.case",
        detail={"page": "api", "status": filters.status or "", "mine": filters.mine},
    )
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_case_summary(case, user) for case in page],
    }


@router.post(
    "/cases",
    response={201: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="case_open",
    summary="Open a case from incidents",
    description=(
        "Open a case owned by your organisation from one or more incidents you can see. The officer defaults "
        "to you and must be in your organisation. Needs casework.edit."
    ),
)
@_domain_errors
def case_open_endpoint(request: HttpRequest, payload: CaseOpenIn) -> Any:
    user = _require(request, "casework.edit")
    incidents = []
    for reference in dict.fromkeys(ref.upper() for ref in payload.incidents):
        try:
            incidents.append(incident_get_for_user(user=user, reference=reference))
        except CaseNotFoundError:
            raise CaseInputError(
                f"No incident {reference} that you can see. Check the references.", field="incidents"
            ) from None
    officer = _user_by_id(payload.officer, field="officer") if payload.officer is not None else None
    case = case_open(actor=user, incidents=incidents, summary=payload.summary, officer=officer, area=payload.area)
    return Status(201, _case_summary(case, user, incident_count=len(incidents)))


@router.get(
    "/cases/{reference}",
    response={200: CaseOut, **ERRORS_READ},
    operation_id="case_get",
    summary="Get a case by reference",
    description=(
        "The case with its people, incidents, sharing, interventions, tasks and notes. 404 when there is no such "
        "case or you may not see it (the two are not told apart). Every read is audited. Needs casework.view."
    ),
)
@_domain_errors
def case_get_endpoint(request: HttpRequest, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.view")
    case = _case(user, reference, audit=True)
    detail = case_parts_for_api(case=case)
    return {
        **_case_summary(case, user, incident_count=len(detail["incidents"])),
        "parties": [
            {"person": party.person.public_id, "name": party.person.full_name, "role": party.role}
            for party in detail["parties"]
        ],
        "incidents": [_incident(incident) for incident in detail["incidents"]],
        "shares": [_share(share) for share in detail["shares"]],
        "interventions": [
            {
                "id": i.pk,
                "stage": i.stage,
                "from_stage": i.from_stage,
                "stage_name": i.stage_name,
                "action": i.action,
                "occurred_on": i.occurred_on,
                "skipped_reason": i.skipped_reason,
                "person": i.person.public_id if i.person is not None else None,
            }
            for i in detail["interventions"]
        ],
        "tasks": [_task(task) for task in detail["tasks"]],
        "notes": [_note(note) for note in detail["notes"]],
    }


@router.get(
    "/cases/{reference}/timeline",
    response={200: list[TimelineEntryOut], **ERRORS_READ},
    operation_id="case_timeline",
    summary="The case timeline",
    description="Everything that happened on the case, newest first. Audited as a view. Needs casework.view.",
)
@_domain_errors
def case_timeline_endpoint(request: HttpRequest, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.view")
    case = _case(user, reference, audit=True)
    return [entry.__dict__ for entry in case_timeline(case=case)]


@router.patch(
    "/cases/{reference}",
    response={200: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="case_update",
    summary="Change a case's details",
    description=(
        "Change summary, area, officer or first contact; only the fields sent change. Send the `version` you "
        "read: if someone saved a change since, nothing is saved and you get 409 conflict. Only the owning "
        "organisation can change a case (403 for a partner it is shared with). Needs casework.edit."
    ),
)
@_domain_errors
def case_update_endpoint(request: HttpRequest, payload: CaseUpdateIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    sent = payload.model_dump(exclude_unset=True)
    changes: dict[str, Any] = {}
    for name in ("summary", "area"):
        if name in sent:
            changes[name] = sent[name] or ""
    if "officer" in sent:
        changes["officer"] = _user_by_id(sent["officer"], field="officer") if sent["officer"] is not None else None
    if "first_contact_at" in sent:
        changes["first_contact_at"] = sent["first_contact_at"]
    case = case_update(actor=user, case=case, version=payload.version, **changes)
    return _case_summary(case, user)


@router.post(
    "/cases/{reference}/close",
    response={200: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="case_close",
    summary="Close a case",
    description="Close an open case with an outcome. Needs the current `version` (409 if stale); owner only.",
)
@_domain_errors
def case_close_endpoint(request: HttpRequest, payload: CaseCloseIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    case = case_close(
        actor=user, case=case, version=payload.version, outcome=payload.outcome, closed_at=payload.closed_at
    )
    return _case_summary(case, user)


@router.post(
    "/cases/{reference}/reopen",
    response={200: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="case_reopen",
    summary="Reopen a closed case",
    description="Reopen a closed case, saying why. Needs the current `version` (409 if stale); owner only.",
)
@_domain_errors
def case_reopen_endpoint(request: HttpRequest, payload: CaseReopenIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    case = case_reopen(actor=user, case=case, version=payload.version, reason=payload.reason)
    return _case_summary(case, user)


@router.post(
    "/cases/{reference}/escalate",
    response={200: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="case_escalate",
    summary="Record an intervention (escalate up the ladder)",
    description=(
        "Record an intervention at a stage of the four-stage ladder. Going more than one stage up needs "
        "`skipped_reason` (400 stage_skip_reason_missing otherwise); an enforcement stage (3 or 4) needs "
        "`confirm_enforcement: true` (400 enforcement_not_confirmed otherwise). Needs the current `version` "
        "(409 if stale); owner only."
    ),
)
@_domain_errors
def case_escalate_endpoint(request: HttpRequest, payload: CaseEscalateIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    person = _person_in_body(user, payload.person, field="person") if payload.person is not None else None
    case_escalate(
        actor=user,
        case=case,
        version=payload.version,
        stage=payload.stage,
        action=payload.action,
        occurred_on=payload.occurred_on,
        person=person,
        skipped_reason=payload.skipped_reason,
        notes=payload.notes,
        confirm_enforcement=payload.confirm_enforcement,
    )
    case.refresh_from_db()
    return _case_summary(case, user)


@router.post(
    "/cases/{reference}/notes",
    response={201: NoteOut, **ERRORS_WRITE},
    operation_id="note_add",
    summary="Add a note to a case",
    description="Add a note (owner or a partner the case is shared with). Needs casework.edit.",
)
@_domain_errors
def note_add_endpoint(request: HttpRequest, payload: NoteIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    # The answer names the note's author (the caller), not the case's officer, team or owner: the case row alone.
    case = case_get_for_user(user=user, reference=reference, audit=False, related=())
    note = note_add(actor=user, case=case, text=payload.text)
    return Status(201, _note(note))


@router.post(
    "/cases/{reference}/tasks",
    response={201: TaskOut, **ERRORS_WRITE},
    operation_id="task_create",
    summary="Set a task on a case",
    description=(
        "Set a task for someone who can work the case (defaults to you). On a shared case you can only set tasks "
        "for your own organisation. Needs casework.edit."
    ),
)
@_domain_errors
def task_create_endpoint(request: HttpRequest, payload: TaskIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    owner = _user_by_id(payload.owner, field="owner") if payload.owner is not None else user
    task = task_create(actor=user, case=case, title=payload.title, owner=owner, due_on=payload.due_on)
    return Status(201, _task(task))


@router.post(
    "/cases/{reference}/incidents",
    response={200: CaseSummaryOut, **ERRORS_WRITE},
    operation_id="incident_link",
    summary="Link an incident to a case",
    description="Link a further incident you can see to an open case (owner or partner). Needs casework.edit.",
)
@_domain_errors
def incident_link_endpoint(request: HttpRequest, payload: IncidentLinkIn, reference: str = ReferencePath) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    try:
        incident = incident_get_for_user(user=user, reference=payload.incident)
    except CaseNotFoundError:
        raise CaseInputError(
            f"No incident {payload.incident.upper()} that you can see. Check the reference.", field="incident"
        ) from None
    case_link_incident(actor=user, case=case, incident=incident)
    case.refresh_from_db()
    return _case_summary(case, user)


@router.post(
    "/cases/{reference}/shares",
    response={201: ShareOut, **ERRORS_WRITE},
    operation_id="case_share",
    summary="Share a case with a partner organisation",
    description="Let a partner organisation see and work on the case. Owner only. Needs casework.edit.",
)
@_domain_errors
def case_share_endpoint(request: HttpRequest, payload: ShareIn, reference: str = ReferencePath) -> Any:
    from safer.accounts.models import Organisation

    user = _require(request, "casework.edit")
    case = _case(user, reference)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise CaseInputError(
            f"There is no organisation with id {payload.organisation}. Check the id.", field="organisation"
        )
    share = case_share(actor=user, case=case, organisation=organisation, reason=payload.reason)
    return Status(201, _share(share))


@router.post(
    "/cases/{reference}/shares/{share_id}/withdraw",
    response={200: ShareOut, **ERRORS_WRITE},
    operation_id="case_share_withdraw",
    summary="Withdraw sharing",
    description="Stop sharing the case with that organisation; the share stays as history. Owner only.",
)
@_domain_errors
def case_share_withdraw_endpoint(
    request: HttpRequest,
    reference: str = ReferencePath,
    share_id: int = Path(..., ge=1, le=2**31 - 1, description="The share's id (from the case's shares)."),
) -> Any:
    user = _require(request, "casework.edit")
    case = _case(user, reference)
    share = CaseShare.objects.select_related("organisation", "case").filter(case=case, pk=share_id).first()
    if share is None:
        raise CaseNotFoundError(f"Case {case.reference} has no share {share_id}. Check the id.")
    share = case_share_withdraw(actor=user, share=share)
    return _share(share)


# ---- Incidents --------------------------------------------------------------------------------


@router.get(
    "/incidents",
    response={200: IncidentPageOut, **ERRORS_READ},
    operation_id="incident_list",
    summary="List the incidents you can see",
    description=(
        "Incidents your organisation received or that are linked to a case you can see, newest first; "
        "`unlinked` keeps those not yet in any case. Needs casework.view."
    ),
)
@_domain_errors
def incident_list_endpoint(request: HttpRequest, filters: Query[IncidentListQuery]) -> Any:
    user = _require(request, "casework.view")
    incidents = incident_list_for_user(user=user, unlinked=filters.unlinked).select_related("reporting_person")
    count = incidents.count()
    page = list(incidents[filters.offset : filters.offset + filters.limit])
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_incident(incident) for incident in page],
    }


@router.post(
    "/incidents",
    response={201: IncidentOut, **ERRORS_WRITE},
    operation_id="incident_record",
    summary="Record an incident",
    description=(
        "Record a report of ASB received by your organisation. A hate strand is given exactly when the incident "
        "is hate-motivated; latitude and longitude go together and must be in the UK. Needs casework.edit."
    ),
)
@_domain_errors
def incident_record_endpoint(request: HttpRequest, payload: IncidentIn) -> Any:
    user = _require(request, "casework.edit")
    reporter = (
        _person_in_body(user, payload.reporting_person, field="reporting_person")
        if payload.reporting_person is not None
        else None
    )
    incident = incident_record(
        actor=user,
        occurred_at=payload.occurred_at,
        location_text=payload.location_text,
        asb_category=payload.asb_category,
        asb_type=payload.asb_type,
        description=payload.description,
        reporting_person=reporter,
        latitude=payload.latitude,
        longitude=payload.longitude,
        hate_motivated=payload.hate_motivated,
        hate_strand=payload.hate_strand,
        lsoa_code=payload.lsoa_code,
        area=payload.area,
    )
    return Status(201, _incident(incident))


@router.get(
    "/incidents/{reference}",
    response={200: IncidentOut, **ERRORS_READ},
    operation_id="incident_get",
    summary="Get an incident by reference",
    description="404 when there is no such incident or you may not see it. Audited. Needs casework.view.",
)
@_domain_errors
def incident_get_endpoint(request: HttpRequest, reference: str = IncidentPath) -> Any:
    user = _require(request, "casework.view")
    incident = incident_get_for_user(user=user, reference=reference)
    audit_record(actor=user, action=CaseworkAuditAction.INCIDENT_VIEWED, target=incident)
    return _incident(incident)


# ---- People -----------------------------------------------------------------------------------


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, **ERRORS_READ},
    operation_id="person_get",
    summary="Get a person by opaque id",
    description="404 when there is no such person or you may not see them. Audited. Needs casework.view.",
)
@_domain_errors
def person_get_endpoint(request: HttpRequest, person_id: UUID = PersonPath) -> Any:
    user = _require(request, "casework.view")
    person = person_get_for_user(user=user, public_id=person_id)
    return _person(person)


@router.get(
    "/people/{person_id}/cases",
    response={200: list[PersonCaseOut], **ERRORS_READ},
    operation_id="person_cases",
    summary="The cases a person appears in",
    description="Their role in each case you can see (cases you may not see stay hidden). Needs casework.view.",
)
@_domain_errors
def person_cases_endpoint(request: HttpRequest, person_id: UUID = PersonPath) -> Any:
    user = _require(request, "casework.view")
    person = person_get_for_user(user=user, public_id=person_id)
    return [
        {"role": party.role, "case": _case_summary(party.case, user)}
        for party in person_cases_for_user(user=user, person=person)
    ]


@router.get(
    "/people/{person_id}/export",
    response={200: dict[str, Any], **ERRORS_READ},
    operation_id="person_export",
    summary="Subject access export (JSON)",
    description=(
        "Everything your organisation can see about the person: details, cases, incidents reported, "
        "interventions, risk assessments and letters. Audited. Needs casework.manage (case managers)."
    ),
)
@_domain_errors
def person_export_endpoint(request: HttpRequest, person_id: UUID = PersonPath) -> Any:
    user = _require(request, "casework.manage")
    person = person_get_for_user(user=user, public_id=person_id, audit=False)
    return person_export(actor=user, person=person)
