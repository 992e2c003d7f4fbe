"""Planning in Chromium over the demo: officer records progress, board reads, manager errors, public plan; axe."""

from __future__ import annotations

import pytest

from safer.accounts.demo import DEMO_PASSWORD
from safer.accounts.demo import demo_load as accounts_demo_load
from safer.accounts.models import User
from safer.planning.demo import SLUG, demo_load
from safer.planning.models import ActionUpdate, Funder, FundingReturn


@pytest.mark.django_db(transaction=True)
class TestPlanningJourneys:
    def test_officer_board_manager_and_resident(self, page, axe, browser_sign_in, empty_warehouse):
        accounts_demo_load()
        demo_load()

        # An agency officer records this quarter's progress on one of their agency's actions.
        browser_sign_in(page, User.objects.get(username="officer"), password=DEMO_PASSWORD)
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Plans").click()
        axe(page, context="plans")
        page.get_by_role("link", name="Community Safety Partnership Rolling Plan January 2024 to March 2027").click()
        axe(page, context="plan")
        page.get_by_role(
            "link", name="Record progress on School intervention for Child Exploitation Prevention"
        ).click()
        axe(page, context="progress form")
        page.get_by_label("Amber: some delay or risk").check()
        page.get_by_role("button", name="Save progress").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="progress form with errors")
        page.get_by_label("What has happened this quarter?").fill("Assemblies in two more schools booked.")
        page.get_by_role("button", name="Save progress").click()
        assert "Progress recorded" in page.locator(".govuk-notification-banner").inner_text()
        assert ActionUpdate.objects.filter(comment="Assemblies in two more schools booked.").exists()
        page.get_by_role("link", name="Sign out").click()

        # A board member reads the scorecard, overdue actions, versions, the funding table and the return.
        browser_sign_in(page, User.objects.get(username="board"), password=DEMO_PASSWORD)
        for path, context in (
            (f"/planning/{SLUG}/scorecard/", "scorecard"),
            (f"/planning/{SLUG}/overdue/", "overdue"),
            (f"/planning/{SLUG}/versions/", "versions"),
            (f"/planning/{SLUG}/versions/1/", "version 1"),
            (f"/planning/funding/{Funder.objects.get().pk}/", "funding"),
            (f"/planning/returns/{FundingReturn.objects.get().pk}/", "return"),
            (f"/planning/{SLUG}/documents/plan.html", "plan document"),
        ):
            page.goto(path)
            axe(page, context=context)
        page.goto(f"/planning/funding/{Funder.objects.get().pk}/")
        totals = page.get_by_role("row", name="Total").inner_text()
        assert "£789,316" in totals and "£786,680" in totals and "£778,813" in totals
        page.goto(f"/planning/{SLUG}/versions/")
        assert "Action: Increasing Awareness" in page.locator("main").inner_text()
        page.goto("/accounts/sign-out/")

        # A partnership manager defines an indicator over an area the dashboard does not know.
        browser_sign_in(page, User.objects.get(username="partnership"), password=DEMO_PASSWORD)
        page.goto(f"/planning/{SLUG}/indicators/add/")
        axe(page, context="indicator form")
        page.get_by_label("Name").fill("Violence in Atlantis")
        page.get_by_label("Dashboard figure (recorded crime, offences, ASB)").check()
        page.get_by_label("Dashboard figure", exact=True).select_option("crime")
        page.get_by_label("Area").fill("Atlantis")
        page.get_by_label("Period").fill("2022")
        page.get_by_label("Lower is better").check()
        page.get_by_role("button", name="Save indicator").click()
        assert "Atlantis" in page.locator(".govuk-error-summary").inner_text()
        axe(page, context="indicator form with errors")
        page.goto("/accounts/sign-out/")

        # A resident reads the published plan without signing in.
        page.goto(f"/planning/published/{SLUG}/")
        axe(page, context="published plan")
        assert "Priority 1: Serious Violence" in page.locator("main").inner_text()
