"""The engagement API: community messages under /api/engagement/messages/ (django-ninja).

Staff of a partnership list, write and change their messages, see how many people a message reaches, send it for
approval, approve and schedule it, and read its delivery figures. Subscribers are never exposed, only counts
(/api/engagement/subscribers/counts). Every endpoint goes through the messaging selectors and services, so the
partnership check, the role's capability and the audit events are the web pages' own; domain errors become the
API's one error shape {message, code, fields} in `engagement_error_handler` (registered in apps.py).
Sign in on the web first: the session cookie authenticates; unsafe methods need the CSRF token in X-CSRFToken.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from safer.core.api_errors import ErrorOut, domain_error_handler
from safer.engagement.errors import EngagementInputError
from safer.engagement.messaging.areas import area_for_district, area_for_lsoa, custom_area_options
from safer.engagement.messaging.choices import MessageStatus
from safer.engagement.messaging.selectors import (
    message_audience_count,
    message_delivery_summary,
    message_get_for_user,
    message_list_for_user,
    subscriber_counts_for_user,
)
from safer.engagement.messaging.sending import (
    message_approve,
    message_create,
    message_schedule,
    message_submit,
    message_update,
)
from safer.engagement.models import CommunityMessage

router = Router(tags=["engagement"])

# The one mapping of engagement domain errors to the API's error shape (registered in apps.py).
engagement_error_handler = domain_error_handler(
    {"not_found": 404, "forbidden": 403, "conflict": 409, "rate_limited": 429}
)


class AreaIn(Schema):
    """An area of a message's audience: a district by name, a neighbourhood by LSOA code, a custom area by id."""

    kind: Literal["district", "lsoa", "custom"]
    code: str = Field(..., min_length=1, max_length=100)


class MessageIn(Schema):
    """A message's words and audience; no areas means every area, no groups means everyone."""

    subject: str = Field(..., max_length=200)
    body: str
    topic: str
    channels: list[str] = Field(..., min_length=1)
    areas: list[AreaIn] = []
    groups: list[str] = []


class MessageOut(Schema):
    """A message as staff see it (never who it went to)."""

    id: UUID = Field(..., alias="public_id")
    subject: str
    body: str
    topic: str
    channels: list[str]
    areas: list[dict[str, Any]]
    groups: list[str]
    status: str
    scheduled_for: datetime | None
    created_at: datetime
    approved_at: datetime | None
    sending_started_at: datetime | None
    sent_at: datetime | None
    synthetic: bool


class MessageListQuery(Schema):
    """Filter and page the list."""

    status: MessageStatus | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class MessagePageOut(Schema):
    """A page of messages, newest first."""

    count: int
    items: list[MessageOut]


class ReachOut(Schema):
    """How many subscribers the message reaches now (or was queued for, once sending began)."""

    count: int


class ScheduleIn(Schema):
    """When to send (an ISO 8601 time with its offset; it must be in the future)."""

    when: datetime


class DeliveryOut(Schema):
    """Progress of the send and the provider's delivery receipts, as counts."""

    total: int
    waiting: int
    handed_over: int
    skipped: int
    progress: int
    sent: int
    delivered: int
    failed: int
    permanent_failure: int


class SubscriberCountsOut(Schema):
    """How many of the partnership's subscribers are in each status, and group requests waiting (counts only)."""

    pending: int
    active: int
    suspended: int
    unsubscribed: int
    group_requests: int


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _areas(areas: list[AreaIn]) -> list[dict[str, Any]]:
    """The audience's areas as messages store them (names looked up; unknown custom areas and LSOAs refused)."""
    custom = dict(custom_area_options())
    stored = []
    for area in areas:
        if area.kind == "district":
            stored.append(area_for_district(area.code).as_dict())
        elif area.kind == "lsoa":
            stored.append(area_for_lsoa(area.code).as_dict())
        elif area.code in custom:
            stored.append({"kind": "custom", "code": area.code, "name": custom[area.code], "district": ""})
        else:
            raise EngagementInputError(f"There is no custom area with id {area.code!r}. Check the id.", field="areas")
    return stored


def _fields(payload: MessageIn) -> dict[str, Any]:
    return {**payload.dict(exclude={"areas"}), "areas": _areas(payload.areas)}


@router.get("/messages", response={200: MessagePageOut, **ERRORS})
def message_list(request: HttpRequest, filters: Query[MessageListQuery]) -> Any:
    """The partnership's messages, newest first."""
    messages = message_list_for_user(user=request.user)
    if filters.status:
        messages = messages.filter(status=filters.status)
    return {"count": messages.count(), "items": list(messages[filters.offset : filters.offset + filters.limit])}


@router.post("/messages", response={201: MessageOut, **ERRORS})
def message_create_endpoint(request: HttpRequest, payload: MessageIn) -> Any:
    """Write a draft message."""
    return Status(201, message_create(actor=request.user, **_fields(payload)))


def _message(request: HttpRequest, message_id: UUID) -> CommunityMessage:
    return message_get_for_user(user=request.user, public_id=message_id)


@router.get("/messages/{message_id}", response={200: MessageOut, **ERRORS})
def message_get(request: HttpRequest, message_id: UUID) -> Any:
    """One message (the view is audited)."""
    return _message(request, message_id)


@router.put("/messages/{message_id}", response={200: MessageOut, **ERRORS})
def message_update_endpoint(request: HttpRequest, message_id: UUID, payload: MessageIn) -> Any:
    """Change a message until it is scheduled; it goes back to being a draft (409 once it is scheduled or sent)."""
    return message_update(actor=request.user, message=_message(request, message_id), **_fields(payload))


@router.get("/messages/{message_id}/reach", response={200: ReachOut, **ERRORS})
def message_reach(request: HttpRequest, message_id: UUID) -> Any:
    """How many subscribers the message reaches (counted, never listed)."""
    return {"count": message_audience_count(message=_message(request, message_id))}


@router.post("/messages/{message_id}/submit", response={200: MessageOut, **ERRORS})
def message_submit_endpoint(request: HttpRequest, message_id: UUID) -> Any:
    """Send a draft for approval."""
    return message_submit(actor=request.user, message=_message(request, message_id))


@router.post("/messages/{message_id}/approve", response={200: MessageOut, **ERRORS})
def message_approve_endpoint(request: HttpRequest, message_id: UUID) -> Any:
    """Approve a message waiting for approval (partnership managers; not the author)."""
    return message_approve(actor=request.user, message=_message(request, message_id))


@router.post("/messages/{message_id}/schedule", response={200: MessageOut, **ERRORS})
def message_schedule_endpoint(request: HttpRequest, message_id: UUID, payload: ScheduleIn) -> Any:
    """Schedule a message that is ready to send."""
    return message_schedule(actor=request.user, message=_message(request, message_id), when=payload.when)


@router.get("/messages/{message_id}/delivery", response={200: DeliveryOut, **ERRORS})
def message_delivery(request: HttpRequest, message_id: UUID) -> Any:
    """Delivery figures: progress of the send and the provider's receipts."""
    return message_delivery_summary(message=_message(request, message_id))


@router.get("/subscribers/counts", response={200: SubscriberCountsOut, **ERRORS})
def subscriber_counts(request: HttpRequest) -> Any:
    """Subscriber counts by status (no one's details)."""
    return subscriber_counts_for_user(user=request.user)
