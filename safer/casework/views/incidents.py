"""Recording incidents, opening cases from them, and linking them to cases."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safer.casework.choices import CaseworkAuditAction
from safer.casework.errors import CaseworkError
from safer.casework.forms import CaseOpenForm, IncidentForm, LinkIncidentForm
from safer.casework.selectors import incident_get_for_user, incident_list_for_user
from safer.casework.services import case_link_incident, case_open, incident_record, person_create
from safer.casework.views.base import CaseView, CaseworkView, form_error, render_form, status_for
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest


class IncidentCreateView(CaseworkView):
    """Record an incident (address text, and a point on the map if the user clicks one)."""

    capability = "casework.edit"

    def _render(self, request: AuthedRequest, form: IncidentForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "casework/incident_form.html",
            {
                "form": form,
                "tile_url": settings.SAFER_MAP_TILE_URL,
                "tile_attribution": settings.SAFER_MAP_TILE_ATTRIBUTION,
            },
            status=status,
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, IncidentForm())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = IncidentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    reporter = None
                    if data["reporter_first_name"].strip():
                        reporter = person_create(
                            actor=request.user,
                            first_name=data["reporter_first_name"],
                            last_name=data["reporter_last_name"],
                            phone=data["reporter_phone"],
                        )
                    incident = incident_record(
                        actor=request.user,
                        occurred_at=data["occurred_at"],
                        location_text=data["location_text"],
                        latitude=data["latitude"],
                        longitude=data["longitude"],
                        asb_category=data["asb_category"],
                        asb_type=data["asb_type"],
                        description=data["description"],
                        reporting_person=reporter,
                        hate_motivated=data["hate_motivated"],
                        hate_strand=data["hate_strand"],
                        area=data["area"],
                    )
            except CaseworkError as error:
                form_error(form, error)
            else:
                messages.success(request, f"Incident {incident.reference} recorded")
                return HttpResponseRedirect(reverse("casework:incident-detail", args=[incident.reference]))
        return self._render(request, form, status=400)


class IncidentDetailView(CaseworkView):
    """One incident, the cases it is in, and a button to open a case from it."""

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        incident = incident_get_for_user(user=request.user, reference=reference)
        audit_record(actor=request.user, action=CaseworkAuditAction.INCIDENT_VIEWED, target=incident)
        from safer.casework.selectors import visible_cases

        cases = visible_cases(request.user).filter(case_incidents__incident=incident)
        return render(request, "casework/incident_detail.html", {"incident": incident, "cases": cases})


class CaseOpenView(CaseworkView):
    """Open a case from one or more incidents not yet in a case."""

    capability = "casework.edit"

    def _form(self, request: AuthedRequest) -> CaseOpenForm:
        incidents = incident_list_for_user(user=request.user, unlinked=True)
        if request.method == "POST":
            return CaseOpenForm(request.POST, incidents=incidents)
        initial = {"incidents": [request.GET["incident"]]} if request.GET.get("incident") else {}
        return CaseOpenForm(initial=initial, incidents=incidents)

    def _page(self, request: AuthedRequest, form: CaseOpenForm, status: int = 200) -> HttpResponse:
        incidents = form.fields["incidents"]
        assert isinstance(incidents, ModelMultipleChoiceField)
        if not incidents.queryset.exists():  # type: ignore[union-attr]
            return render(request, "casework/case_open_none.html", status=status)
        return render_form(
            request,
            form=form,
            title="Open a case",
            button="Open case",
            status=status,
            back=reverse("casework:home"),
            intro="Choose the incidents the case is about (one or more). You can link more later.",
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._page(request, self._form(request))

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request)
        status = 400
        if form.is_valid():
            try:
                case = case_open(
                    actor=request.user,
                    incidents=list(form.cleaned_data["incidents"]),
                    summary=form.cleaned_data["summary"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"Case {case.reference} opened")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[case.reference]))
        return self._page(request, form, status)


class CaseLinkIncidentView(CaseView):
    """Link a further incident to the case."""

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return render_form(
            request,
            form=LinkIncidentForm(),
            title="Link an incident",
            case=self.case,
            button="Link incident",
            back=reverse("casework:case-detail", args=[reference]),
        )

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = LinkIncidentForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                incident = incident_get_for_user(user=request.user, reference=form.cleaned_data["reference"].strip())
                case_link_incident(actor=request.user, case=self.case, incident=incident)
            except CaseworkError as error:
                form.add_error("reference", error.message)
                status = status_for(error)
            else:
                messages.success(request, f"Incident {incident.reference} linked")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return render_form(
            request,
            form=form,
            title="Link an incident",
            case=self.case,
            button="Link incident",
            back=reverse("casework:case-detail", args=[reference]),
            status=status,
        )
