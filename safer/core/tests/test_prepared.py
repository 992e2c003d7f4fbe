"""PreparedQuery: SQL built once per database, the same instances as the queryset it was built from."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count, F, Model

from safer.accounts.models import Organisation, User
from safer.core.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def _fields(instance: Model) -> dict[str, Any]:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _users_of(organisation_id: int, username: str) -> Any:
    return (
        User.objects.select_related("organisation")
        .annotate(organisation_name=F("organisation__name"))
        .filter(organisation_id=organisation_id)
        .exclude(username=username)
        .order_by("username")
    )


class TestSameAsTheQueryset:
    def test_instances_fields_relations_and_annotations_match(self, make_user, make_organisation):
        organisation = make_organisation(name="Prepared Borough")
        for name in ("ana", "ben", "cat"):
            make_user(username=name, organisation=organisation)
        prepared = PreparedQuery(_users_of, organisation_id=int, username=str)

        expected = list(_users_of(organisation.pk, "ben"))
        got = prepared(organisation_id=organisation.pk, username="ben")

        assert [u.username for u in got] == ["ana", "cat"]
        assert [_fields(u) for u in got] == [_fields(u) for u in expected]
        assert all(u.organisation_name == "Prepared Borough" for u in got)
        assert all(u.date_joined.tzinfo is not None for u in got)  # converters ran (SQLite stores text)

    def test_select_related_is_loaded_without_a_query(self, make_user, make_organisation, django_assert_num_queries):
        organisation = make_organisation(name="Loaded Borough")
        make_user(username="dee", organisation=organisation)
        prepared = PreparedQuery(_users_of, organisation_id=int, username=str)
        with django_assert_num_queries(1):
            (user,) = prepared(organisation_id=organisation.pk, username="nobody")
            assert user.organisation.name == "Loaded Borough"
            assert user._state.db == "default" and not user._state.adding

    def test_aggregate_annotation(self, make_user, make_organisation):
        organisation = make_organisation()
        make_user(organisation=organisation)
        make_user(organisation=organisation)
        prepared = PreparedQuery(lambda pk: Organisation.objects.filter(pk=pk).annotate(members=Count("users")), pk=int)
        (found,) = prepared(pk=organisation.pk)
        assert (
            found.members == 2 == Organisation.objects.annotate(members=Count("users")).get(pk=organisation.pk).members
        )


class TestCompiledOnce:
    def test_the_queryset_is_built_once_per_database_and_rerun_with_new_values(self, make_user, make_organisation):
        built: list[int] = []

        def build(pk: int) -> Any:
            built.append(pk)
            return Organisation.objects.filter(pk=pk)

        prepared = PreparedQuery(build, pk=int)
        first, second = make_organisation(name="First"), make_organisation(name="Second")
        assert [o.name for o in prepared(pk=first.pk)] == ["First"]
        assert [o.name for o in prepared(pk=second.pk)] == ["Second"]
        assert prepared(pk=-1) == []
        assert len(built) == 2  # once to learn the model, once to compile for "default"
        assert str(first.pk) not in prepared.sql() and "%s" in prepared.sql().replace("?", "%s")


class TestPaging:
    def test_limit_and_offset_page_through_the_rows(self, make_organisation):
        for name in "ABCDE":
            make_organisation(name=f"Paged {name}")
        prepared = PreparedQuery(
            lambda prefix: Organisation.objects.filter(name__startswith=prefix).order_by("name"), prefix=str
        )
        # startswith wraps the value in a LIKE pattern, so the placeholder does not reach the SQL unchanged
        with pytest.raises(ValueError, match="does not reach the SQL"):
            prepared(prefix="Paged", limit=2)
        by_kind = PreparedQuery(
            lambda kind: Organisation.objects.filter(kind=kind, name__startswith="Paged").order_by("name"), kind=str
        )
        kind = Organisation.objects.get(name="Paged A").kind
        pages = [[o.name for o in by_kind(kind=kind, limit=2, offset=offset)] for offset in (0, 2, 4, 6)]
        assert pages == [["Paged A", "Paged B"], ["Paged C", "Paged D"], ["Paged E"], []]

    def test_a_sliced_queryset_is_not_paged_again(self, make_organisation):
        organisation = make_organisation()
        prepared = PreparedQuery(lambda pk: Organisation.objects.filter(pk=pk)[:1], pk=int)
        assert len(prepared(pk=organisation.pk)) == 1
        with pytest.raises(TypeError, match="sliced"):
            prepared(pk=organisation.pk, limit=1)


class TestMisuse:
    def test_a_value_that_does_not_reach_the_sql_is_refused(self):
        prepared = PreparedQuery(lambda pk: Organisation.objects.all(), pk=int)
        with pytest.raises(ValueError, match="does not reach the SQL"):
            prepared(pk=1)

    def test_wrong_names_and_types_are_refused(self):
        prepared = PreparedQuery(lambda pk: Organisation.objects.filter(pk=pk), pk=int)
        with pytest.raises(TypeError, match="takes"):
            prepared(id=1)
        with pytest.raises(TypeError, match="must be int"):
            prepared(pk="1")

    def test_only_int_and_str_placeholders(self):
        with pytest.raises(TypeError, match="name=int or name=str"):
            PreparedQuery(lambda when: Organisation.objects.filter(created_at=when), when=float)


class TestPreparedInsert:
    def test_the_row_is_what_save_would_write(self, make_user):
        from safer.core.models import AuditEvent
        from safer.core.prepared import PreparedInsert

        user = make_user()
        insert = PreparedInsert(AuditEvent)
        values = {
            "actor": user,
            "actor_label": user.username,
            "action": "test.prepared",
            "target_type": "accounts.user",
            "target_id": str(user.pk),
            "detail": {"page": "case-detail", "n": [1, 2]},
        }
        prepared = insert.save(AuditEvent(**values))
        saved = AuditEvent(**values)
        saved.save()
        assert prepared.pk is not None and prepared.pk != saved.pk and not prepared._state.adding
        assert prepared.occurred_at is not None  # auto_now_add filled as save() does
        first, second = (AuditEvent.objects.get(pk=e.pk) for e in (prepared, saved))
        ignore = {"id", "occurred_at"}
        assert {k: v for k, v in _fields(first).items() if k not in ignore} == {
            k: v for k, v in _fields(second).items() if k not in ignore
        }
        assert first.detail == {"page": "case-detail", "n": [1, 2]} and first.occurred_at == prepared.occurred_at
        again = insert.save(AuditEvent(**values))  # the compiled SQL is reused
        assert again.pk > prepared.pk

    def test_saved_objects_are_refused(self, make_organisation):
        from safer.core.prepared import PreparedInsert

        with pytest.raises(TypeError, match="new object"):
            PreparedInsert(Organisation).save(make_organisation())
