"""Casework in Chromium: record incident -> open case -> risk assessment -> escalate, axe on every page."""

from __future__ import annotations

import pytest

from safer.accounts.choices import AgencyKind, Role
from safer.casework.models import Case


@pytest.mark.django_db(transaction=True)
class TestCaseworkJourney:
    def test_record_open_assess_escalate(self, page, axe, make_user, make_organisation, browser_sign_in):
        council = make_organisation(name="Journey Council", kind=AgencyKind.COUNCIL)
        make_organisation(name="Journey Police", kind=AgencyKind.POLICE)
        worker = make_user(role=Role.CASEWORKER, organisation=council)
        browser_sign_in(page, worker)

        page.goto("/casework/")
        axe(page, context="casework home")
        page.get_by_role("link", name="Record an incident").click()
        axe(page, context="incident form")
        page.get_by_role("button", name="Record incident").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="incident form with errors")

        when = page.get_by_role("group", name="When did it happen?")
        assert when.get_by_label("Day").get_attribute("class").endswith("govuk-input--error")
        when.get_by_label("Day").fill("10")
        when.get_by_label("Month").fill("1")
        when.get_by_label("Year").fill("2026")
        when.get_by_label("Time").fill("22:15")
        page.get_by_label("Where did it happen?").fill("Outside 4 Example Road")
        page.locator("#incident-map").click(position={"x": 200, "y": 200})
        assert page.get_by_label("Latitude (optional)").input_value() != ""
        page.get_by_label("Nuisance").check()
        page.get_by_label("Type of ASB").fill("Noise")
        page.get_by_label("What happened?").fill("Loud music after midnight (fictional)")
        page.get_by_label("Reporter's first name (optional)").fill("Fictional")
        page.get_by_role("button", name="Record incident").click()
        assert "recorded" in page.locator(".govuk-notification-banner").inner_text()
        axe(page, context="incident page")

        page.get_by_role("link", name="Open a case from this incident").click()
        axe(page, context="open case form")
        page.get_by_label("Short summary").fill("Noise from flat above")
        page.get_by_role("button", name="Open case").click()
        case = Case.objects.get()
        assert case.reference in page.locator("h1").inner_text()
        axe(page, context="case page")

        page.get_by_role("link", name="Record the people in the case").click()
        axe(page, context="add person")
        page.get_by_label("Alleged perpetrator").check()
        page.get_by_label("First name").fill("Sam")
        page.get_by_label("Last name").fill("Fictional")
        page.get_by_label("Address (optional)").fill("14 Example Road\nOxford")
        page.get_by_role("button", name="Add person").click()
        page.get_by_role("link", name="Record the people in the case").click()
        page.get_by_label("Victim or complainant").check()
        page.get_by_label("First name").fill("Robin")
        page.get_by_role("button", name="Add person").click()

        # Someone already recorded is found by searching, then chosen from the matches only.
        page.get_by_role("link", name="Record the people in the case").click()
        assert page.get_by_label("Someone already recorded").locator("option").count() == 1  # only "someone new"
        page.get_by_label("Name or postcode").fill("Fictional")
        page.get_by_role("button", name="Search").click()
        axe(page, context="add person with search results")
        page.get_by_label("Someone already recorded").select_option(label="Sam Fictional")
        page.get_by_label("Witness").check()
        page.get_by_role("button", name="Add person").click()
        assert "Witness added" in page.locator(".govuk-notification-banner").inner_text()

        page.get_by_role("link", name="Complete the victim risk assessment").click()
        axe(page, context="risk assessment")
        page.get_by_role("button", name="Complete assessment").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="risk assessment with errors")
        for index, group in enumerate(page.locator("fieldset").all()):
            group.get_by_label("Yes" if index < 2 else "No").check()
        page.get_by_role("button", name="Complete assessment").click()
        assert "Risk assessed as medium" in page.locator(".govuk-notification-banner").inner_text()

        page.get_by_role("link", name="Record an intervention").click()
        axe(page, context="escalation form")
        assert page.locator("input[name=stage]:checked").count() == 0  # nothing chosen for the user
        page.get_by_role("button", name="Record intervention").click()
        errors = page.locator(".govuk-error-summary").inner_text()
        assert "Choose the stage" in errors and "Enter what was done" in errors
        assert Case.objects.get(pk=case.pk).stage == 0
        axe(page, context="untouched escalation form refused")
        page.locator("input[name=stage][value='3']").check()
        page.get_by_label("What was done").fill("Community Protection Warning served")
        on = page.get_by_role("group", name="Date of the intervention")
        on.get_by_label("Day").fill("12")
        on.get_by_label("Month").fill("1")
        on.get_by_label("Year").fill("2026")
        page.get_by_role("button", name="Record intervention").click()
        assert "skips stage 1" in page.locator(".govuk-error-summary").inner_text()
        axe(page, context="escalation refused")
        page.locator("input[name=stage][value='1']").check()
        page.get_by_label("What was done").fill("Warning letter sent")
        page.get_by_label("Alleged perpetrator").select_option(label="Sam Fictional")
        page.get_by_role("button", name="Record intervention").click()
        assert "Stage 1 intervention recorded" in page.content()
        page.get_by_role("button", name="Produce letter for stage 1").click()
        axe(page, context="case page with letter")
        with page.expect_download() as download:
            page.get_by_role("link", name="PDF", exact=False).first.click()
        assert download.value.suggested_filename == f"{case.reference}-warning.pdf"

        # Enforcement is checked and confirmed before it is recorded.
        page.get_by_role("link", name="Record an intervention").click()
        page.locator("input[name=stage][value='3']").check()
        page.get_by_label("What was done").fill("Community Protection Warning served")
        page.get_by_label("Reason for skipping a stage (only if you skip one)").fill("Threats to neighbours")
        on = page.get_by_role("group", name="Date of the intervention")
        on.get_by_label("Day").fill("14")
        on.get_by_label("Month").fill("1")
        on.get_by_label("Year").fill("2026")
        page.get_by_role("button", name="Record intervention").click()
        assert page.locator("h1").inner_text() == "Check before recording enforcement"
        axe(page, context="enforcement confirmation")
        page.get_by_role("button", name="Change the intervention").click()
        assert page.get_by_label("What was done").input_value() == "Community Protection Warning served"
        page.get_by_role("button", name="Record intervention").click()
        page.get_by_role("button", name="Record stage 3 enforcement").click()
        assert "Stage 3 intervention recorded" in page.content()
        case.refresh_from_db()
        assert case.stage == 3

        page.goto(f"/casework/cases/{case.reference}/tasks/new/")
        page.get_by_label("What needs doing?").fill("Visit the victim")
        due = page.get_by_role("group", name="Due by")
        due.get_by_label("Day").fill("31")
        due.get_by_label("Month").fill("2")
        due.get_by_label("Year").fill("2030")
        page.get_by_role("button", name="Set task").click()
        summary = page.locator(".govuk-error-summary")
        assert "Due date must be a real date" in summary.inner_text()
        assert due.get_by_label("Day").input_value() == "31"
        axe(page, context="task form with a date error")
        summary.get_by_role("link", name="Due date must be a real date").click()
        assert page.evaluate("document.activeElement.id") == "id_due_on_0"
        due.get_by_label("Day").fill("28")
        page.get_by_role("button", name="Set task").click()
        assert "Task set" in page.locator(".govuk-notification-banner").inner_text()
        assert "28 Feb 2030" in page.content()

        page.goto(f"/casework/cases/{case.reference}/")
        page.get_by_role("link", name="See the answers").click()
        assert "Is the victim frightened of what may happen next?" in page.content()
        axe(page, context="risk assessments")

        for path in ["timeline/", "sharing/", "tasks/new/", "notes/new/", "breaches/new/", "edit/", "close/"]:
            page.goto(f"/casework/cases/{case.reference}/{path}")
            axe(page, context=path)
        for path in ["/casework/cases/", "/casework/tasks/", "/casework/people/"]:
            page.goto(path)
            axe(page, context=path)
        page.get_by_label("Name or postcode").fill("Sam")
        page.get_by_role("button", name="Search").click()
        assert "?" not in page.url  # the name searched for stays out of the URL
        axe(page, context="people search results")
        page.get_by_role("link", name="Sam Fictional").click()
        axe(page, context="person page")


