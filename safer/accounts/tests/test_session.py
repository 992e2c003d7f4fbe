"""Idle timeout: the session's expiry moves forward with use, at most once a minute, and lapses when idle."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from safer.accounts import session as session_module
from safer.accounts.choices import Role


def _expiry(client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


class TestSessionIdleRefreshMiddleware:
    def test_expiry_not_rewritten_within_the_refresh_interval(self, make_user, client_for):
        client = client_for(make_user(role=Role.ANALYST))
        client.get("/")
        first = _expiry(client)
        client.get("/")
        assert _expiry(client) == first

    def test_expiry_moves_forward_after_the_refresh_interval(self, make_user, client_for, monkeypatch):
        client = client_for(make_user(role=Role.ANALYST))
        client.get("/")
        first = _expiry(client)
        real_time = session_module.time.time
        monkeypatch.setattr(session_module.time, "time", lambda: real_time() + session_module.REFRESH_SECONDS + 1)
        client.get("/")
        assert _expiry(client) > first

    def test_idle_session_is_signed_out(self, make_user, client_for, settings):
        client = client_for(make_user(role=Role.ANALYST))
        assert client.get("/").status_code == 200
        Session.objects.filter(session_key=client.session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        response = client.get("/")
        assert response.status_code == 302
        assert "/accounts/sign-in/" in response["Location"]

    def test_user_loaded_with_organisation_in_one_query(self, make_user, client_for, django_assert_max_num_queries):
        from django.contrib.auth import get_user
        from django.test import RequestFactory

        client = client_for(make_user(role=Role.ANALYST))
        request = RequestFactory().get("/")
        request.session = client.session
        with django_assert_max_num_queries(2):  # session row + user joined with organisation and team
            user = get_user(request)
            assert user.organisation.name


class TestSessionEngine:
    """Sessions are stored by one of Django's own engines (cached_db with Redis, the database otherwise)."""

    def test_it_is_djangos_database_engine_without_redis(self, settings):
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
