"""Demo data for community messaging (SYNTHETIC): subscribers, sent messages with delivery states and ratings,
a message waiting for approval, and this month's area digest as a draft.

Nothing is sent: demo deliveries are recorded as the console backend would record them (provider "demo"), never
handed to a provider, whatever the notifications configuration is.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from safer.core.notifications.choices import NotificationState
from safer.core.notifications.models import Notification
from safer.engagement.messaging.areas import ChosenArea, area_for_district
from safer.engagement.messaging.choices import DeliveryState, Group, MessageStatus, SubscriberStatus, Topic
from safer.engagement.models import (
    CommunityMessage,
    Delivery,
    MessageRating,
    MessageReply,
    Subscriber,
    SubscriberArea,
    SubscriberGroup,
    SubscriberTopic,
)

SEED = 24
SUBSCRIBERS = 400
DISTRICTS = ["Oxford", "Cherwell", "Vale of White Horse", "South Oxfordshire"]
_SENT: list[tuple[str, str, list[str], list[str], int]] = [
    ("Burglaries in East Oxford (SYNTHETIC demo)", Topic.CRIME_ALERTS, ["Oxford"], [], 10),
    ("Courier fraud calls reported (SYNTHETIC demo)", Topic.SCAMS, [], [], 24),
    (
        "NightSafe briefing: freshers' week (SYNTHETIC demo)",
        Topic.NIGHTSAFE,
        ["Oxford"],
        [Group.NIGHTSAFE_NETWORK.value],
        3,
    ),
]
_REPLIES = [
    "Thanks, we have locked the side gate now.",
    "Had one of these calls yesterday, hung up.",
    "Could you say which streets were affected?",
]


def messaging_demo_load(*, manager: Any) -> list[str]:
    """Load the messaging demo for the manager's partnership (idempotent); return lines for the console."""
    organisation = manager.organisation
    if Subscriber.objects.filter(organisation=organisation, synthetic=True).exists():
        return ["Community messaging: demo already loaded."]
    rng = random.Random(SEED)
    with transaction.atomic():
        subscribers = _subscribers(organisation, rng)
        for subject, topic, districts, groups, days_ago in _SENT:
            _sent_message(manager, subscribers, rng, subject, topic, districts, groups, days_ago)
        CommunityMessage.objects.create(
            organisation=organisation,
            subject="Neighbourhood meeting in Blackbird Leys (SYNTHETIC demo)",
            body="Come and meet your neighbourhood team on Thursday at 6pm at the community centre.",
            template_key="community-event",
            channels=["email", "sms"],
            topic=Topic.EVENTS,
            areas=[{"kind": "district", "code": "Oxford", "name": "Oxford"}],
            status=MessageStatus.AWAITING_APPROVAL,
            created_by=manager,
            synthetic=True,
        )
    lines = [
        f"Community messaging: {len(subscribers)} SYNTHETIC subscribers, {len(_SENT)} sent messages with delivery "
        "states, ratings and replies, one waiting for approval (nothing was sent anywhere)."
    ]
    try:
        from safer.engagement.messaging.digest import digest_create

        digest = digest_create(actor=manager)
        CommunityMessage.objects.filter(pk=digest.pk).update(
            synthetic=True, subject=f"{digest.subject} (SYNTHETIC demo)"
        )
        lines.append(f"  Monthly area digest drafted from the dashboard figures for {len(digest.digest)} area(s).")
    except Exception as error:  # noqa: BLE001 - no crime data loaded: the digest is simply not drafted
        lines.append(f"  Digest not drafted ({type(error).__name__}): load the crime demo first.")
    lines.append(
        "  Staff: /engagement/messages/ (sign in as partnership). Public sign-up: /engagement/public/<org>/alerts/"
    )
    return lines


