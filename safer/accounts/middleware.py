"""Sends users whose role sees personal data to two-factor verification or enrolment before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from safer.accounts.services.two_factor import totp_device_for

# Paths a half-signed-in user may still reach.
_OPEN_PREFIXES = ("/static/", "/accounts/two-factor/", "/accounts/sign-out", "/accounts/signed-out", "/health")


class TwoFactorRequiredMiddleware:
    """Anyone with a confirmed device must verify it; roles seeing personal data must have one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            has_device = totp_device_for(user=user, confirmed=True) is not None
            if has_device or user.requires_two_factor:
                # Half signed in: pages drawn now (the code page itself) show no navigation.
                request.two_factor_pending = True  # type: ignore[attr-defined]
                if not request.path.startswith(_OPEN_PREFIXES):
                    if request.path.startswith("/api/") and request.path != "/api/docs":  # the docs are a page
                        return JsonResponse(
                            {
                                "message": "Two-factor sign-in is required. Sign in on the web first.",
                                "code": "two_factor_required",
                                "fields": {},
                            },
                            status=403,
                        )
                    target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-enrol"
                    return HttpResponseRedirect(reverse(target))
        return self.get_response(request)
