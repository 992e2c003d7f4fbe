"""The case review API under /api/case-reviews/ (django-ninja): the same need-to-know and audit as the pages.

A role without casereview.view gets 403; an application the user may not see is 404; only the coordinator
records the threshold decision (403 for a panel agency). Domain errors use the API's one error shape.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from safer.casework.case_review.errors import CaseReviewPermissionError
from safer.casework.case_review.selectors import (
    application_get_for_user,
    application_list_for_user,
    deadlines_for_user,
)
from safer.casework.case_review.services import application_decide
from safer.casework.case_review.table import case_review_table
from safer.casework.errors import CaseInputError, CaseNotFoundError, CasePermissionError, CaseworkError
from safer.casework.schemas import ERRORS_READ, ERRORS_WRITE

router = Router(tags=["case reviews"])


class ApplicationOut(Schema):
    """An application as staff see it (the applicant's contact details are on the page, not in the API)."""

    reference: str
    status: str
    applying_as: str
    received_at: datetime
    acknowledged_at: datetime | None
    acknowledge_due: datetime
    decision_due: datetime
    review_due: datetime | None
    threshold_met: bool | None
    decision_reasons: str
    closed_at: datetime | None
    coordinating_organisation: str = Field(alias="coordinating_organisation.name")


class DecisionIn(Schema):
    """The coordinator's threshold decision."""

    met: bool
    reasons: str = Field(min_length=1, max_length=3000)


class DeadlineOut(Schema):
    """One of the user's deadlines."""

    what: str
    reference: str
    due: datetime
    overdue: bool


class TableRowOut(Schema):
    """A row of the annual publication table."""

    year: int
    agency: str
    applications_received: int | None
    threshold_not_met: int | None
    reviews_carried_out: int
    reviews_with_recommendations: int


class ListQuery(Schema):
    """Filter the list."""

    status: Literal["", "submitted", "not_met", "under_review", "closed"] = ""


def _errors(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        from safer.api import error_response

        try:
            return view(request, *args, **kwargs)
        except CaseworkError as error:
            status = (
                404
                if isinstance(error, CaseNotFoundError)
                else 403
                if isinstance(error, CasePermissionError)
                else (400 if isinstance(error, CaseInputError) else 409)
            )
            fields = {error.field: [error.message]} if isinstance(error, CaseInputError) and error.field else {}
            return error_response(request, status=status, message=error.message, code=error.code, fields=fields)

    return wrapper


def _require(request: HttpRequest, capability: str) -> Any:
    user: Any = request.user
    if user.organisation_id is None or not user.has_capability(capability):
        raise CaseReviewPermissionError("Your role cannot use case reviews. Ask an administrator if you need access.")
    return user


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS_READ}, operation_id="case_review_list")
@_errors
def case_review_list(request: HttpRequest, filters: Query[ListQuery]) -> Any:
    """Applications the user's organisation coordinates or sits on the panel of (audited)."""
    return list(application_list_for_user(user=_require(request, "casereview.view"), status=filters.status))


@router.get("/applications/{reference}", response={200: ApplicationOut, **ERRORS_READ}, operation_id="case_review_get")
@_errors
def case_review_get(request: HttpRequest, reference: str) -> Any:
    """One application (404 when the user may not see it; audited)."""
    return application_get_for_user(user=_require(request, "casereview.view"), reference=reference)


@router.post(
    "/applications/{reference}/decision",
    response={200: ApplicationOut, **ERRORS_WRITE},
    operation_id="case_review_decide",
)
@_errors
def case_review_decide(request: HttpRequest, reference: str, payload: DecisionIn) -> Any:
    """The coordinator's threshold decision with reasons; the applicant is told."""
    user = _require(request, "casereview.view")
    application = application_get_for_user(user=user, reference=reference, audit=False)
    return application_decide(actor=user, application=application, met=payload.met, reasons=payload.reasons)


@router.get("/deadlines", response={200: list[DeadlineOut], **ERRORS_READ}, operation_id="case_review_deadlines")
@_errors
def case_review_deadlines(request: HttpRequest) -> Any:
    """The user's case review deadlines, soonest first."""
    return deadlines_for_user(user=_require(request, "casereview.view"))


@router.get("/table", response={200: list[TableRowOut], **ERRORS_READ}, operation_id="case_review_table")
@_errors
def case_review_table_api(request: HttpRequest, year: int | None = None) -> Any:
    """The annual publication table for a year (default: this year)."""
    _require(request, "casework.performance")
    year = year or timezone.localdate().year
    if not 2014 <= year <= 2100:
        from safer.casework.case_review.errors import CaseReviewInputError

        raise CaseReviewInputError(f"year must be between 2014 and 2100 (got {year}).", field="year")
    return case_review_table(year=year)
