"""The public case review wholly in Welsh: the catalogue is complete and compiled, a Welsh walk through the
application (test client, no JavaScript) shows no English, and the applicant's messages are written in Welsh."""

from __future__ import annotations

import gettext
from datetime import timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from safer.casework.case_review.models import CaseReviewApplication
from safer.casework.case_review.services import applicant_link, application_decide, application_submit
from safer.casework.case_review.services_review import application_close, meeting_record, recommendation_add
from safer.casework.tests.case_review.conftest import application_input
from safer.core.notifications.models import Notification
from safer.testing.locale import po_entries

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parents[3] / "locale" / "cy" / "LC_MESSAGES" / "django.po"

# English a resident would see if a string were left out of the catalogue or not marked for translation.
ENGLISH = (
    "There is a problem",
    "Continue",
    "Error:",
    "Apply for an anti-social behaviour case review",
    "Select who you are applying for",
    "Who are you applying for?",
    "Check your answers",
    "Change",
    "Accept and send",
    "Application sent",
    "What happens next",
    "For example",
    "Enter ",
    "must include",
    "Day",
    "Month",
    "Skip to main content",
)


def _main(response: Any) -> str:
    """The page as text a resident reads (entities decoded), less the link to English, which says "English"."""
    return unescape(response.content.decode()).replace('lang="en" hreflang="en">English</a>', "")


def _no_english(html: str, *extra: str) -> None:
    left = [english for english in (*ENGLISH, *extra) if english in html]
    assert left == [], left


def _welsh_month(day: Any) -> str:
    with translation.override("cy"):
        return date_format(day, "F")


