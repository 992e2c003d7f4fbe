"""The backends against local stand-ins: a real SMTP server and an HTTP server answering like GOV.UK Notify."""

from __future__ import annotations

from typing import Any

import pytest

from safer.core.notifications import Channel, NotificationState, notification_send
from safer.core.notifications.models import Notification
from safer.core.notifications.services import RETRY_DELAYS, notification_deliver
from safer.core.tests.notifications.conftest import EMAIL_TEMPLATE, LETTER_TEMPLATE, SMS_TEMPLATE

pytestmark = pytest.mark.django_db


def _send(council: Any, **extra: Any) -> Notification:
    values = {
        "channel": Channel.EMAIL,
        "to": "resident@example.org",
        "subject": "Subject line",
        "body": "Body text (fictional test).",
        "organisation": council,
    }
    values.update(extra)
    notification = notification_send(**values)
    notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    return notification


class TestSmtp:
    def test_the_email_reaches_the_server_with_its_headers(self, council, smtp_server):
        unsubscribe = "<https://example.org/unsubscribe/abc>"
        notification = _send(council, headers={"List-Unsubscribe": unsubscribe})
        assert notification.state == NotificationState.SENT and notification.provider == "smtp"
        [envelope] = smtp_server.messages
        assert envelope.rcpt_tos == ["resident@example.org"]
        content = envelope.content.decode()
        assert "Subject: Subject line" in content and "Body text (fictional test)." in content
        assert f"List-Unsubscribe: {unsubscribe}" in content
        assert notification.provider_reference in content  # our Message-ID


class TestNotify:
    def test_an_email_goes_through_the_generic_template(self, council, notify_server):
        notification = _send(council, headers={"List-Unsubscribe": "<https://example.org/u/1>"})
        assert notification.state == NotificationState.SENT and notification.provider == "notify"
        [request] = notify_server.requests
        assert request["path"] == "/v2/notifications/email"
        assert request["json"]["template_id"] == EMAIL_TEMPLATE
        assert request["json"]["personalisation"] == {"subject": "Subject line", "body": "Body text (fictional test)."}
        assert request["json"]["reference"] == str(notification.public_id)
        assert request["json"]["one_click_unsubscribe_url"] == "https://example.org/u/1"
        assert len(notification.provider_reference) == 36

    def test_a_text_message(self, council, notify_server):
        notification = _send(council, channel=Channel.SMS, to="07700 900123", subject="")
        assert notification.state == NotificationState.SENT
        [request] = notify_server.requests
        assert request["path"] == "/v2/notifications/sms" and request["json"]["template_id"] == SMS_TEMPLATE

    def test_rate_limiting_is_retried_later(self, council, notify_server):
        notify_server.replies = [
            (429, {"status_code": 429, "errors": [{"error": "RateLimitError", "message": "Exceeded rate limit"}]})
        ]
        notification = _send(council)
        assert notification.state == NotificationState.FAILED
        assert "429" in notification.last_error and "RateLimitError" in notification.last_error
        assert notification.next_attempt_at is not None
        # The worker's next attempt goes through.
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=notification.next_attempt_at)
        assert notification_deliver(notification_id=notification.pk) is None
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT and notification.attempts == 2

    def test_a_server_error_is_retried(self, council, notify_server):
        notify_server.replies = [(500, {"status_code": 500, "errors": [{"error": "Exception", "message": "Internal"}]})]
        notification = _send(council)
        assert notification.state == NotificationState.FAILED and notification.attempts == 1
        assert notification.next_attempt_at is not None and RETRY_DELAYS[0] == 60

    def test_a_bad_request_is_a_permanent_failure_without_the_recipient_in_the_error(self, council, notify_server):
        notify_server.replies = [
            (
                400,
                {
                    "status_code": 400,
                    "errors": [{"error": "BadRequestError", "message": "Can't send to resident@example.org"}],
                },
            )
        ]
        notification = _send(council)
        assert notification.state == NotificationState.PERMANENT_FAILURE
        assert "BadRequestError" in notification.last_error and "resident@" not in notification.last_error

    def test_a_wrong_key_is_refused(self, council, notify_server, settings):
        wrong = "safer_test-" + "0" * 36 + "-" + "1" * 36
        settings.SAFER_NOTIFICATIONS = {**settings.SAFER_NOTIFICATIONS, "NOTIFY_API_KEY": wrong}
        notification = _send(council)
        assert notification.state == NotificationState.PERMANENT_FAILURE and "403" in notification.last_error


