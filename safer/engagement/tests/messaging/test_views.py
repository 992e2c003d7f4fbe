"""Public and staff pages of community messaging: double opt-in, one-click unsubscribe, manage, rate, reply, access."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.core.models import AuditEvent
from safer.core.notifications.models import Notification
from safer.engagement.messaging import sending
from safer.engagement.messaging.choices import SubscriberStatus, Topic
from safer.engagement.models import CommunityMessage, MessageRating, MessageReply, Subscriber
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _sign_up(client: Any, org: int, **extra: Any) -> Any:
    data = {
        "channel": "email",
        "email": "new.resident@example.org",
        "districts": ["Oxford"],
        "topics": ["scams"],
        "consent": "on",
    }
    data.update(extra)
    return client.post(reverse("engagement:public-alerts", args=[org]), data)


class TestSignUp:
    def test_double_opt_in_by_email(self, client, world, streets, django_capture_on_commit_callbacks):
        page = client.get(reverse("engagement:public-alerts", args=[world.oxford.pk]))
        assert page.status_code == 200 and b"Oxford" in page.content
        with django_capture_on_commit_callbacks(execute=True):
            answer = _sign_up(client, world.oxford.pk)
        assert answer.status_code == 302
        subscriber = Subscriber.objects.get()
        assert subscriber.status == SubscriberStatus.PENDING
        assert "may send me messages" in subscriber.consent_text and world.oxford.name in subscriber.consent_text
        confirmation = Notification.objects.get(template_key="messaging-confirm")
        link = re.search(r"http://\S+/confirm/(\S+)/", confirmation.body)
        assert link and link.group(1) == subscriber.token
        assert "new.resident" not in confirmation.body.split(link.group(0))[1]
        # Opening the link does not confirm (mail scanners open links); the button does.
        url = reverse("engagement:public-alerts-confirm", args=[subscriber.token])
        assert client.get(url).status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.PENDING
        assert client.post(url).status_code == 302
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.confirmed_at is not None
        assert AuditEvent.objects.filter(action="messaging.confirmed", target_id=str(subscriber.pk)).exists()

    def test_errors_re_render_with_summary_and_400(self, client, world, streets):
        answer = _sign_up(client, world.oxford.pk, email="", districts=[], consent="")
        assert answer.status_code == 400
        text = answer.content.decode()
        assert "govuk-error-summary" in text
        assert "Enter your email address." in text and "Choose at least one area." in text
        assert "You must agree before we can send you messages." in text
        assert not Subscriber.objects.exists()

    def test_honeypot_pretends_success_and_saves_nothing(self, client, world, streets):
        answer = _sign_up(client, world.oxford.pk, website="http://spam.example")
        assert answer.status_code == 302
        assert not Subscriber.objects.exists()

    def test_rate_limit(self, client, world, streets, settings):
        from safer.engagement.services import public

        for n in range(public.RATE_LIMIT):
            _sign_up(client, world.oxford.pk, email=f"r{n}@example.org")
        answer = _sign_up(client, world.oxford.pk, email="one.more@example.org")
        assert answer.status_code == 429
        assert Subscriber.objects.count() == public.RATE_LIMIT

    def test_mobile_is_active_at_once(self, client, world, streets):
        answer = _sign_up(client, world.oxford.pk, channel="sms", email="", phone="07700 900123")
        assert answer.status_code == 302
        subscriber = Subscriber.objects.get()
        assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.phone == "07700900123"

    def test_welsh(self, client, world, streets):
        from safer.engagement.models import EngagementSettings

        EngagementSettings.objects.create(organisation=world.oxford, languages="en_cy")
        page = client.get(reverse("engagement:public-alerts", args=[world.oxford.pk]) + "?lang=cy")
        assert page.headers["Content-Language"] == "cy"
        assert "Cael negeseuon cymunedol" in page.content.decode()
        _sign_up(client, world.oxford.pk)
        subscriber = Subscriber.objects.get()
        assert subscriber.language == "cy" and subscriber.consent_language == "cy"
        assert "Rwy'n cytuno" in subscriber.consent_text


class TestFromAMessage:
    def _sent(self, world: Any, subscribe: Any) -> tuple[Any, CommunityMessage]:
        from safer.engagement.models import EngagementSettings

        EngagementSettings.objects.create(organisation=world.oxford, messaging_requires_approval=False)
        person = subscribe(1)
        message = sending.message_create(
            actor=world.manager,
            subject="Scam calls",
            body="Hang up on callers asking you to move money.",
            channels=["email"],
            topic=Topic.CRIME_ALERTS,
            areas=[],
            groups=[],
        )
        sending.message_send(actor=world.manager, message=message)
        sending.message_send_batch(message_id=message.pk)
        return person, message

    def test_one_click_unsubscribe_without_csrf(self, world, subscribe):
        from django.test import Client

        person, _message = self._sent(world, subscribe)
        strict = Client(enforce_csrf_checks=True)
        url = reverse("engagement:public-alerts-unsubscribe", args=[person.token])
        answer = strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
        assert answer.status_code in (200, 302)
        assert not Subscriber.objects.filter(pk=person.pk).exists()
        assert (
            strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
            == 200
        )
        assert AuditEvent.objects.filter(action="messaging.unsubscribed", target_id=str(person.pk)).exists()

    def test_manage_and_delete(self, client, world, subscribe, streets):
        person, _message = self._sent(world, subscribe)
        url = reverse("engagement:public-alerts-manage", args=[person.token])
        page = client.get(url)
        assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
        assert page.headers["Referrer-Policy"] == "same-origin"
        answer = client.post(url, {"action": "save", "districts": ["Oxford"], "topics": ["scams", "events"]})
        assert answer.status_code == 200
        assert sorted(person.topics.values_list("topic", flat=True)) == ["events", "scams"]
        client.post(url, {"action": "delete"})
        assert not Subscriber.objects.filter(pk=person.pk).exists()
        assert client.get(url).status_code == 404

    def test_rate_and_reply(self, client, world, subscribe):
        person, message = self._sent(world, subscribe)
        url = reverse("engagement:public-alerts-message", args=[person.token, message.public_id])
        assert client.get(url).status_code == 200
        assert client.post(url, {"action": "rate", "score": "4"}).status_code == 200
        assert client.post(url, {"action": "rate", "score": "5"}).status_code == 200
        assert list(MessageRating.objects.values_list("score", flat=True)) == [5]
        assert client.post(url, {"action": "reply", "text": ""}).status_code == 400
        assert client.post(url, {"action": "reply", "text": "Thanks, useful."}).status_code == 200
        assert MessageReply.objects.get().text == "Thanks, useful."
        # A message the person was not sent: not found.
        other = CommunityMessage.objects.create(
            organisation=world.oxford, subject="x", body="y", channels=["email"], topic="scams"
        )
        assert (
            client.get(reverse("engagement:public-alerts-message", args=[person.token, other.public_id])).status_code
            == 404
        )


class TestStaff:
    def test_pages_and_access(self, client, world, subscribe, streets):
        subscribe(1)
        client.force_login(world.manager)
        assert client.get(reverse("engagement:messages")).status_code == 200
        page = client.get(reverse("engagement:message-create") + "?template=community-scam-warning")
        assert page.status_code == 200 and "Scam warning" in page.content.decode()
        answer = client.post(
            reverse("engagement:message-create"),
            {
                "subject": "Scam calls",
                "body": "Hang up.",
                "topic": "crime_alerts",
                "districts": ["Oxford"],
                "channels": ["email"],
            },
        )
        assert answer.status_code == 302
        message = CommunityMessage.objects.get()
        page = client.get(answer.url)
        assert page.status_code == 200 and "<strong>1</strong> subscriber" in page.content.decode()
        assert AuditEvent.objects.filter(action="messaging.message_viewed", target_id=str(message.pk)).exists()
        # Contact details need two-factor sign-in: a manager without it is sent to set it up, then back here.
        first = client.get(reverse("engagement:subscribers"))
        assert first.status_code == 302 and first.url == reverse("accounts:two-factor-enrol")
        assert client.session["next_after_sign_in"] == reverse("engagement:subscribers")
        assert not AuditEvent.objects.filter(action="messaging.subscribers_viewed").exists()
        TOTPDevice.objects.create(user=world.manager, name="test", confirmed=True)
        client = signed_in_client(world.manager)
        listing = client.get(reverse("engagement:subscribers"))
        assert listing.status_code == 200 and "resident1@example.org" in listing.content.decode()
        assert AuditEvent.objects.filter(action="messaging.subscribers_viewed", actor=world.manager).exists()
        export = client.get(reverse("engagement:message-export", args=[message.public_id]))
        assert export.status_code == 200 and export.content.decode().startswith("delivery,channel,district")
        # Another partnership's staff see nothing of it.
        client.force_login(world.other_manager)
        assert client.get(reverse("engagement:message", args=[message.public_id])).status_code == 404
        assert client.get(reverse("engagement:message-export", args=[message.public_id])).status_code == 404
        assert "resident1@example.org" not in client.get(reverse("engagement:subscribers")).content.decode()
        # A role without the capability is refused.
        client.force_login(world.analyst)  # may write messages, may not see subscribers' details
        assert client.get(reverse("engagement:subscribers")).status_code == 403

    def test_workflow_buttons(self, client, world, subscribe, make_user):

        subscribe(1)
        message = sending.message_create(
            actor=world.analyst,
            subject="Event",
            body="Come along.",
            channels=["email"],
            topic=Topic.CRIME_ALERTS,
            areas=[],
            groups=[],
        )
        client.force_login(world.analyst)
        url = reverse("engagement:message", args=[message.public_id])
        assert client.post(url, {"action": "send"}).status_code == 400
        assert client.post(url, {"action": "submit"}).status_code == 302
        client.force_login(world.manager)
        assert client.post(url, {"action": "approve"}).status_code == 302
        assert client.post(url, {"action": "schedule", "when": "2001-01-01 10:00"}).status_code == 400
        assert client.post(url, {"action": "schedule", "when": "2099-01-01 10:00"}).status_code == 302
        message.refresh_from_db()
        assert message.status == "scheduled" and message.approved_by == world.manager


class TestEditing:
    def test_a_message_is_changed_until_scheduled_and_a_change_withdraws_approval(
        self, client, world, subscribe, streets
    ):
        subscribe(1)
        message = sending.message_create(
            actor=world.analyst,
            subject="Event",
            body="Come along.",
            channels=["email"],
            topic=Topic.CRIME_ALERTS,
            areas=[],
            groups=[],
        )
        sending.message_submit(actor=world.analyst, message=message)
        sending.message_approve(actor=world.manager, message=message)
        client.force_login(world.analyst)
        page_url = reverse("engagement:message", args=[message.public_id])
        edit_url = reverse("engagement:message-edit", args=[message.public_id])
        assert f'href="{edit_url}"' in client.get(page_url).content.decode()
        form = client.get(edit_url)
        assert form.status_code == 200 and 'value="Event"' in form.content.decode()
        data = {"subject": "", "body": "Come along.", "topic": Topic.CRIME_ALERTS, "channels": ["email"]}
        refused = client.post(edit_url, data)
        assert refused.status_code == 400 and "govuk-error-summary" in refused.content.decode()
        answer = client.post(edit_url, data | {"subject": "Event moved", "districts": ["Oxford"]})
        assert answer.status_code == 302 and answer.url == page_url
        message.refresh_from_db()
        assert (message.subject, message.status, message.approved_by) == ("Event moved", "draft", None)
        assert message.areas == [{"kind": "district", "code": "Oxford", "name": "Oxford"}]
        event = AuditEvent.objects.get(action="messaging.message_updated", actor=world.analyst)
        assert event.target_id == str(message.pk)
        # Once it is on its way, it can no longer be changed.
        sending.message_submit(actor=world.analyst, message=message)
        sending.message_approve(actor=world.manager, message=message)
        sending.message_send(actor=world.manager, message=message)
        late = client.post(edit_url, data | {"subject": "Too late"})
        assert late.status_code == 400 and "can no longer be changed" in late.content.decode()
        # Another partnership's staff cannot reach it.
        client.force_login(world.other_manager)
        assert client.get(edit_url).status_code == 404


class TestCustomArea:
    def test_a_resident_chooses_a_custom_area_and_a_message_to_it_reaches_them(self, client, world, streets):
        from safer.engagement.messaging.audience import audience_count
        from safer.intelligence.warehouse import writer

        with writer() as con:
            con.execute("INSERT INTO custom_area (area_id, name, geojson) VALUES (77, 'Cowley Road NTE zone', '{}')")
        page = client.get(reverse("engagement:public-alerts", args=[world.oxford.pk]))
        assert "Cowley Road NTE zone" in page.content.decode()
        answer = _sign_up(
            client, world.oxford.pk, channel="sms", email="", phone="07700900555", districts=[], custom_areas=["77"]
        )
        assert answer.status_code == 302
        area = Subscriber.objects.get().areas.get()
        assert (area.kind, area.code, area.name) == ("custom", "77", "Cowley Road NTE zone")
        audience = {"organisation_id": world.oxford.pk, "topic": "scams", "groups": [], "channels": ["sms"]}
        assert audience_count(**audience, areas=[{"kind": "custom", "code": "77", "name": "x"}]) == 1
        assert audience_count(**audience, areas=[{"kind": "custom", "code": "78", "name": "y"}]) == 0