class TestCatalogue:
    def test_every_message_is_translated(self):
        entries = po_entries(PO)
        assert len(entries) > 150
        assert [msgid for msgid, strs in entries if not all(s.strip() for s in strs)] == []
        text = PO.read_text(encoding="utf-8")
        assert "#, fuzzy" not in text and "partial" not in text

    def test_the_shipped_mo_matches_the_po(self):
        with open(PO.with_suffix(".mo"), "rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for msgid, strs in po_entries(PO):
            assert catalogue.gettext(msgid) == strs[0], msgid
        assert catalogue.gettext("Continue") == "Parhau"
        assert catalogue.gettext("Error:") == "Gwall:"


class TestWelshMessages:
    def test_every_message_has_a_welsh_template_a_letter_can_print(self):
        from safer.casework.case_review.messages import MESSAGES, MESSAGES_CY, message_key
        from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS, placeholders_in

        assert set(MESSAGES_CY) == set(MESSAGES)
        for key, (subject, body, _placeholders, _description) in MESSAGES.items():
            for channel in ("email", "letter"):
                welsh = TEMPLATE_DEFAULTS[(message_key(key, "cy"), channel)]
                assert placeholders_in(welsh.subject + welsh.body) == placeholders_in(subject + body), key
                (welsh.subject + welsh.body).encode("latin-1")  # letters use a Latin-1 font: no ŵ or ŷ


class TestWelshApplication:
    def test_the_start_page(self, world):
        page = Client().get("/case-review/?lang=cy")
        html = _main(page)
        assert page.status_code == 200 and '<html lang="cy"' in html and page["Content-Language"] == "cy"
        for welsh in (
            "Gwneud cais am adolygiad achos ymddygiad gwrthgymdeithasol",
            "Sbardun Cymunedol",
            "Pryd y bydd adolygiad yn cael ei gynnal",
            "Cyn i chi ddechrau",
            "Dechrau nawr",
            "Neidio i'r prif gynnwys",
        ):
            assert welsh in html, welsh
        _no_english(html, "Start now", "Before you start", "Community Trigger")

    def test_the_browser_language_chooses_welsh_and_the_link_english(self, world):
        client = Client(HTTP_ACCEPT_LANGUAGE="cy")
        assert "Dechrau nawr" in client.get("/case-review/").content.decode()
        english = client.get("/case-review/?lang=en")
        assert "Start now" in english.content.decode() and english["Content-Language"] == "en-GB"
        assert "Start now" in client.get("/case-review/").content.decode()  # the choice is remembered

    def test_question_pages_and_their_errors(self, world):
        client = Client()
        client.get("/case-review/?lang=cy")
        who = client.post("/case-review/apply/who/", {})
        html = _main(who)
        assert who.status_code == 400
        assert "<title>Gwall: Ar ran pwy ydych chi'n gwneud cais?" in html
        for welsh in (
            "Mae problem wedi codi",
            "Dewiswch ar ran pwy rydych chi'n gwneud cais",
            "Rhywun arall, gyda'u caniatâd",
            "Grŵp cymunedol",
            "Parhau",
        ):
            assert welsh in html, welsh
        _no_english(html, "Myself", "A business")
        assert client.post("/case-review/apply/who/", {"applying_as": "on_behalf"}).status_code == 302
        behalf = _main(client.post("/case-review/apply/on-behalf/", {}))
        assert "Rhowch enw llawn y person" in behalf and "Cadarnhewch eu bod wedi cytuno" in behalf
        _no_english(behalf, "Their full name", "They have agreed")
        client.post("/case-review/apply/on-behalf/", {"victim_name": "Alex Example", "consent_confirmed": "on"})
        client.post("/case-review/apply/name/", {"applicant_name": "Sam Example"})
        contact = _main(client.post("/case-review/apply/contact/", {"contact_by": "email", "email": "not-an-address"}))
        assert "Rhowch gyfeiriad e-bost yn y fformat cywir" in contact and "Rhif ffôn (dewisol)" in contact
        _no_english(contact, "Email address", "Phone number", "We will only use this")
        client.post("/case-review/apply/contact/", {"contact_by": "letter"})
        address = _main(client.post("/case-review/apply/address/", {"postcode": "OX4 9ZZ"}))
        assert "Rhowch eich cyfeiriad, er mwyn i ni allu anfon llythyrau atoch" in address
        _no_english(address, "Postcode", "Needed if you want letters")
        hate = _main(client.get("/case-review/apply/hate/"))
        assert "Ydy hyn yn digwydd oherwydd pwy ydych chi?" in hate and "Er enghraifft, eich hil" in hate
        _no_english(hate, "Yes", "No<", "race, religion")

    def test_the_reports_page_and_its_date_errors(self, world):
        client = Client()
        client.get("/case-review/?lang=cy")
        client.post("/case-review/apply/who/", {"applying_as": "self"})
        empty = _main(client.post("/case-review/apply/reports/", {"action": "continue"}))
        assert "Ychwanegwch o leiaf un adroddiad a wnaethoch chi am y broblem" in empty
        assert "Pryd wnaethoch chi roi gwybod amdano?" in empty and "Diwrnod" in empty and "Blwyddyn" in empty
        _no_english(empty, "Add at least one report", "When did you report it?", "Add this report")
        partial = client.post(
            "/case-review/apply/reports/", {"action": "add", "reported_on_0": "3", "reported_on_2": "2026"}
        )
        assert partial.status_code == 400
        html = _main(partial)
        assert "Rhaid i'r dyddiad y gwnaethoch chi roi gwybod amdano gynnwys diwrnod, mis a blwyddyn" in html
        _no_english(html, "Date you reported it must include a month")
        unreal = _main(
            client.post(
                "/case-review/apply/reports/",
                {"action": "add", "reported_on_0": "31", "reported_on_1": "2", "reported_on_2": "2026"},
            )
        )
        assert "fod yn ddyddiad go iawn" in unreal
        _no_english(unreal, "must be a real date")
        future = timezone.localdate() + timedelta(days=3)
        later = _main(
            client.post(
                "/case-review/apply/reports/",
                {
                    "action": "add",
                    "reported_on_0": future.day,
                    "reported_on_1": future.month,
                    "reported_on_2": future.year,
                    "agency": "Cyngor",
                },
            )
        )
        assert "fod heddiw neu yn y gorffennol" in later
        _no_english(later, "must be today or in the past")

    def test_check_send_and_the_acknowledgement(self, world, django_capture_on_commit_callbacks):
        client = Client()
        client.get("/case-review/?lang=cy")
        _answer(client)
        check = client.get("/case-review/apply/check/")
        html = _main(check)
        for welsh in (
            "Gwiriwch eich atebion cyn anfon eich cais",
            "Gwneud cais ar ran",
            "Fi fy hun",
            "Cysylltu drwy",
            "E-bost",
            "Oherwydd pwy ydych chi",
            '<dd class="govuk-summary-list__value">Na</dd>',
            "Newid",
            "Derbyn ac anfon",
            "Gadewch hwn yn wag",
        ):
            assert welsh in html, welsh
        _no_english(html, "Applying for", "Contact by", "Reports you made", "Leave this empty")
        # The report's date is written in Welsh on the check page and the reports page, not as 2026-11-28.
        when = timezone.localdate() - timedelta(days=5)
        written = f"{when.day} {_welsh_month(when)} {when.year}"
        assert f"{written}: Y cyngor" in html and when.isoformat() not in html
        reports = _main(client.get("/case-review/apply/reports/"))
        assert f'<dt class="govuk-summary-list__key">{written}</dt>' in reports and when.isoformat() not in reports
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/case-review/apply/check/", {"website": ""}).status_code == 302
        application = CaseReviewApplication.objects.get()
        done = _main(client.get("/case-review/apply/sent/"))
        month = _welsh_month(timezone.localtime(application.decision_due))
        for welsh in ("Cais wedi'i anfon", "Eich cyfeirnod yw", "Beth sy'n digwydd nesaf", month):
            assert welsh in done, welsh
        _no_english(done, "We have sent you an email", "If a review takes place")
        assert application.language == "cy"
        message = Notification.objects.get(template_key="case-review-acknowledgement-cy")
        assert message.language == "cy"  # a letter of it would print its date in Welsh too
        assert message.subject.startswith("Cais am Adolygiad Achos YGG") and message.body.startswith("Annwyl Sam")
        assert month in message.body and application.reference in message.body
        assert "Dear" not in message.body and "We will tell you" not in message.body

    def test_a_bot_or_a_bad_link_is_refused_in_welsh(self, world):
        client = Client()
        client.get("/case-review/?lang=cy")
        client.post("/case-review/apply/who/", {"applying_as": "self"})
        _answer(client)
        bot = _main(client.post("/case-review/apply/check/", {"website": "http://spam.example"}))
        assert "Nid oeddem yn gallu derbyn y ffurflen hon" in bot and "Mynd i ddechrau'r cais" in bot
        _no_english(bot, "We could not accept", "Go to the start")
        bad = client.get("/case-review/your-application/open/?token=forged")
        assert bad.status_code == 400 and "Nid yw'r ddolen hon yn ddilys" in _main(bad)
        _no_english(_main(bad), "This link is not valid")
        unknown = Client()
        unknown.get("/case-review/?lang=cy")
        closed = unknown.get("/case-review/your-application/")
        assert closed.status_code == 403 and "Agorwch y dudalen hon gyda'r ddolen" in _main(closed)


class TestWelshApplicant:
    def test_the_status_page_and_the_decision_message(self, world, django_capture_on_commit_callbacks):
        application = application_submit(data=application_input(), language="cy")
        with django_capture_on_commit_callbacks(execute=True):
            application_decide(actor=world.manager, application=application, met=False, reasons="Un adroddiad.")
        message = Notification.objects.get(template_key="case-review-threshold-not-met-cy")
        assert "Nid yw'r trothwy" in message.body and "Un adroddiad." in message.body
        client = Client()
        client.get("/case-review/?lang=cy")
        link = applicant_link(application)
        client.get(link[link.index("/case-review/") :])
        page = _main(client.get("/case-review/your-application/"))
        for welsh in ("Eich cais am adolygiad achos", "Wedi dod i law", "Nid yw'r trothwy", "Os nad ydych"):
            assert welsh in page, welsh
        _no_english(page, "Received", "The threshold", "If you are not satisfied", "Your application")

    def test_the_outcome_message_lists_the_recommendations_in_welsh(self, world, django_capture_on_commit_callbacks):
        application = application_submit(data=application_input(), language="cy")
        application_decide(actor=world.manager, application=application, met=True, reasons="Tri adroddiad.")
        today = timezone.localdate()
        meeting_record(actor=world.manager, application=application, held_on=today, attendees="Cyngor", record="Do.")
        due = today + timedelta(days=40)
        recommendation_add(
            actor=world.manager, application=application, text="Ymweliad", owner_organisation=world.police, due_on=due
        )
        with django_capture_on_commit_callbacks(execute=True):
            application_close(actor=world.manager, application=application, outcome_summary="Bydd ymweliad.")
        message = Notification.objects.get(template_key="case-review-outcome-cy")
        line = f"- Ymweliad ({world.police.name}, erbyn {due.day} {_welsh_month(due)} {due.year})"
        assert line in message.body and "Argymhellion:" in message.body
        assert " by " not in message.body and "None." not in message.body

    def test_the_link_in_a_welsh_message_opens_the_page_in_welsh(self, world):
        welsh = application_submit(data=application_input(), language="cy")
        english = application_submit(data=application_input(email="other@example.org"))
        for application, heading in ((welsh, "Eich cais am adolygiad achos"), (english, "Your application for")):
            client = Client()  # a new browser that never chose a language
            link = applicant_link(application)
            client.get(link[link.index("/case-review/") :])
            assert heading in _main(client.get("/case-review/your-application/")), application.language

    def test_staff_are_told_the_applicant_applied_in_welsh(self, world, client_for):
        welsh = application_submit(data=application_input(), language="cy")
        english = application_submit(data=application_input())
        coordinator = client_for(world.manager)
        assert "Applied in Welsh" in coordinator.get(f"/case-review/staff/{welsh.reference}/").content.decode()
        assert "Applied in Welsh" not in coordinator.get(f"/case-review/staff/{english.reference}/").content.decode()

    def test_an_english_applicant_is_still_written_to_in_english(self, world, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            application = application_submit(data=application_input())
        message = Notification.objects.get(template_key="case-review-acknowledgement")
        month = f"{timezone.localtime(application.decision_due):%d %B %Y}"
        assert message.body.startswith("Dear Sam") and month in message.body


def _answer(client: Client) -> None:
    """Answer every question page (the applicant applies for themself, by e-mail)."""
    when = timezone.localdate() - timedelta(days=5)
    for slug, data in [
        ("who", {"applying_as": "self"}),
        ("name", {"applicant_name": "Sam Example"}),
        ("contact", {"contact_by": "email", "email": "sam@example.org"}),
        ("address", {"postcode": "CF10 1AA"}),
        ("problem", {"problem_description": "Cerddoriaeth uchel bob nos (ffug)."}),
        ("location", {"problem_location": "Heol Enghraifft"}),
        ("hate", {"hate_motivated": "no"}),
        (
            "reports",
            {
                "action": "add",
                "reported_on_0": when.day,
                "reported_on_1": when.month,
                "reported_on_2": when.year,
                "agency": "Y cyngor",
            },
        ),
        ("reports", {"action": "continue"}),
        ("outcome", {"outcome_wanted": "I'r peth stopio."}),
    ]:
        assert client.post(f"/case-review/apply/{slug}/", data).status_code == 302, slug
