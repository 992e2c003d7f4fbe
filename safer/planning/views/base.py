"""Shared view plumbing for planning: capability checks, domain errors to 403/404, the one-form page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.planning.errors import PlanningError, PlanningNotFoundError, PlanningPermissionError
from safer.planning.models import Plan
from safer.planning.selectors import plan_get_for_user


class PlanningView(CapabilityRequiredMixin, View):
    """Planning pages need planning.view; not-found and permission errors become 404 and 403."""

    capability = "planning.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except PlanningNotFoundError:
            raise Http404 from None
        except PlanningPermissionError:
            raise PermissionDenied from None

    def plan(self, slug: str, *, audit: bool = False) -> Plan:
        """The plan named in the URL (audited when the page shows its content)."""
        return plan_get_for_user(user=self.request.user, slug=slug, audit=audit)


class FormPageView(PlanningView):
    """A page with one form: GET shows it, POST calls `save` (a service) and redirects, or re-renders with errors."""

    form_class: type[forms.Form]
    title = ""
    button = "Save"
    template = "planning/form.html"

    def form_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        """Extra arguments for the form."""
        return {}

    def context(self, **kwargs: Any) -> dict[str, Any]:
        """Extra template context (the plan, a back link, an introduction)."""
        return {}

    def initial(self, **kwargs: Any) -> dict[str, Any]:
        """Initial values of the form."""
        return {}

    def save(self, form: forms.Form, **kwargs: Any) -> HttpResponse:
        """Call the service; return the redirect."""
        raise NotImplementedError

    def get(self, request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        form = self.form_class(initial=self.initial(**kwargs), **self.form_kwargs(**kwargs))
        return self.render_form(form, **kwargs)

    def post(self, request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, **self.form_kwargs(**kwargs))
        if form.is_valid():
            try:
                return self.save(form, **kwargs)
            except PlanningPermissionError:
                raise
            except PlanningError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        return self.render_form(form, status=400, **kwargs)

    def render_form(self, form: forms.Form, *, status: int = 200, **kwargs: Any) -> HttpResponse:
        """The form page."""
        context = {"form": form, "title": self.title, "button": self.button, **self.context(**kwargs)}
        return render(self.request, self.template, context, status=status)


class ConfirmRemoveView(FormPageView):
    """A GOV.UK confirmation page before removing something: what goes, a warning button and a cancel link.
    `context` gives `removing` (what will be removed, in words) and `back` (where cancel goes)."""

    template = "planning/confirm_remove.html"
