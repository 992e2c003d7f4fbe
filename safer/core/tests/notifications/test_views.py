"""The staff pages: who sees which messages (audited, no-store), filtering, sending again, letters, templates."""

from __future__ import annotations

from typing import Any

import pytest

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.core.notifications import Channel, NotificationState, notification_send
from safer.core.notifications.delivery import notification_deliver
from safer.core.notifications.models import MessageTemplate, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(council: Any, manager: Any, make_organisation: Any, make_user: Any) -> dict[str, Any]:
    other = make_organisation(name="Other Housing")
    ours = notification_send(
        channel=Channel.EMAIL, to="ours@example.org", subject="Ours", body="Ours (test).", organisation=council
    )
    theirs = notification_send(
        channel=Channel.EMAIL, to="theirs@example.org", subject="Theirs", body="Theirs.", organisation=other
    )
    letter = notification_send(
        channel=Channel.LETTER,
        to="1 Example Road\nOxford\nOX4 9ZZ",
        subject="Letter",
        body="A letter (test).",
        organisation=council,
    )
    notification_deliver(notification_id=letter.pk)
    Notification.objects.filter(pk=ours.pk).update(state=NotificationState.FAILED, last_error="Attempt 1: test")
    return {
        "ours": ours,
        "theirs": theirs,
        "letter": letter,
        "admin": make_user(role=Role.ADMINISTRATOR, organisation=other),
        "caseworker": make_user(role=Role.CASEWORKER, organisation=council),
        "analyst": make_user(role=Role.ANALYST, organisation=council, with_device=False),
    }


class TestList:
    def test_a_case_manager_sees_their_organisations_messages_only(self, client_for, manager, scene):
        response = client_for(manager).get("/notifications/")
        body = response.content.decode()
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert "ours@example.org" in body and "theirs@example.org" not in body
        assert AuditEvent.objects.filter(action="notifications.list_viewed", actor=manager).exists()

    def test_an_administrator_sees_every_organisations(self, client_for, scene):
        body = client_for(scene["admin"]).get("/notifications/").content.decode()
        assert "ours@example.org" in body and "theirs@example.org" in body

    @pytest.mark.parametrize("role", ["caseworker", "analyst"])
    def test_other_roles_are_refused(self, client_for, scene, role):
        assert client_for(scene[role]).get("/notifications/").status_code == 403

    def test_signed_out_goes_to_sign_in(self, client, scene):
        response = client.get("/notifications/")
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]

    def test_filter_by_state(self, client_for, manager, scene):
        body = client_for(manager).get("/notifications/?state=failed").content.decode()
        assert "ours@example.org" in body and "1 Example Road" not in body
        assert client_for(manager).get("/notifications/?state=nonsense").status_code == 400


class TestDetailRetryLetter:
    def test_another_organisations_message_is_not_found(self, client_for, manager, scene):
        assert client_for(manager).get(f"/notifications/{scene['theirs'].public_id}/").status_code == 404

    def test_detail_is_audited_and_not_stored(self, client_for, manager, scene):
        response = client_for(manager).get(f"/notifications/{scene['ours'].public_id}/")
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert AuditEvent.objects.filter(action="notifications.viewed", target_id=str(scene["ours"].pk)).exists()
        assert '<dt class="govuk-summary-list__key">Language</dt>' in response.content.decode()

    def test_detail_names_the_language_of_a_welsh_message(self, client_for, manager, scene):
        Notification.objects.filter(pk=scene["letter"].pk).update(language="cy")
        body = client_for(manager).get(f"/notifications/{scene['letter'].public_id}/").content.decode()
        assert 'Language</dt><dd class="govuk-summary-list__value">Welsh</dd>' in body

    def test_send_again(self, client_for, manager, scene, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(manager).post(f"/notifications/{scene['ours'].public_id}/retry/")
        assert response.status_code == 302
        scene["ours"].refresh_from_db()
        assert scene["ours"].state == NotificationState.SENT and scene["ours"].attempts == 1
        assert AuditEvent.objects.filter(action="notifications.retried", actor=manager).exists()

    def test_a_sent_message_cannot_be_sent_again(self, client_for, manager, scene):
        client_for(manager).post(f"/notifications/{scene['letter'].public_id}/retry/")
        scene["letter"].refresh_from_db()
        assert scene["letter"].attempts == 1

    def test_letter_download(self, client_for, manager, scene):
        response = client_for(manager).get(f"/notifications/{scene['letter'].public_id}/letter.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Cache-Control"] == "no-store"
        assert AuditEvent.objects.filter(action="notifications.letter_downloaded").exists()


class TestTemplatePages:
    def test_only_administrators_edit_templates(self, client_for, manager, scene):
        from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS, message_template_register

        message_template_register(
            key="test-page", channel=Channel.EMAIL, subject="S {a}", body="B {a}", placeholders=("a",)
        )
        try:
            url = "/notifications/templates/test-page/email/"
            assert client_for(manager).get(url).status_code == 403
            admin = client_for(scene["admin"])
            assert "test-page" in admin.get("/notifications/templates/").content.decode()
            bad = admin.post(url, {"subject": "S", "body": "{unknown}"})
            assert bad.status_code == 400 and "Unknown placeholder" in bad.content.decode()
            assert admin.post(url, {"subject": "New {a}", "body": "Body {a}"}).status_code == 302
            assert MessageTemplate.objects.get(key="test-page").subject == "New {a}"
            assert admin.post(url, {"subject": "x", "body": "y", "reset": "1"}).status_code == 302
            assert not MessageTemplate.objects.filter(key="test-page").exists()
        finally:
            TEMPLATE_DEFAULTS.pop(("test-page", Channel.EMAIL))
