"""notification_send / notification_send_template: validation, the record, delivery after commit, retries."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from safer.core.models import AuditEvent
from safer.core.notifications import (
    Channel,
    NotificationChannelUnavailableError,
    NotificationDraft,
    NotificationInputError,
    NotificationState,
    notification_send,
    notification_send_template,
    notifications_send_many,
)
from safer.core.notifications.delivery import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    notification_deliver,
    notification_deliver_many,
    notifications_requeue_due,
)
from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS, message_template_register
from safer.core.notifications.models import Notification
from safer.core.notifications.services import notification_retry

pytestmark = pytest.mark.django_db

ADDRESS = "Flat 1\n2 Example Road\nOxford\nOX4 9ZZ"


def _email(council: Any, **extra: Any) -> Notification:
    values = {
        "channel": Channel.EMAIL,
        "to": "resident@example.org",
        "subject": "Your application",
        "body": "We have your application (fictional test).",
        "organisation": council,
    }
    values.update(extra)
    return notification_send(**values)


class TestNotificationSendInput:
    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"channel": "pigeon"}, "channel"),
            ({"to": "not-an-address"}, "to"),
            ({"subject": " "}, "subject"),
            ({"body": ""}, "body"),
            ({"headers": {"List-Unsubscribe\r\nBcc": "x"}}, "headers"),
            ({"headers": {"X-Test": "a\r\nBcc: someone@example.org"}}, "headers"),
            ({"channel": Channel.LETTER, "to": "Only one line"}, "to"),
            ({"channel": Channel.SMS, "to": "12"}, "to"),
        ],
    )
    def test_wrong_input_is_refused_naming_the_field(self, council, extra, field):
        with pytest.raises(NotificationInputError) as caught:
            _email(council, **extra)
        assert caught.value.field == field
        assert "resident@example.org" not in caught.value.message
        assert not Notification.objects.exists()

    def test_text_messages_are_refused_under_smtp(self, council, settings):
        settings.SAFER_NOTIFICATIONS = {**settings.SAFER_NOTIFICATIONS, "BACKEND": "smtp"}
        with pytest.raises(NotificationChannelUnavailableError, match="GOV.UK Notify"):
            _email(council, channel=Channel.SMS, to="07700 900123", subject="")


class TestNotificationSendRecord:
    def test_the_message_is_recorded_queued_and_audited_without_the_recipient(self, council, manager):
        notification = _email(council, actor=manager, about=council)
        assert notification.state == NotificationState.QUEUED
        assert notification.about == council and notification.created_by == manager
        event = AuditEvent.objects.get(action="notifications.queued")
        assert event.actor == manager and event.target_id == str(notification.pk)
        assert "resident@example.org" not in str(event.detail) + event.target_label

    def test_delivered_after_the_callers_transaction_commits(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            notification = _email(council)
            notification.refresh_from_db()
            assert notification.state == NotificationState.QUEUED  # not before the commit
        assert len(callbacks) == 1
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT
        assert notification.provider == "console" and notification.attempts == 1

    def test_a_rolled_back_caller_sends_nothing(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                _email(council)
                raise RuntimeError("the caller failed")
        assert callbacks == [] and not Notification.objects.exists()

    def test_a_letter_is_rendered_to_a_stored_pdf(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            notification = _email(council, channel=Channel.LETTER, to=ADDRESS)
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT and notification.provider == "print"
        with notification.letter_pdf.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"

    def test_a_welsh_letter_is_dated_in_welsh(self, council, django_capture_on_commit_callbacks):
        today = timezone.localdate()
        with translation.override("cy"):
            welsh_month = date_format(today, "F")
        with translation.override("en-gb"):
            english_month = date_format(today, "F")
        printed = {}
        for language in ("cy", "en"):
            with django_capture_on_commit_callbacks(execute=True):
                notification = _email(council, channel=Channel.LETTER, to=ADDRESS, language=language)
            notification.refresh_from_db()
            assert notification.language == language
            with notification.letter_pdf.open("rb") as handle:
                pages = PdfReader(io.BytesIO(handle.read())).pages
            printed[language] = "\n".join(page.extract_text() for page in pages)
        assert f"{today.day} {welsh_month} {today.year}" in printed["cy"] and english_month not in printed["cy"]
        assert f"{today.day} {english_month} {today.year}" in printed["en"]
        assert welsh_month != english_month


class TestNotificationSendTemplate:
    def test_the_template_in_use_is_rendered(self, council):
        message_template_register(
            key="test-ack",
            channel=Channel.EMAIL,
            subject="Ref {reference}",
            body="Hello {name}, ref {reference}.",
            placeholders=("reference", "name"),
        )
        try:
            notification = notification_send_template(
                key="test-ack",
                context={"reference": "ACR-1", "name": "Sam"},
                channel=Channel.EMAIL,
                to="resident@example.org",
                organisation=council,
            )
        finally:
            TEMPLATE_DEFAULTS.pop(("test-ack", Channel.EMAIL))
        assert notification.subject == "Ref ACR-1" and notification.body == "Hello Sam, ref ACR-1."
        assert notification.template_key == "test-ack"


def _drafts(n: int) -> list[NotificationDraft]:
    return [
        NotificationDraft(
            channel=Channel.EMAIL, to=f"resident{i}@example.org", subject="Alert", body=f"Message {i} (fictional)."
        )
        for i in range(n)
    ]


class TestNotificationsSendManyInput:
    def test_a_refused_draft_is_reported_and_the_others_are_queued(self, council):
        drafts = _drafts(3)
        drafts[1] = NotificationDraft(channel=Channel.EMAIL, to="not-an-address", subject="Alert", body="x")
        done = notifications_send_many(drafts, organisation=council)
        assert list(done.refused) == [1] and done.refused[1].field == "to"
        assert "not-an-address" not in done.refused[1].message
        assert done.notifications[1] is None
        assert [n.recipient for n in done.queued] == ["resident0@example.org", "resident2@example.org"]
        assert Notification.objects.count() == 2

    def test_without_an_organisation_nothing_is_written(self):
        with pytest.raises(NotificationInputError) as caught:
            notifications_send_many(_drafts(2), organisation=None)
        assert caught.value.field == "organisation"
        assert not Notification.objects.exists() and not AuditEvent.objects.exists()


class TestNotificationsSendManyRecord:
    def test_one_audit_event_names_every_message_and_no_recipient(self, council, manager):
        done = notifications_send_many(_drafts(3), organisation=council, about=council, actor=manager)
        event = AuditEvent.objects.get(action="notifications.queued_many")
        assert event.actor == manager and event.target_id == str(council.pk)
        assert event.detail["notifications"] == [n.pk for n in done.queued]
        assert "@" not in str(event.detail) + event.target_label
        assert all(n.about == council and n.state == NotificationState.QUEUED for n in done.queued)

    def test_delivery_is_queued_in_chunks_after_commit(self, council, monkeypatch, django_capture_on_commit_callbacks):
        from safer.core.notifications import delivery, tasks

        jobs: list[list[int]] = []
        monkeypatch.setattr(delivery, "DELIVER_CHUNK", 2)
        monkeypatch.setattr(tasks, "notification_deliver_many_task", jobs.append)
        with django_capture_on_commit_callbacks(execute=True):
            done = notifications_send_many(_drafts(5), organisation=council)
            assert jobs == []  # not before the commit
        ids = [n.pk for n in done.queued]
        assert jobs == [ids[0:2], ids[2:4], ids[4:5]]

    def test_each_chunk_is_delivered_by_its_job(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            notifications_send_many(_drafts(3), organisation=council)
        states = set(Notification.objects.values_list("state", "provider", "attempts"))
        assert states == {(NotificationState.SENT, "console", 1)}

    def test_a_rolled_back_caller_sends_nothing(self, council, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                notifications_send_many(_drafts(3), organisation=council)
                raise RuntimeError("the caller failed")
        assert callbacks == [] and not Notification.objects.exists()


class TestNotificationDeliverMany:
    def test_a_message_another_worker_holds_is_passed_over(self, council, smtp_server):
        done = notifications_send_many(_drafts(3), organisation=council)
        first, second, third = done.queued
        Notification.objects.filter(pk=second.pk).update(state=NotificationState.SENDING, sending_at=timezone.now())
        assert notification_deliver_many(notification_ids=[first.pk, second.pk, third.pk]) == {}
        assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == [first.recipient, third.recipient]
        # The same chunk run again (a second worker, or huey retrying the job) sends nobody twice.
        notification_deliver_many(notification_ids=[first.pk, third.pk])
        assert len(smtp_server.messages) == 2

    def test_a_temporary_failure_gets_its_own_retry(self, council, smtp_server):
        smtp_server.refuse = "451 4.3.0 Try again later"
        done = notifications_send_many(_drafts(2), organisation=council)
        ids = [n.pk for n in done.queued]
        assert notification_deliver_many(notification_ids=ids) == dict.fromkeys(ids, RETRY_DELAYS[0])
        assert set(Notification.objects.values_list("state", flat=True)) == {NotificationState.FAILED}

    def test_the_sweep_sends_a_batch_message_whose_job_was_lost(self, council):
        done = notifications_send_many(_drafts(2), organisation=council)  # on_commit never ran: the jobs were lost
        Notification.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=10))
        assert notifications_requeue_due() == 2
        assert {n.state for n in Notification.objects.filter(pk__in=[n.pk for n in done.queued])} == {
            NotificationState.SENT
        }


class TestRetries:
    def test_a_temporary_failure_is_kept_and_retried_with_growing_waits(self, council, smtp_server):
        smtp_server.refuse = "451 4.3.0 Try again later"
        notification = _email(council)
        delays = []
        for _attempt in range(MAX_ATTEMPTS):
            Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())
            delays.append(notification_deliver(notification_id=notification.pk))
        notification.refresh_from_db()
        assert delays == [*RETRY_DELAYS, None]
        assert notification.state == NotificationState.FAILED and notification.attempts == MAX_ATTEMPTS
        assert notification.last_error.startswith(f"Gave up after {MAX_ATTEMPTS} attempts")
        assert "resident@example.org" not in notification.last_error
        # Staff send it again and the server now accepts it.
        smtp_server.refuse = ""
        notification_retry(actor=_admin(council), notification=notification)
        assert notification_deliver(notification_id=notification.pk) is None
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT and len(smtp_server.messages) == 1

    def test_a_permanent_refusal_is_not_retried(self, council, smtp_server):
        smtp_server.refuse = "550 5.1.1 No such user"
        notification = _email(council)
        assert notification_deliver(notification_id=notification.pk) is None
        notification.refresh_from_db()
        assert notification.state == NotificationState.PERMANENT_FAILURE
        assert "550" in notification.last_error and notification.next_attempt_at is None

    def test_an_unreachable_server_keeps_the_message(self, council, settings):
        settings.SAFER_NOTIFICATIONS = {
            **settings.SAFER_NOTIFICATIONS,
            "BACKEND": "smtp",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": 9,
        }
        notification = _email(council)
        assert notification_deliver(notification_id=notification.pk) == RETRY_DELAYS[0]
        notification.refresh_from_db()
        assert (
            notification.state == NotificationState.FAILED
            and "Could not reach the mail server" in notification.last_error
        )

    def test_the_sweep_sends_a_message_whose_job_was_lost(self, council):
        notification = _email(council)  # its on_commit job never ran (as if the queue lost it)
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=10))
        assert notifications_requeue_due() == 1
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT

    def test_the_sweep_flags_an_interrupted_send_without_resending(self, council):
        notification = _email(council)
        Notification.objects.filter(pk=notification.pk).update(
            state=NotificationState.SENDING, sending_at=timezone.now() - timedelta(hours=1), next_attempt_at=None
        )
        assert notifications_requeue_due() == 0
        notification.refresh_from_db()
        assert notification.state == NotificationState.FAILED and "Interrupted" in notification.last_error

    def test_a_delivered_message_is_not_sent_twice(self, council):
        notification = _email(council)
        notification_deliver(notification_id=notification.pk)
        assert notification_deliver(notification_id=notification.pk) is None
        notification.refresh_from_db()
        assert notification.attempts == 1


def _admin(council: Any) -> Any:
    from safer.accounts.choices import Role
    from safer.testing.accounts import make_user

    return make_user(role=Role.ADMINISTRATOR, organisation=council)
