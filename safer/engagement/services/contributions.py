"""Residents' contributions to a consultation: submit (no sign-in) and agree with a published comment."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from safer.engagement.choices import AgeBand, Connection, ConsultationStatus, Feeling, ModerationStatus, Sex
from safer.engagement.errors import ConsultationNotOpenError, EngagementInputError, PointOutsideAreaError
from safer.engagement.grid import cell_of, to_bng
from safer.engagement.models import Consultation, Contribution

MAX_COMMENT = 2000


def consultation_is_open(consultation: Consultation) -> bool:
    """True when residents may contribute today."""
    today = timezone.localdate()
    return consultation.status == ConsultationStatus.OPEN and consultation.opens_on <= today <= consultation.closes_on


def point_in_area(consultation: Consultation, *, latitude: float, longitude: float) -> bool:
    """True when the point lies inside the consultation's area (its bounding box)."""
    c = consultation
    return c.south <= latitude <= c.north and c.west <= longitude <= c.east


def contribution_submit(
    *,
    consultation: Consultation,
    latitude: float,
    longitude: float,
    feeling: int,
    tag_codes: Sequence[str] = (),
    comment: str = "",
    place_label: str = "",
    age_band: str = "",
    sex: str = "",
    connections: Sequence[str] = (),
    language: str = "en",
    synthetic: bool = False,
) -> Contribution:
    """Record one resident's pin and answers (anonymous: no account, no address, no personal details asked)."""
    if not consultation_is_open(consultation):
        raise ConsultationNotOpenError(_("This consultation is not open for comments."))
    if not point_in_area(consultation, latitude=latitude, longitude=longitude):
        raise PointOutsideAreaError(
            _("The place is outside the consultation area. Choose a place inside it."), field="place"
        )
    if feeling not in Feeling.values:
        raise EngagementInputError(_("Choose how safe you feel there."), field="feeling")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise EngagementInputError(_("Your comment must be 2,000 characters or fewer"), field="comment")
    if age_band not in AgeBand.values or sex not in Sex.values or not set(connections) <= set(Connection.values):
        raise EngagementInputError(_("Choose an answer from the list."), field="age_band")
    tags = list(consultation.tags.filter(code__in=list(tag_codes)))
    if len(tags) != len(set(tag_codes)):
        raise EngagementInputError(_("Choose reasons from the list."), field="tags")
    easting, northing = to_bng(longitude, latitude)
    cell_x, cell_y = cell_of(easting, northing)
    with transaction.atomic():
        contribution = Contribution.objects.create(
            consultation=consultation,
            latitude=round(latitude, 6),
            longitude=round(longitude, 6),
            easting=easting,
            northing=northing,
            cell_x=cell_x,
            cell_y=cell_y,
            place_label=place_label[:200],
            feeling=feeling,
            comment=comment,
            # Nothing to moderate without a comment, so it is published at once.
            moderation=ModerationStatus.PENDING if comment else ModerationStatus.PUBLISHED,
            age_band=age_band,
            sex=sex,
            connections=sorted(set(connections)),
            language=language,
            synthetic=synthetic,
        )
        contribution.tags.set(tags)
    return contribution


def contribution_agree(*, contribution: Contribution) -> None:
    """Count one resident agreeing with a published comment (the caller counts each session once)."""
    if not contribution.comment_public or not consultation_is_open(contribution.consultation):
        raise ConsultationNotOpenError(_("You can only agree with published comments on an open consultation."))
    Contribution.objects.filter(pk=contribution.pk).update(agreements=F("agreements") + 1)


def respondent_count(*, consultation: Consultation) -> None:
    """Count one respondent: a browser session that sent its first contribution (the caller checks "first")."""
    Consultation.objects.filter(pk=consultation.pk).update(respondents=F("respondents") + 1)
