"""Security headers, production settings, fail-fast configuration and error pages without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def _settings_in_subprocess(env: dict[str, str], expression: str) -> subprocess.CompletedProcess[str]:
    code = f"import json, django; from django.conf import settings; django.setup(); print(json.dumps({expression}))"
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "safer.config.settings", **env}
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=60)


class TestHeaders:
    def test_every_page_has_csp_without_inline_scripts_and_frame_denial(self, client):
        response = client.get("/accounts/sign-in/")
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_forms_are_csrf_protected(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/accounts/sign-in/", {"username": "x", "password": "y"})
        assert response.status_code == 403
        assert b"your form could not be sent" in response.content


class TestSettings:
    def test_session_times_out_when_idle(self, settings):
        assert settings.SESSION_COOKIE_AGE == 30 * 60
        assert settings.SESSION_COOKIE_HTTPONLY
        assert "safer.accounts.session.SessionIdleRefreshMiddleware" in settings.MIDDLEWARE

    def test_production_turns_on_hsts_and_secure_cookies(self, tmp_path):
        result = _settings_in_subprocess(
            {"SAFER_PRODUCTION": "1", "SAFER_SECRET_KEY": "x" * 50, "SAFER_VAR_DIR": str(tmp_path)},
            "[settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]",
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.strip().splitlines()[-1]) == [31536000, True, True]

    def test_production_without_secret_key_fails_fast_naming_the_variable(self, tmp_path):
        env = {"SAFER_PRODUCTION": "1", "SAFER_VAR_DIR": str(tmp_path)}
        env_clean = {k: v for k, v in os.environ.items() if k != "SAFER_SECRET_KEY"}
        code = "import safer.config.settings"
        result = subprocess.run(
            [sys.executable, "-c", code], env={**env_clean, **env}, capture_output=True, text=True, timeout=60
        )
        assert result.returncode != 0
        assert "SAFER_SECRET_KEY is not set" in result.stderr

    def test_bad_boolean_is_reported_with_its_value(self, tmp_path):
        result = _settings_in_subprocess({"SAFER_DEBUG": "perhaps", "SAFER_VAR_DIR": str(tmp_path)}, "1")
        assert result.returncode != 0
        assert "SAFER_DEBUG='perhaps' is not a boolean" in result.stderr

    def test_database_url_switches_to_postgresql(self, tmp_path):
        result = _settings_in_subprocess(
            {"DATABASE_URL": "postgres://u@db.example:5432/safer", "SAFER_VAR_DIR": str(tmp_path)},
            "settings.DATABASES['default']['ENGINE']",
        )
        assert result.returncode == 0, result.stderr
        assert "postgresql" in result.stdout


def _boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", _boom)]
handler500 = "safer.core.views.error_500"


class TestErrorPages:
    @override_settings(ROOT_URLCONF=__name__, DEBUG=False)
    def test_server_error_shows_govuk_page_without_traceback(self):
        client = Client(raise_request_exception=False)
        response = client.get("/boom/")
        assert response.status_code == 500
        assert b"Sorry, there is a problem with the service" in response.content
        assert b"secret internal detail" not in response.content
        assert b"quote reference" in response.content


class TestCommandErrors:
    def test_unexpected_error_is_one_line_with_a_reference(self, tmp_path):
        env = {**os.environ, "SAFER_VAR_DIR": str(tmp_path), "SAFER_DEBUG": "0"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        # A database path whose folder does not exist makes `migrate` fail unexpectedly.
        env["DATABASE_URL"] = f"sqlite:///{tmp_path}/missing-dir/x/db.sqlite3"
        result = subprocess.run(
            [sys.executable, "-m", "safer.cli", "migrate"], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Unexpected error (reference ")
        assert "Traceback" in (tmp_path / "log" / "safer.log").read_text()

    def test_bad_arguments_exit_2(self, tmp_path):
        env = {**os.environ, "SAFER_VAR_DIR": str(tmp_path)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "-m", "safer.cli", "demo-code"], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 2

    def test_not_found_page(self, client):
        response = client.get("/nowhere/")
        assert response.status_code == 404
        assert b"Page not found" in response.content


class TestConsoleCommand:
    def test_safer_command_runs_management_commands(self, tmp_path):
        env = {**os.environ, "SAFER_VAR_DIR": str(tmp_path)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "-m", "safer.cli", "check"], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout
