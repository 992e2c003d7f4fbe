"""What a server process relies on to answer quickly, with Django's own mechanisms (benchmarks/casework_load.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import reverse, set_script_prefix

from safer.core import navigation
from safer.core.navigation import navigation_for
from safer.testing.accounts import signed_in_client


class TestTemplateLoading:
    def test_templates_are_compiled_once_per_process_with_debug_off(self):
        # No `loaders` option in TEMPLATES: Django then wraps the file and app loaders in its cached loader. A
        # `loaders` list added later without the cached loader would parse every template on every request.
        assert settings.DEBUG is False
        assert "loaders" not in settings.TEMPLATES[0]["OPTIONS"]
        loaders = engines["django"].engine.loaders
        assert [name for name, _ in loaders] == ["django.template.loaders.cached.Loader"]


class TestConnections:
    def test_database_connections_are_kept_between_requests(self):
        assert settings.DATABASES["default"]["CONN_MAX_AGE"] >= 60


@pytest.mark.django_db
class TestPreparedStatements:
    """On PostgreSQL a query a connection runs again is prepared once: parsed and planned once, not per request."""

    def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_queries(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("prepared statements are a PostgreSQL setting; SQLite has none to configure")
        options = settings.DATABASES["default"]["OPTIONS"]
        assert options["server_side_binding"] is True
        threshold = options["prepare_threshold"]
        assert isinstance(threshold, int) and threshold >= 0
        from safer.accounts.models import Organisation

        def prepared() -> set[str]:
            with connection.cursor() as cursor:
                cursor.execute("SELECT statement FROM pg_prepared_statements")
                return {row[0] for row in cursor.fetchall()}

        for number in range(threshold + 2):  # the same SQL each time, with a different parameter
            list(Organisation.objects.filter(name__startswith=f"Nobody {number}").values_list("pk", flat=True))
        statements = prepared()
        assert any('FROM "accounts_organisation"' in s and "LIKE $1" in s for s in statements), statements


@pytest.fixture
def caseworker(make_organisation, make_user):
    from safer.accounts.choices import AgencyKind, Role

    return make_user(role=Role.CASEWORKER, organisation=make_organisation(name="Council", kind=AgencyKind.COUNCIL))


class TestNavigationAddresses:
    """The navigation reverses each entry once per script prefix and URLconf; the addresses must stay Django's."""

    def test_entries_are_the_reversed_addresses(self, caseworker):
        request = RequestFactory().get("/casework/")
        request.user = caseworker
        hrefs = {item["text"]: item["href"] for item in navigation_for(request)}
        assert hrefs["Casework"] == reverse("casework:home")
        assert hrefs["Home"] == reverse("core:home")

    def test_an_application_mounted_below_a_prefix_gets_prefixed_addresses(self, caseworker):
        request = RequestFactory().get("/casework/")
        request.user = caseworker
        set_script_prefix("/safer/")
        try:
            hrefs = {item["text"]: item["href"] for item in navigation_for(request)}
        finally:
            set_script_prefix("/")
        assert hrefs["Casework"] == "/safer" + reverse("casework:home")

    @override_settings(ROOT_URLCONF="safer.core.tests.urls_without_casework")
    def test_an_entry_whose_app_has_no_address_is_left_out(self, caseworker):
        request = RequestFactory().get("/")
        request.user = caseworker
        texts = [item["text"] for item in navigation_for(request)]
        assert "Home" in texts and "Casework" not in texts

    def test_the_page_shows_them(self, caseworker):
        body = signed_in_client(caseworker).get(reverse("casework:home")).content.decode()
        assert f'href="{reverse("casework:home")}"' in body
        assert navigation._href.cache_info().currsize > 0


class TestServiceLinks:
    """The header's and footer's links come from the navigation's cache; they must stay Django's addresses."""

    def test_every_link_is_the_reversed_address(self):
        from safer.core.navigation import SERVICE_LINKS, service_links

        assert service_links() == {key: reverse(name) for key, name in SERVICE_LINKS.items()}

    def test_below_a_script_prefix_the_links_are_prefixed(self):
        from safer.core.navigation import service_links

        set_script_prefix("/safer/")
        try:
            links = service_links()
        finally:
            set_script_prefix("/")
        assert links["privacy"] == "/safer" + reverse("core:privacy")

    def test_a_page_draws_them(self, caseworker):
        body = signed_in_client(caseworker).get(reverse("casework:home")).content.decode()
        for name in ("core:home", "accounts:sign-out", "core:accessibility", "core:privacy", "core:cookies"):
            assert f'href="{reverse(name)}"' in body, name
