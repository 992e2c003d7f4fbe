"""Errors are logged as what they are: an ordinary 403 or 404 is one warning line, a real failure has a traceback."""

from __future__ import annotations

import logging

import pytest
from django.http import Http404
from django.test import RequestFactory

from safer.accounts.choices import Role
from safer.core.middleware import RequestContextMiddleware

pytestmark = pytest.mark.django_db


class TestErrorLogging:
    def test_not_found_is_a_warning_without_traceback(self, make_user, client_for, caplog):
        client = client_for(make_user(role=Role.CASEWORKER))
        with caplog.at_level(logging.INFO, logger="safer.errors"):
            response = client.get("/casework/cases/ASB-2000-00001/")
        assert response.status_code == 404
        records = [r for r in caplog.records if r.name == "safer.errors"]
        assert [(r.levelname, r.getMessage()) for r in records] == [
            ("WARNING", "Not found (404) on /casework/cases/ASB-2000-00001/")
        ]
        assert records[0].exc_info is None

    def test_permission_denied_is_a_warning_without_traceback(self, make_user, client_for, caplog):
        client = client_for(make_user(role=Role.ANALYST, with_device=False))
        with caplog.at_level(logging.INFO, logger="safer.errors"):
            response = client.get("/casework/")
        assert response.status_code == 403
        records = [r for r in caplog.records if r.name == "safer.errors"]
        assert [(r.levelname, r.getMessage()) for r in records] == [
            ("WARNING", "Permission denied (403) on /casework/")
        ]
        assert "Unhandled" not in caplog.text

    def test_unexpected_error_is_logged_with_reference_and_traceback(self, caplog):
        request = RequestFactory().get("/somewhere/")
        middleware = RequestContextMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
        with caplog.at_level(logging.INFO, logger="safer.errors"):
            middleware.process_exception(request, ValueError("boom"))
            middleware.process_exception(request, Http404("gone"))
        errors = [r for r in caplog.records if r.levelname == "ERROR"]
        assert len(errors) == 1 and errors[0].getMessage().startswith("Unhandled error reference=")
        assert errors[0].exc_info is not None
        assert request.error_reference in errors[0].getMessage()  # type: ignore[attr-defined]
