"""Core pages: home, static information pages, health check, audit log, and GOV.UK error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import View
from django.views.generic import TemplateView

from safer.core.choices import AuditAction
from safer.core.forms import AuditFilterForm
from safer.core.selectors import AuditFilter, audit_action_names, audit_event_list, audit_rows
from safer.core.services.audit import audit_record


class CapabilityRequiredMixin(LoginRequiredMixin):
    """Lets a view through only when the signed-in user's role grants `capability` (403 otherwise).

    `personal_data = True` marks a page that shows people's contact details to a role that otherwise signs in
    without a second factor (e.g. partnership managers and messaging subscribers): such a user is sent to set up
    two-factor sign-in first, and comes back here once it is done.
    """

    capability: str = ""
    personal_data: bool = False

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated and self.capability and not request.user.has_capability(self.capability):
            raise PermissionDenied
        if self.personal_data and request.user.is_authenticated and settings.SAFER_REQUIRE_2FA:
            if not request.user.is_verified():  # type: ignore[union-attr,attr-defined]
                request.session["next_after_sign_in"] = request.get_full_path()
                return HttpResponseRedirect(reverse("accounts:two-factor-enrol"))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,return-value]


class HomeView(LoginRequiredMixin, TemplateView):
    """Start page after sign-in: what this user can do."""

    template_name = "core/home.html"


class AccessibilityView(TemplateView):
    """Accessibility statement (public sector accessibility regulations)."""

    template_name = "core/accessibility.html"


class PrivacyView(TemplateView):
    """Privacy notice."""

    template_name = "core/privacy.html"


class CookiesView(TemplateView):
    """Cookies page: only essential cookies are used."""

    template_name = "core/cookies.html"


class HealthView(View):
    """Liveness check for load balancers (no database access, no personal data)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return JsonResponse({"status": "ok"})


class AuditLogView(CapabilityRequiredMixin, View):
    """Administrators read and filter the audit trail."""

    capability = "audit.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AuditFilterForm(request.GET or None, actions=audit_action_names())
        filters = AuditFilter()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            filters = AuditFilter(
                actor=data["actor"],
                action=data["action"],
                target_type=data["target_type"],
                target_id=data["target_id"],
                date_from=data["date_from"],
                date_to=data["date_to"],
            )
        status = 400 if form.is_bound and not form.is_valid() else 200
        page = Paginator(audit_event_list(filters=filters), 50).get_page(request.GET.get("page"))
        rows = audit_rows(events=list(page))  # read before this view's own event is added, so the page adds up
        audit_record(actor=request.user, action=AuditAction.AUDIT_VIEWED, target_type="core.auditevent")
        query = request.GET.copy()
        query.pop("page", None)
        response = render(
            request,
            "core/audit_log.html",
            {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
            status=status,
        )
        add_never_cache_headers(response)  # the trail names people and cases: no browser or proxy keeps a copy
        return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Shown when a form is sent without a valid CSRF token (for example after the session timed out)."""
    return render(request, "403_csrf.html", status=403)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """GOV.UK-style 'You do not have permission' page."""
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """GOV.UK-style 'Page not found' page."""
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    """GOV.UK-style 'Sorry, there is a problem with the service' page (no traceback shown)."""
    return render(request, "500.html", {"reference": getattr(request, "error_reference", "")}, status=500)
