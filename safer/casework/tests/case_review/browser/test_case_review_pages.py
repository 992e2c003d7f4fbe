"""The case review in Chromium with axe on every page: a resident applies (keyboard for the first answers), opens
their link; the coordinator checks the evidence, decides, runs the review and closes it; messages are on show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safer.accounts.choices import AgencyKind, Role
from safer.casework.case_review.models import CaseReviewApplication
from safer.casework.case_review.services import applicant_link
from safer.casework.models import Incident
from safer.casework.tests.conftest import new_person, record_incident


@pytest.mark.django_db(transaction=True)
class TestApplicantJourney:
    def test_apply_with_errors_check_answers_and_open_the_link(self, page, axe, make_organisation):
        make_organisation(name="Journey Council", kind=AgencyKind.COUNCIL)
        page.goto("/case-review/")
        axe(page, context="start page")
        page.get_by_role("button", name="Start now").click()
        axe(page, context="who")
        page.get_by_role("button", name="Continue").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="who with errors")
        page.get_by_label("Myself").focus()  # keyboard alone: select and send with the keyboard
        page.keyboard.press("Space")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        axe(page, context="name")
        page.get_by_label("Full name").fill("Sam Example")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        axe(page, context="contact")
        page.get_by_label("Email", exact=True).check()
        page.get_by_label("Email address").fill("sam@example.org")
        page.get_by_role("button", name="Continue").click()
        axe(page, context="address")
        page.get_by_label("Postcode").fill("OX4 9ZZ")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Describe the anti-social behaviour").fill("Loud music every night (fictional).")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Where does it happen?").fill("Example Road")
        page.get_by_role("button", name="Continue").click()
        axe(page, context="hate")
        page.get_by_label("No").check()
        page.get_by_role("button", name="Continue").click()
        axe(page, context="reports")
        page.get_by_role("button", name="Continue").click()
        assert page.locator(".govuk-error-summary").is_visible()
        when = timezone.localdate() - timedelta(days=4)
        group = page.get_by_role("group", name="When did you report it?")
        group.get_by_label("Day").fill(str(when.day))
        group.get_by_label("Month").fill(str(when.month))
        group.get_by_label("Year").fill(str(when.year))
        page.get_by_label("Who did you report it to?").fill("The council")
        page.get_by_role("button", name="Add this report").click()
        axe(page, context="reports with one added")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("What would you like to happen?").fill("For it to stop.")
        page.get_by_role("button", name="Continue").click()
        axe(page, context="check your answers")
        page.get_by_role("link", name="Change your name").click()
        page.get_by_label("Full name").fill("Sam Q Example")
        page.get_by_role("button", name="Continue").click()
        assert "Sam Q Example" in page.locator(".govuk-summary-list").inner_text()
        page.get_by_role("button", name="Accept and send").click()
        axe(page, context="confirmation")
        application = CaseReviewApplication.objects.get()
        assert application.reference in page.locator(".govuk-panel").inner_text()
        page.goto(applicant_link(application).split("/case-review/", 1)[1].join(["/case-review/", ""]))
        axe(page, context="the applicant's page")
        assert application.reference in page.locator("main").inner_text()
        assert "token" not in page.url
        page.goto("/case-review/?lang=cy")
        axe(page, context="start page in Welsh")

    def test_the_whole_application_in_welsh(self, page, axe, make_organisation):
        make_organisation(name="Cyngor Enghraifft", kind=AgencyKind.COUNCIL)
        page.goto("/case-review/?lang=cy")
        assert page.locator("html").get_attribute("lang") == "cy"
        axe(page, context="start page in Welsh")
        page.get_by_role("button", name="Dechrau nawr").click()
        page.get_by_role("button", name="Parhau").click()
        assert page.locator(".govuk-error-summary").is_visible()
        assert "Mae problem wedi codi" in page.locator(".govuk-error-summary").inner_text()
        assert page.title().startswith("Gwall:")
        axe(page, context="who with errors, in Welsh")
        page.get_by_label("Fi fy hun").check()
        page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Enw llawn").fill("Sam Enghraifft")
        page.get_by_role("button", name="Parhau").click()
        axe(page, context="contact in Welsh")
        page.get_by_label("E-bost", exact=True).check()
        page.get_by_label("Cyfeiriad e-bost").fill("sam@example.org")
        page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Cod post").fill("CF10 1AA")
        page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Disgrifiwch yr ymddygiad gwrthgymdeithasol").fill("Cerddoriaeth uchel bob nos (ffug).")
        page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Ble mae'n digwydd?").fill("Heol Enghraifft")
        page.get_by_role("button", name="Parhau").click()
        axe(page, context="hate in Welsh")
        page.get_by_role("radio", name="Na").check()
        page.get_by_role("button", name="Parhau").click()
        group = page.get_by_role("group", name="Pryd wnaethoch chi roi gwybod amdano?")
        group.get_by_label("Diwrnod").fill("3")
        group.get_by_label("Blwyddyn").fill(str(timezone.localdate().year - 1))
        page.get_by_role("button", name="Ychwanegu'r adroddiad hwn").click()
        assert "gynnwys diwrnod, mis a blwyddyn" in page.locator(".govuk-error-summary").inner_text()
        axe(page, context="reports with a date error, in Welsh")
        when = timezone.localdate() - timedelta(days=4)
        group.get_by_label("Diwrnod").fill(str(when.day))
        group.get_by_label("Mis").fill(str(when.month))
        group.get_by_label("Blwyddyn").fill(str(when.year))
        page.get_by_label("I bwy wnaethoch chi roi gwybod amdano?").fill("Y cyngor")
        page.get_by_role("button", name="Ychwanegu'r adroddiad hwn").click()
        page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Beth hoffech chi ei weld yn digwydd?").fill("I'r peth stopio.")
        page.get_by_role("button", name="Parhau").click()
        axe(page, context="check your answers in Welsh")
        main = page.locator("main").inner_text()
        assert "Gwiriwch eich atebion" in main and "Change" not in main and "Applying for" not in main
        page.get_by_role("button", name="Derbyn ac anfon").click()
        axe(page, context="confirmation in Welsh")
        application = CaseReviewApplication.objects.get()
        assert application.language == "cy"
        assert "Cais wedi'i anfon" in page.locator(".govuk-panel").inner_text()
        page.goto(applicant_link(application).split("/case-review/", 1)[1].join(["/case-review/", ""]))
        axe(page, context="the applicant's page in Welsh")
        assert "Eich cais am adolygiad achos" in page.locator("main").inner_text()
        assert page.locator("html").get_attribute("lang") == "cy"


@pytest.mark.django_db(transaction=True)
class TestCoordinatorJourney:
    def test_check_decide_review_close(self, page, axe, make_user, make_organisation, browser_sign_in):
        from safer.casework.case_review.services import application_submit
        from safer.casework.tests.case_review.conftest import application_input

        council = make_organisation(name="Journey Council", kind=AgencyKind.COUNCIL)
        police = make_organisation(name="Journey Police", kind=AgencyKind.POLICE)
        manager = make_user(role=Role.CASE_MANAGER, organisation=council)
        worker = make_user(role=Role.CASEWORKER, organisation=council)
        make_user(role=Role.CASEWORKER, organisation=police)
        person = new_person(worker, first_name="Sam", last_name="Example", email="sam@example.org")
        for days in (50, 20, 4):
            incident = record_incident(
                worker, reporting_person=person, area="Cowley", occurred_at=timezone.now() - timedelta(days=days)
            )
            Incident.objects.filter(pk=incident.pk).update(recorded_at=incident.occurred_at)
        application = application_submit(data=application_input())
        browser_sign_in(page, manager)
        page.goto("/case-review/staff/")
        axe(page, context="applications")
        page.get_by_role("link", name=application.reference).click()
        axe(page, context="application with evidence")
        assert "meet" in page.locator(".govuk-inset-text").inner_text()
        page.get_by_role("link", name="Record the threshold decision").click()
        axe(page, context="decision form")
        page.get_by_label("Yes: a review will take place").check()
        page.get_by_label("Reasons (the applicant is told these)").fill("Three complaints in six months.")
        page.get_by_role("button", name="Record the decision and tell the applicant").click()
        page.get_by_role("link", name="Add an agency to the panel").click()
        axe(page, context="panel form")
        page.get_by_label("Agency").select_option(label="Journey Police")
        page.get_by_role("button", name="Save").click()
        page.get_by_role("link", name="Record a meeting").click()
        axe(page, context="meeting form")
        today = timezone.localdate()
        group = page.get_by_role("group", name="Date of the meeting")
        group.get_by_label("Day").fill(str(today.day))
        group.get_by_label("Month").fill(str(today.month))
        group.get_by_label("Year").fill(str(today.year))
        page.get_by_label("Who attended").fill("Council and police")
        page.get_by_label("What was discussed and agreed").fill("Agreed a joint visit.")
        page.get_by_role("button", name="Save").click()
        page.get_by_role("link", name="Close the review").click()
        axe(page, context="close form")
        page.get_by_label("Outcome (the applicant is told this)").fill("A joint visit will take place.")
        page.get_by_role("button", name="Close the review and tell the applicant").click()
        axe(page, context="closed application")
        assert "Review closed" in page.locator("h1").inner_text()
        for url, name in [
            ("/case-review/staff/deadlines/", "deadlines"),
            ("/case-review/staff/potential/", "alerts"),
            ("/case-review/staff/lessons/", "lessons"),
            ("/notifications/", "messages"),
            ("/case-review/staff/table/", "table"),
        ]:
            page.goto(url)
            axe(page, context=name)
        page.goto("/notifications/")
        assert "case-review-outcome" in page.locator("main").inner_text()
        page.get_by_role("link", name="ASB Case Review").first.click()
        axe(page, context="one message")
