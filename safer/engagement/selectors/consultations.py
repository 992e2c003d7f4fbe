"""Consultation reads: staff lists and results (partnership-filtered, audited), and what the public may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from safer.core.services.audit import audit_record
from safer.engagement import crime
from safer.engagement.choices import (
    UNSAFE_FEELINGS,
    ConsultationStatus,
    EngagementAuditAction,
    Feeling,
    ModerationStatus,
)
from safer.engagement.errors import EngagementNotFoundError
from safer.engagement.fear_crime import FearCrimeComparison, fear_crime_compare
from safer.engagement.grid import CELL_METRES, cell_centres, cell_label
from safer.engagement.models import Consultation, ConsultationTag, Contribution
from safer.engagement.services._access import require_capability

PUBLIC_COMMENT_LIMIT = 500
PUBLIC_STATUSES = (ModerationStatus.PUBLISHED, ModerationStatus.REDACTED)


def consultation_list_for_user(*, user: Any) -> QuerySet[Consultation]:
    """The consultations of the user's partnership, with contribution counts."""
    require_capability(user, "engagement.view")
    return Consultation.objects.filter(organisation_id=user.organisation_id).annotate(
        contribution_count=Count("contributions")
    )


def consultation_get_for_user(*, user: Any, pk: int) -> Consultation:
    """One consultation of the user's partnership (another partnership's is "not found")."""
    require_capability(user, "engagement.view")
    found = Consultation.objects.filter(pk=pk, organisation_id=user.organisation_id).first()
    if found is None:
        raise EngagementNotFoundError("No consultation that you can see. Check the link.")
    return found


def consultation_detail_for_user(*, user: Any, pk: int) -> Consultation:
    """One consultation of the user's partnership for its staff page; audited."""
    consultation = consultation_get_for_user(user=user, pk=pk)
    audit_record(actor=user, action=EngagementAuditAction.CONSULTATION_VIEWED, target=consultation)
    return consultation


def consultation_get_public(*, pk: int) -> Consultation:
    """A consultation residents may see (published: open or closed, never a draft)."""
    found = (
        Consultation.objects.filter(pk=pk)
        .exclude(status=ConsultationStatus.DRAFT)
        .select_related("organisation")
        .first()
    )
    if found is None:
        raise EngagementNotFoundError("No such consultation.")
    return found


def consultation_list_public(*, organisation_id: int) -> QuerySet[Consultation]:
    """A partnership's open consultations."""
    return Consultation.objects.filter(organisation_id=organisation_id, status=ConsultationStatus.OPEN)


def published_comments(*, consultation: Consultation, limit: int = PUBLIC_COMMENT_LIMIT) -> list[Contribution]:
    """Comments moderators published, newest first, with their tags (what the public map and list show)."""
    return list(
        consultation.contributions.filter(moderation__in=PUBLIC_STATUSES)
        .exclude(comment="")
        .prefetch_related("tags")
        .order_by("-submitted_at", "-id")[:limit]
    )


@dataclass
class PlaceRow:
    """One grid place of the results: contributions, how many unsafe, the commonest reasons."""

    cell: tuple[int, int]
    label: str
    latitude: float
    longitude: float
    contributions: int
    unsafe: int
    top_tags: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ConsultationResults:
    """What the results page, the exports and the benchmark show."""

    consultation: Consultation
    total: int
    visitors: int
    respondents: int
    by_feeling: list[tuple[int, str, int]]
    by_tag: list[tuple[str, int, int]]  # label, all, unsafe
    places: list[PlaceRow]
    pending: int

    @property
    def completion(self) -> float | None:
        """Share of visitors who sent at least one contribution (the Oxford plan reports both)."""
        return self.respondents / self.visitors if self.visitors else None


def consultation_results(*, user: Any, consultation: Consultation) -> ConsultationResults:
    """Contributions by feeling, by tag and by place (grid cell), with visitors and completion; audited."""
    require_capability(user, "engagement.view")
    if consultation.organisation_id != user.organisation_id:
        raise EngagementNotFoundError("No consultation that you can see. Check the link.")
    audit_record(actor=user, action=EngagementAuditAction.RESULTS_VIEWED, target=consultation)
    return _results(consultation)


