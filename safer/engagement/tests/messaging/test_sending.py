"""Sending a community message: audience, workflow, the real SMTP server, the Notify stand-in, crash safety."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.core.notifications.models import Notification
from safer.engagement.errors import EngagementError, EngagementNotFoundError
from safer.engagement.messaging import sending
from safer.engagement.messaging.choices import DeliveryState, Group, MessageStatus, SubscriberChannel, Topic
from safer.engagement.models import CommunityMessage, Delivery, Subscriber

pytestmark = pytest.mark.django_db


def _message(world: Any, **extra: Any) -> CommunityMessage:
    fields = {
        "subject": "Burglaries in East Oxford",
        "body": "There have been burglaries on Cowley Road this week. Lock doors and windows.",
        "channels": ["email"],
        "topic": Topic.CRIME_ALERTS,
        "areas": [{"kind": "district", "code": "Oxford", "name": "Oxford"}],
        "groups": [],
        **extra,
    }
    return sending.message_create(actor=world.manager, **fields)


def _deliver() -> None:
    """Deliver the notifications handed over (the notifications worker's job; on commit outside tests)."""
    from safer.core.notifications.delivery import notification_deliver

    for pk in Notification.objects.filter(state="queued").values_list("pk", flat=True):
        notification_deliver(notification_id=pk)


def _run(message: CommunityMessage, **extra: Any) -> None:
    """Run batches until the message is sent (the worker would wait a minute between them), then deliver."""
    for _ in range(50):
        delay = sending.message_send_batch(message_id=message.pk, **extra)
        _deliver()
        if delay is None:
            return
    raise AssertionError("message never finished sending")


class TestAudience:
    def test_count_follows_area_topic_group_and_status(self, world, subscribe):
        from safer.engagement.messaging.audience import audience_count
        from safer.engagement.models import SubscriberGroup

        subscribe(1)
        subscribe(2, districts=("Cherwell",))
        subscribe(3, topics=(Topic.SCAMS,))
        student = subscribe(4, groups=(Group.STUDENTS,))
        subscribe(5, organisation=world.other)
        Subscriber.objects.create(
            organisation=world.oxford,
            channel="email",
            email="p@example.org",
            consent_text="x",
            consented_at=timezone.now(),
        )  # pending: never counted
        audience = {
            "organisation_id": world.oxford.pk,
            "topic": Topic.CRIME_ALERTS,
            "areas": [{"kind": "district", "code": "Oxford", "name": "Oxford"}],
            "groups": [],
            "channels": ["email", "sms"],
        }
        assert audience_count(**audience) == 2  # 1 and 4
        assert audience_count(**{**audience, "areas": []}) == 3  # 1, 2 and 4
        assert audience_count(**{**audience, "groups": [Group.STUDENTS]}) == 0  # not approved yet
        SubscriberGroup.objects.filter(subscriber=student).update(approved=True)
        assert audience_count(**{**audience, "groups": [Group.STUDENTS]}) == 1


class TestWorkflow:
    def test_approval_is_required_and_by_someone_else(self, world, subscribe, make_user):
        from safer.accounts.choices import Role

        message = _message(world)
        with pytest.raises(EngagementError):
            sending.message_send(actor=world.manager, message=message)
        message = sending.message_submit(actor=world.manager, message=message)
        assert message.status == MessageStatus.AWAITING_APPROVAL
        with pytest.raises(EngagementError, match="other than the author"):
            sending.message_approve(actor=world.manager, message=message)
        second = make_user(role=Role.PARTNERSHIP_MANAGER, organisation=world.oxford, username="pm2", with_device=False)
        message = sending.message_approve(actor=second, message=message)
        assert message.status == MessageStatus.APPROVED
        when = timezone.now() + timedelta(hours=2)
        message = sending.message_schedule(actor=world.manager, message=message, when=when)
        assert message.status == MessageStatus.SCHEDULED
        assert sending.messages_start_due(now=timezone.now()) == 0
        assert sending.messages_start_due(now=when + timedelta(minutes=1)) == 1
        message.refresh_from_db()
        assert message.status in {MessageStatus.SENDING, MessageStatus.SENT}
        actions = set(AuditEvent.objects.filter(target_id=str(message.pk)).values_list("action", flat=True))
        assert {"messaging.message_created", "messaging.message_submitted", "messaging.message_approved"} <= actions

    def test_other_partnership_cannot_touch_the_message(self, world):
        message = _message(world)
        with pytest.raises(EngagementNotFoundError):
            sending.message_submit(actor=world.other_manager, message=message)


class TestSendingBySmtp:
    def test_each_subscriber_gets_it_once_with_unsubscribe_headers(self, world, subscribe, no_approval, smtp_server):
        people = [subscribe(n) for n in range(3)]
        type(people[0]).objects.filter(pk=people[0].pk).update(language="cy")
        subscribe(9, districts=("Cherwell",))
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        _run(message)
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT
        assert message.audience_count == 3
        # Each message is recorded in its subscriber's language.
        languages = Notification.objects.filter(about_id=str(message.pk)).values_list("recipient", "language")
        assert sorted(languages) == sorted((p.email, "cy" if p == people[0] else "en") for p in people)
        received = sorted(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
        assert received == sorted(p.email for p in people)
        parsed = email.message_from_bytes(smtp_server.messages[0].content, policy=email.policy.default)
        token = next(p.token for p in people if p.email == smtp_server.messages[0].rcpt_tos[0])
        assert (
            parsed["List-Unsubscribe"].strip()
            == f"<http://127.0.0.1:8000/engagement/public/alerts/unsubscribe/{token}/>"
        )
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "@" not in parsed["List-Unsubscribe"].replace("<http", "")
        # Sending again changes nothing: the message is sent and each delivery row is unique.
        _run(message)
        assert len(smtp_server.messages) == 3

    def test_a_refused_address_suspends_the_subscriber(self, world, subscribe, no_approval, smtp_server):
        from safer.engagement.messaging.subscribers import subscribers_suspend_bounced

        person = subscribe(1)
        smtp_server.refuse = "550 5.1.1 No such user"
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        _run(message)
        assert subscribers_suspend_bounced() == 1
        person.refresh_from_db()
        assert person.status == "suspended"

    def test_pause_stops_after_the_batch_and_resume_finishes(
        self, world, subscribe, no_approval, smtp_server, settings
    ):
        settings.SAFER_MESSAGING_RATE_PER_MINUTE = 2
        for n in range(5):
            subscribe(n)
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        assert sending.message_send_batch(message_id=message.pk) == sending.BATCH_INTERVAL_SECONDS
        _deliver()
        assert len(smtp_server.messages) == 2  # one batch = the rate per minute
        sending.message_pause(actor=world.manager, message=message)
        assert sending.message_send_batch(message_id=message.pk) is None
        assert len(smtp_server.messages) == 2
        sending.message_resume(actor=world.manager, message=message)
        _run(message)
        assert len(smtp_server.messages) == 5


class TestCrashBetweenClaimAndSend:
    def test_a_restarted_worker_sends_the_rest_and_nobody_twice(
        self, world, subscribe, no_approval, smtp_server, monkeypatch
    ):
        people = [subscribe(n) for n in range(4)]
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        real = sending.message_render_for
        calls = {"n": 0}

        def dies_on_third(**kwargs: Any) -> Any:
            calls["n"] += 1
            if calls["n"] == 3:
                raise SystemExit("worker killed")  # the process dies after claiming, before handing over
            return real(**kwargs)

        monkeypatch.setattr(sending, "message_render_for", dies_on_third)
        monkeypatch.setattr(sending, "HAND_OVER_GROUP", 2)  # the first group of two commits, the second dies
        with pytest.raises(SystemExit):
            sending.message_send_batch(message_id=message.pk)
        _deliver()
        assert Delivery.objects.filter(message=message, state=DeliveryState.CLAIMED).count() == 2
        assert len(smtp_server.messages) == 2
        monkeypatch.setattr(sending, "message_render_for", real)
        # Restarted soon: the dead worker's claims are not yet stale, so they wait.
        sending.message_send_batch(message_id=message.pk)
        _deliver()
        assert len(smtp_server.messages) == 2
        # Later: the claims are released and sent, once.
        _run(message, now=timezone.now() + sending.CLAIM_STALE_AFTER + timedelta(minutes=1))
        received = sorted(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
        assert received == sorted(p.email for p in people)
        assert Notification.objects.filter(template_key="community-message").count() == 4


class TestBatchedHandOver:
    def test_a_group_is_one_batch_of_notifications_with_one_audit_event_naming_each(
        self, world, subscribe, no_approval, smtp_server, django_capture_on_commit_callbacks
    ):
        people = [subscribe(n) for n in range(3)]
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            sending.message_send_batch(message_id=message.pk)
        notifications = Notification.objects.filter(template_key="community-message")
        assert sorted(n.recipient for n in notifications) == sorted(p.email for p in people)
        event = AuditEvent.objects.get(action="notifications.queued_many")
        assert sorted(event.detail["notifications"]) == sorted(n.pk for n in notifications)
        assert event.target_id == str(message.pk) and event.detail["count"] == 3
        assert not any(p.email in str(event.detail) + event.target_label for p in people)
        assert not AuditEvent.objects.filter(action="notifications.queued").exists()
        assert len(callbacks) == 1  # one queueing for the group; its delivery job ran (huey is immediate in tests)
        assert len(smtp_server.messages) == 3

    def test_a_worker_killed_after_the_notifications_were_written_sends_nothing_twice(
        self, world, subscribe, no_approval, smtp_server, monkeypatch, django_capture_on_commit_callbacks
    ):
        from safer.core.notifications import services as notification_services

        people = [subscribe(n) for n in range(3)]
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        real = notification_services.notifications_send_many

        def dies_after_writing(*args: Any, **kwargs: Any) -> Any:
            real(*args, **kwargs)
            raise SystemExit("worker killed")  # after the insert, before the deliveries are linked

        monkeypatch.setattr(notification_services, "notifications_send_many", dies_after_writing)
        with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(SystemExit):
            sending.message_send_batch(message_id=message.pk)
        assert callbacks == []  # no delivery job was queued
        assert not Notification.objects.exists()  # the notifications rolled back with the links
        assert Delivery.objects.filter(message=message, state=DeliveryState.CLAIMED).count() == 3
        monkeypatch.setattr(notification_services, "notifications_send_many", real)
        _run(message, now=timezone.now() + sending.CLAIM_STALE_AFTER + timedelta(minutes=1))
        received = sorted(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
        assert received == sorted(p.email for p in people)

    def test_a_claim_taken_by_another_run_is_left_to_it(self, world, subscribe, no_approval, monkeypatch):
        for n in range(3):
            subscribe(n)
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        real = sending._hand_over_group
        taken: list[int] = []

        def another_run_takes_one(group: list[Delivery], msg: Any, *, claim: str) -> None:
            # Between our claim and our hand-over, our claim on one row went stale and another run took it.
            taken.append(group[0].pk)
            Delivery.objects.filter(pk=group[0].pk).update(claim="another-run")
            real(group, msg, claim=claim)

        monkeypatch.setattr(sending, "_hand_over_group", another_run_takes_one)
        sending.message_send_batch(message_id=message.pk)
        theirs = Delivery.objects.get(pk=taken[0])
        assert theirs.state == DeliveryState.CLAIMED and theirs.claim == "another-run"
        assert theirs.notification_id is None  # not sent by us: the other run sends it
        assert Delivery.objects.filter(message=message, state=DeliveryState.HANDED_OVER).count() == 2
        assert Notification.objects.count() == 2

    def test_an_address_the_service_refuses_is_marked_and_the_rest_are_sent(
        self, world, subscribe, no_approval, smtp_server
    ):
        from safer.engagement.messaging.selectors import message_delivery_summary

        good = [subscribe(n) for n in range(2)]
        bad = subscribe(7)
        Subscriber.objects.filter(pk=bad.pk).update(email="not-an-address")  # as if stored before validation
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)
        _run(message)
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT
        assert Delivery.objects.get(subscriber=bad).state == DeliveryState.REFUSED
        received = sorted(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
        assert received == sorted(p.email for p in good)
        summary = message_delivery_summary(message=message)
        assert summary["refused"] == 1 and summary["progress"] == 100


class TestSendingByNotify:
    def test_sms_and_email_through_notify_with_rate_limit_retry_and_receipts(
        self, client, world, subscribe, no_approval, notify_server
    ):
        from safer.engagement.messaging.subscribers import subscribers_suspend_bounced

        subscribe(1)
        texter = subscribe(2, channel=SubscriberChannel.SMS)
        notify_server.replies = [(429, {"status_code": 429, "errors": [{"error": "RateLimitError", "message": "x"}]})]
        message = _message(world, channels=["email", "sms"])
        sending.message_send(actor=world.manager, message=message)
        _run(message)
        notifications = list(Notification.objects.filter(template_key="community-message").order_by("pk"))
        assert len(notifications) == 2
        states = sorted(n.state for n in notifications)
        assert states == ["failed", "sent"]  # the 429 is a temporary failure, retried later
        failed = next(n for n in notifications if n.state == "failed")
        assert "429" in failed.last_error and "RateLimitError" in failed.last_error
        paths = [r["path"] for r in notify_server.requests]
        assert "/v2/notifications/sms" in paths or "/v2/notifications/email" in paths
        sent = next(n for n in notifications if n.state == "sent")
        answer = client.post(
            "/notifications/receipts/notify/",
            {"id": sent.provider_reference, "status": "permanent-failure"},
            content_type="application/json",
            headers={"Authorization": "Bearer receipt-token-for-tests"},
        )
        assert answer.status_code == 200
        assert subscribers_suspend_bounced() == 1
        suspended = Subscriber.objects.get(status="suspended")
        assert suspended.pk == Delivery.objects.get(notification=sent).subscriber_id
        assert texter.pk in set(Subscriber.objects.values_list("pk", flat=True))


class TestSweep:
    def test_a_send_whose_job_was_lost_is_queued_again(self, world, subscribe, no_approval, monkeypatch):
        subscribe(1)
        message = _message(world)
        sending.message_send(actor=world.manager, message=message)  # its job never runs (lost with the worker)
        queued: list[int] = []
        monkeypatch.setattr(sending, "message_enqueue", lambda *, message_id, delay=0: queued.append(message_id))
        assert sending.messages_start_due(now=timezone.now()) == 0
        assert queued == []  # just started: its job may still be coming
        sending.messages_start_due(now=timezone.now() + sending.CLAIM_STALE_AFTER + timedelta(minutes=1))
        assert queued == [message.pk]
