"""Database sessions (SESSION_ENGINE without Redis): Django's, with the session read by prepared SQL.

Every signed-in request reads its session. Django's store builds that query (key and not expired) with the ORM
each time; here its SQL is built once per process (safer.core.prepared) and the expiry is checked on the row.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from safer.core.prepared import PreparedQuery

_session_by_key = PreparedQuery(lambda session_key: Session.objects.filter(session_key=session_key), session_key=str)


class SessionStore(DatabaseSessionStore):
    """Django's database session store; only the read differs (same result: the live session or none)."""

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        found = _session_by_key(session_key=key) if key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
