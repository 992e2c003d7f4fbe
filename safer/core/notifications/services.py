"""Sending messages: record first, deliver after the caller's transaction commits, retry with backoff.

`notification_send`, `notification_send_template` and `notifications_send_many` are the public API every app uses.
They validate, save the message as QUEUED, audit it (without the recipient) and queue delivery on huey with
`transaction.on_commit`, so a rolled-back caller sends nothing and a committed caller's message is never lost: a
failed attempt is kept with its error, retried by the worker with growing delays, shown to staff, and swept up if
the queue ever lost it.

`notifications_send_many` is the same for many recipients at once (a community message to thousands): one insert,
one audit event per AUDIT_CHUNK messages naming each of them, and one delivery job per DELIVER_CHUNK messages
(delivery.py). Each message in a job is still claimed on its own (an UPDATE only a queued message matches), so two
workers never send one twice, and retries and the sweep work per message exactly as for a single send.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from safer.core.notifications.backends import sms_available
from safer.core.notifications.choices import Channel, NotificationAuditAction, NotificationState
from safer.core.notifications.delivery import notification_enqueue, notifications_enqueue
from safer.core.notifications.errors import (
    NotificationChannelUnavailableError,
    NotificationError,
    NotificationInputError,
    NotificationStateError,
)
from safer.core.notifications.message_templates import message_template_render
from safer.core.notifications.models import Notification
from safer.core.services.audit import audit_record

logger = logging.getLogger("safer.notifications")

# Messages named by one audit event of a batch send.
AUDIT_CHUNK = 500

_PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]{1,60}$")


def _validate(*, channel: str, to: str, subject: str, body: str, headers: dict[str, str]) -> str:
    """Check the inputs for this channel; return the recipient as it will be stored."""
    if channel not in Channel.values:
        raise NotificationInputError(f"Channel {channel!r} is not one of email, sms, letter.", field="channel")
    to = (to or "").strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(to)
        except ValidationError:
            raise NotificationInputError("The email address is not valid.", field="to") from None
    elif channel == Channel.SMS:
        if not _PHONE.match(to):
            raise NotificationInputError("The phone number is not valid (10 to 20 digits).", field="to")
        if not sms_available():
            raise NotificationChannelUnavailableError(
                "Text messages can only be sent through GOV.UK Notify. Set SAFER_NOTIFY_API_KEY, or send an "
                "email or a letter instead.",
                field="channel",
            )
    else:
        lines = [line for line in to.splitlines() if line.strip()]
        if len(lines) < 2 or len(lines) > 7:
            raise NotificationInputError(
                f"A postal address needs 2 to 7 lines, the last a postcode (got {len(lines)}).", field="to"
            )
        to = "\n".join(line.strip() for line in lines)
    if channel in {Channel.EMAIL, Channel.LETTER} and not subject.strip():
        raise NotificationInputError("An email or a letter needs a subject.", field="subject")
    if not body.strip():
        raise NotificationInputError("The message is empty.", field="body")
    for name, value in headers.items():
        if channel != Channel.EMAIL:
            raise NotificationInputError("Headers can only be set on an email.", field="headers")
        if not _HEADER_NAME.match(name) or any(c in str(value) for c in "\r\n"):
            raise NotificationInputError(f"Header {name[:60]!r} is not a valid email header.", field="headers")
    return to


@dataclass(frozen=True)
class NotificationDraft:
    """One message of a batch send: its channel, recipient and words (organisation, about, actor are the batch's)."""

    channel: str
    to: str
    subject: str
    body: str
    headers: dict[str, str] | None = None
    language: str = "en"  # "en" or "cy": the language the words are in


@dataclass(frozen=True)
class NotificationsQueued:
    """What notifications_send_many recorded: a notification per accepted draft, the reason for each refused one."""

    notifications: list[Notification | None]  # in the drafts' order; None where the draft was refused
    refused: dict[int, NotificationError]  # draft index -> why (names the field, never the recipient)

    @property
    def queued(self) -> list[Notification]:
        """The notifications recorded and queued, in the drafts' order."""
        return [n for n in self.notifications if n is not None]


def notification_send(
    *,
    channel: str,
    to: str,
    subject: str,
    body: str,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    template_key: str = "",
    headers: dict[str, str] | None = None,
    language: str = "en",
) -> Notification:
    """Record a message to one recipient and queue its delivery once the caller's transaction commits.

    `language` ("en" or "cy") is the language the words are in; a letter's printed date follows it."""
    draft = NotificationDraft(channel=channel, to=to, subject=subject, body=body, headers=headers, language=language)
    done = notifications_send_many(
        [draft], organisation=organisation, about=about, actor=actor, template_key=template_key
    )
    if done.refused:
        raise done.refused[0]
    return done.queued[0]


@transaction.atomic
def notifications_send_many(
    drafts: Sequence[NotificationDraft],
    *,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    template_key: str = "",
) -> NotificationsQueued:
    """Record many messages at once and queue their delivery in chunks once the caller's transaction commits.

    Every draft is checked as notification_send checks one. A refused draft is skipped and reported with its reason
    (`refused`); the others are recorded and queued, so one bad address does not hold up a message to thousands.
    Nothing is half-written: the rows, their audit events and the queueing commit or roll back together.
    """
    if organisation is None:
        raise NotificationInputError("A message must belong to an organisation.", field="organisation")
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    about_id = str(about.pk) if about is not None else ""
    created_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    rows: list[Notification] = []
    slots: list[int] = []
    refused: dict[int, NotificationError] = {}
    for index, draft in enumerate(drafts):
        headers = dict(draft.headers or {})
        try:
            recipient = _validate(
                channel=draft.channel, to=draft.to, subject=draft.subject, body=draft.body, headers=headers
            )
        except NotificationError as error:
            refused[index] = error
            continue
        rows.append(
            Notification(
                channel=draft.channel,
                recipient=recipient,
                subject=draft.subject.strip(),
                body=draft.body.strip(),
                language="cy" if draft.language == "cy" else "en",
                template_key=template_key,
                headers=headers,
                organisation=organisation,
                about_type=about_type,
                about_id=about_id,
                created_by=created_by,
                next_attempt_at=now,
            )
        )
        slots.append(index)
    created = Notification.objects.bulk_create(rows) if rows else []
    about_name = about.__class__.__name__ if about is not None else ""
    if len(created) == 1:
        audit_record(
            actor=actor,
            action=NotificationAuditAction.QUEUED,
            target=created[0],
            detail={"channel": created[0].channel, "template": template_key, "about": about_name},
        )
    else:
        for start in range(0, len(created), AUDIT_CHUNK):
            _audit_queued_many(
                created[start : start + AUDIT_CHUNK], actor=actor, about=about, template_key=template_key
            )
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: notifications_enqueue(notification_ids=ids))
    placed: list[Notification | None] = [None] * len(drafts)
    for index, notification in zip(slots, created, strict=True):
        placed[index] = notification
    return NotificationsQueued(notifications=placed, refused=refused)


