"""Sessions as deployed with Redis (SAFER_REDIS_URL): read from Redis, written through to the database.

Skipped where no Redis answers on 127.0.0.1:6379 (a user's clone); mandatory in CI, whose machine runs Redis.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safer.accounts.choices import Role
from safer.casework.tests.conftest import open_case
from safer.conftest import IN_CI
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("SAFER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_sessions(settings: Any) -> Iterator[None]:
    """The settings SAFER_REDIS_URL gives, on a key prefix of this test's own (its keys are deleted afterwards)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if IN_CI:
            pytest.fail(f"CI=true but no Redis answers at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"safer-test-{uuid.uuid4().hex}"
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def caseworker(make_organisation: Any, make_user: Any) -> Any:
    return make_user(role=Role.CASEWORKER, organisation=make_organisation(name="Test Council"))


def _session_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]


def test_a_signed_in_request_reads_the_session_from_redis_not_the_database(redis_sessions, caseworker):
    case = open_case(caseworker)
    client = signed_in_client(caseworker)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()  # written through to the database
    url = reverse("casework:case-detail", args=[case.reference])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert _session_queries(queries) == []
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None


def test_signing_out_ends_the_session_in_redis_and_the_database(redis_sessions, caseworker):
    client = signed_in_client(caseworker)
    key = client.session.session_key
    client.get(reverse("casework:home"))  # cached
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is None
    # The old cookie no longer signs anyone in.
    client.cookies["sessionid"] = key
    assert client.get(reverse("casework:home")).status_code == 302


def test_a_session_lost_from_redis_is_read_back_from_the_database(redis_sessions, caseworker):
    client = signed_in_client(caseworker)
    key = client.session.session_key
    client.get(reverse("casework:home"))
    cache.delete(f"django.contrib.sessions.cached_db{key}")  # e.g. Redis restarted
    assert client.get(reverse("casework:home")).status_code == 200
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None
