"""Keeping the plan itself: starting a plan, changing its details, and the objectives under each priority."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from safer.planning.forms import GlossaryForm, MemberForm, ObjectiveForm, PlanForm
from safer.planning.models import GlossaryTerm, Member, Objective, Priority
from safer.planning.services import plans
from safer.planning.views.base import ConfirmRemoveView, FormPageView


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


class MemberAddView(FormPageView):
    """Add a partner to the plan's "Partners" section (partnership managers)."""

    form_class = MemberForm
    capability = "planning.manage"
    title = "Add a partner"
    button = "Save partner"

    def context(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan(kwargs["slug"])
        return {"caption": plan.title, "back": reverse("planning:plan", args=[plan.slug]) + "#partners"}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        member = plans.member_add(actor=self.request.user, plan=self.plan(kwargs["slug"]), **form.cleaned_data)
        messages.success(self.request, f"Partner added: {member.name}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + "#partners")


class MemberRemoveView(ConfirmRemoveView):
    """Confirm, then take a partner off the plan (partnership managers)."""

    form_class = forms.Form
    capability = "planning.manage"
    title = "Remove this partner from the plan?"
    button = "Remove the partner"

    def _member(self, kwargs: dict[str, Any]) -> Member:
        return get_object_or_404(Member, pk=kwargs["pk"], plan=self.plan(kwargs["slug"]))

    def context(self, **kwargs: Any) -> dict[str, Any]:
        member = self._member(kwargs)
        return {
            "caption": member.plan.title,
            "removing": f"{member.name} ({member.get_kind_display().lower()})",
            "back": reverse("planning:plan", args=[kwargs["slug"]]) + "#partners",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        member = self._member(kwargs)
        name = member.name
        plans.member_remove(actor=self.request.user, member=member)
        messages.success(self.request, f"Partner removed: {name}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + "#partners")


class GlossaryAddView(FormPageView):
    """Explain a term or acronym in the plan's glossary (partnership managers)."""

    form_class = GlossaryForm
    capability = "planning.manage"
    title = "Add a glossary term"
    button = "Save term"

    def context(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan(kwargs["slug"])
        return {"caption": plan.title, "back": reverse("planning:plan", args=[plan.slug]) + "#glossary"}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        entry = plans.glossary_add(actor=self.request.user, plan=self.plan(kwargs["slug"]), **form.cleaned_data)
        messages.success(self.request, f"Glossary term added: {entry.term}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + "#glossary")


class GlossaryRemoveView(ConfirmRemoveView):
    """Confirm, then take a term out of the plan's glossary (partnership managers)."""

    form_class = forms.Form
    capability = "planning.manage"
    title = "Remove this glossary term?"
    button = "Remove the term"

    def _entry(self, kwargs: dict[str, Any]) -> GlossaryTerm:
        return get_object_or_404(GlossaryTerm, pk=kwargs["pk"], plan=self.plan(kwargs["slug"]))

    def context(self, **kwargs: Any) -> dict[str, Any]:
        entry = self._entry(kwargs)
        return {
            "caption": entry.plan.title,
            "removing": f"{entry.term}: {entry.meaning}",
            "back": reverse("planning:plan", args=[kwargs["slug"]]) + "#glossary",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        entry = self._entry(kwargs)
        term = entry.term
        plans.glossary_remove(actor=self.request.user, entry=entry)
        messages.success(self.request, f"Glossary term removed: {term}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + "#glossary")
