"""Rows read with Django's cursor (`connection.cursor()`, "Performing raw SQL queries" in Django's documentation) turned
into what the ORM would give: model instances made with `Model.from_db()` and values of the types its fields hold.

For the two reads every signed-in request makes (its session, its user): through `Manager.raw()` each cost about
0.21-0.23 ms of CPU, through the cursor 0.09-0.10 (benchmarks/casework_load.py, docs/serving-performance.md).
What raw() adds is per query (working out which columns are fields, converting each value through the backend's
converters); for a query whose columns are known when it is written, the conversion is the two rules below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, Field, Model
from django.utils import timezone

M = TypeVar("M", bound=Model)


def value_from_db(field: Field, value: Any, connection: BaseDatabaseWrapper) -> Any:
    """The value of `field` as the ORM loads it from what the database driver returned for its column.

    - A field with `from_db_value` (Django's hook for fields that convert what they read) converts it.
    - A date and time is aware (USE_TZ): PostgreSQL's driver returns it aware; SQLite's returns it naive, in the
      connection's time zone (UTC unless the database's TIME_ZONE says otherwise), as Django's SQLite backend does.
    Booleans, dates and times come typed from both drivers (Django registers SQLite's converters for them).
    """
    if value is None:
        return None
    from_db = getattr(field, "from_db_value", None)
    if from_db is not None:
        return from_db(value, None, connection)
    if isinstance(field, DateTimeField) and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, connection.timezone)
    return value


def instance_from_row(
    model: type[M], fields: Sequence[Field], values: Sequence[Any], connection: BaseDatabaseWrapper
) -> M:
    """A `model` instance from the values of `fields` (the rest deferred, as with `only()`), via `Model.from_db()`."""
    return model.from_db(
        connection.alias,
        [field.attname for field in fields],
        [value_from_db(field, value, connection) for field, value in zip(fields, values, strict=True)],
    )