ADDRESS = "Sam Example (fictional)\n1 Test Road\nOxford\nOX1 1AA"


class TestNotifyLetters:
    def test_a_letter_goes_to_notify_with_its_address_lines(self, council, notify_server):
        notification = _send(council, channel=Channel.LETTER, to=ADDRESS)
        assert notification.state == NotificationState.SENT and notification.provider == "notify"
        assert not notification.letter_pdf  # Notify prints and posts it; nothing is stored for printing
        [request] = notify_server.requests
        assert request["path"] == "/v2/notifications/letter"
        assert request["json"]["template_id"] == LETTER_TEMPLATE
        assert request["json"]["personalisation"] == {
            "address_line_1": "Sam Example (fictional)",
            "address_line_2": "1 Test Road",
            "address_line_3": "Oxford",
            "address_line_4": "OX1 1AA",
            "subject": "Subject line",
            "body": "Body text (fictional test).",
        }
        assert request["json"]["reference"] == str(notification.public_id)

    def test_an_address_notify_cannot_post_to_is_a_permanent_failure_saying_what_to_add(self, council, notify_server):
        notification = _send(council, channel=Channel.LETTER, to="1 Test Road\nOX1 1AA")
        assert notification.state == NotificationState.PERMANENT_FAILURE
        assert "3 to 7 lines" in notification.last_error and "has 2" in notification.last_error
        assert "Test Road" not in notification.last_error
        assert notify_server.requests == []

    def test_without_a_letter_template_letters_are_stored_for_printing(self, council, notify_server, settings):
        settings.SAFER_NOTIFICATIONS = {**settings.SAFER_NOTIFICATIONS, "NOTIFY_LETTER_TEMPLATE_ID": ""}
        notification = _send(council, channel=Channel.LETTER, to=ADDRESS)
        assert notification.state == NotificationState.SENT and notification.provider == "print"
        assert notification.letter_pdf and notify_server.requests == []

    def test_a_letter_refused_by_notify_is_a_permanent_failure(self, council, notify_server):
        notify_server.replies = [
            (400, {"status_code": 400, "errors": [{"error": "ValidationError", "message": "Last line of address"}]})
        ]
        notification = _send(council, channel=Channel.LETTER, to=ADDRESS)
        assert notification.state == NotificationState.PERMANENT_FAILURE
        assert "refused the letter" in notification.last_error and "ValidationError" in notification.last_error


class TestNotifyReceipts:
    def _post(self, client: Any, body: dict[str, Any], token: str = "receipt-token-for-tests") -> Any:  # noqa: S107
        return client.post(
            "/notifications/receipts/notify/",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    def test_delivered_and_failed_receipts_update_the_state(self, client, council, notify_server):
        first, second = _send(council), _send(council)
        assert self._post(client, {"id": first.provider_reference, "status": "delivered"}).status_code == 200
        assert self._post(client, {"id": second.provider_reference, "status": "permanent-failure"}).status_code == 200
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.state == NotificationState.DELIVERED and first.delivered_at is not None
        assert second.state == NotificationState.PERMANENT_FAILURE

    def test_letter_receipts_update_the_state(self, client, council, notify_server):
        posted, refused = (_send(council, channel=Channel.LETTER, to=ADDRESS) for _ in range(2))
        assert self._post(client, {"id": posted.provider_reference, "status": "accepted"}).status_code == 200
        posted.refresh_from_db()
        assert posted.state == NotificationState.SENT
        assert self._post(client, {"id": posted.provider_reference, "status": "received"}).status_code == 200
        assert self._post(client, {"id": refused.provider_reference, "status": "validation-failed"}).status_code == 200
        posted.refresh_from_db()
        refused.refresh_from_db()
        assert posted.state == NotificationState.DELIVERED and posted.delivered_at is not None
        assert refused.state == NotificationState.PERMANENT_FAILURE

    def test_a_wrong_token_is_refused(self, client, council, notify_server):
        notification = _send(council)
        assert (
            self._post(client, {"id": notification.provider_reference, "status": "delivered"}, "nope").status_code
            == 403
        )
        notification.refresh_from_db()
        assert notification.state == NotificationState.SENT

    def test_unknown_reference_and_bad_body(self, client, notify_server):
        assert (
            self._post(client, {"id": "00000000-0000-0000-0000-000000000000", "status": "delivered"}).status_code == 404
        )
        assert self._post(client, {"status": "delivered"}).status_code == 400
