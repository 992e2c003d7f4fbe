"""Community messaging in Chromium: sign up, confirm, manage, rate and reply, unsubscribe; staff write, approve and
follow a message. axe-core runs on every page visited."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from safer.engagement.models import CommunityMessage, EngagementSettings, Subscriber


@pytest.mark.django_db(transaction=True)
def test_resident_pages(page: Any, axe: Any, world: SimpleNamespace, streets: None) -> None:
    EngagementSettings.objects.create(organisation=world.oxford, languages="en_cy", messaging_requires_approval=False)
    page.goto(f"/engagement/public/{world.oxford.pk}/")
    axe(page)
    page.get_by_role("link", name="Get alerts about crime, scams and events where you live").click()
    axe(page)
    page.get_by_role("button", name="Sign up").click()  # nothing filled in: the error summary
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("browser.resident@example.org")
    page.get_by_label("Oxford", exact=True).check()
    page.get_by_label("Scams and fraud").check()
    page.get_by_label("Crime alerts").check()
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="You have signed up").wait_for()
    axe(page)
    subscriber = Subscriber.objects.get()
    page.goto(f"/engagement/public/alerts/confirm/{subscriber.token}/")
    axe(page)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("Your email address is confirmed.").wait_for()
    axe(page)
    # A message reaches them; they rate it and reply.
    from safer.engagement.messaging import sending

    message = sending.message_create(
        actor=world.manager,
        subject="Scam calls",
        body="Hang up.",
        channels=["email"],
        topic="scams",
        areas=[],
        groups=[],
    )
    sending.message_send(actor=world.manager, message=message)
    sending.message_send_batch(message_id=message.pk)
    page.goto(f"/engagement/public/alerts/message/{subscriber.token}/{message.public_id}/")
    axe(page)
    page.get_by_label("Very useful", exact=True).check()
    page.get_by_role("button", name="Send rating").click()
    page.get_by_text("Thank you for rating this message.").wait_for()
    axe(page)
    page.get_by_role("button", name="Send reply").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page)
    # Welsh, then unsubscribe.
    page.goto(f"/engagement/public/alerts/unsubscribe/{subscriber.token}/?lang=cy")
    axe(page)
    page.get_by_role("button", name="Dad-danysgrifio").click()
    page.get_by_role("heading", name="Rydych wedi dad-danysgrifio").wait_for()
    axe(page)
    assert not Subscriber.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_staff_pages(page: Any, browser_sign_in: Any, axe: Any, world: SimpleNamespace, streets: None) -> None:
    from safer.engagement.messaging.areas import area_for_district
    from safer.engagement.messaging.subscribers import subscriber_sign_up

    subscriber_sign_up(
        organisation=world.oxford,
        channel="sms",
        phone="07700900001",
        areas=[area_for_district("Oxford")],
        topics=["crime_alerts"],
        groups=["students"],
        consent=True,
    )
    browser_sign_in(page, world.analyst)
    page.goto("/engagement/messages/")
    axe(page)
    page.get_by_role("link", name="Write a message").click()
    axe(page)
    page.get_by_label("Subject").fill("Bike thefts at the station")
    page.get_by_label("Message", exact=True).fill("Lock your bike with two locks.")
    page.get_by_label("Oxford", exact=True).check()
    page.get_by_role("button", name="Save draft and preview").click()
    page.get_by_text("subscriber").first.wait_for()
    axe(page)
    page.get_by_role("link", name="Change the message or its audience").click()
    axe(page)
    page.get_by_label("Subject").fill("Bike thefts at Oxford station")
    page.get_by_role("button", name="Save changes and preview").click()
    page.get_by_text("Bike thefts at Oxford station").first.wait_for()
    axe(page)
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_load_state()
    axe(page)
    message = CommunityMessage.objects.get()
    assert message.status == "awaiting_approval"
    page.context.clear_cookies()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Subscribers' contact details need two-factor sign-in (the redirect itself is tested in the view tests).
    TOTPDevice.objects.create(user=world.manager, name="test", confirmed=True)
    browser_sign_in(page, world.manager)
    page.goto(f"/engagement/messages/{message.public_id}/")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    axe(page)
    page.goto("/engagement/subscribers/")
    axe(page)
    page.get_by_role("button", name="Approve Students for subscriber").click()
    page.wait_for_load_state()
    axe(page)
    page.goto("/engagement/messages/digest/")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_place_on_the_map_with_a_radius(page: Any, axe: Any, world: SimpleNamespace, streets: None) -> None:
    from safer.engagement.models import SubscriberArea

    EngagementSettings.objects.create(organisation=world.oxford, district="Oxford", messaging_requires_approval=False)
    page.goto(f"/engagement/public/{world.oxford.pk}/alerts/")
    page.wait_for_selector("#place-map[data-ready='true']")
    axe(page)
    page.get_by_label("2 km").check()
    page.get_by_role("button", name="Put the pin in the centre of the map").click()
    assert page.locator("#pin-status").inner_text().startswith("Pin placed")
    assert page.locator(".leaflet-overlay-pane path").count() == 3  # the district box, the pin and its 2 km circle
    page.get_by_label("Text message", exact=True).check()
    page.get_by_label("UK mobile number").fill("07700 900456")
    page.get_by_label("Crime alerts").check()
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="You have signed up").wait_for()
    axe(page)
    area = SubscriberArea.objects.get(kind="point")
    assert area.radius == 2000 and area.district == "Oxford"