def _subscribers(organisation: Any, rng: random.Random) -> list[Subscriber]:
    now = timezone.now()
    made = []
    for n in range(SUBSCRIBERS):
        sms = rng.random() < 0.2
        status = SubscriberStatus.ACTIVE
        roll = rng.random()
        if roll < 0.05:
            status = SubscriberStatus.PENDING
        elif roll < 0.08:
            status = SubscriberStatus.SUSPENDED
        made.append(
            Subscriber(
                organisation=organisation,
                channel="sms" if sms else "email",
                email="" if sms else f"synthetic.resident{n}@example.org",
                phone=f"07700900{n:03d}" if sms else "",
                language="cy" if rng.random() < 0.05 else "en",
                status=status,
                consent_text=f"I agree that {organisation.name} may send me messages (SYNTHETIC demo).",
                consented_at=now - timedelta(days=rng.randint(1, 400)),
                confirmed_at=None if status == SubscriberStatus.PENDING else now - timedelta(days=rng.randint(1, 300)),
                synthetic=True,
            )
        )
    made = Subscriber.objects.bulk_create(made)
    areas, topics, groups = [], [], []
    for subscriber in made:
        chosen: list[ChosenArea] = [area_for_district(rng.choice(DISTRICTS))]
        if rng.random() < 0.3:
            chosen.append(area_for_district("Oxford"))
        for area in {a.key: a for a in chosen}.values():
            areas.append(
                SubscriberArea(
                    subscriber=subscriber, kind=area.kind, code=area.code, name=area.name, district=area.district
                )
            )
        wanted = {t for t in Topic.values if rng.random() < 0.5} | {Topic.CRIME_ALERTS}
        topics += [SubscriberTopic(subscriber=subscriber, topic=t) for t in wanted]
        if rng.random() < 0.15:
            group = rng.choice(Group.values)
            groups.append(SubscriberGroup(subscriber=subscriber, group=group, approved=rng.choice([True, True, None])))
    SubscriberArea.objects.bulk_create(areas)
    SubscriberTopic.objects.bulk_create(topics)
    SubscriberGroup.objects.bulk_create(groups)
    return made


def _sent_message(
    manager: Any,
    subscribers: list[Subscriber],
    rng: random.Random,
    subject: str,
    topic: str,
    districts: list[str],
    groups: list[str],
    days_ago: int,
) -> None:
    from safer.engagement.messaging.audience import audience_subscribers

    when = timezone.now() - timedelta(days=days_ago)
    areas = [{"kind": "district", "code": d, "name": d} for d in districts]
    message = CommunityMessage.objects.create(
        organisation=manager.organisation,
        subject=subject,
        body="This is a SYNTHETIC demo message: nobody received it.",
        channels=["email", "sms"],
        topic=topic,
        areas=areas,
        groups=groups,
        status=MessageStatus.SENT,
        created_by=manager,
        approved_by=manager,
        approved_at=when,
        sending_started_at=when,
        sent_at=when + timedelta(minutes=2),
        synthetic=True,
    )
    audience = audience_subscribers(
        organisation_id=manager.organisation_id, topic=topic, areas=areas, groups=groups, channels=["email", "sms"]
    ).prefetch_related("areas")
    about = ContentType.objects.get_for_model(CommunityMessage)
    count = 0
    for subscriber in audience:
        roll = rng.random()
        state = (
            NotificationState.DELIVERED
            if roll < 0.9
            else NotificationState.SENT
            if roll < 0.96
            else NotificationState.PERMANENT_FAILURE
        )
        notification = Notification.objects.create(
            channel=subscriber.channel,
            recipient=subscriber.contact,
            subject=subject,
            body=message.body,
            template_key="community-message",
            state=state,
            provider="demo",
            provider_reference=f"demo-{message.pk}-{subscriber.pk}",
            sent_at=when,
            delivered_at=when + timedelta(minutes=1) if state == NotificationState.DELIVERED else None,
            failed_at=when + timedelta(minutes=1) if state == NotificationState.PERMANENT_FAILURE else None,
            last_error="Demo: the address does not exist (SYNTHETIC)."
            if state == NotificationState.PERMANENT_FAILURE
            else "",
            organisation=manager.organisation,
            about_type=about,
            about_id=str(message.pk),
        )
        first = next(iter(subscriber.areas.all()), None)
        Delivery.objects.create(
            message=message,
            subscriber=subscriber,
            channel=subscriber.channel,
            state=DeliveryState.HANDED_OVER,
            notification=notification,
            district=first.district if first else "",
        )
        count += 1
        if rng.random() < 0.25:
            MessageRating.objects.create(message=message, subscriber=subscriber, score=rng.choice([3, 4, 4, 5, 5, 2]))
    for text in rng.sample(_REPLIES, 2):
        MessageReply.objects.create(message=message, subscriber=None, text=f"{text} (SYNTHETIC)")
    CommunityMessage.objects.filter(pk=message.pk).update(audience_count=count)
