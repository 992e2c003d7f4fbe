"""Querysets compiled to SQL once per process and database, then run again with new values.

Django builds a queryset's SQL afresh every time it is evaluated. For the reads every request or every case
page makes (the signed-in user, the case, its people, incidents, tasks and notes) that was a third of the
request's CPU (benchmarks/casework_load.py, BENCHMARKS.md). A `PreparedQuery` builds its queryset once per
database alias with placeholder values, keeps the SQL, the converters and what Django needs to turn a row
into model instances (the compiler's select list and klass_info, so `select_related` and annotations work),
and on each call runs the same SQL with the caller's values through the current thread's connection.

Use it only for querysets whose SQL does not change shape with the values (no filters added or left out
depending on them). Placeholders are ints or strings passed to the ORM unchanged (ids, references); each must
reach the SQL as a parameter at least once, which is checked when the SQL is compiled.

    case_notes = PreparedQuery(
        lambda case_id: Note.objects.filter(case_id=case_id).select_related("author"), case_id=int
    )
    notes = case_notes(case_id=case.pk)  # a list of Note, each with its author

`PreparedInsert` does the same for the INSERT of a new row (the audit trail's, written on every case viewed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery

M = TypeVar("M", bound=Model)

# Placeholder values unlikely to occur as constants in a query; their positions in the parameters are found by value.
# The integers fit every integer column type (Django drops lookups with values outside the column's range).
_INT_PLACEHOLDER_BASE = -30_001
_STR_PLACEHOLDER_PREFIX = "\x1fsafer-placeholder-"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, tuple[int, ...]]  # placeholder name -> positions in params
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (column, converters, expression)
    model: type[Model]
    init_list: tuple[str, ...]
    model_slice: slice
    klass_info: dict[str, Any]
    select: Any
    annotation_col_map: dict[str, int]
    pageable: bool  # unsliced and not locking, so LIMIT ... OFFSET ... can follow the SQL


class PreparedQuery(Generic[M]):
    """A fixed-shape queryset: `build(**values)` compiled once per database, run with new values each call.

    `types` gives each placeholder's type (int or str), in the order `build` takes them as keywords.
    """

    def __init__(self, build: Callable[..., QuerySet[M]], **types: type) -> None:
        if not types or any(kind not in (int, str) for kind in types.values()):
            raise TypeError("PreparedQuery placeholders must be given as name=int or name=str.")
        self._build = build
        self._types = types
        self._compiled: dict[str, _Compiled] = {}
        self.model: type[M] = build(**self._placeholders()).model

    def _placeholders(self) -> dict[str, Any]:
        return {
            name: (_INT_PLACEHOLDER_BASE - i if kind is int else f"{_STR_PLACEHOLDER_PREFIX}{i}")
            for i, (name, kind) in enumerate(self._types.items())
        }

    def _compile(self, alias: str) -> _Compiled:
        placeholders = self._placeholders()
        queryset = self._build(**placeholders)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = {}
        for name, value in placeholders.items():
            positions = tuple(i for i, param in enumerate(params) if param == value)
            if not positions:
                raise ValueError(f"Placeholder {name!r} does not reach the SQL as a parameter: {sql}")
            slots[name] = positions
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(fields).items()
        )
        klass_info = compiler.klass_info
        select_fields = klass_info["select_fields"]
        model_slice = slice(select_fields[0], select_fields[-1] + 1)
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            converters=converters,
            model=klass_info["model"],
            init_list=tuple(column[0].target.attname for column in compiler.select[model_slice]),
            model_slice=model_slice,
            klass_info=klass_info,
            select=compiler.select,
            annotation_col_map=dict(compiler.annotation_col_map or {}),
            pageable=not queryset.query.is_sliced and not queryset.query.select_for_update,
        )

    def sql(self, alias: str | None = None) -> str:
        """The compiled SQL (for tests and EXPLAIN)."""
        return self._get(alias or router.db_for_read(self.model)).sql

    def _get(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        return compiled

    def __call__(self, *, limit: int | None = None, offset: int = 0, **values: Any) -> list[M]:
        """The model instances for these values, as `list(build(**values))` would give them.

        `limit` and `offset` page through the rows (`build(**values)[offset:offset + limit]`), as parameters of the
        same SQL; the queryset must then be unsliced.
        """
        if values.keys() != self._types.keys():
            raise TypeError(f"PreparedQuery takes {sorted(self._types)}, not {sorted(values)}.")
        for name, value in values.items():
            if type(value) is not self._types[name]:
                raise TypeError(f"Placeholder {name!r} must be {self._types[name].__name__}, not {value!r}.")
        alias = router.db_for_read(self.model)
        compiled = self._get(alias)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            for position in positions:
                params[position] = values[name]
        sql = compiled.sql
        if limit is not None:
            if not compiled.pageable:
                raise TypeError("A sliced queryset cannot be paged again: build it without the slice.")
            sql = f"{sql} LIMIT %s OFFSET %s"
            params += [int(limit), int(offset)]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return self._instances(compiled, rows, alias, connection)

    @staticmethod
    def _instances(compiled: _Compiled, rows: list[Any], alias: str, connection: Any) -> list[Any]:
        # As Django's ModelIterable does it (django/db/models/query.py), from the kept compile.
        # django-stubs describe a later Django (a fetch_mode argument); 5.2 takes these three.
        populators = get_related_populators(compiled.klass_info, compiled.select, alias)  # type: ignore[call-arg]
        instances = []
        for raw in rows:
            row = list(raw)
            for position, convs, expression in compiled.converters:
                value = row[position]
                for converter in convs:
                    value = converter(value, expression, connection)
                row[position] = value
            instance = compiled.model.from_db(alias, compiled.init_list, row[compiled.model_slice])
            for populator in populators:
                populator.populate(row, instance)
            for attribute, position in compiled.annotation_col_map.items():
                setattr(instance, attribute, row[position])
            instances.append(instance)
        return instances


@dataclass(frozen=True)
class _CompiledInsert:
    sql: str
    fields: tuple[Any, ...]
    returning: tuple[Any, ...]


class PreparedInsert(Generic[M]):
    """`instance.save()` for a new row of a model without signals, its INSERT built by the ORM once per database.

    The values are prepared per call by each field exactly as `save()` does (`pre_save` fills `auto_now_add`, then
    `get_db_prep_save`), and the primary key comes back with RETURNING. For append-only rows written on hot paths
    (the audit trail: one per case viewed); the model must have no signal receivers that matter and no
    multi-table inheritance.
    """

    def __init__(self, model: type[M]) -> None:
        if model._meta.parents:
            raise TypeError("PreparedInsert does not handle multi-table inheritance.")
        self.model = model
        self._compiled: dict[str, _CompiledInsert] = {}

    def _compile(self, alias: str, sample: M) -> _CompiledInsert:
        meta = self.model._meta
        fields = tuple(f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field)
        returning = tuple(meta.db_returning_fields)
        query = InsertQuery(self.model)
        query.insert_values(list(fields), [sample])
        compiler = query.get_compiler(using=alias)
        compiler.returning_fields = list(returning)
        statements = compiler.as_sql()
        if len(statements) != 1 or len(statements[0][1]) != len(fields):
            raise TypeError(f"{meta.label}: expected one INSERT with a parameter per field: {statements!r}")
        return _CompiledInsert(sql=statements[0][0], fields=fields, returning=returning)

    def save(self, instance: M) -> M:
        """Insert `instance` (a new, unsaved object), setting its primary key; returns it."""
        if not instance._state.adding or instance.pk is not None:
            raise TypeError("PreparedInsert.save() takes a new object without a primary key.")
        alias = router.db_for_write(self.model, instance=instance)
        connection = connections[alias]
        if not connection.features.can_return_columns_from_insert:
            instance.save(using=alias)  # a database that cannot return the new key: Django's own path
            return instance
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias, instance)
        values = [field.pre_save(instance, True) for field in compiled.fields]
        if any(hasattr(value, "resolve_expression") for value in values):
            instance.save(using=alias)  # an expression or a database default: the SQL differs, Django's own path
            return instance
        params = [
            field.get_db_prep_save(value, connection) for field, value in zip(compiled.fields, values, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            returned = cursor.fetchone()
        for field, value in zip(compiled.returning, returned, strict=True):
            setattr(instance, field.attname, value)
        instance._state.adding = False
        instance._state.db = alias
        return instance
