"""Staff pages: access per role and partnership, audited views, results with fear versus crime, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.engagement.choices import EngagementAuditAction
from safer.engagement.models import Consultation, HateReport
from safer.engagement.services.contributions import contribution_submit
from safer.engagement.tests.warehouse_rows import COWLEY_ROAD, GLOUCESTER_GREEN, crime_insert
from safer.testing.accounts import signed_in_client


@pytest.mark.django_db
class TestAccess:
    def test_roles_and_partnerships(self, world: SimpleNamespace, open_consultation: Consultation) -> None:
        detail = reverse("engagement:consultation", args=[open_consultation.pk])
        results = reverse("engagement:results", args=[open_consultation.pk])
        assert signed_in_client(world.manager).get(detail).status_code == 200
        assert AuditEvent.objects.filter(action=EngagementAuditAction.CONSULTATION_VIEWED).count() == 1
        assert signed_in_client(world.analyst).get(results).status_code == 200
        assert signed_in_client(world.other_manager).get(detail).status_code == 404
        assert signed_in_client(world.other_manager).get(results).status_code == 404
        assert signed_in_client(world.centre).get(reverse("engagement:home")).status_code == 403
        assert signed_in_client(world.analyst).get(reverse("engagement:consultation-create")).status_code == 403
        assert signed_in_client(world.manager).get(reverse("engagement:hate-reports")).status_code == 403

    def test_hate_reports_invisible_to_another_partnership(self, world: SimpleNamespace) -> None:
        report = HateReport.objects.create(
            organisation=world.oxford,
            reference="HR-TESTAAAA",
            reporter_role="victim",
            what_happened="Secret words",
            incident_kinds=["verbal"],
            strands=["race"],
            occurred_on=dt.date(2026, 1, 1),
            reported_to_police="no",
            name="Resident Name",
        )
        own = signed_in_client(world.hate_manager)
        page = own.get(reverse("engagement:hate-report", args=[report.reference]))
        assert page.status_code == 200 and "Resident Name" in page.content.decode()
        assert page["Cache-Control"] == "no-store"
        assert AuditEvent.objects.filter(
            action=EngagementAuditAction.HATE_REPORT_VIEWED, target_label="HR-TESTAAAA"
        ).exists()
        other = signed_in_client(world.other_hate_manager)
        assert other.get(reverse("engagement:hate-report", args=[report.reference])).status_code == 404
        listing = other.get(reverse("engagement:hate-reports")).content.decode()
        assert "HR-TESTAAAA" not in listing


@pytest.mark.django_db
class TestResults:
    def test_results_tables_map_and_fear_versus_crime(
        self, world: SimpleNamespace, open_consultation: Consultation
    ) -> None:
        # Recorded crime in the months before the consultation: lots at Gloucester Green, none at Cowley Road.
        today = timezone.localdate()
        month = today.replace(day=1)
        crime_insert(
            [{"latitude": GLOUCESTER_GREEN[0], "longitude": GLOUCESTER_GREEN[1], "month": month} for _ in range(30)]
            + [{"latitude": 51.7300, "longitude": -1.2700, "month": month}]
        )
        for _ in range(3):
            contribution_submit(
                consultation=open_consultation,
                latitude=COWLEY_ROAD[0],
                longitude=COWLEY_ROAD[1],
                feeling=1,
                tag_codes=["poor_lighting"],
            )
        contribution_submit(consultation=open_consultation, latitude=51.7300, longitude=-1.2700, feeling=5)
        client = signed_in_client(world.analyst)
        response = client.get(reverse("engagement:results", args=[open_consultation.pk]))
        page = response.content.decode()
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert "Felt unsafe, little recorded crime (1)" in page
        assert "Much recorded crime, no concern raised (1)" in page
        assert 'id="results-data"' in page
        assert AuditEvent.objects.filter(action=EngagementAuditAction.RESULTS_VIEWED).count() == 1

    def test_exports_hold_no_unpublished_comment(self, world: SimpleNamespace, open_consultation: Consultation) -> None:
        contribution_submit(
            consultation=open_consultation,
            latitude=COWLEY_ROAD[0],
            longitude=COWLEY_ROAD[1],
            feeling=2,
            comment="Not yet moderated",
        )
        client = signed_in_client(world.analyst)
        csv_response = client.get(reverse("engagement:export", args=[open_consultation.pk, "csv"]))
        rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
        assert len(rows) == 1 and rows[0]["comment"] == "" and rows[0]["moderation"] == "pending"
        geo = json.loads(client.get(reverse("engagement:export", args=[open_consultation.pk, "geojson"])).content)
        assert geo["features"][0]["geometry"]["coordinates"] == [COWLEY_ROAD[1], COWLEY_ROAD[0]]
        assert AuditEvent.objects.filter(action=EngagementAuditAction.RESULTS_EXPORTED).count() == 2


@pytest.mark.django_db
class TestSafePlaces:
    def test_staff_add_and_public_open_data(self, world: SimpleNamespace) -> None:
        client = signed_in_client(world.manager)
        response = client.post(
            reverse("engagement:safe-place-create"),
            {
                "name": "Test Library",
                "address": "1 Test Street",
                "postcode": "ox1 1aa",
                "latitude": "51.752",
                "longitude": "-1.257",
                "opening_hours": "Fri-Sat 9pm-3am",
                "offers": ["wait", "charge"],
                "review_on_0": "1",
                "review_on_1": "6",
                "review_on_2": "2027",
                "is_published": "on",
            },
        )
        assert response.status_code == 302
        public = reverse("engagement:public-safe-places", args=[world.oxford.pk])
        page = signed_in_client(world.other_manager).get(public).content.decode()
        assert "Test Library" in page and "Phone charging" in page
        rows = list(
            csv.DictReader(
                io.StringIO(
                    signed_in_client(world.other_manager)
                    .get(reverse("engagement:public-safe-places-csv", args=[world.oxford.pk]))
                    .content.decode()
                )
            )
        )
        assert rows[0]["postcode"] == "OX1 1AA" and rows[0]["offers"] == "wait;charge"
        bad = client.post(reverse("engagement:safe-place-create"), {"name": "X", "latitude": "10", "longitude": "10"})
        assert bad.status_code == 400


@pytest.mark.django_db
class TestEveryPageRenders:
    def test_staff_and_public_pages(self, world: SimpleNamespace, open_consultation: Consultation) -> None:
        from safer.engagement.models import EngagementSettings, SafePlace

        EngagementSettings.objects.create(organisation=world.oxford, languages="en_cy", district="Oxford")
        place = SafePlace.objects.create(
            organisation=world.oxford,
            name="Cafe",
            address="1 Street",
            latitude=51.75,
            longitude=-1.25,
            opening_hours="Late",
            opening_hours_cy="Yn hwyr",
            offers=["wait"],
            review_on=dt.date(2027, 1, 1),
        )
        manager, hate = signed_in_client(world.manager), signed_in_client(world.hate_manager)
        for client, name, args in [
            (manager, "engagement:home", []),
            (manager, "engagement:settings", []),
            (manager, "engagement:consultation-create", []),
            (manager, "engagement:moderation", [open_consultation.pk]),
            (manager, "engagement:safe-places", []),
            (manager, "engagement:safe-place-create", []),
            (manager, "engagement:safe-place", [place.pk]),
            (hate, "engagement:hate-reports", []),
            (hate, "engagement:hate-routing", []),
            (hate, "engagement:hate-statistics", []),
            (manager, "engagement:public-index", [world.oxford.pk]),
            (manager, "engagement:public-hate-start", [world.oxford.pk]),
            (manager, "engagement:public-consultation-comments", [open_consultation.pk]),
        ]:
            response = client.get(reverse(name, args=args))
            assert response.status_code == 200, (name, response.status_code)
        welsh = manager.get(reverse("engagement:public-safe-places", args=[world.oxford.pk]) + "?lang=cy")
        page = welsh.content.decode()
        assert "Mannau Diogel" in page and "Yn hwyr" in page and "Lle diogel i aros" in page
