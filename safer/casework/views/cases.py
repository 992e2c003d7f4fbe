"""The case page, its timeline, and changing, closing and reopening a case."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safer.casework.errors import CaseworkError
from safer.casework.forms import CaseUpdateForm, CloseForm, ReopenForm
from safer.casework.ladder import ladder_stages
from safer.casework.selectors import case_detail, case_officer_choices, case_timeline, is_owner
from safer.casework.services import case_close, case_reopen, case_update
from safer.casework.views.base import CaseView, form_error, render_form, status_for
from safer.core.typing import AuthedRequest


class CaseDetailView(CaseView):
    """The case: task list of what to do, summary, people, incidents, ladder, tasks, notes, sharing."""

    edit = False

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        detail = case_detail(case=self.case)
        owner = is_owner(request.user, self.case)
        has_victim = any(p.role == "victim" for p in detail["parties"])
        # What to do: (task, done, the page doing it as a path below the case's address, whether the user may).
        checklist = [
            ("Record the people in the case", bool(detail["parties"]), "people/add/", owner),
            (
                "Complete the victim risk assessment",
                bool(detail["risk_assessments"]),
                "risk/",
                owner,
            ),
            (
                "Make first contact with the victim",
                self.case.first_contact_at is not None,
                "edit/",
                owner,
            ),
            ("Plan actions and tasks", bool(detail["tasks"]), "tasks/new/", True),
        ]
        return render(
            request,
            "casework/case_detail.html",
            {
                "case": self.case,
                "owner": owner,
                "checklist": checklist,
                "has_victim": has_victim,
                "ladder": ladder_stages(),
                "now": timezone.now(),
                "today": timezone.localdate(),
                **detail,
            },
        )


class CaseTimelineView(CaseView):
    """Everything that happened on the case, newest first."""

    edit = False

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return render(
            request, "casework/case_timeline.html", {"case": self.case, "entries": case_timeline(case=self.case)}
        )


class CaseUpdateView(CaseView):
    """Change summary, officer, area and first contact (refused if someone else saved meanwhile)."""

    owner_only = True

    def _page(self, form: CaseUpdateForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Change case details",
            case=self.case,
            status=status,
            back=reverse("casework:case-detail", args=[self.case.reference]),
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = CaseUpdateForm(
            officers=case_officer_choices(case=self.case),
            initial={
                "version": self.case.version,
                "summary": self.case.summary,
                "officer": self.case.officer_id,
                "area": self.case.area,
                "first_contact_at": timezone.localtime(self.case.first_contact_at)
                if self.case.first_contact_at
                else None,
            },
        )
        return self._page(form)

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = CaseUpdateForm(request.POST, officers=case_officer_choices(case=self.case))
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                case_update(
                    actor=request.user,
                    case=self.case,
                    version=data["version"],
                    summary=data["summary"],
                    officer=data["officer"],
                    area=data["area"],
                    first_contact_at=data["first_contact_at"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, "Case details saved")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return self._page(form, status)


class CaseCloseView(CaseView):
    """Close the case with an outcome."""

    owner_only = True

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return render_form(
            request,
            form=CloseForm(initial={"version": self.case.version}),
            title="Close the case",
            case=self.case,
            button="Close case",
            back=reverse("casework:case-detail", args=[reference]),
        )

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = CloseForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                case_close(
                    actor=request.user,
                    case=self.case,
                    version=form.cleaned_data["version"],
                    outcome=form.cleaned_data["outcome"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"Case {reference} closed")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return render_form(
            request,
            form=form,
            title="Close the case",
            case=self.case,
            button="Close case",
            back=reverse("casework:case-detail", args=[reference]),
            status=status,
        )


class CaseReopenView(CaseView):
    """Reopen a closed case."""

    owner_only = True

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return render_form(
            request,
            form=ReopenForm(initial={"version": self.case.version}),
            title="Reopen the case",
            case=self.case,
            button="Reopen case",
            back=reverse("casework:case-detail", args=[reference]),
        )

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = ReopenForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                case_reopen(
                    actor=request.user,
                    case=self.case,
                    version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"Case {reference} reopened")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return render_form(
            request,
            form=form,
            title="Reopen the case",
            case=self.case,
            button="Reopen case",
            back=reverse("casework:case-detail", args=[reference]),
            status=status,
        )
