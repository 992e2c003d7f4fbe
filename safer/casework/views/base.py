"""Shared view plumbing: capability checks, loading the case with need-to-know, mapping domain errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import View

from safer.casework.choices import CaseworkAuditAction
from safer.casework.errors import (
    CaseConflictError,
    CaseNotFoundError,
    CasePermissionError,
    CaseworkError,
    PersonNotFoundError,
)
from safer.casework.models import Case
from safer.casework.selectors import case_get_for_user, is_owner
from safer.core.services.audit import audit_record
from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin


class CaseworkView(CapabilityRequiredMixin, View):
    """Casework pages need casework.view; domain errors become 404/403."""

    capability = "casework.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except (CaseNotFoundError, PersonNotFoundError):
            raise Http404 from None
        except CasePermissionError:
            raise PermissionDenied from None
        # Casework pages show personal data: no browser or proxy may keep a copy (Cache-Control: no-store).
        add_never_cache_headers(response)
        return response


class CaseView(CaseworkView):
    """A page about one case (by reference). `owner_only` pages are for the owning organisation."""

    owner_only = False
    edit = True
    case: Case

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if not request.user.has_capability("casework.view"):
            raise PermissionDenied
        try:
            self.case = case_get_for_user(user=request.user, reference=kwargs["reference"], audit=False)
        except CaseNotFoundError:
            raise Http404 from None
        if self.edit and not request.user.has_capability("casework.edit"):
            raise PermissionDenied
        if self.owner_only and not is_owner(request.user, self.case):
            raise PermissionDenied
        if request.method == "GET":
            # Every page of a case that is shown is a view of the case, so it is audited.
            page = request.resolver_match.url_name if request.resolver_match else ""
            audit_record(
                actor=request.user, action=CaseworkAuditAction.CASE_VIEWED, target=self.case, detail={"page": page}
            )
        return super().dispatch(request, *args, **kwargs)


def form_error(form: forms.Form, error: CaseworkError) -> None:
    """Attach a service error to the field it names, or to the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def render_form(
    request: AuthedRequest,
    *,
    form: forms.Form,
    title: str,
    case: Case | None = None,
    back: str = "",
    button: str = "Save",
    intro: str = "",
    status: int = 200,
    template: str = "casework/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The generic one-form page."""
    context = {"form": form, "title": title, "case": case, "back": back, "button": button, "intro": intro}
    context.update(extra or {})
    return render(request, template, context, status=status)


def status_for(error: CaseworkError) -> int:
    """HTTP status of a form page that a service refused."""
    return 409 if isinstance(error, CaseConflictError) else 400
