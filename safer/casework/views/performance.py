"""Partnership performance of casework, with CSV export."""

from __future__ import annotations

import csv
from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from safer.casework.choices import CaseworkAuditAction
from safer.casework.forms import PerformanceFilterForm
from safer.casework.models import Case
from safer.casework.selectors import PerformanceFilter, performance_csv_rows, performance_summary
from safer.casework.views.base import CaseworkView
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest


class PerformanceView(CaseworkView):
    """Cases opened and closed, timeliness, closure within 3 and 6 months, no further ASB, caseload, stages."""

    capability = "casework.performance"

    def get(self, request: AuthedRequest) -> HttpResponse:
        today = timezone.localdate()
        default_start = date(today.year - 1, today.month, 1)
        form = PerformanceFilterForm(request.GET or None, initial={"start": default_start, "end": today})
        valid = not form.is_bound or form.is_valid()
        data = form.cleaned_data if form.is_bound and valid else {}
        filters = PerformanceFilter(
            start=data.get("start") or default_start,
            end=data.get("end") or today,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            team_id=data["team"].pk if data.get("team") else None,
            area=(data.get("area") or "").strip(),
        )
        summary = performance_summary(filters, as_of=today)
        if request.GET.get("format") == "csv" and valid:
            audit_record(
                actor=request.user, action=CaseworkAuditAction.PERFORMANCE_EXPORTED, target_type="casework.performance"
            )
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="casework-performance-{filters.start}-{filters.end}.csv"'
            )
            writer = csv.writer(response)
            writer.writerow(["period", f"{filters.start} to {filters.end}", ""])
            writer.writerows(performance_csv_rows(summary))
            return response
        audit_record(
            actor=request.user, action=CaseworkAuditAction.PERFORMANCE_VIEWED, target_type="casework.performance"
        )
        areas = Case.objects.exclude(area="").values_list("area", flat=True).distinct().order_by("area")
        query = request.GET.copy()
        query["format"] = "csv"
        return render(
            request,
            "casework/performance.html",
            {
                "form": form,
                "filters": filters,
                "summary": summary,
                "areas": list(areas),
                "csv_query": query.urlencode(),
            },
            status=200 if valid else 400,
        )
