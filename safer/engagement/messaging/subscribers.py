"""Residents' side of community messaging: sign up (double opt-in for e-mail), confirm, manage, leave, rate, reply.

Every change is audited without personal data (the subscriber's row id and channel only). Links carry the
subscriber's opaque token, never an address or number.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safer.core.i18n import django_language
from safer.core.services.audit import audit_record
from safer.engagement.errors import EngagementInputError, EngagementNotFoundError
from safer.engagement.messaging.areas import ChosenArea
from safer.engagement.messaging.choices import (
    Group,
    MessagingAuditAction,
    SubscriberChannel,
    SubscriberStatus,
    Topic,
)
from safer.engagement.models import (
    CommunityMessage,
    MessageRating,
    MessageReply,
    Subscriber,
    SubscriberArea,
    SubscriberGroup,
    SubscriberTopic,
)

logger = logging.getLogger("safer.engagement")

# The exact words a subscriber agrees to; stored, in the language shown, on the subscription.
CONSENT_TEXT = gettext_lazy(
    "I agree that %(partnership)s may send me messages about the areas and topics I chose, by the channel I chose, "
    "until I unsubscribe. My details are used for nothing else and are deleted when I unsubscribe."
)
UNCONFIRMED_KEPT_FOR = timedelta(days=7)
MAX_AREAS = 10
MAX_REPLY = 2000


def public_link(name: str, *args: Any) -> str:
    """An absolute link for a message (the public address of the service + the path)."""
    return f"{settings.SAFER_PUBLIC_URL}{reverse(name, args=args)}"


def consent_wording(organisation: Any) -> str:
    """The consent statement shown on the sign-up page, in the active language."""
    return str(CONSENT_TEXT) % {"partnership": organisation.name}


def _phone(raw: str) -> str:
    digits = "".join(c for c in raw if c.isdigit() or c == "+")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not (digits.startswith("07") and len(digits) == 11):
        raise EngagementInputError(_("Enter a UK mobile number, like 07700 900 982."), field="phone")
    return digits


def _clean_choices(values: list[str], allowed: list[str], *, field: str) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise EngagementInputError(_("Choose from the options given."), field=field)
    return sorted(set(values))


@transaction.atomic
def subscriber_sign_up(
    *,
    organisation: Any,
    channel: str,
    email: str = "",
    phone: str = "",
    areas: list[ChosenArea],
    topics: list[str],
    groups: list[str],
    consent: bool,
    language: str = "en",
) -> Subscriber:
    """Record a new subscription; e-mail subscribers get a confirmation link and receive nothing else until used.

    Mobile numbers are active at once (the sign-up page is the opt-in; every text carries a way to stop).
    """
    if channel not in SubscriberChannel.values:
        raise EngagementInputError(_("Choose how you want to get messages."), field="channel")
    if not consent:
        raise EngagementInputError(_("You must agree before we can send you messages."), field="consent")
    email = email.strip().lower() if channel == SubscriberChannel.EMAIL else ""
    if channel == SubscriberChannel.EMAIL:
        try:
            validate_email(email)
        except ValidationError:
            raise EngagementInputError(
                _("Enter an email address in the correct format, like name@example.com."), field="email"
            ) from None
    phone = _phone(phone) if channel == SubscriberChannel.SMS else ""
    if not areas:
        raise EngagementInputError(_("Choose at least one area."), field="districts")
    if len(areas) > MAX_AREAS:
        raise EngagementInputError(_("Choose at most 10 areas."), field="districts")
    topics = _clean_choices(topics, Topic.values, field="topics")
    if not topics:
        raise EngagementInputError(_("Choose at least one topic."), field="topics")
    groups = _clean_choices(groups, Group.values, field="groups")
    with translation.override(django_language(language)):
        wording = consent_wording(organisation)
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        organisation=organisation,
        channel=channel,
        email=email,
        phone=phone,
        language="cy" if language == "cy" else "en",
        status=SubscriberStatus.PENDING if channel == SubscriberChannel.EMAIL else SubscriberStatus.ACTIVE,
        consent_text=wording,
        consent_language="cy" if language == "cy" else "en",
        consented_at=now,
        confirmed_at=None if channel == SubscriberChannel.EMAIL else now,
    )
    _choices_save(subscriber, areas=areas, topics=topics, groups=groups)
    audit_record(actor=None, action=MessagingAuditAction.SUBSCRIBED, target=subscriber, detail={"channel": channel})
    if channel == SubscriberChannel.EMAIL:
        transaction.on_commit(lambda: subscriber_confirmation_send(subscriber=subscriber))
    return subscriber


def _choices_save(subscriber: Subscriber, *, areas: list[ChosenArea], topics: list[str], groups: list[str]) -> None:
    SubscriberArea.objects.filter(subscriber=subscriber).delete()
    SubscriberArea.objects.bulk_create(
        [
            SubscriberArea(
                subscriber=subscriber,
                kind=a.kind,
                code=a.code,
                name=a.name,
                district=a.district,
                easting=a.easting,
                northing=a.northing,
                radius=a.radius,
            )
            for a in {a.key: a for a in areas}.values()
        ]
    )
    SubscriberTopic.objects.filter(subscriber=subscriber).delete()
    SubscriberTopic.objects.bulk_create([SubscriberTopic(subscriber=subscriber, topic=t) for t in topics])
    # Keep staff decisions on groups still chosen; new ones wait for staff.
    SubscriberGroup.objects.filter(subscriber=subscriber).exclude(group__in=groups).delete()
    have = set(SubscriberGroup.objects.filter(subscriber=subscriber).values_list("group", flat=True))
    SubscriberGroup.objects.bulk_create(
        [SubscriberGroup(subscriber=subscriber, group=g) for g in groups if g not in have]
    )


def subscriber_confirmation_send(*, subscriber: Subscriber) -> bool:
    """E-mail the confirmation link (in the subscriber's language) through the notifications service."""
    from safer.core.notifications import notification_send

    link = public_link("engagement:public-alerts-confirm", subscriber.token)
    with translation.override(django_language(subscriber.language)):
        subject = _("Confirm your subscription to %(partnership)s alerts") % {
            "partnership": subscriber.organisation.name
        }
        body = _(
            "Someone, we hope you, asked to get community messages from %(partnership)s at this address.\n\n"
            "To confirm, open this link and press the button: %(link)s\n\n"
            "If it was not you, ignore this email: we delete unconfirmed addresses after 7 days."
        ) % {"partnership": subscriber.organisation.name, "link": link}
    try:
        notification_send(
            channel="email",
            to=subscriber.email,
            subject=subject,
            body=body,
            organisation=subscriber.organisation,
            about=subscriber,
            template_key="messaging-confirm",
            language=subscriber.language,
        )
    except Exception as error:  # noqa: BLE001 - the subscription is kept; they can sign up again
        logger.error("Confirmation for %s not sent (%s).", subscriber.audit_label, type(error).__name__)
        return False
    return True


def subscriber_by_token(token: str) -> Subscriber:
    """The subscription a link's token names (not found for unknown or unsubscribed ones)."""
    found = (
        Subscriber.objects.select_related("organisation")
        .filter(token=token)
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .first()
    )
    if found is None:
        raise EngagementNotFoundError(_("This link is not valid any more. You may have unsubscribed."))
    return found


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber:
    """The subscriber used the link in the confirmation e-mail: the subscription is active."""
    subscriber = subscriber_by_token(token)
    if subscriber.status == SubscriberStatus.PENDING:
        Subscriber.objects.filter(pk=subscriber.pk).update(status=SubscriberStatus.ACTIVE, confirmed_at=timezone.now())
        audit_record(actor=None, action=MessagingAuditAction.CONFIRMED, target=subscriber)
        subscriber.refresh_from_db()
    return subscriber


@transaction.atomic
def subscriber_update(*, token: str, areas: list[ChosenArea], topics: list[str], groups: list[str]) -> Subscriber:
    """The subscriber changes their areas, topics and groups through the link in a message."""
    subscriber = subscriber_by_token(token)
    if not areas:
        raise EngagementInputError(_("Choose at least one area."), field="districts")
    topics = _clean_choices(topics, Topic.values, field="topics")
    if not topics:
        raise EngagementInputError(_("Choose at least one topic."), field="topics")
    groups = _clean_choices(groups, Group.values, field="groups")
    _choices_save(subscriber, areas=areas, topics=topics, groups=groups)
    audit_record(actor=None, action=MessagingAuditAction.SUBSCRIPTION_CHANGED, target=subscriber)
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> None:
    """One-click unsubscribe: the subscription and its contact details are deleted at once.

    Deliveries, ratings and replies stay for the message totals, no longer linked to anyone. Unsubscribing
    twice is not an error (mail clients may POST the one-click request more than once).
    """
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return
    audit_record(actor=None, action=MessagingAuditAction.UNSUBSCRIBED, target=subscriber)
    subscriber.delete()


@transaction.atomic
def subscriber_delete(*, token: str) -> None:
    """The subscriber deletes their subscription: the row and its choices go (ratings and replies stay, anonymous)."""
    subscriber = subscriber_by_token(token)
    audit_record(actor=None, action=MessagingAuditAction.DELETED, target=subscriber)
    subscriber.delete()


def subscribers_purge_unconfirmed(*, now: Any = None) -> int:
    """Delete e-mail subscriptions never confirmed within a week (the periodic task and `safer purge-subscribers`)."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT_FOR
    stale = Subscriber.objects.filter(status=SubscriberStatus.PENDING, created_at__lt=cutoff)
    count = stale.count()
    if count:
        stale.delete()
        audit_record(
            actor=None,
            action=MessagingAuditAction.PURGED,
            target_type="engagement.subscriber",
            target_label=f"{count} unconfirmed subscribers",
            detail={"count": count},
        )
    return count


def subscribers_suspend_bounced() -> int:
    """Suspend subscribers whose message the provider refused for good (bounced address or number)."""
    from safer.core.notifications import NotificationState

    bounced = Subscriber.objects.filter(
        status=SubscriberStatus.ACTIVE,
        deliveries__notification__state=NotificationState.PERMANENT_FAILURE,
    ).distinct()
    ids = list(bounced.values_list("pk", flat=True)[:5000])
    if not ids:
        return 0
    Subscriber.objects.filter(pk__in=ids).update(status=SubscriberStatus.SUSPENDED, suspended_at=timezone.now())
    for pk in ids:
        audit_record(
            actor=None,
            action=MessagingAuditAction.SUSPENDED,
            target_type="engagement.subscriber",
            target_id=pk,
            target_label=f"Subscriber {pk}",
        )
    return len(ids)


def _message_for(subscriber: Subscriber, message_id: str) -> CommunityMessage:
    message = CommunityMessage.objects.filter(
        public_id=message_id, organisation_id=subscriber.organisation_id, deliveries__subscriber=subscriber
    ).first()
    if message is None:
        raise EngagementNotFoundError(_("This link is not valid any more."))
    return message


@transaction.atomic
def message_rate(*, token: str, message_id: str, score: int) -> MessageRating:
    """A subscriber rates a message they were sent (a second rating replaces the first)."""
    subscriber = subscriber_by_token(token)
    message = _message_for(subscriber, message_id)
    if score not in range(1, 6):
        raise EngagementInputError(_("Choose how useful the message was."), field="score")
    rating, _created = MessageRating.objects.update_or_create(
        message=message, subscriber=subscriber, defaults={"score": score}
    )
    audit_record(actor=None, action=MessagingAuditAction.RATED, target=message, detail={"score": score})
    return rating


@transaction.atomic
def message_reply(*, token: str, message_id: str, text: str) -> MessageReply:
    """A subscriber replies to a message they were sent."""
    subscriber = subscriber_by_token(token)
    message = _message_for(subscriber, message_id)
    text = text.strip()
    if not text:
        raise EngagementInputError(_("Enter your reply."), field="text")
    if len(text) > MAX_REPLY:
        raise EngagementInputError(_("Your reply must be 2,000 characters or fewer."), field="text")
    reply = MessageReply.objects.create(message=message, subscriber=subscriber, text=text)
    audit_record(actor=None, action=MessagingAuditAction.REPLIED, target=message)
    return reply


@transaction.atomic
def subscriber_group_decide(*, actor: Any, membership_id: int, approved: bool) -> SubscriberGroup:
    """Staff approve or refuse a subscriber's request to join a group (students, Neighbourhood Watch, NightSafe)."""
    from safer.engagement.services._access import require_capability

    require_capability(actor, "messaging.subscribers")
    membership = SubscriberGroup.objects.filter(
        pk=membership_id, subscriber__organisation_id=actor.organisation_id
    ).first()
    if membership is None:
        raise EngagementNotFoundError("No such group request that you can see.")
    membership.approved = approved
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["approved", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=MessagingAuditAction.GROUP_DECIDED,
        target=membership.subscriber,
        detail={"group": membership.group, "approved": approved},
    )
    return membership
