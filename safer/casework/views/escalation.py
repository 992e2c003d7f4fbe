"""Escalating up the ladder, breaches, and letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safer.casework.choices import CaseworkAuditAction, LetterStatus, PartyRole
from safer.casework.errors import CaseworkError
from safer.casework.forms import BreachForm, EscalateForm
from safer.casework.ladder import ENFORCEMENT_FROM_STAGE, Stage, ladder_stages
from safer.casework.models import Intervention, Letter, Person
from safer.casework.services import breach_record, case_escalate, escalation_check, letter_generate
from safer.casework.views.base import CaseView, form_error, render_form, status_for
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest


class CaseEscalateView(CaseView):
    """Record an intervention at a stage of the ladder (a skipped stage needs a reason)."""

    owner_only = True

    def _form(self) -> EscalateForm:
        perpetrators = Person.objects.filter(
            case_parties__case=self.case, case_parties__role=PartyRole.PERPETRATOR
        ).distinct()
        if self.request.method == "POST":
            return EscalateForm(self.request.POST, perpetrators=perpetrators)
        # Nothing is chosen for the user: the stage and the date are always a deliberate choice.
        return EscalateForm(perpetrators=perpetrators, initial={"version": self.case.version})

    def _page(self, form: EscalateForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Record an intervention",
            case=self.case,
            status=status,
            button="Record intervention",
            template="casework/escalate.html",
            back=reverse("casework:case-detail", args=[self.case.reference]),
            extra={"ladder": ladder_stages(), "enforcement_from": ENFORCEMENT_FROM_STAGE},
        )

    def _confirm(self, form: EscalateForm, stage: Stage) -> HttpResponse:
        """Check before an enforcement step is recorded: what will be recorded, confirm or change."""
        carried = [
            (name, value)
            for name, values in self.request.POST.lists()
            if name not in {"csrfmiddlewaretoken", "confirm_enforcement", "change"}
            for value in values
        ]
        return render(
            self.request,
            "casework/escalate_confirm.html",
            {
                "case": self.case,
                "stage": stage,
                "data": form.cleaned_data,
                "carried": carried,
                "back": reverse("casework:case-escalate", args=[self.case.reference]),
            },
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = self._form()
        status = 400
        if form.is_valid() and "change" in request.POST:
            return self._page(form)  # back from the confirmation page to change the answers
        if form.is_valid():
            data = form.cleaned_data
            # Only the confirmation page's button sends this; the form itself never carries it.
            confirmed = request.POST.get("confirm_enforcement") == "on"
            try:
                stage = escalation_check(
                    case=self.case,
                    stage=data["stage"],
                    occurred_on=data["occurred_on"],
                    person=data["person"],
                    skipped_reason=data["skipped_reason"],
                )
                if stage.is_enforcement and not confirmed:
                    return self._confirm(form, stage)
                case_escalate(
                    actor=request.user,
                    case=self.case,
                    version=data["version"],
                    stage=data["stage"],
                    action=data["action"],
                    occurred_on=data["occurred_on"],
                    person=data["person"],
                    skipped_reason=data["skipped_reason"],
                    notes=data["notes"],
                    confirm_enforcement=confirmed,
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(
                    request, f"Stage {data['stage']} intervention recorded. You can now produce the letter."
                )
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]) + "#ladder")
        return self._page(form, status)


class BreachRecordView(CaseView):
    """Record a breach."""

    owner_only = True

    def _form(self) -> BreachForm:
        data = self.request.POST if self.request.method == "POST" else None
        return BreachForm(data, interventions=Intervention.objects.filter(case=self.case))

    def _page(self, form: BreachForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Record a breach",
            case=self.case,
            status=status,
            button="Record breach",
            back=reverse("casework:case-detail", args=[self.case.reference]),
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = self._form()
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                breach_record(
                    actor=request.user,
                    case=self.case,
                    occurred_on=data["occurred_on"],
                    description=data["description"],
                    intervention=data["intervention"],
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, "Breach recorded")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]) + "#ladder")
        return self._page(form, status)


class LetterGenerateView(CaseView):
    """Produce the letter for an intervention (POST; made in the background)."""

    owner_only = True

    def post(self, request: AuthedRequest, reference: str, intervention_id: int) -> HttpResponse:
        intervention = Intervention.objects.filter(case=self.case, pk=intervention_id).first()
        if intervention is None:
            raise Http404
        try:
            letter_generate(actor=request.user, case=self.case, intervention=intervention)
        except CaseworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The letter is being produced. Refresh the page in a moment to download it.")
        return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]) + "#letters")


class LetterDownloadView(CaseView):
    """Download a letter as DOCX or PDF (audited)."""

    edit = False

    def get(self, request: AuthedRequest, reference: str, letter_id: str, fmt: str) -> FileResponse:
        if fmt not in {"docx", "pdf"}:
            raise Http404
        letter = Letter.objects.filter(case=self.case, public_id=letter_id, status=LetterStatus.READY).first()
        if letter is None:
            raise Http404
        file = letter.pdf_file if fmt == "pdf" else letter.docx_file
        if not file:
            raise Http404
        audit_record(
            actor=request.user,
            action=CaseworkAuditAction.LETTER_DOWNLOADED,
            target=self.case,
            detail={"letter": str(letter.public_id), "format": fmt},
        )
        content_type = (
            "application/pdf"
            if fmt == "pdf"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response = FileResponse(
            file.open("rb"),
            content_type=content_type,
            as_attachment=True,
            filename=f"{self.case.reference}-{letter.template}.{fmt}",
        )
        response["Cache-Control"] = "no-store"
        return response
