"""The manager's planning forms in Chromium over the demo: each new page and its error state pass axe."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safer.accounts.demo import DEMO_PASSWORD
from safer.accounts.demo import demo_load as accounts_demo_load
from safer.accounts.models import User
from safer.core.notifications.models import Notification
from safer.planning.demo import SLUG, demo_load
from safer.planning.models import Allocation, CarryForward, Fund, Funder, FundingReturn, Indicator, Plan, Spend
from safer.planning.selectors import overdue_actions


@pytest.mark.django_db(transaction=True)
class TestManagerForms:
    def test_manager_asks_owners_and_keeps_plan_and_funding(self, page, axe, browser_sign_in, empty_warehouse):
        accounts_demo_load()
        demo_load()
        plan = Plan.objects.get(slug=SLUG)
        priority = plan.priorities.first()
        funder = Funder.objects.get()
        fund = Fund.objects.filter(funder=funder).order_by("-year").first()
        allocation = Allocation.objects.filter(fund=fund, parent__isnull=True).first()
        funding_return = FundingReturn.objects.get()
        indicator = Indicator.objects.filter(plan=plan).first()
        browser_sign_in(page, User.objects.get(username="partnership"), password=DEMO_PASSWORD)

        # Ask the owners of overdue actions for an update: nothing chosen is an error, then one is sent.
        page.goto(f"/planning/{SLUG}/overdue/")
        axe(page, context="overdue with the ask form")
        before = Notification.objects.count()
        page.get_by_role("button", name="Send update requests").click()
        assert "Choose at least one action" in page.locator(".govuk-error-summary").inner_text()
        axe(page, context="overdue ask form with errors")
        owned = next(i.action for i in overdue_actions(plan=plan, today=timezone.localdate()) if i.action.owner_id)
        page.locator(f"input[name=actions][value='{owned.pk}']").check()
        page.get_by_role("button", name="Send update requests").click()
        assert "Asked 1 owner for an update" in page.locator(".govuk-notification-banner").inner_text()
        assert Notification.objects.count() == before + 1
        assert Notification.objects.order_by("-pk").first().recipient == owned.owner.email
        axe(page, context="overdue after asking")

        pages = (
            ("/planning/new/", "start a plan", "Save plan"),
            (f"/planning/{SLUG}/edit/", "change the plan", None),
            (f"/planning/{SLUG}/priorities/{priority.pk}/edit/", "change a priority", None),
            (f"/planning/{SLUG}/priorities/{priority.pk}/objectives/add/", "add an objective", "Save objective"),
            (f"/planning/{SLUG}/indicators/{indicator.pk}/edit/", "change an indicator", None),
            (f"/planning/{SLUG}/partners/add/", "add a partner", "Save partner"),
            (f"/planning/{SLUG}/partners/{plan.members.first().pk}/remove/", "remove a partner", None),
            (f"/planning/{SLUG}/glossary/add/", "add a glossary term", "Save term"),
            ("/planning/funders/add/", "add a funder", "Save funder"),
            (f"/planning/funders/{funder.pk}/edit/", "change a funder", None),
            (f"/planning/funding/{funder.pk}/funds/add/", "add a fund", "Save fund"),
            (f"/planning/funds/{fund.pk}/allocate/", "allocate with sub-lines", "Save allocation"),
            (f"/planning/funds/{fund.pk}/edit/", "change a fund", None),
            (f"/planning/allocations/{allocation.pk}/edit/", "change an allocation", None),
            (f"/planning/allocations/{allocation.pk}/carry-forward/", "carry forward", "Save carry-forward"),
            (f"/planning/funds/{fund.pk}/returns/add/", "start a return", "Start the return"),
            (f"/planning/returns/{funding_return.pk}/rows/add/", "add a return row", "Save row"),
        )
        for path, context, button in pages:
            page.goto(path)
            axe(page, context=context)
            if button:  # submitted empty: the error summary, also checked
                page.get_by_role("button", name=button).click()
                assert page.locator(".govuk-error-summary").is_visible(), context
                axe(page, context=f"{context} with errors")

        # One journey through to the end: an objective is added and shown on the plan.
        page.goto(f"/planning/{SLUG}/priorities/{priority.pk}/objectives/add/")
        page.get_by_label("Objective").fill("Fewer repeat victims of knife crime")
        page.get_by_role("button", name="Save objective").click()
        assert "Fewer repeat victims of knife crime" in page.locator("main").inner_text()
        axe(page, context="plan with objectives")
        page.goto("/accounts/sign-out/")

        # A resident reads the published plan in Welsh through the language switch.
        page.goto(f"/planning/published/{SLUG}/")
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
        assert page.locator("html").get_attribute("lang") == "cy"
        assert "Dyletswyddau statudol" in page.locator("main").inner_text()
        axe(page, context="published plan in Welsh")

    def test_manager_changes_and_removes_spend_carry_forwards_and_return_rows(
        self, page, axe, browser_sign_in, empty_warehouse
    ):
        accounts_demo_load()
        demo_load()
        funder = Funder.objects.get()
        spend = Spend.objects.get()  # West Oxfordshire 2016-17, April to September
        carry = CarryForward.objects.get()
        funding_return = FundingReturn.objects.get()
        row = funding_return.lines.order_by("order").first()
        browser_sign_in(page, User.objects.get(username="partnership"), password=DEMO_PASSWORD)

        # Change the spend: no reason is an error beside the field, then it is saved.
        page.goto(f"/planning/funding/{funder.pk}/")
        axe(page, context="funding table with change and remove links")
        page.get_by_role("link", name="change spend on West Oxfordshire 2016, April to September").click()
        page.get_by_label("Amount (£)").fill("21000")
        page.get_by_role("button", name="Save spend").click()
        assert "Give the reason" in page.locator(".govuk-error-summary").inner_text()
        assert "Give the reason" in page.locator("#reason-error, .govuk-error-message").first.inner_text()
        axe(page, context="change spend with errors")
        page.get_by_label("Reason").fill("The final invoice was lower")
        page.get_by_role("button", name="Save spend").click()
        assert "Spend changed for West Oxfordshire" in page.locator(".govuk-notification-banner").inner_text()
        spend.refresh_from_db()
        assert spend.amount_pence == 21_000_00

        # Remove the carry-forward through its confirmation page.
        page.get_by_role("link", name="remove the carry-forward from Public Health 2014").click()
        assert page.get_by_role("heading", name="Remove this carry-forward?").is_visible()
        axe(page, context="confirm removing a carry-forward")
        page.get_by_role("button", name="Remove the carry-forward").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="confirm removing a carry-forward with errors")
        page.get_by_label("Reason").fill("Entered twice")
        page.get_by_role("button", name="Remove the carry-forward").click()
        assert "Carry-forward removed" in page.locator(".govuk-notification-banner").inner_text()
        assert not CarryForward.objects.filter(pk=carry.pk).exists()

        # Change, then remove, a row of the draft return.
        page.get_by_role("link", name=str(funding_return)).click()
        axe(page, context="return with change and remove links")
        page.get_by_role("link", name=f"Change the row {row.joint_priority}").click()
        axe(page, context="change a return row")
        page.get_by_label("Joint priority").fill("Reducing youth violence")
        page.get_by_role("button", name="Save row").click()
        assert "Reducing youth violence" in page.locator("main").inner_text()
        page.get_by_role("link", name="Remove the row Reducing youth violence").click()
        axe(page, context="confirm removing a return row")
        page.get_by_role("button", name="Remove the row").click()
        assert "Row removed from the return" in page.locator(".govuk-notification-banner").inner_text()
        assert not funding_return.lines.filter(pk=row.pk).exists()
        axe(page, context="return after removing a row")
