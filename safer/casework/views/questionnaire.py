"""Administrators configure the victim risk questionnaire; case workers read past assessments as they were asked."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from safer.casework.errors import CaseworkError
from safer.casework.models import RiskQuestion, RiskQuestionnaireSettings
from safer.casework.questionnaire import questionnaire_current
from safer.casework.questionnaire_forms import RiskQuestionForm, RiskThresholdsForm
from safer.casework.services.questionnaire import (
    risk_question_add,
    risk_question_update,
    risk_questionnaire_customise,
    risk_questionnaire_reset,
    risk_thresholds_update,
)
from safer.casework.views.base import CaseView, form_error, render_form
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin

_HOME = "casework:risk-questionnaire"


class _AdminView(CapabilityRequiredMixin, View):
    capability = "accounts.admin"
    request: AuthedRequest


class RiskQuestionnaireView(_AdminView):
    """The questionnaire in use, where it comes from, and links to change it."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        configured = RiskQuestionnaireSettings.objects.first()
        return render(
            request,
            "casework/risk_questionnaire.html",
            {
                "configured": configured,
                "questionnaire": questionnaire_current(),
                "questions": RiskQuestion.objects.order_by("order", "id") if configured else [],
            },
        )


class RiskQuestionnaireCustomiseView(_AdminView):
    """Copy the questionnaire in use into the service so it can be changed (POST only)."""

    def post(self, request: AuthedRequest) -> HttpResponse:
        risk_questionnaire_customise(actor=request.user)
        messages.success(request, "You can now change the questionnaire")
        return HttpResponseRedirect(reverse(_HOME))


class RiskQuestionnaireResetView(_AdminView):
    """Go back to the default questionnaire (POST only)."""

    def post(self, request: AuthedRequest) -> HttpResponse:
        risk_questionnaire_reset(actor=request.user)
        messages.success(request, "The default questionnaire is in use again")
        return HttpResponseRedirect(reverse(_HOME))


class RiskThresholdsUpdateView(_AdminView):
    """Change the name and the medium and high thresholds."""

    def _page(self, form: RiskThresholdsForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title="Change the risk thresholds",
            intro="A score at or above a threshold sets that risk level. Assessments already made keep theirs.",
            back=reverse(_HOME),
            status=status,
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        row = get_object_or_404(RiskQuestionnaireSettings)
        form = RiskThresholdsForm(
            initial={"name": row.name, "medium_from": row.medium_from, "high_from": row.high_from}
        )
        return self._page(form)

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = RiskThresholdsForm(request.POST)
        if form.is_valid():
            try:
                risk_thresholds_update(actor=request.user, **form.cleaned_data)
            except CaseworkError as error:
                form_error(form, error)
            else:
                messages.success(request, "Risk thresholds changed")
                return HttpResponseRedirect(reverse(_HOME))
        return self._page(form, 400)


class RiskQuestionCreateView(_AdminView):
    """Add a question."""

    def _page(self, form: RiskQuestionForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request, form=form, title="Add a question", back=reverse(_HOME), button="Add question", status=status
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        get_object_or_404(RiskQuestionnaireSettings)
        return self._page(RiskQuestionForm(with_code=True))

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = RiskQuestionForm(request.POST, with_code=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                risk_question_add(
                    actor=request.user,
                    code=data["code"],
                    text=data["text"],
                    hint=data["hint"],
                    weight=data["weight"],
                    order=data["order"],
                )
            except CaseworkError as error:
                form_error(form, error)
            else:
                messages.success(request, f"Question {data['code']} added")
                return HttpResponseRedirect(reverse(_HOME))
        return self._page(form, 400)


class RiskQuestionUpdateView(_AdminView):
    """Change a question's wording, hint, weight or order, or stop asking it."""

    def _page(self, question: RiskQuestion, form: RiskQuestionForm, status: int = 200) -> HttpResponse:
        return render_form(
            self.request,
            form=form,
            title=f"Change question {question.code}",
            intro="Assessments already made keep the question as it was asked.",
            back=reverse(_HOME),
            status=status,
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        question = get_object_or_404(RiskQuestion, pk=pk)
        initial = {
            "text": question.text,
            "hint": question.hint,
            "weight": question.weight,
            "order": question.order,
            "active": question.active,
        }
        return self._page(question, RiskQuestionForm(initial=initial, with_code=False))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        question = get_object_or_404(RiskQuestion, pk=pk)
        form = RiskQuestionForm(request.POST, with_code=False)
        if form.is_valid():
            try:
                risk_question_update(actor=request.user, question=question, **form.cleaned_data)
            except CaseworkError as error:
                form_error(form, error)
            else:
                messages.success(request, f"Question {question.code} changed")
                return HttpResponseRedirect(reverse(_HOME))
        return self._page(question, form, 400)


class RiskAssessmentListView(CaseView):
    """The case's risk assessments, each with the questions and answers as they were asked."""

    edit = False

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        assessments = self.case.risk_assessments.select_related("completed_by", "victim")
        return render(request, "casework/risk_assessments.html", {"case": self.case, "assessments": assessments})
