"""The signed-in user, read with Django's cursor, is what the equivalent queryset reads (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.backends import DEVICE_ID, ORGANISATION_FIELDS, OrganisationModelBackend
from safer.accounts.choices import Role
from safer.accounts.models import Organisation, User


def _through_the_orm(user_id: int) -> User:
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True).order_by("pk").values("pk")[:1]
    return User.objects.select_related("organisation").annotate(**{DEVICE_ID: Subquery(confirmed)}).get(pk=user_id)


def _fields(instance: object, model: type) -> dict[str, object]:
    return {field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields}


class TestSignedInUser:
    def test_every_field_of_the_user_and_organisation_and_the_device_id_equal_the_querysets(
        self, make_user, django_assert_num_queries
    ):
        user = make_user(role=Role.CASEWORKER)
        User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=2), first_name="Ann")
        TOTPDevice.objects.create(user=user, name="second phone", confirmed=True)  # the first confirmed one counts
        expected = _through_the_orm(user.pk)
        first_confirmed = TOTPDevice.objects.filter(user=user).order_by("pk").first()

        with django_assert_num_queries(1):
            loaded = OrganisationModelBackend().get_user(user.pk)
            assert loaded is not None
            assert getattr(loaded, DEVICE_ID) == getattr(expected, DEVICE_ID) == first_confirmed.pk
            assert {name: getattr(loaded.organisation, name) for name in ORGANISATION_FIELDS} == {
                name: getattr(expected.organisation, name) for name in ORGANISATION_FIELDS
            }
            assert not any(name.startswith("organisation__") for name in vars(loaded))

        # Every field of the user, with the ORM's types (the dates are aware datetimes on SQLite too).
        assert _fields(loaded, User) == _fields(expected, User)
        assert timezone.is_aware(loaded.last_login) and timezone.is_aware(loaded.date_joined)
        # The organisation's other columns load when asked for, as with `only()`.
        assert loaded.organisation.get_deferred_fields() == {"created_at"}
        assert _fields(loaded.organisation, Organisation) == _fields(expected.organisation, Organisation)

    def test_without_an_organisation_or_a_confirmed_device(self, make_user):
        user = make_user(role=Role.CASEWORKER, with_device=False)
        User.objects.filter(pk=user.pk).update(organisation=None)
        loaded = OrganisationModelBackend().get_user(user.pk)
        assert loaded is not None and loaded.pk == user.pk
        assert loaded.organisation is None and getattr(loaded, DEVICE_ID) is None

    def test_an_unconfirmed_device_is_not_read(self, make_user):
        user = make_user(role=Role.CASEWORKER)
        TOTPDevice.objects.filter(user=user).update(confirmed=False)
        assert getattr(OrganisationModelBackend().get_user(user.pk), DEVICE_ID) is None

    @pytest.mark.parametrize("user_id", [None, "not a number", 10**9, [1]])
    def test_no_user_for_an_unknown_or_malformed_id(self, db, user_id):
        assert OrganisationModelBackend().get_user(user_id) is None

    def test_an_inactive_user_is_not_signed_in(self, make_user):
        user = make_user(role=Role.CASEWORKER)
        User.objects.filter(pk=user.pk).update(is_active=False)
        assert OrganisationModelBackend().get_user(user.pk) is None

    def test_the_user_saves_as_a_queryset_loaded_one_does(self, make_user):
        user = make_user(role=Role.CASEWORKER)
        loaded = OrganisationModelBackend().get_user(user.pk)
        loaded.first_name = "Changed"
        loaded.save(update_fields=["first_name"])
        assert User.objects.get(pk=user.pk).first_name == "Changed"
