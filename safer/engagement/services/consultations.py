"""Consultation services: create, publish, close, and count visitors; moderation of contributions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.text import slugify

from safer.core.services.audit import audit_record
from safer.engagement import crime
from safer.engagement.choices import (
    DEFAULT_TAGS,
    AreaKind,
    ConsultationStatus,
    EngagementAuditAction,
    ModerationReason,
    ModerationStatus,
)
from safer.engagement.errors import ConsultationStateError, EngagementInputError
from safer.engagement.models import Consultation, ConsultationTag, Contribution, ModerationDecision
from safer.engagement.services._access import require_capability, require_same_partnership


def consultation_create(
    *,
    actor: Any,
    title: str,
    area_kind: str,
    area_name: str = "",
    custom_area_id: int | None = None,
    opens_on: dt.date,
    closes_on: dt.date,
    privacy_notice: str,
    introduction: str = "",
    ask_demographics: bool = True,
    title_cy: str = "",
    introduction_cy: str = "",
    privacy_notice_cy: str = "",
    extra_tags: Sequence[str] = (),
) -> Consultation:
    """Create a draft consultation over a district or custom area, with the default "why" tags and any extra."""
    require_capability(actor, "engagement.manage")
    if closes_on < opens_on:
        raise EngagementInputError(
            f"The closing date ({closes_on:%d %m %Y}) is before the opening date. Enter a later closing date.",
            field="closes_on",
        )
    if area_kind == AreaKind.DISTRICT:
        box = crime.district_bbox(area_name)
        if box is None:
            raise EngagementInputError(
                f"No police.uk records for the district {area_name!r} in the warehouse, so its area is unknown. "
                "Import the district's police.uk data first, or choose a custom area.",
                field="area_name",
            )
        custom_area_id = None
    elif area_kind == AreaKind.CUSTOM:
        found = crime.custom_area(custom_area_id) if custom_area_id is not None else None
        if found is None:
            raise EngagementInputError("Choose a custom area that exists.", field="custom_area_id")
        area_name, box = found
    else:
        raise EngagementInputError(f"Unknown area kind {area_kind!r}: choose a district or a custom area.")
    with transaction.atomic():
        consultation = Consultation.objects.create(
            organisation=actor.organisation,
            title=title.strip(),
            title_cy=title_cy.strip(),
            introduction=introduction,
            introduction_cy=introduction_cy,
            area_kind=area_kind,
            area_name=area_name,
            custom_area_id=custom_area_id,
            south=box.south,
            west=box.west,
            north=box.north,
            east=box.east,
            opens_on=opens_on,
            closes_on=closes_on,
            privacy_notice=privacy_notice,
            privacy_notice_cy=privacy_notice_cy,
            ask_demographics=ask_demographics,
        )
        for position, (code, label) in enumerate(DEFAULT_TAGS):
            with translation.override("en-gb"):
                english = str(label)
            with translation.override("cy"):
                welsh = str(label)
            ConsultationTag.objects.create(
                consultation=consultation, code=code, label=english, label_cy=welsh, position=position
            )
        for extra in extra_tags:
            _tag_add(consultation, label=extra)
        audit_record(actor=actor, action=EngagementAuditAction.CONSULTATION_CREATED, target=consultation)
    return consultation


def _tag_add(consultation: Consultation, *, label: str, label_cy: str = "") -> ConsultationTag:
    label = " ".join(label.split())
    if not label:
        raise EngagementInputError("Enter the tag's wording.", field="label")
    code = slugify(label)[:50] or "tag"
    if consultation.tags.filter(code=code).exists():
        raise EngagementInputError(f"The consultation already has a tag {label!r}.", field="label")
    position = (consultation.tags.aggregate(m=Max("position"))["m"] or 0) + 1
    return ConsultationTag.objects.create(
        consultation=consultation, code=code, label=label, label_cy=label_cy.strip(), position=position
    )


def consultation_tag_add(*, actor: Any, consultation: Consultation, label: str, label_cy: str = "") -> ConsultationTag:
    """Add the partnership's own "why" tag to a consultation that has not opened yet."""
    require_capability(actor, "engagement.manage")
    require_same_partnership(actor, consultation.organisation_id, what="consultation")
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationStateError("Tags can only be added while the consultation is a draft.")
    tag = _tag_add(consultation, label=label, label_cy=label_cy)
    audit_record(
        actor=actor, action=EngagementAuditAction.CONSULTATION_UPDATED, target=consultation, detail={"tag": tag.code}
    )
    return tag


