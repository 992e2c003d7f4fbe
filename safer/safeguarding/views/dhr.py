"""Domestic Homicide Review pages: dashboard and list, notification, a review, its steps, lessons, annual table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safer.core.typing import AuthedRequest
from safer.safeguarding import forms as f
from safer.safeguarding.models import Review
from safer.safeguarding.selectors import dhr as sel
from safer.safeguarding.selectors.access import review_get_for_user
from safer.safeguarding.services import dhr as svc
from safer.safeguarding.views.base import SafeguardingView, ServiceFormView


class DhrView(SafeguardingView):
    """DHR pages need safeguarding.dhr.view."""

    capability = "safeguarding.dhr.view"


class ReviewListView(DhrView):
    """Reviews by stage (the dashboard) and the list with deadlines."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        statuses = sel.review_list_for_user(request.user, today=timezone.localdate())
        return render(
            request,
            "safeguarding/dhr_list.html",
            {
                "statuses": statuses,
                "stages": sel.reviews_by_stage(statuses),
                "can_manage": request.user.has_capability("safeguarding.dhr.manage"),
            },
        )


class ReviewNotifyView(ServiceFormView):
    """Record a notification."""

    capability = "safeguarding.dhr.manage"
    form_class = f.NotifyForm
    title = "Record a notification"
    intro = "Use a pseudonym for the person who died (for example Adult A); never their name."

    def context(self) -> dict[str, Any]:
        return {"back": reverse("safeguarding:dhr-list")}

    def perform(self, data: dict[str, Any]) -> str:
        review = svc.review_notify(actor=self.request.user, **data)
        return reverse("safeguarding:dhr-detail", args=[review.reference])


class ReviewDetailView(DhrView):
    """One review: stage, deadline, panel, management reviews, drafts, QA, action plan, lessons."""

    def get(self, request: AuthedRequest, reference: str) -> HttpResponse:
        status = sel.review_detail_for_user(request.user, reference=reference, today=timezone.localdate())
        review = status.review
        can_edit = request.user.has_capability("safeguarding.dhr.manage") and (
            review.owner_organisation_id == request.user.organisation_id
        )
        return render(
            request,
            "safeguarding/dhr_detail.html",
            {"s": status, "review": review, "can_edit": can_edit, "steps": STEPS, "today": timezone.localdate()},
        )


@dataclass(frozen=True)
class Step:
    """One thing recorded on a review: its form and the service it calls."""

    title: str
    form: type[forms.Form]
    call: Callable[[Any, Review, dict[str, Any]], object]
    needs_review_in_form: bool = False


STEPS: dict[str, Step] = {
    "decide": Step("Record the decision", f.DecideForm, lambda a, r, d: svc.review_decide(actor=a, review=r, **d)),
    "chair": Step(
        "Record the independent chair", f.ChairForm, lambda a, r, d: svc.review_appoint_chair(actor=a, review=r, **d)
    ),
    "panel": Step("Add a panel member", f.PanelForm, lambda a, r, d: svc.review_panel_add(actor=a, review=r, **d)),
    "imr": Step(
        "Request a management review", f.ImrRequestForm, lambda a, r, d: svc.review_imr_request(actor=a, review=r, **d)
    ),
    "imr-received": Step(
        "Record a management review received",
        f.ImrReceivedForm,
        lambda a, r, d: svc.review_imr_receive(actor=a, imr=d["imr"], received_on=d["received_on"]),
        needs_review_in_form=True,
    ),
    "draft": Step("Record a draft report", f.DraftForm, lambda a, r, d: svc.review_draft_add(actor=a, review=r, **d)),
    "submit": Step(
        "Record submission to the Home Office",
        f.DatedForm,
        lambda a, r, d: svc.review_submit(actor=a, review=r, submitted_on=d["on"]),
    ),
    "feedback": Step(
        "Record Quality Assurance Panel feedback",
        f.FeedbackForm,
        lambda a, r, d: svc.review_qap_feedback(actor=a, review=r, **d),
    ),
    "publish": Step(
        "Record publication", f.DatedForm, lambda a, r, d: svc.review_publish(actor=a, review=r, published_on=d["on"])
    ),
    "action": Step(
        "Add to the action plan", f.ReviewActionForm, lambda a, r, d: svc.review_action_add(actor=a, review=r, **d)
    ),
    "action-update": Step(
        "Record progress on an action",
        f.ReviewActionUpdateForm,
        lambda a, r, d: svc.review_action_update(
            actor=a, action=d["action"], status=d["status"], progress=d["progress"]
        ),
        needs_review_in_form=True,
    ),
    "lesson": Step(
        "Add a lesson or recommendation", f.LessonForm, lambda a, r, d: svc.review_lesson_add(actor=a, review=r, **d)
    ),
}


class ReviewStepView(ServiceFormView):
    """The one form page for every step of a review (STEPS)."""

    capability = "safeguarding.dhr.manage"
    review: Review
    step: Step

    def load(self, **kwargs: Any) -> None:
        step = STEPS.get(kwargs["step"])
        if step is None:
            raise Http404
        self.step, self.form_class, self.title = step, step.form, step.title
        self.review = review_get_for_user(self.request.user, reference=kwargs["reference"])

    def form_kwargs(self) -> dict[str, Any]:
        return {"review": self.review} if self.step.needs_review_in_form else {}

    def context(self) -> dict[str, Any]:
        return {"caption": str(self.review), "back": reverse("safeguarding:dhr-detail", args=[self.review.reference])}

    def perform(self, data: dict[str, Any]) -> str:
        self.step.call(self.request.user, self.review, data)
        return reverse("safeguarding:dhr-detail", args=[self.review.reference])


class LessonSearchView(DhrView):
    """Lessons and recommendations searchable across reviews."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        form = f.LessonSearchForm(request.GET or None)
        words = form.cleaned_data["q"] if form.is_valid() else ""
        lessons = sel.lessons_search(request.user, words=words)
        return render(request, "safeguarding/dhr_lessons.html", {"form": form, "lessons": lessons, "words": words})


class AnnualTableView(DhrView):
    """The annual table."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, "safeguarding/dhr_annual.html", {"rows": sel.annual_table(request.user)})
