"""Rows read with Django's cursor (`connection.cursor()`, "Performing raw SQL queries" in Django's documentation) turned
into what the ORM would give: model instances made with `Model.from_db()` and values of the types its fields hold.

For the two reads every signed-in request makes (its session, its user): through `Manager.raw()` each cost about
0.21-0.23 ms of CPU, through the cursor 0.09-0.10 (benchmarks/casework_load.py, docs/serving-performance.md).
What raw() adds is per query (working out which columns are fields, converting each value through the backend's
converters); for a query whose columns are known when it is written, the conversion is the rules of
`value_from_db`. The case page's lists are read the same way (`Columns`, `read_instances`): one case's notes through
the ORM cost 0.59 ms of CPU, through the cursor 0.11 (safer/casework/selectors/case_page.py).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast
from uuid import UUID

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, Field, Model, UUIDField
from django.utils import timezone

M = TypeVar("M", bound=Model)


def value_from_db(field: Field, value: Any, connection: BaseDatabaseWrapper) -> Any:
    """The value of `field` as the ORM loads it from what the database driver returned for its column.

    - A field with `from_db_value` (Django's hook for fields that convert what they read) converts it.
    - A date and time is aware (USE_TZ): PostgreSQL's driver returns it aware; SQLite's returns it naive, in the
      connection's time zone (UTC unless the database's TIME_ZONE says otherwise), as Django's SQLite backend does.
    - A UUID is a `UUID`: PostgreSQL's driver returns one, SQLite's the 32 hexadecimal digits Django stores there.
    Booleans, dates and times come typed from both drivers (Django registers SQLite's converters for them).
    """
    if value is None:
        return None
    from_db = getattr(field, "from_db_value", None)
    if from_db is not None:
        return from_db(value, None, connection)
    if isinstance(field, DateTimeField) and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, connection.timezone)
    if isinstance(field, UUIDField) and not isinstance(value, UUID):
        return field.to_python(value)
    return value


def instance_from_row(
    model: type[M], fields: Sequence[Field], values: Sequence[Any], connection: BaseDatabaseWrapper
) -> M:
    """A `model` instance from the values of `fields` (the rest deferred, as with `only()`), via `Model.from_db()`.

    `fields` must be in the model's order (`_meta.concrete_fields`): `from_db()` gives the values to the fields named
    in that order, whatever order they are named in.
    """
    return model.from_db(
        connection.alias,
        [field.attname for field in fields],
        [value_from_db(field, value, connection) for field, value in zip(fields, values, strict=True)],
    )


@dataclass(frozen=True)
class Columns:
    """Some fields of one model, as columns of a SELECT written by hand under a table alias.

    `columns()` gives the select list from the model's metadata (each field's `column`), so the SQL and the way its
    rows are read cannot disagree; `instance()` makes the instance from that part of a row (the other fields deferred,
    as with `only()`), or None when its primary key is NULL, as from a LEFT JOIN that found nothing.
    """

    model: type[Model]
    alias: str
    names: tuple[str, ...]

    @functools.cached_property
    def fields(self) -> tuple[Field, ...]:
        """The fields named, in the model's order (the order `Model.from_db()` takes values in), primary key first."""
        order = self.model._meta.concrete_fields
        fields = sorted((cast(Field, self.model._meta.get_field(name)) for name in self.names), key=order.index)
        if not fields or not fields[0].primary_key:
            raise ValueError(f"Name the primary key of {self.model.__name__} among the fields of {self.alias}.")
        return tuple(fields)

    def columns(self) -> str:
        """The select list: each field's column under the alias, in the order of `fields`."""
        return ", ".join(f'{self.alias}."{field.column}"' for field in self.fields)

    def instance(self, values: Sequence[Any], connection: BaseDatabaseWrapper) -> Model | None:
        """The instance from this part of a row (values in the order of `fields`); None if its primary key is NULL."""
        if values[0] is None:
            return None
        return instance_from_row(self.model, self.fields, values, connection)


def read_instances(
    sql: str, params: Sequence[Any], parts: Sequence[Columns], *, using: str = DEFAULT_DB_ALIAS
) -> list[tuple[Any, ...]]:
    """Run `sql`, whose select list is each part's `columns()` in turn, and give one tuple of instances per row."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    spans, start = [], 0
    for part in parts:
        spans.append((part, start, start + len(part.fields)))
        start += len(part.fields)
    return [tuple(part.instance(row[begin:end], connection) for part, begin, end in spans) for row in rows]
