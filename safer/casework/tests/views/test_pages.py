"""Casework pages: forms re-render with errors (400), conflicts are explained (409), downloads and exports work."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safer.casework.choices import PartyRole
from safer.casework.models import Case, Incident, Intervention
from safer.casework.services import (
    case_escalate,
    case_update,
    letter_generate,
    party_add,
    risk_assessment_complete,
)
from safer.casework.tests.conftest import new_person, open_case
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db


class TestIncidentCreateView:
    def test_missing_fields_show_error_summary(self, world):
        response = signed_in_client(world.caseworker).post(reverse("casework:incident-create"), {})
        assert response.status_code == 400
        body = response.content.decode()
        assert "govuk-error-summary" in body and "Enter where the incident happened" in body

    def test_records_incident_with_reporter_and_map_point(self, world):
        response = signed_in_client(world.caseworker).post(
            reverse("casework:incident-create"),
            {
                "occurred_at_0": "10",
                "occurred_at_1": "1",
                "occurred_at_2": "2026",
                "occurred_at_3": "22:15",
                "location_text": "Bus shelter, Example Road",
                "latitude": "51.75",
                "longitude": "-1.25",
                "asb_category": "personal",
                "asb_type": "Intimidation",
                "description": "Group shouting at passers-by (fictional)",
                "hate_motivated": "on",
                "hate_strand": "religion",
                "reporter_first_name": "Fictional",
                "reporter_last_name": "Reporter",
            },
        )
        incident = Incident.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/incidents/{incident.reference}/")
        assert incident.reporting_person.full_name == "Fictional Reporter" and incident.hate_strand == "religion"
        assert float(incident.latitude) == 51.75
        assert timezone.localtime(incident.occurred_at).strftime("%Y-%m-%d %H:%M") == "2026-01-10 22:15"

    def test_every_problem_shows_on_the_first_submit(self, world):
        response = signed_in_client(world.caseworker).post(
            reverse("casework:incident-create"),
            {
                "occurred_at_0": "10",
                "occurred_at_1": "",
                "occurred_at_2": "2026",
                "occurred_at_3": "",
                "location_text": "Bus shelter",
                "asb_category": "personal",
                "asb_type": "Intimidation",
                "description": "Shouting (fictional)",
                "hate_motivated": "on",
                "hate_strand": "",
                "reporter_first_name": "Fictional",
                "reporter_phone": "not a phone",
            },
        )
        body = response.content.decode()
        assert response.status_code == 400 and not Incident.objects.exists()
        for message in (
            "Date of the incident must include a month",
            "Enter the time of the incident",
            "Choose the hate strand of a hate-motivated incident",
            "Enter a telephone number, like 01865 249811",
        ):
            assert message in body
        assert "(got" not in body

    def test_long_text_is_refused_with_its_limit_not_cut(self, world):
        response = signed_in_client(world.caseworker).post(
            reverse("casework:incident-create"),
            {"location_text": "L" * 301, "description": "D" * 20_000, "asb_category": "nuisance", "asb_type": "Noise"},
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert "Where it happened must be 300 characters or fewer" in body
        assert "What happened must be 10,000 characters or fewer" in body
        assert "L" * 301 in body  # what was typed is kept, whole

    def test_half_entered_date_is_explained_and_what_was_typed_is_kept(self, world):
        response = signed_in_client(world.caseworker).post(
            reverse("casework:incident-create"),
            {"occurred_at_0": "10", "occurred_at_1": "", "occurred_at_2": "2026", "occurred_at_3": "22:15"},
        )
        body = response.content.decode()
        assert response.status_code == 400 and not Incident.objects.exists()
        assert '<a href="#id_occurred_at_1">Date of the incident must include a month</a>' in body
        assert 'name="occurred_at_0" type="text" inputmode="numeric" value="10"' in body
        assert 'value="22:15"' in body


class TestCaseUpdateView:
    def test_second_editor_gets_conflict_message(self, world):
        case = open_case(world.caseworker)
        stale_version = case.version
        case_update(actor=world.manager, case=case, version=case.version, summary="Changed by the manager")
        response = signed_in_client(world.caseworker).post(
            reverse("casework:case-update", args=[case.reference]),
            {"version": stale_version, "summary": "My edit", "area": ""},
        )
        assert response.status_code == 409
        assert "changed by someone else while you were editing it" in response.content.decode()
        assert Case.objects.get(pk=case.pk).summary == "Changed by the manager"


def _escalation(case: Case, stage: str, **extra: str) -> dict[str, str]:
    return {
        "version": str(case.version),
        "stage": stage,
        "action": "Injunction applied for",
        "occurred_on_0": "5",
        "occurred_on_1": "1",
        "occurred_on_2": "2026",
        **extra,
    }


class TestCaseEscalateView:
    def test_skip_without_reason_is_explained(self, world):
        case = open_case(world.caseworker)
        response = signed_in_client(world.caseworker).post(
            reverse("casework:case-escalate", args=[case.reference]), _escalation(case, "3")
        )
        assert response.status_code == 400
        assert "skips stage 1" in response.content.decode()
        assert Case.objects.get(pk=case.pk).stage == 0

    def test_form_chooses_nothing_and_untouched_form_records_nothing(self, world):
        case = open_case(world.caseworker)
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-escalate", args=[case.reference])
        page = client.get(url).content.decode()
        assert " checked" not in page and 'name="occurred_on_0" type="text" inputmode="numeric" value=""' in page
        response = client.post(url, {"version": str(case.version)})
        body = response.content.decode()
        assert response.status_code == 400 and not Intervention.objects.exists()
        for message in ("Choose the stage", "Enter what was done", "Enter the date of the intervention"):
            assert message in body
        assert '<a href="#id_stage_0">Choose the stage</a>' in body

    def test_enforcement_is_confirmed_before_it_is_recorded(self, world):
        case = open_case(world.caseworker)
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-escalate", args=[case.reference])
        data = _escalation(case, "4", skipped_reason="Knife seen at the address")
        check = client.post(url, data)
        body = check.content.decode()
        assert check.status_code == 200 and "Check before recording enforcement" in body
        assert "From stage 0 to stage 4: Enforcement" in body and not Intervention.objects.exists()
        change = client.post(url, {**data, "change": "1"})
        assert change.status_code == 200 and "Record an intervention" in change.content.decode()
        assert not Intervention.objects.exists()
        done = client.post(url, {**data, "confirm_enforcement": "on"})
        assert done.status_code == 302 and Intervention.objects.get().stage == 4
        assert Case.objects.get(pk=case.pk).stage == 4

    def test_first_stages_need_no_confirmation(self, world):
        case = open_case(world.caseworker)
        response = signed_in_client(world.caseworker).post(
            reverse("casework:case-escalate", args=[case.reference]), _escalation(case, "1")
        )
        assert response.status_code == 302 and Intervention.objects.get().stage == 1

    def test_letter_without_recipient_is_refused_with_what_to_add(self, world):
        case = open_case(world.caseworker)
        intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1)
        client = signed_in_client(world.caseworker)
        page = client.get(reverse("casework:case-detail", args=[case.reference])).content.decode()
        assert "Produce letter" not in page and "No letter: this intervention names no one" in page
        response = client.post(reverse("casework:letter-generate", args=[case.reference, intervention.pk]), follow=True)
        assert "names no one" in response.content.decode() and not case.letters.exists()


class TestCaseOpenView:
    def test_without_unlinked_incidents_it_says_what_to_do(self, world):
        client = signed_in_client(world.caseworker)
        page = client.get(reverse("casework:case-open"))
        body = page.content.decode()
        assert page.status_code == 200 and "there are none your organisation can use" in body
        assert reverse("casework:incident-create") in body and "govuk-error-summary" not in body
        assert "<fieldset" not in body

    def test_incidents_are_checkboxes_and_errors_link_to_the_first(self, world):
        from safer.casework.tests.conftest import record_incident

        first, second = record_incident(world.caseworker), record_incident(world.caseworker)
        client = signed_in_client(world.caseworker)
        body = client.get(reverse("casework:case-open")).content.decode()
        assert body.count('type="checkbox"') == 2 and 'type="radio"' not in body
        refused = client.post(reverse("casework:case-open"), {"summary": "Noise"}).content.decode()
        assert '<a href="#id_incidents_0">Choose at least one incident</a>' in refused
        assert 'id="id_incidents_0"' in refused
        both = client.post(reverse("casework:case-open"), {"incidents": [first.reference, second.reference]})
        assert both.status_code == 302 and Case.objects.get().case_incidents.count() == 2

    def test_too_long_summary_is_an_error_not_cut(self, world):
        from safer.casework.tests.conftest import record_incident

        incident = record_incident(world.caseworker)
        response = signed_in_client(world.caseworker).post(
            reverse("casework:case-open"), {"incidents": [incident.reference], "summary": "x" * 201}
        )
        body = response.content.decode()
        assert response.status_code == 400 and not Case.objects.exists()
        assert "Summary must be 200 characters or fewer" in body and "x" * 201 in body
        assert 'data-module="govuk-character-count" data-maxlength="200"' in body and " maxlength=" not in body

    def test_open_from_incident(self, world):
        client = signed_in_client(world.caseworker)
        from safer.casework.tests.conftest import record_incident

        incident = record_incident(world.caseworker)
        page = client.get(reverse("casework:case-open") + f"?incident={incident.reference}")
        assert incident.reference in page.content.decode()
        response = client.post(reverse("casework:case-open"), {"incidents": [incident.reference], "summary": "Noise"})
        case = Case.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.reference}/")


class TestDownloads:
    def test_letter_download_pdf_and_docx(self, world, django_capture_on_commit_callbacks):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker, address="2 Example Street")
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, person=person)
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        client = signed_in_client(world.caseworker)
        pdf = client.get(reverse("casework:letter-download", args=[case.reference, letter.public_id, "pdf"]))
        assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
        docx = client.get(reverse("casework:letter-download", args=[case.reference, letter.public_id, "docx"]))
        assert docx.status_code == 200 and b"".join(docx.streaming_content)[:2] == b"PK"
        bad = client.get(reverse("casework:letter-download", args=[case.reference, letter.public_id, "exe"]))
        assert bad.status_code == 404

    def test_subject_access_export_json(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker, first_name="Fictional")
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.VICTIM)
        response = signed_in_client(world.manager).get(
            reverse("casework:person-export", args=[person.public_id, "json"])
        )
        data = json.loads(response.content)
        assert data["person"]["first_name"] == "Fictional" and data["cases"][0]["reference"] == case.reference
        assert (
            str(person.public_id) in response["Content-Disposition"]
            and "Fictional" not in response["Content-Disposition"]
        )

    def test_performance_csv(self, world):
        open_case(world.caseworker)
        response = signed_in_client(world.partnership).get(reverse("casework:performance") + "?format=csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert response["Content-Type"].startswith("text/csv")
        assert ["cases opened", "", "1"] in rows

    def test_performance_bad_period_is_400(self, world):
        response = signed_in_client(world.partnership).get(
            reverse("casework:performance"),
            {"start_0": "1", "start_1": "5", "start_2": "2026", "end_0": "1", "end_1": "1", "end_2": "2026"},
        )
        body = response.content.decode()
        assert response.status_code == 400 and "on or after the start date" in body
        assert '<a href="#id_end_0">' in body

    def test_performance_old_links_with_iso_dates_still_filter(self, world):
        response = signed_in_client(world.partnership).get(
            reverse("casework:performance") + "?start=2026-05-01&end=2026-01-01"
        )
        assert response.status_code == 400 and "on or after the start date" in response.content.decode()


class TestTaskCreateView:
    def test_impossible_due_date_re_renders_with_the_boxes_marked(self, world):
        case = open_case(world.caseworker)
        response = signed_in_client(world.caseworker).post(
            reverse("casework:task-create", args=[case.reference]),
            {"title": "Visit", "owner": world.caseworker.pk, "due_on_0": "31", "due_on_1": "2", "due_on_2": "2030"},
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert '<a href="#id_due_on_0">Due date must be a real date</a>' in body
        assert body.count("govuk-date-input__input govuk-input--width-2 govuk-input--error") == 2

    def test_sets_task_from_day_month_and_year(self, world):
        case = open_case(world.caseworker)
        due = timezone.localdate() + timedelta(days=7)
        response = signed_in_client(world.caseworker).post(
            reverse("casework:task-create", args=[case.reference]),
            {
                "title": "Visit",
                "owner": world.caseworker.pk,
                "due_on_0": str(due.day),
                "due_on_1": str(due.month),
                "due_on_2": str(due.year),
            },
        )
        assert response.status_code == 302
        assert case.tasks.get().due_on == due


class TestCaseUpdateViewDates:
    def test_first_contact_round_trips_through_the_boxes_in_uk_time(self, world):
        case = open_case(world.caseworker, opened_at=timezone.now() - timedelta(days=2))
        contact = (timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
        case = case_update(actor=world.caseworker, case=case, version=case.version, first_contact_at=contact)
        body = signed_in_client(world.caseworker).get(reverse("casework:case-update", args=[case.reference]))
        local = timezone.localtime(contact)
        html = body.content.decode()
        assert f'name="first_contact_at_2" type="text" inputmode="numeric" value="{local.year}"' in html
        assert 'name="first_contact_at_3" type="text" inputmode="decimal" autocomplete="off"' in html
        assert f'value="{local:%H:%M}"' in html
        response = signed_in_client(world.caseworker).post(
            reverse("casework:case-update", args=[case.reference]),
            {
                "version": case.version,
                "summary": case.summary,
                "area": "",
                "first_contact_at_0": str(local.day),
                "first_contact_at_1": str(local.month),
                "first_contact_at_2": str(local.year),
                "first_contact_at_3": f"{local:%H:%M}",
            },
        )
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).first_contact_at == contact


class TestCasePageQueries:
    """The case page's queries stay bounded (it is the heaviest page of the load test) and it still shows it all."""

    def test_stage_0_case_skips_interventions_breaches_and_letters(self, world, django_assert_num_queries):
        case = open_case(world.caseworker)
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-detail", args=[case.reference])
        client.get(url)
        # session, user (with organisation, team and two-factor device), case, audit insert, parties, incidents,
        # tasks, notes (the ladder is cached by the first request); not yet assessed: no risk assessments to read
        with django_assert_num_queries(8):
            response = client.get(url)
        body = response.content.decode()
        assert "No interventions yet." in body
        assert "Not assessed" in body and "See the answers" not in body

    def test_an_assessed_case_reads_and_shows_its_latest_assessment(self, world, django_assert_num_queries):
        from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE

        case = open_case(world.caseworker)
        answers = {question.code: False for question in DEFAULT_QUESTIONNAIRE.questions}
        first = risk_assessment_complete(actor=world.caseworker, case=case, answers=answers)
        case.refresh_from_db()
        latest = risk_assessment_complete(actor=world.caseworker, case=case, answers={**answers, "repeat": True})
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-detail", args=[case.reference])
        client.get(url)
        with django_assert_num_queries(9):  # + the risk assessments
            body = client.get(url).content.decode()
        assert first.pk != latest.pk
        assert f"(score {latest.score}, " in body and "See the answers" in body
        assert "to the risk assessments" in body  # two of them

    def test_escalated_case_shows_interventions_and_recurrence(self, world, django_assert_num_queries):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker)
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, action="Warning letter sent")
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-detail", args=[case.reference])
        client.get(url)
        with django_assert_num_queries(13):  # + interventions, breaches, letters and the two recurrence queries
            body = client.get(url).content.decode()
        assert "Warning letter sent" in body
        assert "No further incidents" in body

    def test_ladder_rows_read_only_the_columns_loaded(
        self, world, django_assert_num_queries, django_capture_on_commit_callbacks
    ):
        # The interventions, breaches and letters load just the columns the page shows (`only()`): a column read but
        # left out would cost a query per row, and this count would grow.
        from safer.casework.services import breach_record

        case = open_case(world.caseworker)
        person = new_person(world.caseworker, first_name="Ladder", last_name="Tester", address="2 Example Street")
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        intervention = case_escalate(
            actor=world.caseworker, case=case, version=case.version, stage=1, action="Warning given", person=person
        )
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        case.refresh_from_db()
        breach_record(
            actor=world.caseworker,
            case=case,
            occurred_on=timezone.localdate(),
            description="Shouted at a neighbour",
            intervention=intervention,
        )
        client = signed_in_client(world.caseworker)
        url = reverse("casework:case-detail", args=[case.reference])
        client.get(url)
        with django_assert_num_queries(13):
            body = client.get(url).content.decode()
        assert "Warning given (Ladder Tester)" in body
        assert f"interventions/{intervention.pk}/letter/" in body  # the person has an address: a letter can be made
        assert "Shouted at a neighbour" in body
        assert f"{letter.template_title}, " in body and "to Ladder Tester" in body
        assert f"letters/{letter.public_id}/pdf/" in body  # ready: both formats offered


