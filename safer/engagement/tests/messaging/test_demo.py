"""The messaging demo: SYNTHETIC subscribers and sent messages with states and ratings; nothing handed to a provider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safer.core.notifications.models import Notification
from safer.engagement.messaging.demo import messaging_demo_load
from safer.engagement.models import CommunityMessage, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_is_synthetic_visible_and_sends_nothing(client, world):
    lines = messaging_demo_load(manager=world.manager)
    assert "SYNTHETIC" in lines[0]
    assert (
        Subscriber.objects.filter(organisation=world.oxford).count()
        == Subscriber.objects.filter(synthetic=True).count()
        > 0
    )
    assert set(Notification.objects.values_list("provider", flat=True)) == {"demo"}
    sent = CommunityMessage.objects.filter(status="sent")
    assert sent.count() == 3 and all("SYNTHETIC" in m.subject for m in sent)
    assert messaging_demo_load(manager=world.manager) == ["Community messaging: demo already loaded."]
    client.force_login(world.manager)
    page = client.get(reverse("engagement:message", args=[sent.get(subject__startswith="Courier").public_id]))
    assert page.status_code == 200 and "Delivered" in page.content.decode()
