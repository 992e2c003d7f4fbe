"""The plan pages: list, the plan with its action tables, progress, actions, overdue, versions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone

from safer.core.typing import AuthedRequest
from safer.planning.forms import ActionForm, DutyForm, PriorityForm, ProgressForm, UpdateRequestForm, VersionForm
from safer.planning.models import Action, Plan, Priority
from safer.planning.readings import plan_readings
from safer.planning.selectors import (
    can_manage,
    can_update_action,
    financial_quarter,
    latest_update,
    overdue_actions,
    plan_list_for_user,
)
from safer.planning.services import plans, progress, update_requests
from safer.planning.versions import plan_snapshot, snapshot_changes
from safer.planning.views.base import FormPageView, PlanningView


class PlanListView(PlanningView):
    """The partnership's plans, funding and returns."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        from safer.planning.models import Funder, FundingReturn

        return render(
            request,
            "planning/plan_list.html",
            {
                "plans": plan_list_for_user(user=request.user),
                "funders": Funder.objects.all(),
                "returns": FundingReturn.objects.select_related("fund__funder"),
                "manager": can_manage(request.user),
            },
        )


class PlanDetailView(PlanningView):
    """The plan: introduction, duties, priorities with their action tables and latest progress, indicators."""

    def get(self, request: AuthedRequest, slug: str) -> HttpResponse:
        plan = self.plan(slug, audit=True)
        today = timezone.localdate()
        priorities = []
        for priority in plan.priorities.all():
            rows = [
                {"action": a, "update": latest_update(a), "can_update": can_update_action(request.user, a)}
                for a in priority.actions.all()
            ]
            priorities.append({"priority": priority, "rows": rows})
        return render(
            request,
            "planning/plan_detail.html",
            {
                "plan": plan,
                "priorities": priorities,
                "readings": plan_readings(plan=plan, today=today),
                "manager": can_manage(request.user),
                "overdue_count": len(overdue_actions(plan=plan, today=today)),
                "version": plan.versions.order_by("-number").first(),
            },
        )


