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
