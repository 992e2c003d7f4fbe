"""Keeping the plan itself: starting a plan, changing its details, and the objectives under each priority."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from safer.planning.forms import ObjectiveForm, PlanForm
from safer.planning.models import Objective, Priority
from safer.planning.services import plans
from safer.planning.views.base import FormPageView


class PlanCreateView(FormPageView):
    """Start a new rolling plan (partnership managers)."""

    form_class = PlanForm
    capability = "planning.manage"
    title = "Start a plan"
    button = "Save plan"

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"back": reverse("planning:home")}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = plans.plan_create(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"Plan started: {plan.title}.")
        return redirect("planning:plan", slug=plan.slug)


class PlanEditView(FormPageView):
    """Change the plan's title, partnership, area, period or introduction (partnership managers)."""

    form_class = PlanForm
    capability = "planning.manage"
    title = "Change the plan's details"
    button = "Save plan"

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"editing": True}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan(kwargs["slug"])
        fields = ("title", "partnership", "area_name", "starts_on", "ends_on", "introduction", "bilingual")
        return {name: getattr(plan, name) for name in fields}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"caption": self.plan(kwargs["slug"]).title, "back": reverse("planning:plan", args=[kwargs["slug"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = plans.plan_update(actor=self.request.user, plan=self.plan(kwargs["slug"]), **form.cleaned_data)
        messages.success(self.request, "The plan's details are saved.")
        return redirect("planning:plan", slug=plan.slug)


class ObjectiveFormView(FormPageView):
    """Add an objective to a priority, or change one's wording (partnership managers)."""

    form_class = ObjectiveForm
    capability = "planning.manage"
    button = "Save objective"

    def _priority(self, kwargs: dict[str, Any]) -> Priority:
        return get_object_or_404(Priority, pk=kwargs["priority_id"], plan=self.plan(kwargs["slug"]))

    def _existing(self, kwargs: dict[str, Any]) -> Objective | None:
        if "pk" not in kwargs:
            return None
        return get_object_or_404(Objective, pk=kwargs["pk"], priority=self._priority(kwargs))

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        objective = self._existing(kwargs)
        return {"title": objective.title} if objective else {}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {
            "caption": str(self._priority(kwargs)),
            "back": reverse("planning:plan", args=[kwargs["slug"]]),
            "title": "Change the objective" if "pk" in kwargs else "Add an objective",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        priority = self._priority(kwargs)
        plans.objective_save(
            actor=self.request.user,
            priority=priority,
            title=form.cleaned_data["title"],
            objective=self._existing(kwargs),
        )
        messages.success(self.request, f"Objective saved under {priority.title}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + f"#priority-{priority.pk}")
