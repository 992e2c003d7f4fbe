"""The published plan in Welsh: the switch, every fixed word from the catalogue, English data marked as English."""

from __future__ import annotations

import gettext
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from safer.intelligence.dashboard.significance import change_test
from safer.planning.services import indicators, plans
from safer.testing.locale import po_entries

pytestmark = pytest.mark.django_db

PLANNING_PO = Path(__file__).resolve().parents[2] / "locale" / "cy" / "LC_MESSAGES" / "django.po"
CORE_PO = Path(__file__).resolve().parents[3] / "locale" / "cy" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def published(manager, plan, priority, police_action):
    plans.duty_save(actor=manager, plan=plan, duty="prevent", how_met="A Prevent lead in every partner.")
    plans.plan_update(
        actor=manager,
        plan=plan,
        partnership=plan.partnership,
        title=plan.title,
        area_name=plan.area_name,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        introduction=plan.introduction,
        bilingual=True,
    )
    plans.plan_publish(actor=manager, plan=plan, published=True)
    return plan


class TestCatalogue:
    def test_every_planning_message_is_translated_and_compiled(self):
        entries = po_entries(PLANNING_PO)
        assert len(entries) >= 30
        assert [msgid for msgid, strs in entries if not all(s.strip() for s in strs)] == []
        with open(PLANNING_PO.with_suffix(".mo"), "rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for msgid, strs in entries:
            assert catalogue.gettext(msgid) == strs[0], msgid

    def test_the_page_chrome_is_in_the_core_catalogue(self):
        translated = dict((msgid, strs[0]) for msgid, strs in po_entries(CORE_PO))
        for msgid in ("Skip to main content", "Beta", "This is a new service.", "Accessibility statement", "Cookies"):
            assert translated.get(msgid), msgid


class TestPublishedPlanInWelsh:
    def test_english_by_default_with_a_link_to_welsh(self, client, published):
        page = client.get(f"/planning/published/{published.slug}/")
        html = page.content.decode()
        assert page.status_code == 200 and '<html lang="en-GB"' in html and page["Content-Language"] == "en-GB"
        assert "Statutory duties" in html and 'href="?lang=cy"' in html and "Priority 1: Anti-Social Behaviour" in html

    def test_welsh_when_chosen_and_remembered(self, client, published):
        page = client.get(f"/planning/published/{published.slug}/?lang=cy")
        html = page.content.decode()
        assert '<html lang="cy"' in html and page["Content-Language"] == "cy"
        for welsh in (
            "Dyletswyddau statudol",  # Statutory duties
            "Blaenoriaeth 1: Anti-Social Behaviour",  # Priority 1: (the title is the partnership's own words)
            "Camau gweithredu ar gyfer Anti-Social Behaviour",
            "Yn canolbwyntio ar bobl ifanc",  # Youth focused
            "Dyletswydd Prevent",  # the duty's name from the choices
            "Sut rydym yn dod ymlaen",
            "Partneriaid",
            "Neidio i'r prif gynnwys",  # the page chrome (base.html)
            "Datganiad hygyrchedd",
            '<td class="govuk-table__cell">Ie</td>',  # the action is youth focused: yes (as the core catalogue says)
        ):
            assert welsh in html, welsh
        for english in ("Statutory duties", "How we are doing", "Skip to main content", "Youth focused"):
            assert english not in html, english
        again = client.get(f"/planning/published/{published.slug}/")
        assert '<html lang="cy"' in again.content.decode()  # remembered for the visit
        back = client.get(f"/planning/published/{published.slug}/?lang=en")
        assert "Statutory duties" in back.content.decode()

    def test_a_plan_not_offered_in_welsh_stays_english(self, client, manager, plan, priority):
        plans.plan_publish(actor=manager, plan=plan, published=True)
        html = client.get(f"/planning/published/{plan.slug}/?lang=cy").content.decode()
        assert '<html lang="en-GB"' in html and "Statutory duties" in html and "?lang=cy" not in html

    def test_staff_pages_stay_in_english(self, client_for, board, published):
        client = client_for(board)
        client.get(f"/planning/published/{published.slug}/?lang=cy")
        html = client.get(f"/planning/{published.slug}/").content.decode()
        assert "Statutory duties" in html and "Skip to main content" in html


class TestIndicatorSentencesInWelsh:
    @pytest.fixture
    def with_indicators(self, manager, police, published, crime_warehouse):
        indicators.indicator_save(
            actor=manager,
            plan=published,
            name="Violence",
            kind="dashboard",
            dashboard_source="crime",
            area="West Oxfordshire",
            period="2022-03..2022-04",
            crime_type="Violence and sexual offences",
        )
        referrals = indicators.indicator_save(
            actor=manager,
            plan=published,
            name="Referrals",
            kind="entered",
            direction="higher",
            target=Decimal(2000),
            entering_organisation=police,
        )
        indicators.indicator_value_enter(
            actor=manager, indicator=referrals, year=2024, quarter=2, value=Decimal("2345.5"), note="Two new schemes"
        )
        return published

    def test_status_and_trend_sentences_are_welsh_with_numbers_and_dates_for_the_locale(self, client, with_indicators):
        p_value = change_test(period_count=130, compare_count=90).p_value
        english = client.get(f"/planning/published/{with_indicators.slug}/").content.decode()
        assert (
            f"130 misses the previous period (90) by more than the tolerance (a significant change, p = {p_value:.3f})."
            in english
        )
        assert "2,345.5 meets the target of 2,000." in english and "Q2 2024-25" in english
        html = client.get(f"/planning/published/{with_indicators.slug}/?lang=cy").content.decode()
        with translation.override("cy"):
            today = date_format(timezone.localdate(), "j F Y")
        for welsh in (
            # the statuses: the computed p-value, the numbers written the Welsh way (the same separators as English)
            "Mae 130 yn methu y cyfnod blaenorol (90) o fwy na&#x27;r goddefiant "
            f"(newid arwyddocaol, p = {p_value:.3f}).",
            "Mae 2,345.5 yn cyrraedd y targed o 2,000.",
            # periods, sources and dates
            "Maw 2022 i Ebr 2022",
            "Ch2 2024-25",
            "Wedi&#x27;i roi bob chwarter gan Test Police",
            f"wedi&#x27;i roi {today}",
        ):
            assert welsh in html, welsh
        for english_text in ("misses the previous period", "meets the target", "Entered each quarter", "Q2 2024-25"):
            assert english_text not in html, english_text
        # the Welsh sentences are not marked as English; data written by people and sources still is
        assert '<span lang="en-GB">Mae ' not in html and 'lang="en-GB">Maw 2022' not in html
        assert '<span lang="en-GB">Two new schemes</span>' in html
        source = "police.uk street-level crime and anti-social behaviour (Open Government Licence v3.0)"
        assert f'<span lang="en-GB">{source}; West Oxfordshire' in html
