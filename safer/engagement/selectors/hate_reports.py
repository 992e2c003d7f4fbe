"""Hate report reads: the partnership's reports and referrals (audited), overdue referrals, statistics."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from safer.core.services.audit import audit_record
from safer.engagement import crime
from safer.engagement.choices import (
    EXTRACT_STRANDS,
    OPEN_REFERRAL_STATUSES,
    EngagementAuditAction,
    HateStrand,
)
from safer.engagement.errors import EngagementNotFoundError
from safer.engagement.models import HateReport, PartnerAgency, Referral, RoutingRule
from safer.engagement.services._access import require_capability


def hate_report_list_for_user(*, user: Any, status: str = "") -> QuerySet[HateReport]:
    """The partnership's hate reports (never another partnership's), newest first; audited."""
    require_capability(user, "engagement.hate")
    reports = HateReport.objects.filter(organisation_id=user.organisation_id).prefetch_related(
        Prefetch("referrals", queryset=Referral.objects.select_related("partner"))
    )
    if status:
        reports = reports.filter(status=status)
    audit_record(actor=user, action=EngagementAuditAction.HATE_REPORT_LIST_VIEWED, target_type="engagement.hatereport")
    return reports


def hate_report_get_for_user(*, user: Any, reference: str) -> HateReport:
    """One hate report of the user's partnership by reference; audited."""
    require_capability(user, "engagement.hate")
    report = HateReport.objects.filter(organisation_id=user.organisation_id, reference=reference).first()
    if report is None:
        raise EngagementNotFoundError("No hate report with that reference that you can see.")
    audit_record(actor=user, action=EngagementAuditAction.HATE_REPORT_VIEWED, target=report)
    return report


def referral_get_for_user(*, user: Any, pk: int) -> Referral:
    """One referral of the user's partnership."""
    require_capability(user, "engagement.hate")
    found = (
        Referral.objects.select_related("report", "partner")
        .filter(pk=pk, report__organisation_id=user.organisation_id)
        .first()
    )
    if found is None:
        raise EngagementNotFoundError("No referral that you can see.")
    return found


def referrals_overdue(*, user: Any, today: dt.date | None = None) -> QuerySet[Referral]:
    """Open referrals past their due date (the overdue warnings)."""
    require_capability(user, "engagement.hate")
    today = today or timezone.localdate()
    return Referral.objects.filter(
        report__organisation_id=user.organisation_id, status__in=OPEN_REFERRAL_STATUSES, due_on__lt=today
    ).select_related("report", "partner")


def partner_list_for_user(*, user: Any) -> QuerySet[PartnerAgency]:
    """The partnership's partner agencies."""
    require_capability(user, "engagement.hate")
    return PartnerAgency.objects.filter(organisation_id=user.organisation_id)


def rule_list_for_user(*, user: Any) -> QuerySet[RoutingRule]:
    """The partnership's routing rules."""
    require_capability(user, "engagement.hate")
    return RoutingRule.objects.filter(organisation_id=user.organisation_id).select_related("partner")


@dataclass
class HateStatistics:
    """Reports by strand, month, area and route, beside police-recorded hate crime for the same months."""

    month_from: dt.date
    month_to: dt.date
    reports: int
    by_strand: list[tuple[str, int, int | None]]  # label, our reports, police-recorded (None: no counterpart)
    by_month: list[tuple[dt.date, int, int]]  # month, our reports, police-recorded records
    by_area: list[tuple[str, int]]
    by_route: list[tuple[str, int]]
    district: str
    police_records: int


def _months(month_from: dt.date, month_to: dt.date) -> list[dt.date]:
    months, m = [], month_from.replace(day=1)
    while m <= month_to:
        months.append(m)
        m = (m + dt.timedelta(days=32)).replace(day=1)
    return months


def hate_statistics(*, user: Any, month_from: dt.date, month_to: dt.date, district: str) -> HateStatistics:
    """Counts of the partnership's reports (by the month it happened) and police-recorded hate crime; audited.

    A report naming several strands counts once under each strand; its total counts it once. No personal data.
    """
    require_capability(user, "engagement.view")
    month_from, month_to = month_from.replace(day=1), month_to.replace(day=1)
    end = (month_to + dt.timedelta(days=32)).replace(day=1)
    reports = list(
        HateReport.objects.filter(
            organisation_id=user.organisation_id, occurred_on__gte=month_from, occurred_on__lt=end
        ).values("pk", "occurred_on", "strands", "area_name")
    )
    strand_counts: Counter[str] = Counter(s for r in reports for s in r["strands"])
    month_counts: Counter[dt.date] = Counter(r["occurred_on"].replace(day=1) for r in reports)
    area_counts: Counter[str] = Counter(r["area_name"] or "Not known" for r in reports)
    routes = (
        Referral.objects.filter(report__pk__in=[r["pk"] for r in reports])
        .values_list("partner__name")
        .annotate(n=Count("id"))
        .order_by("partner__name")
    )
    police_by_strand: Counter[str] = Counter()
    police_by_month: Counter[dt.date] = Counter()
    police_records = 0
    if district:
        for row in crime.hate_crime_counts(district=district, month_from=month_from, month_to=month_to):
            ours = EXTRACT_STRANDS.get(row["strand"])
            if ours:
                police_by_strand[ours] += row["n"]
        police_by_month.update(
            crime.hate_crime_records_by_month(district=district, month_from=month_from, month_to=month_to)
        )
        police_records = sum(police_by_month.values())
    audit_record(
        actor=user,
        action=EngagementAuditAction.HATE_STATISTICS_VIEWED,
        target_type="engagement.hatereport",
        detail={"from": month_from.isoformat(), "to": month_to.isoformat()},
    )
    return HateStatistics(
        month_from=month_from,
        month_to=month_to,
        reports=len(reports),
        by_strand=[
            (
                str(label),
                strand_counts.get(value, 0),
                police_by_strand.get(value, 0) if value in EXTRACT_STRANDS.values() else None,
            )
            for value, label in HateStrand.choices
        ],
        by_month=[(m, month_counts.get(m, 0), police_by_month.get(m, 0)) for m in _months(month_from, month_to)],
        by_area=sorted(area_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        by_route=[(name, n) for name, n in routes],
        district=district,
        police_records=police_records,
    )
