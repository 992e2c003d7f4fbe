"""Safeguarding in Chromium: rank, select and decide at MATAC; record a review. axe on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safer.accounts.choices import AgencyKind, Role
from safer.safeguarding.models import MatacArea
from safer.safeguarding.services import matac
from safer.safeguarding.tests.conftest import referral_kwargs


@pytest.mark.django_db(transaction=True)
class TestMatacJourney:
    def test_rank_select_decide_minutes(self, page, axe, make_user, make_organisation, browser_sign_in):
        police = make_organisation(name="Journey Police", kind=AgencyKind.POLICE)
        coordinator = make_user(role=Role.MATAC_COORDINATOR, organisation=police)
        area = MatacArea.objects.create(name="Journeyshire", district_codes=["E07000178"])
        area.organisations.set([police])
        area.members.set([coordinator])
        matac.referral_add(actor=coordinator, area_id=area.pk, **referral_kwargs(perpetrator_ref="J-1"))
        browser_sign_in(page, coordinator)

        page.goto("/safeguarding/matac/")
        axe(page, context="MATAC home")
        page.get_by_role("link", name="Journeyshire", exact=True).click()
        axe(page, context="ranking, none yet")
        assert "not any police force" in page.content() or "not the scheme of" in page.content()
        page.get_by_role("link", name="Produce a ranking").click()
        page.get_by_role("button", name="Produce ranking").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="ranking form with errors")
        group = page.get_by_role("group", name="Rank incidents up to")
        group.get_by_label("Day").fill("30")
        group.get_by_label("Month").fill("11")
        group.get_by_label("Year").fill("2026")
        page.get_by_role("button", name="Produce ranking").click()
        assert page.get_by_role("cell", name="J-1", exact=True).is_visible()
        axe(page, context="ranking")

        page.goto(f"/safeguarding/matac/areas/{area.pk}/meetings/new/")
        axe(page, context="plan meeting")
        group = page.get_by_role("group", name="Meeting date")
        group.get_by_label("Day").fill("1")
        group.get_by_label("Month").fill("12")
        group.get_by_label("Year").fill("2026")
        page.get_by_role("button", name="Plan meeting").click()
        axe(page, context="meeting, empty")
        page.goto(f"/safeguarding/matac/areas/{area.pk}/")
        page.get_by_role("link", name="Select J-1", exact=True).click()
        axe(page, context="select for meeting")
        page.get_by_role("button", name="Add to the agenda").click()
        axe(page, context="meeting with agenda")
        page.get_by_role("link", name="Record decision for J-1").click()
        page.get_by_label("Intervention").select_option("support")
        page.get_by_label("Decision").fill("Referral to a behaviour change programme")
        page.get_by_role("button", name="Save").click()
        assert "behaviour change" in page.content()
        page.get_by_role("link", name="J-1").first.click()
        axe(page, context="subject profile")
        assert "On the programme" in page.content()


@pytest.mark.django_db(transaction=True)
class TestReviewJourney:
    def test_notify_and_decide(self, page, axe, make_user, make_organisation, browser_sign_in):
        council = make_organisation(name="Journey Council", kind=AgencyKind.COUNCIL)
        reviewer = make_user(role=Role.DHR_COORDINATOR, organisation=council)
        browser_sign_in(page, reviewer)
        page.goto("/safeguarding/dhr/")
        axe(page, context="reviews dashboard")
        page.get_by_role("link", name="Record a notification").click()
        axe(page, context="notify form")
        page.get_by_label("Pseudonymous title").fill("Adult J")
        group = page.get_by_role("group", name="Date notified")
        today = timezone.localdate()
        group.get_by_label("Day").fill(str(today.day))
        group.get_by_label("Month").fill(str(today.month))
        group.get_by_label("Year").fill(str(today.year))
        page.get_by_role("button", name="Save").click()
        axe(page, context="review page")
        assert "Awaiting decision" in page.content()
        page.get_by_role("link", name="Record the decision").click()
        page.get_by_label("Review commissioned").check()
        group = page.get_by_role("group", name="Date of the decision")
        group.get_by_label("Day").fill(str(today.day))
        group.get_by_label("Month").fill(str(today.month))
        group.get_by_label("Year").fill(str(today.year))
        page.get_by_label("Reasons").fill("Criteria met")
        page.get_by_role("button", name="Save").click()
        assert "Panel and management reviews" in page.content()
        page.goto("/safeguarding/dhr/annual/")
        axe(page, context="annual table")
        page.goto("/safeguarding/dhr/lessons/")
        axe(page, context="lessons search")
