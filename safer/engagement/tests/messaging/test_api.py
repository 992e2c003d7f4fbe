"""The messaging API: write, change, reach, approval, schedule, delivery; the one error shape; denials; no one's
details, only counts."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.engagement.messaging.choices import MessageStatus, MessagingAuditAction, SubscriberChannel, Topic
from safer.engagement.models import CommunityMessage
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db

BASE = "/api/engagement"
MESSAGE = {
    "subject": "Bike thefts at the station",
    "body": "Use the D-locks. Report thefts on 101.",
    "topic": Topic.CRIME_ALERTS,
    "channels": ["email"],
    "areas": [{"kind": "district", "code": "Oxford"}],
    "groups": [],
}


def _post(client: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(BASE + path, json.dumps(body or {}), content_type="application/json")


def _put(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.put(BASE + path, json.dumps(body), content_type="application/json")


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "code", "fields"} and body["code"] == code and body["message"]
    return body


@pytest.fixture
def analyst(world: SimpleNamespace) -> Any:
    return signed_in_client(world.analyst)


@pytest.fixture
def manager(world: SimpleNamespace) -> Any:
    return signed_in_client(world.manager)


class TestMessageWorkflow:
    def test_write_change_reach_submit_approve_schedule(
        self, world: SimpleNamespace, analyst: Any, manager: Any, subscribe: Any
    ) -> None:
        for n in range(3):
            subscribe(n, districts=("Oxford",))
        subscribe(10, districts=("Cherwell",))
        subscribe(11, districts=("Oxford",), topics=(Topic.EVENTS,))
        created = _post(analyst, "/messages", MESSAGE)
        assert created.status_code == 201, created.content
        message_id = created.json()["id"]
        assert created.json()["status"] == MessageStatus.DRAFT
        assert _post(analyst, "/messages", MESSAGE).status_code == 201
        listed = analyst.get(BASE + "/messages?limit=1").json()
        assert listed["count"] == 2 and len(listed["items"]) == 1

        # Three Oxford subscribers to crime alerts; the Cherwell one and the events one are not reached.
        assert analyst.get(f"{BASE}/messages/{message_id}/reach").json() == {"count": 3}
        changed = _put(analyst, f"/messages/{message_id}", {**MESSAGE, "areas": [], "subject": "Bike thefts"})
        assert changed.status_code == 200 and changed.json()["subject"] == "Bike thefts"
        assert analyst.get(f"{BASE}/messages/{message_id}/reach").json() == {"count": 4}

        assert _post(analyst, f"/messages/{message_id}/submit").json()["status"] == MessageStatus.AWAITING_APPROVAL
        _error(_post(analyst, f"/messages/{message_id}/approve"), 403, "forbidden")
        assert _post(manager, f"/messages/{message_id}/approve").json()["status"] == MessageStatus.APPROVED
        when = (timezone.now() + timedelta(days=1)).isoformat()
        scheduled = _post(analyst, f"/messages/{message_id}/schedule", {"when": when})
        assert scheduled.json()["status"] == MessageStatus.SCHEDULED
        # Scheduled: no more changes (409), and its delivery figures are all zero until it sends.
        _error(_put(analyst, f"/messages/{message_id}", MESSAGE), 409, "conflict")
        delivery = analyst.get(f"{BASE}/messages/{message_id}/delivery").json()
        assert delivery["total"] == 0 and delivery["delivered"] == 0
        pk = str(CommunityMessage.objects.get(public_id=message_id).pk)
        actions = set(
            AuditEvent.objects.filter(target_type="engagement.communitymessage", target_id=pk).values_list(
                "action", flat=True
            )
        )
        assert actions == {
            MessagingAuditAction.MESSAGE_CREATED,
            MessagingAuditAction.MESSAGE_UPDATED,
            MessagingAuditAction.MESSAGE_VIEWED,
            MessagingAuditAction.MESSAGE_SUBMITTED,
            MessagingAuditAction.MESSAGE_APPROVED,
            MessagingAuditAction.MESSAGE_SCHEDULED,
        }

    def test_subscriber_counts_only(self, world: SimpleNamespace, analyst: Any, subscribe: Any) -> None:
        subscribe(1)
        subscribe(2, channel=SubscriberChannel.SMS)
        body = analyst.get(BASE + "/subscribers/counts").json()
        assert body == {"pending": 0, "active": 2, "suspended": 0, "unsubscribed": 0, "group_requests": 0}
        assert "example.org" not in json.dumps(body)


class TestErrors:
    def test_bad_input_gets_the_error_shape_with_fields(self, analyst: Any) -> None:
        body = _error(_post(analyst, "/messages", {**MESSAGE, "subject": "  "}), 400, "invalid")
        assert body["fields"] == {"subject": ["Enter a subject."]}
        body = _error(_post(analyst, "/messages", {**MESSAGE, "topic": "gossip"}), 400, "invalid")
        assert "topic" in body["fields"]
        body = _error(_post(analyst, "/messages", {**MESSAGE, "channels": []}), 400, "invalid")
        assert "channels" in body["fields"]
        body = _error(
            _post(analyst, "/messages", {**MESSAGE, "areas": [{"kind": "lsoa", "code": "E99999999"}]}), 400, "invalid"
        )
        assert "areas" in body["fields"]
        body = _error(
            _post(analyst, "/messages", {**MESSAGE, "areas": [{"kind": "planet", "code": "Mars"}]}), 400, "invalid"
        )
        assert any(name.startswith("areas") for name in body["fields"])
        _error(
            _post(analyst, "/messages/00000000-0000-0000-0000-000000000000/schedule", {"when": "soon"}), 400, "invalid"
        )

    def test_past_schedule_and_unknown_message(self, analyst: Any) -> None:
        message_id = _post(analyst, "/messages", MESSAGE).json()["id"]
        past = (timezone.now() - timedelta(hours=1)).isoformat()
        body = _error(_post(analyst, f"/messages/{message_id}/schedule", {"when": past}), 400, "invalid")
        assert body["fields"] == {"when": ["Choose a time in the future."]}
        _error(analyst.get(f"{BASE}/messages/00000000-0000-0000-0000-000000000000"), 404, "not_found")


class TestPermissions:
    def test_another_partnership_sees_nothing(self, world: SimpleNamespace, analyst: Any) -> None:
        message_id = _post(analyst, "/messages", MESSAGE).json()["id"]
        other = signed_in_client(world.other_manager)
        for path in ("", "/reach", "/delivery"):
            _error(other.get(f"{BASE}/messages/{message_id}{path}"), 404, "not_found")
        _error(_post(other, f"/messages/{message_id}/approve"), 404, "not_found")
        _error(_put(other, f"/messages/{message_id}", MESSAGE), 404, "not_found")
        assert other.get(BASE + "/messages").json()["count"] == 0

    def test_a_role_without_messaging_is_refused(self, world: SimpleNamespace) -> None:
        client = signed_in_client(world.centre)
        _error(client.get(BASE + "/messages"), 403, "forbidden")
        _error(_post(client, "/messages", MESSAGE), 403, "forbidden")
        _error(client.get(BASE + "/subscribers/counts"), 403, "forbidden")

    def test_signed_out_is_refused(self, client: Any) -> None:
        _error(client.get(BASE + "/messages"), 403, "not_authenticated")
