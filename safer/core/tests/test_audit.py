"""The audit trail: recorded for changes, filterable by administrators, never editable or deletable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.core.models.audit import AuditEventImmutableError
from safer.core.services.audit import audit_record

pytestmark = pytest.mark.django_db


class TestAuditRecord:
    def test_records_actor_target_and_organisation(self, make_user):
        user = make_user(role=Role.ADMINISTRATOR)
        event = audit_record(actor=user, action="test.viewed", target=user.organisation, detail={"k": 1})
        assert event.actor == user
        assert event.actor_label == user.username
        assert event.target_type == "accounts.organisation"
        assert event.target_id == str(user.organisation.pk)
        assert event.target_label == user.organisation.name
        assert event.channel == "cli"  # no request bound

    def test_anonymous_actor_is_recorded_as_nobody(self):
        event = audit_record(actor=None, action="test.system")
        assert event.actor is None and event.actor_label == ""


class TestImmutability:
    def test_instance_cannot_be_changed_or_deleted(self):
        event = audit_record(actor=None, action="test.x")
        event.action = "tampered"
        with pytest.raises(AuditEventImmutableError):
            event.save()
        with pytest.raises(AuditEventImmutableError):
            event.delete()

    def test_queryset_update_and_delete_are_refused(self):
        audit_record(actor=None, action="test.x")
        with pytest.raises(AuditEventImmutableError):
            AuditEvent.objects.all().update(action="tampered")
        with pytest.raises(AuditEventImmutableError):
            AuditEvent.objects.all().delete()

    def test_database_refuses_raw_update(self):
        from django.db import connection

        event = audit_record(actor=None, action="test.x")
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["tampered", event.pk])
        assert AuditEvent.objects.get(pk=event.pk).action == "test.x"

    def test_django_admin_offers_no_change_or_delete(self, make_user, client_for):
        from django.contrib import admin as django_admin

        model_admin = django_admin.site._registry.get(AuditEvent)
        assert model_admin is not None
        superuser = make_user(role=Role.ADMINISTRATOR)
        superuser.is_staff = superuser.is_superuser = True
        superuser.save()
        request = type("R", (), {"user": superuser})()
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert not model_admin.has_add_permission(request)


class TestAuditLogPage:
    def test_is_never_kept_by_browsers_or_proxies(self, make_user, client_for):
        response = client_for(make_user(role=Role.ADMINISTRATOR)).get("/audit/")
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]

    def test_filters_by_action_and_actor(self, make_user, client_for):
        admin = make_user(role=Role.ADMINISTRATOR, username="auditor")
        other = make_user(role=Role.ANALYST, username="someone")
        audit_record(actor=other, action="test.alpha")
        audit_record(actor=admin, action="test.beta")
        client = client_for(admin)
        body = client.get("/audit/", {"action": "test.alpha"}).content.decode()
        assert ">Alpha</td>" in body and ">Beta</td>" not in body
        body = client.get("/audit/", {"actor": "someone"}).content.decode()
        assert ">Alpha</td>" in body and ">Beta</td>" not in body

    def test_date_range_filter_and_bad_range_message(self, make_user, client_for):
        admin = make_user(role=Role.ADMINISTRATOR)
        audit_record(actor=admin, action="test.today")
        client = client_for(admin)
        tomorrow = timezone.localdate() + timedelta(days=1)
        date_from = {"date_from_0": tomorrow.day, "date_from_1": tomorrow.month, "date_from_2": tomorrow.year}
        body = client.get("/audit/", date_from).content.decode()
        assert ">Today</td>" not in body
        assert f'name="date_from_2" type="text" inputmode="numeric" value="{tomorrow.year}"' in body
        response = client.get("/audit/", {**date_from, "date_to_0": "1", "date_to_1": "1", "date_to_2": "2020"})
        assert response.status_code == 400
        assert "The to date must be the same as or after the from date" in response.content.decode()
        response = client.get("/audit/", {"date_from_0": "1", "date_from_1": "13", "date_from_2": "2026"})
        assert response.status_code == 400
        assert '<a href="#id_date_from_1">From date must be a real date</a>' in response.content.decode()

    def test_viewing_the_log_is_itself_audited(self, make_user, client_for):
        admin = make_user(role=Role.ADMINISTRATOR)
        client_for(admin).get("/audit/")
        assert AuditEvent.objects.filter(action="core.audit_viewed", actor=admin).exists()


def _named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


class TestAuditLogReadable:
    def test_targets_and_people_are_named_as_people_read_them(self, make_user, client_for):
        from safer.casework.tests.conftest import open_case

        admin = _named(make_user(role=Role.ADMINISTRATOR, username="auditor"), "Ada", "Auditor")
        worker = _named(make_user(role=Role.CASEWORKER, username="worker"), "Wes", "Worker")
        case = open_case(worker)
        audit_record(actor=admin, action="accounts.user_updated", target=worker)
        client = client_for(admin)
        client.get("/audit/")
        body = client.get("/audit/").content.decode()
        organisation = worker.organisation.name
        assert f"User Wes Worker ({organisation})" in body
        assert f"Case {case.reference}" in body and "Audit log</td>" in body
        assert "Ada Auditor" in body and "Wes Worker<br>" in body
        for internal in ("core.auditevent", "accounts.user #", "casework.case"):
            assert internal not in body.split("<table", 1)[1], internal

    def test_failed_sign_in_names_what_was_typed_or_the_user(self, make_user, client_for):
        admin = make_user(role=Role.ADMINISTRATOR)
        known = _named(make_user(role=Role.ANALYST, username="known"), "Kim", "Known")
        audit_record(actor=None, action="accounts.sign_in_failed", target_type="accounts.user", target_label="known")
        audit_record(actor=None, action="accounts.sign_in_failed", target_type="accounts.user", target_label="nobody")
        body = client_for(admin).get("/audit/").content.decode()
        assert f"User Kim Known ({known.organisation.name})" in body
        assert "User name typed: nobody" in body and "Not signed in" in body
