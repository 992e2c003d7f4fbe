"""Database sessions (SESSION_ENGINE without Redis): Django's store, its `load()` reading the row with Django's cursor.

Every signed-in request loads its session. Django's store reads it with `Session.objects.get(session_key=...,
expire_date__gt=now)`, compiled again each time: 0.52-0.56 ms of CPU; `Manager.raw()` with the same columns
0.21-0.27, Django's cursor 0.09 (docs/serving-performance.md). `load()` is one of the methods Django's documentation
names for a session store; saving, creating, deleting and clearing expired sessions are Django's. The result is
Django's: the live session's data, or `{}` and the key dropped (so a new one is made on save) when the session is
unknown or expired.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.db.models import Field
from django.utils import timezone

from safer.core.rows import value_from_db

SESSION_FIELDS = ("session_key", "session_data", "expire_date")


class SessionStore(DatabaseSessionStore):
    """Django's database session store; only the read differs (same result)."""

    def load(self) -> dict[str, Any]:
        key = self.session_key
        if key:
            model = self.get_model_class()
            connection = connections[router.db_for_read(model)]
            with connection.cursor() as cursor:
                cursor.execute(_session_sql(model), [key])
                row = cursor.fetchone()
            # The expiry is compared here, on the datetime as the ORM reads it (aware on every database).
            expiry = model._meta.get_field("expire_date")
            if row is not None and value_from_db(expiry, row[1], connection) > timezone.now():
                return self.decode(row[0])
        self._session_key = None  # as Django's stores do for a session that is not there (a new key is made on save)
        return {}


@functools.cache
def _session_sql(model: Any) -> str:
    """The session's data and expiry by key, named from the model's metadata."""
    key, data, expiry = (str(cast(Field, model._meta.get_field(name)).column) for name in SESSION_FIELDS)
    # Identifiers come from the model's metadata, never from input; the key is a query parameter.
    return f'SELECT "{data}", "{expiry}" FROM "{model._meta.db_table}" WHERE "{key}" = %s'  # noqa: S608
