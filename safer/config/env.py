"""The one place the environment is read; every setting that comes from outside passes through here."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class SettingMissingError(RuntimeError):
    """Raised at start-up when a required environment variable is not set."""


def env_str(name: str, default: str | None = None) -> str:
    """Return a string variable, or fail fast naming the missing variable."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise SettingMissingError(
                f"Environment variable {name} is not set. Set it (see README, 'Configuration') and start again."
            )
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable: 1/true/yes/on are true, 0/false/no/off are false."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingMissingError(f"Environment variable {name}={raw!r} is not a boolean. Use 1/0, true/false.")


def env_int(name: str, default: int) -> int:
    """Return an integer variable, failing with the value received when it is not a number."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingMissingError(f"Environment variable {name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("SAFER_DEBUG", False)
PRODUCTION = env_bool("SAFER_PRODUCTION", False)
VAR_DIR = Path(env_str("SAFER_VAR_DIR", str(BASE_DIR / "var")))
# Outside production a development key is generated per checkout; production must set one.
SECRET_KEY = env_str("SAFER_SECRET_KEY") if PRODUCTION else env_str("SAFER_SECRET_KEY", "")
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'safer.sqlite3'}")
WAREHOUSE_PATH = Path(env_str("SAFER_WAREHOUSE", str(VAR_DIR / "warehouse.duckdb")))
ALLOWED_HOSTS = env_list("SAFER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
REDIS_URL = env_str("SAFER_REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("SAFER_HUEY_IMMEDIATE", False)
REQUIRE_2FA = env_bool("SAFER_REQUIRE_2FA", True)
SESSION_IDLE_MINUTES = env_int("SAFER_SESSION_IDLE_MINUTES", 30)
MAP_TILE_URL = env_str("SAFER_MAP_TILE_URL", "none")
MAP_TILE_ATTRIBUTION = env_str("SAFER_MAP_TILE_ATTRIBUTION", "")
RETENTION_YEARS = env_int("SAFER_CASE_RETENTION_YEARS", 6)
SUPPRESSION_THRESHOLD = env_int("SAFER_SUPPRESSION_THRESHOLD", 5)  # reports: person-level counts below it hidden
POLICEUK_BASE_URL = env_str("SAFER_POLICEUK_BASE_URL", "https://data.police.uk")
# The partnership's local serious violence definition beyond Group 1 and 2 (docs/serious-violence.md): extra Home
# Office offence codes, and flags (domestic_abuse, alcohol, hate) that add violence against the person.
SERIOUS_VIOLENCE_LOCAL_CODES = env_list("SAFER_SERIOUS_VIOLENCE_LOCAL_CODES", [])
SERIOUS_VIOLENCE_LOCAL_FLAGS = env_list("SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS", [])
_unknown_flags = sorted(set(SERIOUS_VIOLENCE_LOCAL_FLAGS) - {"domestic_abuse", "alcohol", "hate"})
if _unknown_flags:
    raise SettingMissingError(
        f"SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS has {', '.join(_unknown_flags)}; use any of domestic_abuse, alcohol, hate."
    )
EMAIL_URL = env_str("SAFER_EMAIL_BACKEND", "console")
# Notifications (safer/core/notifications): GOV.UK Notify when an API key is set, else SMTP when a host is set,
# else "console": messages are recorded and shown on the notifications page, and nothing leaves the machine.
NOTIFY_API_KEY = env_str("SAFER_NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("SAFER_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("SAFER_NOTIFY_EMAIL_TEMPLATE_ID") if NOTIFY_API_KEY else ""
NOTIFY_SMS_TEMPLATE_ID = env_str("SAFER_NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = env_str("SAFER_NOTIFY_LETTER_TEMPLATE_ID", "")
NOTIFY_CALLBACK_TOKEN = env_str("SAFER_NOTIFY_CALLBACK_TOKEN", "")
SMTP_HOST = env_str("SAFER_SMTP_HOST", "")
SMTP_PORT = env_int("SAFER_SMTP_PORT", 25)
# Community messaging hands this many messages a minute to the provider (GOV.UK Notify allows 3,000).
MESSAGING_RATE_PER_MINUTE = env_int("SAFER_MESSAGING_RATE_PER_MINUTE", 3000)
SMTP_USER = env_str("SAFER_SMTP_USER", "")
SMTP_PASSWORD = env_str("SAFER_SMTP_PASSWORD", "")
SMTP_STARTTLS = env_bool("SAFER_SMTP_STARTTLS", False)
SMTP_FROM = env_str("SAFER_SMTP_FROM", "Safer Communities <no-reply@localhost>")
NOTIFICATIONS_BACKEND = "notify" if NOTIFY_API_KEY else ("smtp" if SMTP_HOST else "console")
# The address residents reach the service at, for links in messages (the case review applicant's link).
PUBLIC_URL = env_str("SAFER_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
