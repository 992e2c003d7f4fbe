"""Unconfirmed subscribers are deleted after a week (periodic task and `safer purge-subscribers`)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.engagement.messaging.areas import area_for_district
from safer.engagement.messaging.subscribers import subscriber_sign_up
from safer.engagement.models import Subscriber

pytestmark = pytest.mark.django_db


def _pending(world, n: int, age_days: int) -> Subscriber:
    subscriber = subscriber_sign_up(
        organisation=world.oxford,
        channel="email",
        email=f"p{n}@example.org",
        areas=[area_for_district("Oxford")],
        topics=["scams"],
        groups=[],
        consent=True,
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    return subscriber


def test_only_week_old_unconfirmed_go(world, subscribe):
    old = _pending(world, 1, 8)
    recent = _pending(world, 2, 6)
    confirmed_long_ago = subscribe(3)
    Subscriber.objects.filter(pk=confirmed_long_ago.pk).update(created_at=timezone.now() - timedelta(days=30))
    out = StringIO()
    call_command("purge-subscribers", stdout=out)
    assert "Deleted 1 unconfirmed" in out.getvalue()
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, confirmed_long_ago.pk}
    assert old.pk not in remaining
    assert AuditEvent.objects.filter(action="messaging.purged").count() == 1
