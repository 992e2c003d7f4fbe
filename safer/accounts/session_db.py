"""Database sessions (SESSION_ENGINE without Redis): Django's store, its `load()` reading the row with `Manager.raw()`.

Every signed-in request loads its session. Django's store reads it with `Session.objects.get(session_key=...,
expire_date__gt=now)`, compiled again each time: 0.52-0.56 ms of CPU; `raw()` with the same columns 0.27
(docs/serving-performance.md). `load()` is one of the methods Django's documentation names for a session store;
saving, creating, deleting and clearing expired sessions are Django's. The result is Django's: the live session's
data, or `{}` and the key dropped (so a new one is made on save) when the session is unknown or expired.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router
from django.db.models import Field
from django.utils import timezone

SESSION_FIELDS = ("session_key", "session_data", "expire_date")  # the key first: it is the primary key


class SessionStore(DatabaseSessionStore):
    """Django's database session store; only the read differs (same result)."""

    def load(self) -> dict[str, Any]:
        key = self.session_key
        model = self.get_model_class()
        row = None
        if key:
            rows = model._default_manager.raw(_session_sql(model), [key], using=router.db_for_read(model))
            row = next(iter(rows), None)
        # The expiry is compared here, on the datetime raw() converted as the ORM does (aware on every database).
        if row is None or row.expire_date <= timezone.now():
            self._session_key = None  # as Django's stores do for a session that is not there
            return {}
        return self.decode(row.session_data)


@functools.cache
def _session_sql(model: Any) -> str:
    """The session row by key (its three columns), named from the model's metadata."""
    key, data, expiry = (str(cast(Field, model._meta.get_field(name)).column) for name in SESSION_FIELDS)
    # Identifiers come from the model's metadata, never from input; the key is a query parameter.
    return f'SELECT "{key}", "{data}", "{expiry}" FROM "{model._meta.db_table}" WHERE "{key}" = %s'  # noqa: S608
