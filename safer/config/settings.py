"""Django settings for Safer Communities; values from outside come only through safer.config.env."""

from __future__ import annotations

import secrets
from datetime import timedelta

import dj_database_url

from safer.config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _development_secret_key() -> str:
    """A per-checkout key kept in var/, so sessions survive restarts without a committed secret."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env.SECRET_KEY or _development_secret_key()
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "huey.contrib.djhuey",
    "ninja",
    "safer.core",
    "safer.accounts",
    "safer.geography",
    "safer.intelligence",
    "safer.casework",
    "safer.engagement",
    "safer.planning",
    "safer.safeguarding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "safer.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "safer.accounts.session.SessionIdleRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safer.accounts.otp.OTPMiddleware",
    "safer.accounts.middleware.TwoFactorRequiredMiddleware",
    "safer.core.middleware.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must be last so it sees the final authentication outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safer.config.urls"
WSGI_APPLICATION = "safer.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "safer" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safer.core.context_processors.service",
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(env.DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameter binding lets psycopg prepare a statement the fifth time a connection runs it (its own
    # default threshold), so PostgreSQL parses and plans each query of a page once per connection, not per request:
    # half of PostgreSQL's CPU per casework request (docs/serving-performance.md). Both are Django's documented
    # OPTIONS; not compatible with a connection pooler in transaction mode (PgBouncer), which the service does not use.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "safer.accounts.backends.OrganisationModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Two-factor: roles that can see personal data must have a confirmed TOTP device.
SAFER_REQUIRE_2FA = env.REQUIRE_2FA
OTP_TOTP_ISSUER = "Safer Communities"

# django-axes: lock an account+address pair after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "token"]

# Sessions: idle timeout, secure cookies.
SESSION_COOKIE_AGE = env.SESSION_IDLE_MINUTES * 60
# Idle timeout: safer.accounts.session refreshes the expiry at most once a minute (cheaper than saving every request).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "safer.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env.PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True  # English everywhere; Welsh on the public case review pages (?lang=cy), from safer/locale
LANGUAGES = [("en-gb", "English"), ("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "safer" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Sessions and the cache. With Redis (SAFER_REDIS_URL), sessions are read from Redis and written through to the
# database: no session query per request, and a Redis restart signs nobody out. Without Redis, sessions stay in the
# database only, since a per-process cache would let one worker honour a session another has just signed out.
if env.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.REDIS_URL,
            "KEY_PREFIX": "safer",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    SESSION_ENGINE = "safer.accounts.session_db"  # Django's database store, the session read with Django's cursor

# Background jobs: huey on SQLite by default, Redis when several machines share the queue.
if env.REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "safer", "url": env.REDIS_URL, "immediate": env.HUEY_IMMEDIATE}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "safer",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": env.HUEY_IMMEDIATE,
    }

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if env.EMAIL_URL == "console"
    else "django.core.mail.backends.smtp.EmailBackend"
)

# Analytic warehouse and product settings.
SAFER_WAREHOUSE_PATH = env.WAREHOUSE_PATH
SAFER_MAP_TILE_URL = env.MAP_TILE_URL
SAFER_MAP_TILE_ATTRIBUTION = env.MAP_TILE_ATTRIBUTION
SAFER_CASE_RETENTION_YEARS = env.RETENTION_YEARS
# Small-number suppression in reports (SIA): counts 1 to threshold - 1 of person-level tables shown "<5".
SAFER_SUPPRESSION_THRESHOLD = env.SUPPRESSION_THRESHOLD
SAFER_POLICEUK_BASE_URL = env.POLICEUK_BASE_URL
SAFER_SERIOUS_VIOLENCE_LOCAL_CODES = env.SERIOUS_VIOLENCE_LOCAL_CODES
SAFER_SERIOUS_VIOLENCE_LOCAL_FLAGS = env.SERIOUS_VIOLENCE_LOCAL_FLAGS
SAFER_SERVICE_NAME = "Safer Communities"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "safer.core.logging.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Unhandled errors are logged once, with a reference, by safer.core.middleware.
        "django.request": {"handlers": ["console"], "level": "CRITICAL", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The development server's request lines, without query strings (the case review applicant's token).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Notifications (safer/core/notifications): which backend sends, and its settings (read at delivery time).
SAFER_NOTIFICATIONS = {
    "BACKEND": env.NOTIFICATIONS_BACKEND,  # notify | smtp | console
    "NOTIFY_API_KEY": env.NOTIFY_API_KEY,
    "NOTIFY_BASE_URL": env.NOTIFY_BASE_URL,
    "NOTIFY_EMAIL_TEMPLATE_ID": env.NOTIFY_EMAIL_TEMPLATE_ID,
    "NOTIFY_SMS_TEMPLATE_ID": env.NOTIFY_SMS_TEMPLATE_ID,
    "NOTIFY_LETTER_TEMPLATE_ID": env.NOTIFY_LETTER_TEMPLATE_ID,
    "NOTIFY_CALLBACK_TOKEN": env.NOTIFY_CALLBACK_TOKEN,
    "SMTP_HOST": env.SMTP_HOST,
    "SMTP_PORT": env.SMTP_PORT,
    "SMTP_USER": env.SMTP_USER,
    "SMTP_PASSWORD": env.SMTP_PASSWORD,
    "SMTP_STARTTLS": env.SMTP_STARTTLS,
    "FROM_EMAIL": env.SMTP_FROM,
}
SAFER_PUBLIC_URL = env.PUBLIC_URL
SAFER_MESSAGING_RATE_PER_MINUTE = env.MESSAGING_RATE_PER_MINUTE
