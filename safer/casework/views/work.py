"""Risk assessment, tasks and notes on a case."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from safer.accounts.models import User
from safer.casework.choices import PartyRole, RiskLevel
from safer.casework.errors import CaseworkError
from safer.casework.forms import NoteForm, RiskAssessmentForm, TaskForm
from safer.casework.models import Case, Person, Task
from safer.casework.questionnaire import questionnaire_current
from safer.casework.selectors import is_owner
from safer.casework.services import note_add, risk_assessment_complete, task_complete, task_create
from safer.casework.views.base import CaseView, form_error, render_form, status_for
from safer.core.typing import AuthedRequest


def _victims(case: Case) -> QuerySet[Person]:
    return Person.objects.filter(case_parties__case=case, case_parties__role=PartyRole.VICTIM).distinct()


class RiskAssessmentView(CaseView):
    """The victim risk assessment questionnaire."""

    owner_only = True

    def _form(self) -> RiskAssessmentForm:
        data = self.request.POST if self.request.method == "POST" else None
        return RiskAssessmentForm(data, questionnaire=questionnaire_current(), victims=_victims(self.case))

    def _page(self, form: RiskAssessmentForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Victim risk assessment",
            case=self.case,
            status=status,
            button="Complete assessment",
            back=reverse("casework:case-detail", args=[self.case.reference]),
            intro="The answers set the risk level and the deadline for first contact: high 24 hours, "
            "medium 3 working days, standard 5 working days (bank holidays excluded).",
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = self._form()
        status = 400
        if form.is_valid():
            try:
                assessment = risk_assessment_complete(
                    actor=request.user,
                    case=self.case,
                    answers=form.answers(),
                    victim=form.cleaned_data["victim"],
                    questionnaire=form.questionnaire,
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, f"Risk assessed as {RiskLevel(assessment.level).label.lower()}")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return self._page(form, status)


def _task_owners(request: AuthedRequest, case: Case) -> QuerySet[User]:
    """Who may own a task: the owner's and sharing organisations' caseworkers (a partner: their own only)."""
    users = User.objects.filter(is_active=True, role__in=["caseworker", "case_manager"]).select_related("organisation")
    if not is_owner(request.user, case):
        return users.filter(organisation=request.user.organisation)
    shared = case.shares.filter(withdrawn_at__isnull=True).values_list("organisation_id", flat=True)
    return users.filter(Q(organisation_id=case.owner_organisation_id) | Q(organisation_id__in=list(shared)))


class TaskCreateView(CaseView):
    """Set a task on the case."""

    def _page(self, form: TaskForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Set a task",
            case=self.case,
            status=status,
            button="Set task",
            back=reverse("casework:case-detail", args=[self.case.reference]),
        )

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return self._page(TaskForm(owners=_task_owners(request, self.case), initial={"owner": request.user.pk}))

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = TaskForm(request.POST, owners=_task_owners(request, self.case))
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                task_create(
                    actor=request.user, case=self.case, title=data["title"], owner=data["owner"], due_on=data["due_on"]
                )
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, "Task set")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return self._page(form, status)


class TaskCompleteView(CaseView):
    """Mark a task done (POST only)."""

    def post(self, request: AuthedRequest, reference: str, task_id: int) -> HttpResponse:
        task = Task.objects.filter(case=self.case, pk=task_id).first()
        if task is None:
            raise Http404
        try:
            task_complete(actor=request.user, task=task)
        except CaseworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Task marked as done")
        target = request.POST.get("next", "")
        if target != "tasks":
            return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return HttpResponseRedirect(reverse("casework:task-list"))


class NoteAddView(CaseView):
    """Add a note to the case."""

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        return render_form(
            request,
            form=NoteForm(),
            title="Add a note",
            case=self.case,
            button="Add note",
            back=reverse("casework:case-detail", args=[reference]),
        )

    def post(self, request: AuthedRequest, reference: str) -> HttpResponse:
        form = NoteForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                note_add(actor=request.user, case=self.case, text=form.cleaned_data["text"])
            except CaseworkError as error:
                form_error(form, error)
                status = status_for(error)
            else:
                messages.success(request, "Note added")
                return HttpResponseRedirect(reverse("casework:case-detail", args=[reference]))
        return render_form(
            request,
            form=form,
            title="Add a note",
            case=self.case,
            button="Add note",
            back=reverse("casework:case-detail", args=[reference]),
            status=status,
        )