class TestPartyAddSearch:
    """Adding someone already recorded: found by a POSTed search, chosen from the matches only."""

    def _options(self, body: str) -> list[str]:
        import re

        select = body[body.index('name="person"') : body.index("</select>", body.index('name="person"'))]
        return re.findall(r"<option[^>]*>([^<]*)</option>", select)

    def test_the_list_offers_search_matches_not_everyone(self, world):
        case = open_case(world.caseworker)
        for first, last in [("Alex", "Fictional"), ("Billie", "Fictional"), ("Casey", "Other")]:
            new_person(world.caseworker, first_name=first, last_name=last)
        client = signed_in_client(world.caseworker)
        url = reverse("casework:party-add", args=[case.reference])
        assert len(self._options(client.get(url).content.decode())) == 1  # "someone new" only
        found = client.post(url, {"q": "fictional", "search": "1"})
        assert found.status_code == 200
        body = found.content.decode()
        assert [o for o in self._options(body) if "Fictional" in o] == ["Alex Fictional", "Billie Fictional"]
        assert "Casey Other" not in body
        assert "2 people match the search" in body

    def test_choosing_a_match_adds_them_and_errors_keep_the_matches(self, world):
        case = open_case(world.caseworker)
        alex = new_person(world.caseworker, first_name="Alex", last_name="Fictional")
        client = signed_in_client(world.caseworker)
        url = reverse("casework:party-add", args=[case.reference])
        missing_role = client.post(url, {"q": "alex", "person": str(alex.public_id)})
        assert missing_role.status_code == 400
        assert self._options(missing_role.content.decode())[1:] == ["Alex Fictional"]
        assert "1 person matches the search" in missing_role.content.decode()  # the chosen match counted once
        added = client.post(url, {"q": "alex", "person": str(alex.public_id), "role": PartyRole.WITNESS})
        assert added.status_code == 302
        assert case.parties.get().person == alex

    def test_people_the_user_cannot_see_are_neither_found_nor_accepted(self, world):
        case = open_case(world.caseworker)
        hidden = new_person(world.housing_worker, first_name="Hidden", last_name="Fictional")
        client = signed_in_client(world.caseworker)
        url = reverse("casework:party-add", args=[case.reference])
        assert "Hidden" not in client.post(url, {"q": "hidden", "search": "1"}).content.decode()
        refused = client.post(url, {"person": str(hidden.public_id), "role": PartyRole.WITNESS})
        assert refused.status_code == 400
        assert not case.parties.exists()