class ProgressRecordView(FormPageView):
    """Record this quarter's RAG and comment on an action."""

    form_class = ProgressForm
    title = "Record progress"
    button = "Save progress"
    capability = "planning.update"

    def _action(self, slug: str, pk: int) -> Action:
        plan = self.plan(slug)
        return get_object_or_404(Action.objects.select_related("priority__plan"), pk=pk, priority__plan=plan)

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        year, quarter = financial_quarter(timezone.localdate())
        return {"year": year, "quarter": quarter}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        action = self._action(kwargs["slug"], kwargs["pk"])
        return {
            "caption": action.what,
            "back": reverse("planning:plan", args=[kwargs["slug"]]) + f"#action-{action.pk}",
            "intro": "Every update is kept. A comment is required.",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        action = self._action(kwargs["slug"], kwargs["pk"])
        data = form.cleaned_data
        progress.progress_record(
            actor=self.request.user,
            action=action,
            year=data["year"],
            quarter=data["quarter"],
            rag=data["rag"],
            comment=data["comment"],
        )
        messages.success(self.request, f"Progress recorded for {action.what}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + f"#action-{action.pk}")


class ActionFormView(FormPageView):
    """Add an action to a priority, or change one (partnership managers)."""

    form_class = ActionForm
    capability = "planning.manage"
    button = "Save action"

    def _priority(self, slug: str, priority_id: int) -> Priority:
        return get_object_or_404(Priority, pk=priority_id, plan=self.plan(slug))

    def _existing(self, kwargs: dict[str, Any]) -> Action | None:
        if "pk" not in kwargs:
            return None
        return get_object_or_404(Action, pk=kwargs["pk"], priority_id=kwargs["priority_id"])

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {"plan": self.plan(kwargs["slug"]), "priority_id": kwargs["priority_id"]}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        action = self._existing(kwargs)
        if action is None:
            return {"youth_focused": "no"}
        fields = (
            "what",
            "how",
            "who",
            "why",
            "youth_focused",
            "lead_organisation",
            "owner",
            "objective",
            "starts_on",
            "due_on",
            "outcome_measure",
            "indicator",
            "internal",
        )
        values = {name: getattr(action, name) for name in fields}
        return values | {"partner_organisations": list(action.partner_organisations.all())}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        priority = self._priority(kwargs["slug"], kwargs["priority_id"])
        self.title = "Change the action" if "pk" in kwargs else "Add an action"
        return {"caption": str(priority), "back": reverse("planning:plan", args=[kwargs["slug"]]), "title": self.title}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        priority = self._priority(kwargs["slug"], kwargs["priority_id"])
        data = form.cleaned_data
        action = plans.action_save(
            actor=self.request.user,
            priority=priority,
            what=data["what"],
            how=data["how"],
            who=data["who"],
            why=data["why"],
            youth_focused=data["youth_focused"],
            lead_organisation=data["lead_organisation"],
            partner_organisations=list(data["partner_organisations"]),
            owner=data["owner"],
            objective=data["objective"],
            starts_on=data["starts_on"],
            due_on=data["due_on"],
            outcome_measure=data["outcome_measure"],
            indicator=data["indicator"],
            internal=data["internal"],
            action=self._existing(kwargs),
        )
        messages.success(self.request, f"Action saved: {action.what}.")
        return redirect(reverse("planning:plan", args=[kwargs["slug"]]) + f"#action-{action.pk}")


class OverdueView(PlanningView):
    """Actions past their timescale, or with no progress recorded this quarter; managers ask their owners."""

    def get(self, request: AuthedRequest, slug: str) -> HttpResponse:
        plan = self.plan(slug, audit=True)
        overdue = overdue_actions(plan=plan, today=timezone.localdate())
        return self.render_page(plan, overdue, UpdateRequestForm(overdue=overdue))

    def post(self, request: AuthedRequest, slug: str) -> HttpResponse:
        if not can_manage(request.user):
            raise PermissionDenied
        plan = self.plan(slug)
        overdue = overdue_actions(plan=plan, today=timezone.localdate())
        form = UpdateRequestForm(request.POST, overdue=overdue)
        if not form.is_valid():
            return self.render_page(plan, overdue, form, status=400)
        reasons = {item.action.pk: item.reason for item in overdue}
        results = update_requests.update_request_send(
            actor=request.user, actions=list(form.cleaned_data["actions"]), reasons=reasons
        )
        sent = [r for r in results if r.notification is not None]
        if sent:
            messages.success(request, f"Asked {len(sent)} owner{pluralize(len(sent))} for an update.")
        for result in results:
            if result.notification is None:
                messages.warning(request, f"Nobody was asked about {result.action.what}: {result.skipped_because}.")
        return redirect("planning:overdue", slug=plan.slug)

    def render_page(
        self, plan: Plan, overdue: list[Any], form: UpdateRequestForm, *, status: int = 200
    ) -> HttpResponse:
        """The overdue list with when each owner was last asked, and the form to ask them (managers)."""
        year, quarter = financial_quarter(timezone.localdate())
        last = update_requests.update_requests_last(actions=[item.action for item in overdue])
        rows = [{"item": item, "last_asked": last.get(item.action.pk)} for item in overdue]
        return render(
            self.request,
            "planning/overdue.html",
            {
                "plan": plan,
                "overdue": overdue,
                "rows": rows,
                "form": form,
                "quarter": f"Q{quarter} {year}-{(year + 1) % 100:02d}",
                "manager": can_manage(self.request.user),
                "can_see_messages": self.request.user.has_capability("notifications.view"),
            },
            status=status,
        )


class VersionsView(FormPageView):
    """Board-approved versions, what changed since the last one, and approving the plan as it is now."""

    form_class = VersionForm
    template = "planning/versions.html"
    title = "Versions of the plan"
    button = "Record the board's approval"

    def post(self, request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        if not can_manage(request.user):
            raise PermissionDenied
        return super().post(request, **kwargs)

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        return {"approved_on": timezone.localdate()}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan(kwargs["slug"], audit=True)
        versions = list(plan.versions.order_by("-number"))
        changes = snapshot_changes(versions[0].snapshot, plan_snapshot(plan)) if versions else []
        return {"plan": plan, "versions": versions, "changes": changes, "manager": can_manage(self.request.user)}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = self.plan(kwargs["slug"])
        version = plans.version_approve(
            actor=self.request.user,
            plan=plan,
            approved_on=form.cleaned_data["approved_on"],
            approved_by=form.cleaned_data["approved_by"],
        )
        messages.success(self.request, f"Version {version.number} recorded as approved.")
        return redirect("planning:versions", slug=plan.slug)


class VersionDetailView(PlanningView):
    """One approved version as it was, and what has changed since."""

    def get(self, request: AuthedRequest, slug: str, number: int) -> HttpResponse:
        plan = self.plan(slug, audit=True)
        version = get_object_or_404(plan.versions, number=number)
        return render(
            request,
            "planning/version_detail.html",
            {"plan": plan, "version": version, "changes": snapshot_changes(version.snapshot, plan_snapshot(plan))},
        )


class PriorityAddView(FormPageView):
    """Add a priority to the plan, or change one (partnership managers)."""

    form_class = PriorityForm
    capability = "planning.manage"
    button = "Save priority"

    def _existing(self, kwargs: dict[str, Any]) -> Priority | None:
        if "pk" not in kwargs:
            return None
        return get_object_or_404(Priority, pk=kwargs["pk"], plan=self.plan(kwargs["slug"]))

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        priority = self._existing(kwargs)
        if priority is None:
            return {}
        fields = ("title", "current_position", "youth_focus", "dashboard_query", "internal")
        return {name: getattr(priority, name) for name in fields}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {
            "caption": self.plan(kwargs["slug"]).title,
            "back": reverse("planning:plan", args=[kwargs["slug"]]),
            "title": "Change the priority" if "pk" in kwargs else "Add a priority",
        }

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = self.plan(kwargs["slug"])
        priority = plans.priority_save(
            actor=self.request.user, plan=plan, priority=self._existing(kwargs), **form.cleaned_data
        )
        messages.success(self.request, f"Priority saved: {priority.title}.")
        return redirect(reverse("planning:plan", args=[plan.slug]) + f"#priority-{priority.pk}")


class DutyView(FormPageView):
    """Say how the partnership meets a statutory duty (partnership managers)."""

    form_class = DutyForm
    capability = "planning.manage"
    title = "Statutory duty"
    button = "Save duty"

    def context(self, **kwargs: Any) -> dict[str, Any]:
        return {"caption": self.plan(kwargs["slug"]).title, "back": reverse("planning:plan", args=[kwargs["slug"]])}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        plan = self.plan(kwargs["slug"])
        duty = plans.duty_save(actor=self.request.user, plan=plan, **form.cleaned_data)
        messages.success(self.request, f"Saved how the partnership meets: {duty.get_duty_display()}.")
        return redirect("planning:plan", slug=plan.slug)


class PublishView(PlanningView):
    """Publish the plan for residents, or take it down (partnership managers)."""

    capability = "planning.manage"

    def post(self, request: AuthedRequest, slug: str) -> HttpResponse:
        plan = self.plan(slug)
        plans.plan_publish(actor=request.user, plan=plan, published=request.POST.get("published") == "yes")
        messages.success(request, "The plan is published." if plan.published else "The plan is no longer published.")
        return redirect("planning:plan", slug=plan.slug)
