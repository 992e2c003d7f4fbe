"""Idle session timeout without writing the session on every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Refresh the session's expiry at most this often; the idle timeout is then exact to within this.
REFRESH_SECONDS = 60
_KEY = "_refreshed_at"


class SessionIdleRefreshMiddleware:
    """Push a signed-in session's expiry forward at most once a minute (instead of SESSION_SAVE_EVERY_REQUEST).

    Saving the session on every request costs a signed cookie and a database write per request; marking it
    modified once a minute gives the same idle timeout (SESSION_COOKIE_AGE) to within REFRESH_SECONDS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            last = session.get(_KEY, 0)
            if not isinstance(last, int) or now - last >= REFRESH_SECONDS:
                session[_KEY] = now
        return self.get_response(request)