class TestPersonSearch:
    def test_people_of_the_same_name_are_told_apart(self, world):
        case = open_case(world.caseworker)
        first = new_person(world.caseworker, first_name="Lee", last_name="Example", address="31 Example Road\nOxford")
        new_person(world.caseworker, first_name="Lee", last_name="Example", address="32 Example Road\nOxford")
        party_add(actor=world.caseworker, case=case, person=first, role=PartyRole.PERPETRATOR)
        body = signed_in_client(world.caseworker).post(reverse("casework:person-list"), {"q": "lee"}).content.decode()
        assert "31 Example Road" in body and "32 Example Road" in body
        assert f"{case.reference} (alleged perpetrator)" in body and body.count("Lee Example") == 2

    def test_search_is_posted_and_finds_visible_people(self, world):
        new_person(world.caseworker, first_name="Alex", last_name="Fictional")
        client = signed_in_client(world.caseworker)
        url = reverse("casework:person-list")
        assert "Alex Fictional" not in client.get(url, {"q": "alex"}).content.decode()  # no search by URL
        assert "Alex Fictional" in client.post(url, {"q": "alex"}).content.decode()


class TestCasePageLinks:
    """The case page reverses its own address once and writes its pages' addresses below it: every link and form
    target must still be the address Django gives for that page of this case."""

    def _targets(self, body: str) -> list[str]:
        import re

        return [t for t in re.findall(r'(?:href|action)="(/casework/[^"#?]*)"', body)]

    def _page(self, client, case) -> str:
        response = client.get(reverse("casework:case-detail", args=[case.reference]))
        assert response.status_code == 200
        return response.content.decode()

    def _case_pages(self, body: str, case) -> set[str]:
        from django.urls import resolve

        names = set()
        for target in self._targets(body):
            match = resolve(target)  # Resolver404 (a failure) for an address no page has
            assert reverse(match.view_name, args=match.args, kwargs=match.kwargs) == target
            if match.kwargs.get("reference") == case.reference:
                names.add(match.url_name)
        return names

    def test_owner_of_an_open_escalated_case_gets_every_action_at_its_address(
        self, world, django_capture_on_commit_callbacks
    ):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker, address="2 Example Street")
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, person=person)
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        body = self._page(signed_in_client(world.caseworker), case)
        assert self._case_pages(body, case) == {
            "case-timeline", "case-share", "party-add", "risk-assessment", "case-update", "task-create",
            "case-close", "case-link-incident", "case-escalate", "breach-record", "letter-generate",
            "letter-download", "note-add",
        }  # fmt: skip
        for fmt in ("docx", "pdf"):
            assert reverse("casework:letter-download", args=[case.reference, letter.public_id, fmt]) in body
        assert reverse("casework:letter-generate", args=[case.reference, intervention.pk]) in body
        assert reverse("casework:person-detail", args=[person.public_id]) in body

    def test_closed_assessed_case_offers_the_answers_and_reopening(self, world):
        from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE
        from safer.casework.services import case_close

        case = open_case(world.caseworker)
        answers = {question.code: False for question in DEFAULT_QUESTIONNAIRE.questions}
        risk_assessment_complete(actor=world.caseworker, case=case, answers=answers)
        case.refresh_from_db()
        case_close(actor=world.caseworker, case=case, version=case.version, outcome="resolved")
        case.refresh_from_db()
        body = self._page(signed_in_client(world.caseworker), case)
        assert self._case_pages(body, case) == {
            "case-timeline", "case-share", "risk-assessment-list", "case-reopen", "note-add"
        }  # fmt: skip
