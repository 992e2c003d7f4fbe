"""Staff pages of the case review: applications, the evidence and decision, the review, deadlines, alerts, table."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from safer.casework.case_review import forms_staff as fs
from safer.casework.case_review.access import is_coordinator
from safer.casework.case_review.choices import ApplicationStatus, CaseReviewAuditAction
from safer.casework.case_review.errors import (
    CaseReviewInputError,
    CaseReviewNotFoundError,
    CaseReviewPermissionError,
)
from safer.casework.case_review.evidence import applicant_people, application_check, potential_case_reviews_for_user
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewRecommendation
from safer.casework.case_review.selectors import application_get_for_user, application_list_for_user, deadlines_for_user
from safer.casework.case_review.services import (
    SETTINGS_FIELDS,
    application_decide,
    application_matching_update,
    case_review_settings,
    case_review_settings_update,
)
from safer.casework.case_review.services_review import (
    agency_account_record,
    application_close,
    meeting_record,
    panel_member_add,
    recommendation_add,
    recommendation_complete,
)
from safer.casework.case_review.table import case_review_table, case_review_table_csv
from safer.casework.errors import CaseworkError
from safer.casework.models import Person
from safer.core.notifications.selectors import notifications_about
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class StaffView(CapabilityRequiredMixin, View):
    """Case review staff pages need casereview.view; an application the user may not see is a 404."""

    capability = "casereview.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except CaseReviewNotFoundError:
            raise Http404 from None
        except CaseReviewPermissionError:
            raise PermissionDenied from None


class ApplicationListView(StaffView):
    """Applications the user's organisation coordinates or sits on the panel of."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        form = fs.StatusFilterForm(request.GET or None)
        status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
        applications = application_list_for_user(user=request.user, status=status)
        return _no_store(render(request, "case_review/list.html", {"form": form, "applications": applications}))


class ApplicationDetailView(StaffView):
    """One application: what the applicant said, the evidence for and against, the decision and the review."""

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        application = application_get_for_user(user=request.user, reference=reference)
        coordinator = is_coordinator(request.user, application)
        check = None
        if coordinator and application.status == ApplicationStatus.SUBMITTED:
            check = application_check(application)
            audit_record(
                actor=request.user, action=CaseReviewAuditAction.CHECKED, target=application, detail={"met": check.met}
            )
        context = {
            "application": application,
            "coordinator": coordinator,
            "check": check,
            "people": applicant_people(application) if coordinator else [],
            "panel": application.panel.select_related("organisation", "member"),
            "own_panel": application.panel.filter(organisation=request.user.organisation).first(),
            "meetings": application.meetings.all(),
            "recommendations": application.recommendations.select_related("owner_organisation"),
            "messages_sent": notifications_about(about=application) if coordinator else [],
            "panel_form": fs.PanelForm(),
        }
        return _no_store(render(request, "case_review/detail.html", context))


class ServiceFormView(StaffView):
    """A page with one form that calls one service about an application, then goes back to the application."""

    form_class: type[forms.Form]
    coordinator_only = True
    title = ""
    button = "Save"
    success = "Saved"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def _page(self, application: CaseReviewApplication, form: forms.Form, status: int = 200) -> HttpResponse:
        return _no_store(
            render(
                self.request,
                "casework/form.html",
                {
                    "form": form,
                    "title": self.title,
                    "button": self.button,
                    "case": None,
                    "back": reverse("case_review:detail", args=[application.reference]),
                    "intro": f"Case review {application.reference}",
                },
                status=status,
            )
        )

    def _load(self, reference: str, *, audit: bool) -> CaseReviewApplication:
        application = application_get_for_user(user=self.request.user, reference=reference, audit=audit)
        if self.coordinator_only and not is_coordinator(self.request.user, application):
            raise CaseReviewPermissionError("Only the case review coordinator can do this.")
        return application

    def get(self, request: AuthedRequest, reference: str, **kwargs: Any) -> HttpResponse:
        application = self._load(reference, audit=True)
        return self._page(application, self.form_class())

    def post(self, request: AuthedRequest, reference: str, **kwargs: Any) -> HttpResponse:
        application = self._load(reference, audit=False)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.call(application, form.cleaned_data)
            except (CaseReviewNotFoundError, CaseReviewPermissionError):
                raise
            except CaseworkError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, self.success)
                return HttpResponseRedirect(reverse("case_review:detail", args=[application.reference]))
        return self._page(application, form, status=400)


class MatchingView(ServiceFormView):
    """Tell the check which records are the applicant's and which to leave out."""

    form_class = fs.MatchingForm
    title = "Match the applicant's records"
    success = "Matching saved; the check has been run again"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        ids = []
        for line in data["people"].split():
            try:
                ids.append(uuid.UUID(line.strip()))
            except ValueError:
                raise CaseReviewInputError(f"{line[:40]!r} is not a person id.", field="people") from None
        people = list(Person.objects.filter(public_id__in=ids))
        application_matching_update(
            actor=self.request.user,
            application=application,
            people=people,
            pseudonyms=data["pseudonyms"].split(),
            excluded=data["excluded"],
        )


