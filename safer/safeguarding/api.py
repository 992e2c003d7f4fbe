"""The safeguarding API under /api/safeguarding/: MATAC areas, rankings (pseudonymous), referrals; DHRs.

Reads go through the safeguarding selectors (need-to-know: what a user may not see is a 404) and writes
through the services (validated, audited). Domain errors become the API's one error shape in one handler.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from safer.core.api_errors import ERRORS_READ, ERRORS_WRITE, domain_error_handler
from safer.safeguarding.errors import SafeguardingError
from safer.safeguarding.selectors import dhr as dhr_sel
from safer.safeguarding.selectors import matac as matac_sel
from safer.safeguarding.selectors.access import area_list_for_user, require_capability
from safer.safeguarding.services import matac as matac_svc

router = Router(tags=["safeguarding"])
# The one mapping of safeguarding domain errors to the API's error shape (registered in apps.py).
safeguarding_error_handler = domain_error_handler({"not_found": 404, "forbidden": 403, "conflict": 409})


class AreaOut(Schema):
    """A MATAC area the user's organisation takes part in."""

    id: int
    name: str
    synthetic: bool


class EntryOut(Schema):
    """One line of a ranking: a pseudonymous reference, the score and each component."""

    rank: int
    perpetrator_ref: str
    score: float
    recency: float
    frequency: float
    gravity: float
    victims: float
    incidents: int
    victim_count: int
    latest_at: datetime
    latest_risk: str
    serial: bool


class RankingOut(Schema):
    """A ranking with the scheme version it used."""

    id: int
    as_of: date
    scheme_version: int
    incidents_considered: int
    synthetic: bool
    entries: list[EntryOut]


class ReferralIn(Schema):
    """A partner referral, assessed on the same scale as police incidents."""

    perpetrator_ref: str
    latest_incident_on: date
    incidents: int = 1
    crime: bool = False
    offence_code: str = ""
    victim_count: int = 1
    risk_level: str = "standard"
    evidence: str


class ReferralOut(Schema):
    """A recorded referral."""

    id: int
    perpetrator_ref: str


class ReviewOut(Schema):
    """A Domestic Homicide Review's stage and deadline."""

    reference: str
    title: str
    notified_on: date
    stage: str
    due_label: str
    due_on: date | None
    overdue: bool
    open_actions: int


def _user(request: HttpRequest, capability: str) -> Any:
    require_capability(request.user, capability)
    return request.user


@router.get("/areas", response={200: list[AreaOut], **ERRORS_READ}, operation_id="matac_area_list")
def matac_area_list(request: HttpRequest) -> Any:
    """The MATAC areas your organisation takes part in."""
    return area_list_for_user(_user(request, "safeguarding.matac.view"))


@router.get("/areas/{area_id}/ranking", response={200: RankingOut, **ERRORS_READ}, operation_id="matac_ranking_latest")
def matac_ranking_latest(request: HttpRequest, area_id: int, limit: int = 200) -> Any:
    """The area's newest ranking (pseudonymous references only); 404 when none has been produced."""
    user = _user(request, "safeguarding.matac.view")
    ranking = matac_sel.ranking_for_user(user, area_id=area_id)
    if ranking is None:
        raise SafeguardingError("No ranking has been produced for this area yet.")
    entries = list(matac_sel.ranking_entries(ranking, limit=min(max(limit, 1), 1000)))
    return {
        "id": ranking.pk,
        "as_of": ranking.as_of,
        "scheme_version": ranking.scheme.version,
        "incidents_considered": ranking.incidents_considered,
        "synthetic": ranking.synthetic,
        "entries": entries,
    }


@router.post(
    "/areas/{area_id}/referrals", response={201: ReferralOut, **ERRORS_WRITE}, operation_id="matac_referral_add"
)
def matac_referral_add(request: HttpRequest, area_id: int, payload: ReferralIn) -> Any:
    """Refer a perpetrator to the area's MATAC."""
    user = _user(request, "safeguarding.matac.refer")
    referral = matac_svc.referral_add(actor=user, area_id=area_id, **payload.dict())
    return Status(201, referral)


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS_READ}, operation_id="dhr_review_list")
def dhr_review_list(request: HttpRequest) -> Any:
    """The Domestic Homicide Reviews you can see, with stage and next deadline."""
    user = _user(request, "safeguarding.dhr.view")
    return [_review_out(s) for s in dhr_sel.review_list_for_user(user, today=timezone.localdate())]


@router.get("/reviews/{reference}", response={200: ReviewOut, **ERRORS_READ}, operation_id="dhr_review_get")
def dhr_review_get(request: HttpRequest, reference: str) -> Any:
    """One review's stage and next deadline."""
    user = _user(request, "safeguarding.dhr.view")
    return _review_out(dhr_sel.review_detail_for_user(user, reference=reference, today=timezone.localdate()))


def _review_out(status: dhr_sel.ReviewStatus) -> dict[str, Any]:
    return {
        "reference": status.review.reference,
        "title": status.review.title,
        "notified_on": status.review.notified_on,
        "stage": status.stage,
        "due_label": status.due_label,
        "due_on": status.due_on,
        "overdue": status.overdue,
        "open_actions": status.open_actions,
    }
