"""Settings for the test suite: the normal settings with test-friendly defaults in the environment."""

import os
import tempfile

# Defaults only: a variable set by the caller (e.g. DATABASE_URL for PostgreSQL in CI) wins.
os.environ.setdefault("SAFER_VAR_DIR", tempfile.mkdtemp(prefix="safer-test-var-"))
os.environ.setdefault("SAFER_HUEY_IMMEDIATE", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from safer.config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses PBKDF2
