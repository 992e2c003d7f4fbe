"""safer.core.rows: values and instances read with Django's cursor equal what the ORM reads (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.core.rows import instance_from_row, value_from_db

FIELDS = ("id", "occurred_at", "action", "ip_address", "detail")


def _row(event: AuditEvent) -> tuple:
    fields = [AuditEvent._meta.get_field(name) for name in FIELDS]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {AuditEvent._meta.db_table} WHERE id = %s", [event.pk])  # noqa: S608
        return cursor.fetchone()


class TestValueFromDb:
    def test_each_value_equals_the_orms_with_its_type(self, db):
        event = AuditEvent.objects.create(action="test.read", ip_address="192.0.2.1", detail={"page": 2, "a": ["b"]})
        event.refresh_from_db()
        row = _row(event)
        values = {
            name: value_from_db(AuditEvent._meta.get_field(name), value, connection)
            for name, value in zip(FIELDS, row, strict=True)
        }
        assert values == {name: getattr(event, name) for name in FIELDS}
        # The date and time is aware on SQLite too (its driver returns it naive, in UTC), the JSON a dict.
        assert timezone.is_aware(values["occurred_at"])
        assert abs(values["occurred_at"] - timezone.now()) < timedelta(minutes=1)
        assert values["detail"] == {"page": 2, "a": ["b"]}

    def test_null_stays_none(self, db):
        assert value_from_db(AuditEvent._meta.get_field("ip_address"), None, connection) is None
        assert value_from_db(AuditEvent._meta.get_field("occurred_at"), None, connection) is None


class TestInstanceFromRow:
    def test_an_instance_with_the_fields_read_and_the_rest_deferred(self, db):
        event = AuditEvent.objects.create(action="test.read", target_label="ASB-2026-00001", detail={"x": 1})
        fields = [AuditEvent._meta.get_field(name) for name in FIELDS]
        loaded = instance_from_row(AuditEvent, fields, _row(event), connection)
        assert loaded.pk == event.pk and loaded.action == "test.read" and loaded.detail == {"x": 1}
        assert not loaded._state.adding and loaded._state.db == connection.alias
        assert "target_label" in loaded.get_deferred_fields()
        assert loaded.target_label == "ASB-2026-00001"  # a deferred field loads when read, as with only()


class TestColumns:
    def test_fields_named_in_any_order_are_read_in_the_models_order(self, db):
        from safer.core.rows import Columns, read_instances

        event = AuditEvent.objects.create(action="test.read", target_label="ASB-2026-00001", detail={"x": 1})
        columns = Columns(AuditEvent, "e", ("detail", "action", "id", "target_label"))
        assert [field.name for field in columns.fields] == ["id", "action", "target_label", "detail"]
        sql = f"SELECT {columns.columns()} FROM {AuditEvent._meta.db_table} e WHERE e.id = %s"  # noqa: S608
        ((loaded,),) = read_instances(sql, [event.pk], [columns])
        assert (loaded.pk, loaded.action, loaded.target_label, loaded.detail) == (
            event.pk,
            "test.read",
            "ASB-2026-00001",
            {"x": 1},
        )
        assert read_instances(sql, [event.pk + 1], [columns]) == []

    def test_a_part_whose_key_is_null_is_none_and_the_key_must_be_named(self, db):
        import pytest

        from safer.core.rows import Columns

        columns = Columns(AuditEvent, "e", ("id", "action"))
        assert columns.instance([None, None], connection) is None
        with pytest.raises(ValueError, match="primary key"):
            _ = Columns(AuditEvent, "e", ("action",)).fields

    def test_a_uuid_is_a_uuid_on_both_databases(self, db):
        from uuid import UUID

        from safer.casework.models import Person

        field = Person._meta.get_field("public_id")
        key = UUID("12345678-1234-5678-1234-567812345678")
        assert value_from_db(field, key.hex, connection) == key  # what SQLite's driver returns
        assert value_from_db(field, key, connection) is key  # what PostgreSQL's returns