def _results(consultation: Consultation) -> ConsultationResults:
    # Everything is counted in the database: a few hundred rows come back, whatever the contributions.
    contributions = Contribution.objects.filter(consultation=consultation)
    feelings = dict(contributions.values_list("feeling").annotate(n=Count("id")).order_by())
    by_feeling = [(value, str(label), feelings.get(value, 0)) for value, label in Feeling.choices]
    pending = contributions.filter(moderation=ModerationStatus.PENDING).count()
    tags = ConsultationTag.objects.filter(consultation=consultation).annotate(
        n=Count("contributions"), unsafe=Count("contributions", filter=Q(contributions__feeling__in=UNSAFE_FEELINGS))
    )
    by_tag = [(tag.label, tag.n, tag.unsafe) for tag in tags]
    labels = {tag.pk: tag.label for tag in tags}
    cells = (
        contributions.values("cell_x", "cell_y")
        .annotate(n=Count("id"), unsafe=Count("id", filter=Q(feeling__in=UNSAFE_FEELINGS)))
        .order_by()
    )
    cell_tags: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    through = (
        Contribution.tags.through.objects.filter(contribution__consultation=consultation)
        .values("contribution__cell_x", "contribution__cell_y", "consultationtag_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in through:
        cell = (row["contribution__cell_x"], row["contribution__cell_y"])
        cell_tags[cell][labels[row["consultationtag_id"]]] = row["n"]
    counted = [((row["cell_x"], row["cell_y"]), row["n"], row["unsafe"]) for row in cells]
    centres = cell_centres([cell for cell, _, _ in counted])
    places = [
        PlaceRow(
            cell, cell_label(cell), *centre, n, unsafe, sorted(cell_tags[cell].items(), key=lambda t: (-t[1], t[0]))[:3]
        )
        for (cell, n, unsafe), centre in zip(counted, centres, strict=True)
    ]
    places.sort(key=lambda p: (-p.unsafe, -p.contributions, p.cell))
    return ConsultationResults(
        consultation=consultation,
        total=sum(feelings.values()),
        visitors=consultation.visitors,
        respondents=consultation.respondents,
        by_feeling=by_feeling,
        by_tag=by_tag,
        places=places,
        pending=pending,
    )


@dataclass
class FearCrimeView:
    """The comparison with what it covered, for the results page."""

    comparison: FearCrimeComparison | None
    month_from: dt.date | None
    month_to: dt.date | None
    crime_cells: dict[tuple[int, int], int]
    places: dict[tuple[int, int], tuple[float, float, str]]


def consultation_fear_crime(*, user: Any, consultation: Consultation) -> FearCrimeView:
    """Residents' unsafe places beside recorded crime for the same area and period (see fear_crime.py)."""
    require_capability(user, "engagement.view")
    if consultation.organisation_id != user.organisation_id:
        raise EngagementNotFoundError("No consultation that you can see. Check the link.")
    box = crime.Bbox(consultation.south, consultation.west, consultation.north, consultation.east)
    recent = crime.crime_cell_counts_recent(bbox=box, not_after=consultation.closes_on, cell_metres=CELL_METRES)
    if recent is None:
        return FearCrimeView(None, None, None, {}, {})
    month_from, latest, crimes = recent
    unsafe = {
        (row["cell_x"], row["cell_y"]): row["n"]
        for row in Contribution.objects.filter(consultation=consultation, feeling__in=UNSAFE_FEELINGS)
        .values("cell_x", "cell_y")
        .annotate(n=Count("id"))
        .order_by()
    }
    comparison = fear_crime_compare(unsafe=unsafe, crimes=crimes)
    listed = [p.cell for p in comparison.fear_without_crime + comparison.crime_without_fear + comparison.both]
    places = {cell: (*centre, cell_label(cell)) for cell, centre in zip(listed, cell_centres(listed), strict=True)}
    return FearCrimeView(comparison, month_from, latest, crimes, places)


def contributions_for_moderation(*, user: Any, consultation: Consultation, status: str) -> QuerySet[Contribution]:
    """Contributions with comments in one moderation state (staff of the partnership; audited)."""
    require_capability(user, "engagement.manage")
    if consultation.organisation_id != user.organisation_id:
        raise EngagementNotFoundError("No consultation that you can see. Check the link.")
    audit_record(
        actor=user, action=EngagementAuditAction.CONTRIBUTIONS_VIEWED, target=consultation, detail={"status": status}
    )
    return (
        consultation.contributions.filter(moderation=status)
        .exclude(comment="")
        .prefetch_related("tags")
        .order_by("submitted_at", "id")
    )


def contribution_get_for_user(*, user: Any, pk: int) -> Contribution:
    """One contribution of the user's partnership, for moderation."""
    require_capability(user, "engagement.manage")
    found = (
        Contribution.objects.select_related("consultation")
        .filter(pk=pk, consultation__organisation_id=user.organisation_id)
        .first()
    )
    if found is None:
        raise EngagementNotFoundError("No contribution that you can see.")
    return found


def consultation_export_rows(*, user: Any, consultation: Consultation) -> list[dict[str, Any]]:
    """Every contribution as a flat row (comments only when published), for CSV and GeoJSON; audited."""
    require_capability(user, "engagement.view")
    if consultation.organisation_id != user.organisation_id:
        raise EngagementNotFoundError("No consultation that you can see. Check the link.")
    audit_record(actor=user, action=EngagementAuditAction.RESULTS_EXPORTED, target=consultation)
    rows = []
    for c in consultation.contributions.prefetch_related("tags").order_by("submitted_at", "id"):
        rows.append(
            {
                "id": c.pk,
                "submitted_at": c.submitted_at.isoformat(timespec="seconds"),
                "latitude": c.latitude,
                "longitude": c.longitude,
                "place": cell_label((c.cell_x, c.cell_y)),
                "feeling": c.feeling,
                "feeling_label": str(Feeling(c.feeling).label),
                "tags": ";".join(t.code for t in c.tags.all()),
                "comment": c.comment if c.comment_public else "",
                "moderation": c.moderation,
                "agreements": c.agreements,
                "age_band": c.age_band,
                "sex": c.sex,
                "connections": ";".join(c.connections),
                "language": c.language,
                "synthetic": "SYNTHETIC" if c.synthetic else "",
            }
        )
    return rows
