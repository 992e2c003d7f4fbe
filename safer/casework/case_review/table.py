"""The annual publication table (Home Office guidance asks partnerships to publish these figures each year).

A year is a calendar year of the date the application was received. Per agency: reviews carried out with the agency
on the panel, and reviews with a recommendation the agency owns. Feeds the page, the CSV and `safer case-review-table`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, F, OuterRef, Q

from safer.casework.case_review.choices import ApplicationStatus
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewPanelMember, CaseReviewRecommendation

COLUMNS = (
    "year",
    "agency",
    "applications_received",
    "threshold_not_met",
    "reviews_carried_out",
    "reviews_with_recommendations",
)
ALL_AGENCIES = "All agencies"


@dataclass(frozen=True)
class TableRow:
    """One row of the published table."""

    year: int
    agency: str
    applications_received: int | None
    threshold_not_met: int | None
    reviews_carried_out: int
    reviews_with_recommendations: int


def case_review_table(*, year: int) -> list[TableRow]:
    """The figures for one year: the partnership first, then each agency that sat on a panel."""
    received = CaseReviewApplication.objects.filter(received_at__year=year)
    reviews = received.filter(status=ApplicationStatus.CLOSED, threshold_met=True)
    has_recommendation = CaseReviewRecommendation.objects.filter(application=OuterRef("pk"))
    rows = [
        TableRow(
            year=year,
            agency=ALL_AGENCIES,
            applications_received=received.count(),
            threshold_not_met=received.filter(threshold_met=False).count(),
            reviews_carried_out=reviews.count(),
            reviews_with_recommendations=reviews.filter(Exists(has_recommendation)).count(),
        )
    ]
    per_agency = (
        CaseReviewPanelMember.objects.filter(application__in=reviews)
        .values("organisation__name")
        .annotate(
            carried_out=Count("application", distinct=True),
            with_recs=Count(
                "application",
                filter=Q(application__recommendations__owner_organisation=F("organisation")),
                distinct=True,
            ),
        )
        .order_by("organisation__name")
    )
    for entry in per_agency:
        rows.append(
            TableRow(
                year=year,
                agency=entry["organisation__name"],
                applications_received=None,
                threshold_not_met=None,
                reviews_carried_out=entry["carried_out"],
                reviews_with_recommendations=entry["with_recs"],
            )
        )
    return rows


def case_review_table_csv(rows: list[TableRow]) -> str:
    """The table as CSV (blank where a figure is for the partnership only)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in asdict(row).items()})
    return buffer.getvalue()
