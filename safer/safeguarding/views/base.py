"""Shared view plumbing: capability checks, need-to-know errors as 404/403, no-store, one form-page base."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.safeguarding.choices import SafeguardingAuditAction
from safer.safeguarding.errors import (
    SafeguardingConflictError,
    SafeguardingError,
    SafeguardingNotFoundError,
    SafeguardingPermissionError,
)


class SafeguardingView(CapabilityRequiredMixin, View):
    """Every safeguarding page: the capability, need-to-know as 404/403, and never cached."""

    capability = "safeguarding.matac.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except SafeguardingNotFoundError:
            raise Http404 from None
        except SafeguardingPermissionError:
            raise PermissionDenied from None
        response["Cache-Control"] = "no-store"
        return response


class ServiceFormView(SafeguardingView):
    """A one-form page: GET shows the form, POST calls one service and redirects, or re-renders its error."""

    form_class: type[forms.Form] = forms.Form
    template_name = "safeguarding/form.html"
    title = ""
    button = "Save"
    intro = ""

    def load(self, **kwargs: Any) -> None:
        """Fetch what the page is about (need-to-know checked); raise SafeguardingNotFoundError if unseen."""

    def form_kwargs(self) -> dict[str, Any]:
        """Extra keyword arguments for the form."""
        return {}

    def perform(self, data: dict[str, Any]) -> str:
        """Call the service; return where to go next."""
        raise NotImplementedError

    def context(self) -> dict[str, Any]:
        """Extra template context (the back link, a caption)."""
        return {}

    def render_form(self, form: forms.Form, status: int = 200) -> HttpResponse:
        ctx = {"form": form, "title": self.title, "button": self.button, "intro": self.intro} | self.context()
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        self.load(**kwargs)
        # A form page can show what it is about (a reference, a score), so opening it is audited too.
        page = request.resolver_match.url_name if request.resolver_match else ""
        audit_record(
            actor=request.user,
            action=SafeguardingAuditAction.FORM_VIEWED,
            target_type="safeguarding.page",
            target_id=str(kwargs.get("reference") or next(iter(kwargs.values()), "")),
            detail={"page": page},
        )
        return self.render_form(self.form_class(**self.form_kwargs()))

    def post(self, request: AuthedRequest, **kwargs: Any) -> HttpResponse:
        self.load(**kwargs)
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            return redirect(self.perform(form.cleaned_data))
        except (SafeguardingNotFoundError, SafeguardingPermissionError):
            raise
        except SafeguardingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.render_form(form, status=409 if isinstance(error, SafeguardingConflictError) else 400)
