"""Authentication backend: Django's ModelBackend, loading the signed-in user with their organisation in one query.

Every signed-in request loads its user (`django.contrib.auth.get_user` calls `get_user` below). Through a queryset
(`select_related("organisation")` and the device subquery) that cost 0.75-0.88 ms of CPU a request, 0.36 of it
compiling the same SQL again; read with `Manager.raw()` 0.30-0.33 (0.23 on another machine), and with Django's cursor
0.09-0.10 there (docs/serving-performance.md). The SQL is generated once per process from the models' metadata, so a
new field of the user is read without editing it; `safer.core.rows` makes the instances with `Model.from_db()` and
converts the values as the ORM does (dates on SQLite included). `test_backends.py` checks that the user, the
organisation and the device id equal what the queryset reads, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router
from django.db.models import Field, Model
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.models import Organisation, User
from safer.core.rows import Columns

# What requests use of the organisation: need-to-know (the id), the page banner (the name), roles (the kind), access
# (active). Its other columns (created_at) load if something asks for them, as with `only()`.
ORGANISATION_FIELDS = ("id", "name", "kind", "is_active")
DEVICE_ID = "confirmed_totp_device_id"
# The columns read: every column of the user (under alias u), the organisation's ORGANISATION_FIELDS (under o).
USER_COLUMNS = Columns(User, "u", tuple(field.name for field in User._meta.concrete_fields))
ORGANISATION_COLUMNS = Columns(Organisation, "o", ORGANISATION_FIELDS)


@functools.cache
def signed_in_user_sql() -> str:
    """One user by id, in this order: every column of the user, the organisation's ORGANISATION_FIELDS and the id of
    the user's first confirmed TOTP device (as `confirmed_totp_device_id`); what this queryset reads:
    `User.objects.select_related("organisation").annotate(confirmed_totp_device_id=Subquery(first confirmed device))`.
    """
    user, organisation, device = User._meta, Organisation._meta, TOTPDevice._meta
    device_id = _column(TOTPDevice, "id")
    # Identifiers come from the models' metadata, never from input; the user id is a query parameter.
    first_device = (
        f'SELECT d."{device_id}" FROM "{device.db_table}" d '  # noqa: S608 - identifiers from model metadata
        f'WHERE d."{_column(TOTPDevice, "user")}" = u."{_column(User, "id")}" '
        f'AND d."{_column(TOTPDevice, "confirmed")}" '
        f'ORDER BY d."{device_id}" LIMIT 1'
    )
    return (
        f"SELECT {USER_COLUMNS.columns()}, {ORGANISATION_COLUMNS.columns()}, "  # noqa: S608 - as above
        f'({first_device}) AS "{DEVICE_ID}" '
        f'FROM "{user.db_table}" u LEFT JOIN "{organisation.db_table}" o '
        f'ON o."{_column(Organisation, "id")}" = u."{_column(User, "organisation")}" '
        f'WHERE u."{_column(User, "id")}" = %s'
    )


def _column(model: type[Model], name: str) -> str:
    """The database column of the model's field `name`."""
    return str(cast(Field, model._meta.get_field(name)).column)


def signed_in_user(user_id: Any) -> User | None:
    """The user with that id, their organisation loaded with them and `confirmed_totp_device_id` set; None if none."""
    key = User._meta.pk.get_prep_value(user_id)  # an int, or ValueError/TypeError, as `filter(pk=...)` would raise
    connection = connections[router.db_for_read(User)]
    with connection.cursor() as cursor:
        cursor.execute(signed_in_user_sql(), [key])
        row = cursor.fetchone()
    if row is None:
        return None
    # The row is the user's columns, then the organisation's (none found: NULLs), then the device id.
    user_end = len(USER_COLUMNS.fields)
    user = cast(User, USER_COLUMNS.instance(row[:user_end], connection))
    organisation = ORGANISATION_COLUMNS.instance(row[user_end:-1], connection)
    if organisation is not None:
        user.organisation = cast(Organisation, organisation)
    setattr(user, DEVICE_ID, row[-1])
    return user


class OrganisationModelBackend(ModelBackend):
    """Every request reads the user's organisation (need-to-know checks, the page banner); fetch it in the same query.

    The team is not joined: requests use `team_id` only, and the few pages showing a team name load it then.

    The same query also reads the id of the user's confirmed TOTP device (`confirmed_totp_device_id`), so the
    two-factor middleware (safer.accounts.otp) can check the session's verified device without a query of its own.
    """

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = signed_in_user(user_id)
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
