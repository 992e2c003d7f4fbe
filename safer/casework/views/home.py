"""Casework home, case list, my tasks."""

from __future__ import annotations

from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone

from safer.casework.choices import CaseStatus, CaseworkAuditAction
from safer.casework.selectors import (
    CASE_SORTS,
    CaseFilter,
    case_page_for_user,
    case_rows_for_user,
    incident_list_for_user,
    task_list_for_user,
)
from safer.casework.views.base import CaseworkView
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest

_COLUMNS = (
    ("Case", "reference"),
    ("Summary", ""),
    ("Owner", ""),
    ("Officer", "officer"),
    ("Risk", ""),
    ("Stage", ""),
    ("Status", ""),
    ("Next due", "next-due"),
    ("Opened", "opened"),
)


def case_columns(query: QueryDict | None = None, sort: str = "") -> list[dict[str, str]]:
    """Headings of a case table; with the page's query, the sortable ones link to that order (aria-sort on the
    current one: newest first for Opened, A-Z or soonest first for the others)."""
    columns = []
    current = sort or "opened"
    for label, key in _COLUMNS:
        column = {"label": label, "href": "", "sorted": ""}
        if query is not None and key in CASE_SORTS:
            params = query.copy()
            params["sort"] = key
            params.pop("page", None)
            column["href"] = f"?{params.urlencode()}"
            if key == current:
                column["sorted"] = "descending" if key == "opened" else "ascending"
        columns.append(column)
    return columns


class CaseworkHomeView(CaseworkView):
    """My open cases, my tasks and what is overdue."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        today = timezone.localdate()
        my_cases = case_rows_for_user(
            user=request.user, filters=CaseFilter(status=CaseStatus.OPEN, mine=True), limit=20
        )
        tasks = list(task_list_for_user(user=request.user, today=today)[:20])
        overdue = [t for t in tasks if t.due_on < today]
        unlinked = list(incident_list_for_user(user=request.user, unlinked=True)[:10])
        audit_record(
            actor=request.user,
            action=CaseworkAuditAction.CASE_LIST_VIEWED,
            target_type="casework.case",
            detail={"page": "home"},
        )
        return render(
            request,
            "casework/home.html",
            {
                "my_cases": my_cases,
                "tasks": tasks,
                "overdue": overdue,
                "unlinked": unlinked,
                "columns": case_columns(),
                "today": today,
                "now": timezone.now(),
            },
        )


class CaseListView(CaseworkView):
    """All cases the user can see, filterable."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        sort = request.GET.get("sort", "")
        filters = CaseFilter(
            status=status if status in CaseStatus.values else "",
            mine=request.GET.get("mine") == "1",
            q=request.GET.get("q", "").strip()[:50],
            sort=sort if sort in CASE_SORTS else "",
        )
        page = case_page_for_user(user=request.user, filters=filters, number=request.GET.get("page"))
        audit_record(
            actor=request.user,
            action=CaseworkAuditAction.CASE_LIST_VIEWED,
            target_type="casework.case",
            detail={"page": "list", "status": filters.status},
        )
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "casework/case_list.html",
            {
                "page": page,
                "filters": filters,
                "statuses": CaseStatus.choices,
                "query": query.urlencode(),
                "columns": case_columns(request.GET, filters.sort),
                "now": timezone.now(),
            },
        )


class TaskListView(CaseworkView):
    """My open tasks, overdue first."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        today = timezone.localdate()
        tasks = list(task_list_for_user(user=request.user, today=today))
        return render(
            request,
            "casework/task_list.html",
            {"tasks": tasks, "overdue": [t for t in tasks if t.due_on < today], "today": today},
        )
