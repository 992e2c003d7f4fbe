"""Middleware: strict security headers and per-request facts for the audit trail."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse

from safer.core import request_context


def _content_security_policy() -> str:
    """CSP without inline scripts; map tiles are allowed only from the configured tile host."""
    img = ["'self'", "data:", "blob:"]
    tile_url = getattr(settings, "SAFER_MAP_TILE_URL", "none")
    if tile_url and tile_url != "none":
        from urllib.parse import urlsplit

        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
        img.append(f"{parts.scheme}://{host}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(img)}",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


logger = logging.getLogger("safer.errors")

# Exceptions Django turns into ordinary 4xx answers, and how the log names them.
_EXPECTED: dict[type[Exception], str] = {
    Http404: "Not found (404)",
    PermissionDenied: "Permission denied (403)",
    SuspiciousOperation: "Bad request (400)",
}


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = _content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class RequestContextMiddleware:
    """Binds the caller's address and user agent so services can put them on audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        facts = request_context.RequestFacts(
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
            channel="api" if request.path.startswith("/api/") else "web",
        )
        token = request_context.set_current(facts)
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """Log an unhandled error with a reference the user can quote; the 500 page shows it.

        A page not found or a permission refused is an ordinary answer, not an error of the service: it is logged as
        one warning line saying which, without a traceback.
        """
        expected = next((label for kind, label in _EXPECTED.items() if isinstance(exception, kind)), None)
        if expected is not None:
            logger.warning("%s on %s", expected, request.path)
            return
        reference = secrets.token_hex(4)
        request.error_reference = reference  # type: ignore[attr-defined]
        logger.error("Unhandled error reference=%s on %s", reference, request.path, exc_info=exception)