@pytest.mark.django_db(transaction=True)
class TestPerformancePage:
    def test_partnership_manager_sees_performance(self, page, axe, make_user, browser_sign_in):
        manager = make_user(role=Role.PARTNERSHIP_MANAGER, with_device=False)
        browser_sign_in(page, manager)
        page.get_by_role("link", name="Casework performance").first.click()
        assert page.locator("h1").inner_text() == "Casework performance"
        axe(page, context="performance")
        start = page.get_by_role("group", name="From")
        end = page.get_by_role("group", name="To")
        for group, (day, month, year) in [(start, ("1", "5", "2026")), (end, ("1", "1", "2026"))]:
            group.get_by_label("Day").fill(day)
            group.get_by_label("Month").fill(month)
            group.get_by_label("Year").fill(year)
        page.get_by_role("button", name="Show figures").click()
        assert "on or after the start date" in page.locator(".govuk-error-summary").inner_text()
        assert start.get_by_label("Month").input_value() == "5"
        axe(page, context="performance with errors")


@pytest.mark.django_db(transaction=True)
class TestRiskQuestionnaireAdministration:
    def test_administrator_customises_the_questionnaire(self, page, axe, make_user, browser_sign_in):
        admin = make_user(role=Role.ADMINISTRATOR)
        browser_sign_in(page, admin)
        page.goto("/accounts/admin/")
        page.get_by_role("link", name="Victim risk questionnaire").click()
        axe(page, context="questionnaire (default)")
        page.get_by_role("button", name="Customise the questionnaire").click()
        assert "You can now change the questionnaire" in page.locator(".govuk-notification-banner").inner_text()
        axe(page, context="questionnaire (customised)")

        page.get_by_role("link", name="Change the name and thresholds").click()
        page.get_by_label("High risk from a score of").fill("40")
        page.get_by_role("button", name="Save").click()
        assert "add up to at most 15" in page.locator(".govuk-error-summary").inner_text()
        axe(page, context="thresholds refused")

        page.goto("/casework/risk-questionnaire/questions/new/")
        page.get_by_label("Code").fill("night")
        page.get_by_label("Question").fill("Does it happen at night?")
        page.get_by_label("Weight").fill("2")
        page.get_by_role("button", name="Add question").click()
        assert "Question night added" in page.locator(".govuk-notification-banner").inner_text()
        page.get_by_role("link", name="Change question night").click()
        axe(page, context="change question")
        page.get_by_label("Ask this question").uncheck()
        page.get_by_role("button", name="Save").click()
        assert "Not asked" in page.locator("table").inner_text()
