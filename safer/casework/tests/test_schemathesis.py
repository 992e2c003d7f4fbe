"""Schemathesis fuzzes every casework API operation from the OpenAPI schema: no input may cause a server error
(and every response has a documented status and matches its documented schema).

It runs in-process against the WSGI app as a signed-in, two-factor-verified caseworker (session cookie and
CSRF cookie + header, as a browser would send them). Half the generated requests aim at real references
(a case owned by the caseworker's organisation, its incident, person and share), so the fuzzing reaches the
services rather than stopping at 404. Bounded by SAFER_FUZZ_EXAMPLES (default 20 per operation and mode).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from safer.casework.services import case_share, party_add, task_create
from safer.casework.tests.conftest import new_person, open_case, record_incident
from safer.testing.accounts import signed_in_client

EXAMPLES = int(os.environ.get("SAFER_FUZZ_EXAMPLES", "20"))
CSRF_SECRET = "a" * 32  # an unmasked CSRF secret is a valid token when cookie and header carry the same value


@contextmanager
def connection_kept() -> Iterator[None]:
    """Like Django's test client: a request starting or ending must not close the test's database connection.

    Django closes a connection whose autocommit differs from its settings when a request starts or ends
    (`close_old_connections`); inside a test's transaction that is always so. SQLite's in-memory test database
    ignores the close, PostgreSQL does not, and the next query fails with "the connection is closed". Django's
    test `Client` reconnects the handler after each of its own requests, so this must wrap only the direct
    WSGI calls, after any test-client request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_target(world: Any) -> dict[str, Any]:
    """Real objects for the caseworker: a case (with a victim, a share and a task), an incident, a person."""
    person = new_person(world.caseworker, first_name="Fuzz", last_name="Subject")
    case = open_case(world.caseworker)
    party_add(actor=world.caseworker, case=case, person=person, role="victim")
    share = case_share(actor=world.caseworker, case=case, organisation=world.police)
    task_create(actor=world.caseworker, case=case, title="Visit", owner=world.caseworker, due_on=timezone.localdate())
    spare = record_incident(world.caseworker)
    client = signed_in_client(world.caseworker)
    manager = signed_in_client(world.manager)
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET},
        # Subject access exports need casework.manage, so that operation is fuzzed as a case manager too.
        "manager_cookies": {"sessionid": manager.cookies["sessionid"].value, "csrftoken": CSRF_SECRET},
        "headers": {"X-CSRFToken": CSRF_SECRET},
        "path": {
            "case": case.reference,
            "incident": spare.reference,
            "person_id": str(person.public_id),
            "share_id": share.pk,
        },
    }


def _fuzzer(strategy: Any, send: Any) -> Any:
    """A bounded, deterministic Hypothesis run of `send` over the strategy."""

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        send(case)

    return run


def _send(case: Any, target: dict[str, Any], cookies: str, calls: dict[str, int], statuses: Counter[int]) -> None:
    """One request as the signed-in user: no 5xx, and the status and body are the ones the schema documents."""
    response = case.call(headers=target["headers"], cookies=target[cookies])
    calls[case.operation.label] = calls.get(case.operation.label, 0) + 1
    statuses[response.status_code] += 1
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance])


def _real_path_parameters(operation: Any, real: dict[str, Any]) -> dict[str, Any]:
    names = {p.name for p in operation.path_parameters}
    values: dict[str, Any] = {}
    if "reference" in names:
        values["reference"] = real["incident"] if operation.path.startswith("/api/casework/incidents") else real["case"]
    for name in ("person_id", "share_id"):
        if name in names:
            values[name] = real[name]
    return values


@pytest.mark.django_db
def test_a_direct_wsgi_request_after_a_test_client_request_keeps_the_database_connection(
    fuzz_target: dict[str, Any],
) -> None:
    """Regression: the fuzzer's 500 on PostgreSQL was the test's own connection being closed, not the API.

    Reading the schema through the test `Client` re-attaches Django's `close_old_connections`, which then
    closed the test transaction's PostgreSQL connection when the first fuzzed request started ("the
    connection is closed"; SQLite's in-memory database ignores the close). The fuzzing is now wrapped in
    `connection_kept()` after the schema read; this checks that order on whichever database runs the tests.
    """
    reader = Client()
    reader.cookies["sessionid"] = fuzz_target["cookies"]["sessionid"]
    assert reader.get("/api/openapi.json").status_code == 200  # the test client re-attaches the closing
    environ: dict[str, Any] = {"PATH_INFO": "/api/casework/cases", "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    environ["HTTP_COOKIE"] = f"sessionid={fuzz_target['cookies']['sessionid']}"
    statuses: list[str] = []
    with connection_kept():
        body = b"".join(get_wsgi_application()(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"], body[:300]
    assert fuzz_target["path"]["case"] in body.decode()


@pytest.mark.django_db
def test_no_server_errors_on_any_casework_operation(fuzz_target: dict[str, Any]) -> None:
    # The schema is for signed-in users, like the API itself: read it with the fuzzing user's session.
    reader = Client()
    reader.cookies["sessionid"] = fuzz_target["cookies"]["sessionid"]
    response = reader.get("/api/openapi.json")
    assert response.status_code == 200, response.content
    schema = schemathesis.openapi.from_dict(response.json())
    schema.app = get_wsgi_application()
    schema = schema.include(path_regex="^/api/casework/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18, [op.label for op in operations]
    failures: list[str] = []
    calls: dict[str, int] = {}
    statuses: Counter[int] = Counter()

    runs = [(operation, "cookies") for operation in operations]
    runs += [(operation, "manager_cookies") for operation in operations if operation.path.endswith("/export")]
    with connection_kept():  # after the schema's test-client request, which re-attaches the closing
        for operation, cookies in runs:
            real = _real_path_parameters(operation, fuzz_target["path"])
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategies = [operation.as_strategy(generation_mode=mode)]
                if real:
                    strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=real))
                strategy = st.one_of(*strategies)

                run = _fuzzer(strategy, lambda case, c=cookies: _send(case, fuzz_target, c, calls, statuses))
                try:
                    run()
                except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
                    failures.append(f"{operation.label} ({mode.value}, {cookies}): {str(error)[:1500]}")

    assert not failures, "Server errors found:\n\n" + "\n\n".join(failures)
    # The fuzzing got past authentication and need-to-know to real successes, not only rejections.
    assert statuses[200] > 0 and statuses[201] > 0, statuses
    # Every operation was exercised (with the authenticated session, not bounced at sign-in).
    assert set(calls) == {op.label for op in operations}
