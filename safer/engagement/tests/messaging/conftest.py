"""Messaging fixtures: the real SMTP server and the Notify stand-in of the notifications tests, and subscribers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from safer.core.tests.notifications.conftest import notify_server, smtp_server  # noqa: F401 - fixtures
from safer.engagement.messaging.areas import area_for_district
from safer.engagement.messaging.choices import SubscriberChannel, Topic


@pytest.fixture
def no_approval(world: SimpleNamespace) -> None:
    """Oxford sends without a second person's approval."""
    from safer.engagement.models import EngagementSettings

    EngagementSettings.objects.update_or_create(
        organisation=world.oxford, defaults={"messaging_requires_approval": False}
    )


@pytest.fixture
def subscribe(world: SimpleNamespace) -> Any:
    """Make an active subscriber of Oxford (e-mail, confirmed) in the given districts and topics."""
    from safer.engagement.messaging.subscribers import subscriber_confirm, subscriber_sign_up

    def make(
        n: int,
        *,
        districts: tuple[str, ...] = ("Oxford",),
        topics: tuple[str, ...] = (Topic.CRIME_ALERTS,),
        channel: str = SubscriberChannel.EMAIL,
        organisation: Any = None,
        groups: tuple[str, ...] = (),
    ) -> Any:
        subscriber = subscriber_sign_up(
            organisation=organisation or world.oxford,
            channel=channel,
            email=f"resident{n}@example.org",
            phone=f"07700 900{n:03d}",
            areas=[area_for_district(d) for d in districts],
            topics=list(topics),
            groups=list(groups),
            consent=True,
        )
        return subscriber_confirm(token=subscriber.token)

    return make
