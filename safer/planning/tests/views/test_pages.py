"""Planning pages: who may see and do what, errors re-rendered with GOV.UK summaries, the public plan, exports."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.planning.models import ActionUpdate, Allocation
from safer.planning.services import funding, plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(manager):
    funder = funding.funder_create(actor=manager, name="Test PCC", objectives=["Cut crime"])
    return funding.fund_create(actor=manager, funder=funder, name="Fund", year=2016, amount_pence=1000_00)


class TestAccess:
    def test_board_member_reads_the_plan_and_the_read_is_audited(self, client_for, board, plan, police_action):
        response = client_for(board).get(f"/planning/{plan.slug}/")
        assert response.status_code == 200 and b"Youth ASB" in response.content
        assert b"Record progress" not in response.content and b"Add an action" not in response.content
        assert AuditEvent.objects.filter(action="planning.plan_viewed", actor=board).exists()

    def test_board_member_cannot_record_progress_or_edit(self, client_for, board, plan, priority, police_action):
        client = client_for(board)
        assert client.get(f"/planning/{plan.slug}/actions/{police_action.pk}/progress/").status_code == 403
        assert client.get(f"/planning/{plan.slug}/priorities/{priority.pk}/actions/add/").status_code == 403

    def test_people_without_planning_access_are_refused(self, client_for, make_user, plan):
        admin = make_user(role=Role.ADMINISTRATOR)
        assert client_for(admin).get(f"/planning/{plan.slug}/").status_code == 403

    def test_signed_out_people_are_sent_to_sign_in(self, client, plan):
        response = client.get(f"/planning/{plan.slug}/")
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]

    def test_unknown_plan_is_404(self, client_for, board):
        assert client_for(board).get("/planning/no-such-plan/").status_code == 404


class TestProgress:
    def test_lead_agency_officer_records_progress(self, client_for, officer, plan, police_action):
        client = client_for(officer)
        page = client.get(f"/planning/{plan.slug}/")
        assert b"Record progress" in page.content
        response = client.post(
            f"/planning/{plan.slug}/actions/{police_action.pk}/progress/",
            {"year": "2025", "quarter": "2", "rag": "amber", "comment": "Two problem-solving plans agreed."},
        )
        assert response.status_code == 302
        assert ActionUpdate.objects.get().comment == "Two problem-solving plans agreed."

    def test_missing_comment_shows_the_error_summary(self, client_for, officer, plan, police_action):
        response = client_for(officer).post(
            f"/planning/{plan.slug}/actions/{police_action.pk}/progress/",
            {"year": "2025", "quarter": "2", "rag": "red"},
        )
        assert response.status_code == 400
        assert b"govuk-error-summary" in response.content
        assert b"Enter a comment saying what has happened this quarter" in response.content
        assert not ActionUpdate.objects.exists()


class TestActionForm:
    def test_timescale_outside_the_plan_is_shown_on_the_field(self, client_for, manager, plan, priority):
        response = client_for(manager).post(
            f"/planning/{plan.slug}/priorities/{priority.pk}/actions/add/",
            {
                "what": "Pubwatch",
                "how": "x",
                "who": "y",
                "why": "z",
                "youth_focused": "no",
                "due_on_0": "1",
                "due_on_1": "4",
                "due_on_2": "2027",
            },
        )
        assert response.status_code == 400
        assert b"must be within the plan&#x27;s period" in response.content


class TestFunding:
    def test_allocation_exceeding_the_fund_is_refused_with_400(self, client_for, manager, fund):
        response = client_for(manager).post(
            f"/planning/funds/{fund.pk}/allocate/", {"line": "CSPs", "recipient": "CSPs", "amount": "1000.01"}
        )
        assert response.status_code == 400 and b"govuk-error-summary" in response.content
        assert not Allocation.objects.exists()

    def test_negative_amount_is_refused(self, client_for, manager, fund):
        response = client_for(manager).post(
            f"/planning/funds/{fund.pk}/allocate/", {"line": "CSPs", "recipient": "CSPs", "amount": "-5"}
        )
        assert response.status_code == 400 and b"cannot be negative" in response.content

    def test_table_shows_pounds_and_the_total(self, client_for, manager, board, fund):
        funding.fund_create(actor=manager, funder=fund.funder, name="Fund", year=2017, amount_pence=5_00)
        client_for(manager).post(
            f"/planning/funds/{fund.pk}/allocate/", {"line": "CSPs", "recipient": "CSPs", "amount": "999.50"}
        )
        page = client_for(board).get(f"/planning/funding/{fund.funder_id}/")
        assert (
            page.status_code == 200 and page.content.count(b"\xc2\xa3999.50") == 3
        )  # the line, the total, the spend table
        assert page.content.count(b">Total</th>") == 1  # one table for the fund, a column per year


class TestPublishedPlan:
    def test_no_sign_in_and_nothing_internal(self, client, manager, plan, priority, police_action):
        plans.action_save(
            actor=manager, priority=priority, what="Covert operation", how="x", who="y", why="z", internal=True
        )
        assert client.get(f"/planning/published/{plan.slug}/").status_code == 404  # not published yet
        plans.plan_publish(actor=manager, plan=plan, published=True)
        page = client.get(f"/planning/published/{plan.slug}/")
        assert page.status_code == 200
        assert b"Youth ASB" in page.content and b"Covert operation" not in page.content
        assert b"Sign out" not in page.content


class TestScorecardAndDocuments:
    def test_scorecard_page_and_csv(self, client_for, board, plan, manager, crime_warehouse):
        from safer.planning.services import indicators

        indicators.indicator_save(
            actor=manager,
            plan=plan,
            name="Violence",
            kind="dashboard",
            dashboard_source="crime",
            area="West Oxfordshire",
            period="2022-03..2022-04",
            crime_type="Violence and sexual offences",
        )
        client = client_for(board)
        page = client.get(f"/planning/{plan.slug}/scorecard/")
        assert page.status_code == 200 and b"Off track" in page.content and b"<svg" in page.content
        csv = client.get(f"/planning/{plan.slug}/scorecard/?format=csv")
        lines = csv.content.decode().splitlines()
        assert lines[0].startswith("indicator,period,value") and "Violence,Mar 2022 to Apr 2022,130," in lines[1]
        assert AuditEvent.objects.filter(action="planning.scorecard_viewed").count() == 2

    @pytest.mark.parametrize(
        ("fmt", "content_type"), [("html", "text/html"), ("docx", "application/vnd"), ("pdf", "application/pdf")]
    )
    def test_documents_download(self, client_for, board, plan, priority, fmt, content_type):
        response = client_for(board).get(f"/planning/{plan.slug}/documents/annual-report.{fmt}")
        assert response.status_code == 200 and response["Content-Type"].startswith(content_type)

    def test_unknown_document_is_404(self, client_for, board, plan):
        assert client_for(board).get(f"/planning/{plan.slug}/documents/plan.exe").status_code == 404


class TestManagerForms:
    def test_add_priority_duty_and_publish(self, client_for, manager, plan):
        client = client_for(manager)
        response = client.post(f"/planning/{plan.slug}/priorities/add/", {"title": "Fraud", "current_position": ""})
        assert response.status_code == 302 and plan.priorities.get().title == "Fraud"
        assert client.post(f"/planning/{plan.slug}/duties/", {"duty": "prevent"}).status_code == 400
        client.post(f"/planning/{plan.slug}/duties/", {"duty": "prevent", "how_met": "A Prevent lead per partner."})
        assert plan.duties.get().how_met == "A Prevent lead per partner."
        client.post(f"/planning/{plan.slug}/publish/", {"published": "yes"})
        plan.refresh_from_db()
        assert plan.published

    def test_board_members_cannot_publish(self, client_for, board, plan):
        assert client_for(board).post(f"/planning/{plan.slug}/publish/", {"published": "yes"}).status_code == 403


class TestSpend:
    def test_recipient_agency_records_spend_and_others_cannot(self, client_for, manager, officer, board, fund):
        line = funding.allocation_add(
            actor=manager,
            fund=fund,
            line="Police",
            recipient="Police",
            recipient_organisation=officer.organisation,
            amount_pence=500_00,
        )
        response = client_for(officer).post(
            f"/planning/allocations/{line.pk}/spend/", {"half": "1", "amount": "120", "outcomes": "Two events"}
        )
        assert response.status_code == 302 and line.spends.get().amount_pence == 120_00
        over = client_for(officer).post(f"/planning/allocations/{line.pk}/spend/", {"half": "2", "amount": "400"})
        assert over.status_code == 400 and b"more than" in over.content
        assert client_for(board).get(f"/planning/allocations/{line.pk}/spend/").status_code == 403


class TestPartners:
    def test_partner_agencies_are_saved_and_shown(self, client_for, manager, plan, priority, police, council):
        client = client_for(manager)
        response = client.post(
            f"/planning/{plan.slug}/priorities/{priority.pk}/actions/add/",
            {
                "what": "Pubwatch",
                "how": "x",
                "who": "y",
                "why": "z",
                "youth_focused": "no",
                "partner_organisations": [police.pk, council.pk],
            },
        )
        assert response.status_code == 302
        page = client.get(f"/planning/{plan.slug}/")
        assert b"Partners: Test District Council, Test Police" in page.content