def consultation_publish(*, actor: Any, consultation: Consultation) -> Consultation:
    """Open a draft consultation to residents."""
    require_capability(actor, "engagement.manage")
    require_same_partnership(actor, consultation.organisation_id, what="consultation")
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationStateError(f"The consultation is {consultation.get_status_display().lower()}, not a draft.")
    if consultation.closes_on < timezone.localdate():
        raise ConsultationStateError("The closing date has passed. Change the dates before publishing.")
    consultation.status = ConsultationStatus.OPEN
    consultation.save(update_fields=["status"])
    audit_record(actor=actor, action=EngagementAuditAction.CONSULTATION_PUBLISHED, target=consultation)
    return consultation


def consultation_close(*, actor: Any, consultation: Consultation) -> Consultation:
    """Stop taking contributions (results stay available)."""
    require_capability(actor, "engagement.manage")
    require_same_partnership(actor, consultation.organisation_id, what="consultation")
    if consultation.status != ConsultationStatus.OPEN:
        raise ConsultationStateError("Only an open consultation can be closed.")
    consultation.status = ConsultationStatus.CLOSED
    consultation.save(update_fields=["status"])
    audit_record(actor=actor, action=EngagementAuditAction.CONSULTATION_CLOSED, target=consultation)
    return consultation


def consultation_visit(*, consultation: Consultation) -> None:
    """Count one visitor (the caller counts each browser session once)."""
    Consultation.objects.filter(pk=consultation.pk).update(visitors=F("visitors") + 1)


def contribution_moderate(
    *,
    actor: Any,
    contribution: Contribution,
    outcome: str,
    reason: str,
    note: str = "",
    redacted_comment: str = "",
) -> Contribution:
    """Publish, publish with personal data removed, or remove a contribution's comment, recording why."""
    require_capability(actor, "engagement.manage")
    require_same_partnership(actor, contribution.consultation.organisation_id, what="contribution")
    if outcome not in ModerationStatus.values or outcome == ModerationStatus.PENDING:
        raise EngagementInputError("Choose publish, publish with personal data removed, or remove.", field="outcome")
    if reason not in ModerationReason.values:
        raise EngagementInputError("Choose the reason for the decision.", field="reason")
    if reason == ModerationReason.OTHER and not note.strip():
        raise EngagementInputError("Explain the reason in the note.", field="note")
    fields = ["moderation"]
    if outcome == ModerationStatus.REDACTED:
        redacted_comment = redacted_comment.strip()
        if not redacted_comment or redacted_comment == contribution.comment.strip():
            raise EngagementInputError(
                "Edit the comment to take out the personal data before publishing it.", field="redacted_comment"
            )
        # The original is not kept: removing personal data means it is gone.
        contribution.comment = redacted_comment
        fields.append("comment")
    with transaction.atomic():
        contribution.moderation = outcome
        contribution.save(update_fields=fields)
        ModerationDecision.objects.create(
            contribution=contribution, outcome=outcome, reason=reason, note=note.strip(), decided_by=actor
        )
        audit_record(
            actor=actor,
            action=EngagementAuditAction.CONTRIBUTION_MODERATED,
            target=contribution,
            detail={"outcome": outcome, "reason": reason},
        )
    return contribution