class DecideView(ServiceFormView):
    """The coordinator's threshold decision."""

    form_class = fs.DecisionForm
    title = "Threshold decision"
    button = "Record the decision and tell the applicant"
    success = "Decision recorded; the applicant is being told"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        application_decide(
            actor=self.request.user, application=application, met=data["met"] == "yes", reasons=data["reasons"]
        )


class PanelAddView(ServiceFormView):
    """Put an agency on the panel."""

    form_class = fs.PanelForm
    title = "Add an agency to the panel"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        panel_member_add(actor=self.request.user, application=application, organisation=data["organisation"])


class AccountView(ServiceFormView):
    """An agency's account of its actions."""

    form_class = fs.AccountForm
    coordinator_only = False
    title = "Your agency's account"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        agency_account_record(actor=self.request.user, application=application, account=data["account"])


class MeetingView(ServiceFormView):
    """Record a review meeting."""

    form_class = fs.MeetingForm
    title = "Record the review meeting"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        meeting_record(actor=self.request.user, application=application, **data)


class RecommendationAddView(ServiceFormView):
    """Add a recommendation."""

    form_class = fs.RecommendationForm
    title = "Add a recommendation"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        recommendation_add(actor=self.request.user, application=application, **data)


class RecommendationCompleteView(ServiceFormView):
    """Mark a recommendation done."""

    form_class = fs.CompleteForm
    coordinator_only = False
    title = "Complete a recommendation"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        recommendation = CaseReviewRecommendation.objects.filter(
            application=application, pk=self.kwargs["recommendation_id"]
        ).first()
        if recommendation is None:
            raise CaseReviewNotFoundError("No such recommendation.")
        recommendation_complete(actor=self.request.user, recommendation=recommendation, note=data["note"])


class CloseView(ServiceFormView):
    """Close the review and tell the applicant the outcome."""

    form_class = fs.CloseForm
    title = "Close the review"
    button = "Close the review and tell the applicant"
    success = "Review closed; the applicant is being told the outcome"

    def call(self, application: CaseReviewApplication, data: dict[str, Any]) -> None:
        application_close(actor=self.request.user, application=application, **data)


class DeadlinesView(StaffView):
    """My case review deadlines, overdue first."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        rows = deadlines_for_user(user=request.user)
        return render(
            request, "case_review/deadlines.html", {"rows": rows, "overdue": sum(1 for r in rows if r.overdue)}
        )


class PotentialView(StaffView):
    """Potential case reviews: incidents this organisation may see already meet the threshold."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        alerts = potential_case_reviews_for_user(request.user)
        audit_record(
            actor=request.user,
            action=CaseReviewAuditAction.ALERTS_VIEWED,
            target_type="casework.casereviewapplication",
            detail={"alerts": len(alerts)},
        )
        return _no_store(render(request, "case_review/potential.html", {"alerts": alerts}))


class LessonsView(StaffView):
    """Lessons learned from closed reviews the user may see."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        closed = application_list_for_user(user=request.user, status=ApplicationStatus.CLOSED).exclude(
            lessons_learned=""
        )
        return render(request, "case_review/lessons.html", {"applications": closed})


class SettingsView(StaffView):
    """The threshold and deadlines (coordinators and administrators)."""

    capability = ""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not (
            user.has_capability("casereview.coordinate") or user.has_capability("accounts.admin")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "casework/form.html",
            {
                "form": form,
                "title": "Case review threshold and deadlines",
                "button": "Save settings",
                "case": None,
                "back": reverse("case_review:list"),
                "intro": "The defaults come from the Home Office guidance and the partnership's documents.",
            },
            status=status,
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        config = case_review_settings()
        return self._page(fs.SettingsForm(initial={name: getattr(config, name) for name in SETTINGS_FIELDS}))

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = fs.SettingsForm(request.POST)
        if form.is_valid():
            try:
                case_review_settings_update(actor=request.user, **form.cleaned_data)
            except CaseworkError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Settings saved")
                return HttpResponseRedirect(reverse("case_review:list"))
        return self._page(form, status=400)


class TableView(CapabilityRequiredMixin, View):
    """The annual publication table (no personal data): HTML, or CSV with ?format=csv."""

    capability = "casework.performance"

    def get(self, request: AuthedRequest) -> HttpResponse:
        try:
            year = int(request.GET.get("year", timezone.localdate().year))
        except ValueError:
            year = timezone.localdate().year
        rows = case_review_table(year=year)
        audit_record(
            actor=request.user,
            action=CaseReviewAuditAction.TABLE_VIEWED,
            target_type="casework.casereviewapplication",
            detail={"year": year},
        )
        if request.GET.get("format") == "csv":
            response = HttpResponse(case_review_table_csv(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="case-reviews-{year}.csv"'
            return response
        this_year = timezone.localdate().year
        return render(
            request,
            "case_review/table.html",
            {"rows": rows, "year": year, "years": range(this_year, this_year - 6, -1)},
        )