def _audit_queued_many(
    notifications: list[Notification], *, actor: Any, about: models.Model | None, template_key: str
) -> None:
    """One audit event for many queued messages, naming each by id (never a recipient)."""
    about_name = about.__class__.__name__ if about is not None else ""
    audit_record(
        actor=actor,
        action=NotificationAuditAction.QUEUED_MANY,
        target=about,
        target_type="" if about is not None else "core.notification",
        target_label=f"{len(notifications)} messages" + (f" about {about_name} {about.pk}" if about else ""),
        detail={
            "notifications": [n.pk for n in notifications],
            "count": len(notifications),
            "channels": sorted({n.channel for n in notifications}),
            "template": template_key,
            "about": about_name,
        },
    )


def notification_send_template(
    *,
    key: str,
    context: dict[str, Any],
    channel: str,
    to: str,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    headers: dict[str, str] | None = None,
    language: str = "en",
) -> Notification:
    """Render the template in use for `key` and `channel` with `context`, then send it like notification_send
    (`language`: the language the template is written in)."""
    rendered = message_template_render(key=key, channel=channel, context=context)
    return notification_send(
        channel=channel,
        to=to,
        subject=rendered.subject,
        body=rendered.body,
        organisation=organisation,
        about=about,
        actor=actor,
        template_key=key,
        headers=headers,
        language=language,
    )


@transaction.atomic
def notification_retry(*, actor: Any, notification: Notification) -> Notification:
    """Staff send a failed message again now (the attempt count starts over)."""
    from safer.core.notifications.selectors import notification_visible

    if not notification_visible(actor).filter(pk=notification.pk).exists():
        raise NotificationStateError("No such message that you can see.")
    updated = Notification.objects.filter(
        pk=notification.pk, state__in=[NotificationState.FAILED, NotificationState.PERMANENT_FAILURE]
    ).update(state=NotificationState.QUEUED, attempts=0, next_attempt_at=timezone.now())
    if not updated:
        raise NotificationStateError(
            f"This message is {notification.get_state_display().lower()}; only a failed message can be sent again."
        )
    audit_record(actor=actor, action=NotificationAuditAction.RETRIED, target=notification)
    transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk))
    notification.refresh_from_db()
    return notification


@transaction.atomic
def message_template_update(*, actor: Any, key: str, channel: str, subject: str, body: str) -> Any:
    """Store the partnership's wording for a message (checked against the placeholders the message supplies)."""
    from safer.core.notifications.message_templates import (
        TEMPLATE_DEFAULTS,
        message_template_get,
        template_placeholders_check,
    )
    from safer.core.notifications.models import MessageTemplate

    if not actor.has_capability("notifications.templates"):
        raise NotificationStateError("Only administrators can change message templates.")
    _subject, _body, allowed = message_template_get(key=key, channel=channel)
    if channel in {Channel.EMAIL, Channel.LETTER} and not subject.strip():
        raise NotificationInputError("Enter a subject.", field="subject")
    if not body.strip():
        raise NotificationInputError("Enter the message.", field="body")
    template_placeholders_check(subject=subject, body=body, allowed=allowed)
    default = TEMPLATE_DEFAULTS.get((key, channel))
    template, _created = MessageTemplate.objects.update_or_create(
        key=key,
        channel=channel,
        defaults={
            "subject": subject.strip(),
            "body": body.strip(),
            "placeholders": list(default.placeholders if default else allowed),
            "updated_by": actor,
        },
    )
    audit_record(actor=actor, action=NotificationAuditAction.TEMPLATE_CHANGED, target=template)
    return template


@transaction.atomic
def message_template_reset(*, actor: Any, key: str, channel: str) -> None:
    """Go back to the default wording the app ships (removes the partnership's stored version)."""
    from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS
    from safer.core.notifications.models import MessageTemplate

    if not actor.has_capability("notifications.templates"):
        raise NotificationStateError("Only administrators can change message templates.")
    if (key, channel) not in TEMPLATE_DEFAULTS:
        raise NotificationStateError("This template has no default to go back to.")
    MessageTemplate.objects.filter(key=key, channel=channel).delete()
    audit_record(
        actor=actor,
        action=NotificationAuditAction.TEMPLATE_RESET,
        target_type="core.messagetemplate",
        target_label=f"{key} ({channel})",
    )
