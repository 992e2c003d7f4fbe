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


class TestDatabaseSessionStore:
    """safer.accounts.session_db: Django's database sessions, the row read with Django's cursor, the same results."""

    def test_a_live_session_loads_and_an_expired_or_unknown_one_does_not(self, db, django_assert_num_queries):
        from django.contrib.sessions.backends.db import SessionStore as DjangoStore

        from safer.accounts.session_db import SessionStore

        live = SessionStore()
        live["answer"] = 42
        live.create()
        with django_assert_num_queries(1):
            assert SessionStore(live.session_key).load() == {"answer": 42}
        assert DjangoStore(live.session_key).load() == {"answer": 42}

        Session.objects.filter(session_key=live.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
        expired = SessionStore(live.session_key)
        assert expired.load() == {} == DjangoStore(live.session_key).load()
        assert expired.session_key is None  # as Django's store does: a new key is made on save

        unknown = SessionStore("x" * 32)
        assert unknown.load() == {} and unknown.session_key is None
        with django_assert_num_queries(0):
            assert SessionStore().load() == {}

    def test_a_tampered_session_loads_as_none(self, db):
        from safer.accounts.session_db import SessionStore

        live = SessionStore()
        live["answer"] = 42
        live.create()
        Session.objects.filter(session_key=live.session_key).update(session_data="not-signed")
        assert SessionStore(live.session_key).load() == {}

    def test_saving_a_loaded_session_keeps_its_key_and_data(self, db):
        from safer.accounts.session_db import SessionStore

        first = SessionStore()
        first["answer"] = 42
        first.create()
        again = SessionStore(first.session_key)
        again["more"] = 1
        again.save()
        assert again.session_key == first.session_key
        assert SessionStore(first.session_key).load() == {"answer": 42, "more": 1}


class TestSessionEngine:
    """Sessions: Django's cached_db store with Redis, and Django's database store (read by Django's cursor) without."""

    def test_it_is_djangos_database_store_without_redis(self, settings):
        from django.contrib.sessions.backends.db import SessionStore as DjangoStore

        from safer.accounts.session_db import SessionStore

        assert settings.SESSION_ENGINE == "safer.accounts.session_db"
        assert issubclass(SessionStore, DjangoStore)
