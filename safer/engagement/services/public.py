"""Protection of the public forms: a per-address rate limit and a honeypot check."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from safer.engagement.errors import PublicRateLimitError, PublicSpamError

# Submissions allowed per address per form kind in a window. Generous for a household or a library's shared
# connection, tight enough to blunt a script. Counted in the cache (per process without Redis).
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 3600


def _address_key(kind: str, address: str) -> str:
    # The address is hashed with the secret key so the cache never holds a resident's IP address.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]
    return f"engagement-rate:{kind}:{digest}"


def public_submission_check(*, kind: str, address: str, honeypot: str) -> None:
    """Refuse a public submission that filled the honeypot or is over the address's rate limit; count it."""
    if honeypot:
        raise PublicSpamError(_("The form could not be sent."))
    key = _address_key(kind, address or "unknown")
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    if count > RATE_LIMIT:
        raise PublicRateLimitError(_("Too many forms have been sent from your connection. Try again in an hour."))
