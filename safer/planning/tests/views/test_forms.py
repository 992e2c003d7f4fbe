"""The manager's forms: plans, priorities, objectives, indicators, funders, funds, allocations, carry-forwards,
returns. Each: a valid post saves and is audited, an invalid one re-renders with the GOV.UK error summary (400),
and people who may not edit get 403."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.models import AuditEvent
from safer.planning.models import Allocation, CarryForward, Fund, Funder, FundingReturn, Indicator, Objective, Plan
from safer.planning.services import funding, plans

pytestmark = pytest.mark.django_db


def _date(name: str, value: date) -> dict[str, str]:
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


@pytest.fixture
def funder(manager):
    return funding.funder_create(actor=manager, name="Test PCC", objectives=["Cut crime", "Protect the vulnerable"])


@pytest.fixture
def fund(manager, funder):
    return funding.fund_create(actor=manager, funder=funder, name="Fund", year=2016, amount_pence=1000_00)


def _assert_error_page(response, message: bytes) -> None:
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content and message in response.content


class TestPlanForms:
    def test_manager_starts_a_plan(self, client_for, manager):
        data = {"title": "New plan", "slug": "new-plan", "partnership": "Test CSP", "area_name": "Oxford"}
        data |= _date("starts_on", date(2025, 4, 1)) | _date("ends_on", date(2028, 3, 31))
        response = client_for(manager).post("/planning/new/", data)
        assert response.status_code == 302 and response["Location"] == "/planning/new-plan/"
        plan = Plan.objects.get(slug="new-plan")
        assert (plan.starts_on, plan.ends_on, plan.area_name) == (date(2025, 4, 1), date(2028, 3, 31), "Oxford")
        assert AuditEvent.objects.filter(action="planning.plan_created", actor=manager, target_id=str(plan.pk)).exists()

    def test_end_before_start_is_shown_on_the_field(self, client_for, manager):
        data = {"title": "New plan", "slug": "new-plan", "partnership": "Test CSP", "area_name": "Oxford"}
        data |= _date("starts_on", date(2025, 4, 1)) | _date("ends_on", date(2025, 3, 31))
        _assert_error_page(client_for(manager).post("/planning/new/", data), b"The plan must end after it starts")
        assert not Plan.objects.filter(slug="new-plan").exists()

    def test_missing_fields_are_listed(self, client_for, manager):
        _assert_error_page(client_for(manager).post("/planning/new/", {}), b"Enter the plan&#x27;s title")

    def test_manager_changes_the_plan_but_not_into_excluding_its_actions(
        self, client_for, manager, plan, police_action
    ):
        client = client_for(manager)
        page = client.get(f"/planning/{plan.slug}/edit/")
        assert page.status_code == 200 and b"Test rolling plan 2024 to 2027" in page.content
        data = {"title": "Renamed", "partnership": plan.partnership, "area_name": plan.area_name}
        too_short = data | _date("starts_on", date(2025, 1, 1)) | _date("ends_on", date(2027, 3, 31))
        _assert_error_page(client.post(f"/planning/{plan.slug}/edit/", too_short), b"outside the new period")
        ok = data | _date("starts_on", date(2024, 1, 1)) | _date("ends_on", date(2028, 3, 31))
        assert client.post(f"/planning/{plan.slug}/edit/", ok).status_code == 302
        plan.refresh_from_db()
        assert plan.title == "Renamed" and plan.ends_on == date(2028, 3, 31) and plan.slug == "test-plan"
        assert AuditEvent.objects.filter(action="planning.plan_updated", actor=manager).exists()

    @pytest.mark.parametrize("who", ["board", "officer"])
    def test_others_cannot_start_or_change_plans(self, request, client_for, plan, who):
        client = client_for(request.getfixturevalue(who))
        assert client.get("/planning/new/").status_code == 403
        assert client.post(f"/planning/{plan.slug}/edit/", {"title": "x"}).status_code == 403


class TestPriorityAndObjectiveForms:
    def test_manager_changes_a_priority(self, client_for, manager, plan, priority):
        response = client_for(manager).post(
            f"/planning/{plan.slug}/priorities/{priority.pk}/edit/", {"title": "ASB and nuisance", "internal": "on"}
        )
        assert response.status_code == 302
        priority.refresh_from_db()
        assert priority.title == "ASB and nuisance" and priority.internal and priority.number == 1
        assert AuditEvent.objects.filter(action="planning.priority_saved", target_id=str(priority.pk)).count() == 2

    def test_priority_needs_a_title(self, client_for, manager, plan, priority):
        response = client_for(manager).post(f"/planning/{plan.slug}/priorities/{priority.pk}/edit/", {"title": ""})
        _assert_error_page(response, b"Enter the priority")

    def test_objectives_are_added_numbered_and_changed(self, client_for, manager, plan, priority):
        client = client_for(manager)
        base = f"/planning/{plan.slug}/priorities/{priority.pk}/objectives"
        assert client.post(f"{base}/add/", {"title": "Fewer repeat victims"}).status_code == 302
        assert client.post(f"{base}/add/", {"title": "Faster first response"}).status_code == 302
        first, second = Objective.objects.order_by("number")
        assert (first.number, second.number) == (1, 2)
        assert client.post(f"{base}/{second.pk}/edit/", {"title": "First response in 24 hours"}).status_code == 302
        second.refresh_from_db()
        assert second.title == "First response in 24 hours"
        assert AuditEvent.objects.filter(action="planning.objective_saved").count() == 3
        _assert_error_page(client.post(f"{base}/add/", {"title": ""}), b"Enter the objective")
        page = client.get(f"/planning/{plan.slug}/")
        assert b"Fewer repeat victims" in page.content and b"Add an objective" in page.content

    def test_board_member_cannot_add_objectives(self, client_for, board, plan, priority):
        url = f"/planning/{plan.slug}/priorities/{priority.pk}/objectives/add/"
        assert client_for(board).post(url, {"title": "x"}).status_code == 403
        assert not Objective.objects.exists()


class TestIndicatorEdit:
    def test_manager_changes_the_rules_of_an_entered_indicator(self, client_for, manager, plan, police):
        from safer.planning.services import indicators

        indicator = indicators.indicator_save(
            actor=manager, plan=plan, name="Referrals", kind="entered", entering_organisation=police
        )
        client = client_for(manager)
        url = f"/planning/{plan.slug}/indicators/{indicator.pk}/edit/"
        page = client.get(url)
        assert page.status_code == 200 and b'value="Referrals"' in page.content
        data = {
            "name": "Referrals to support",
            "kind": "entered",
            "entering_organisation": str(police.pk),
            "direction": "higher",
            "target": "120",
            "tolerance_pct": "10",
        }
        assert client.post(url, data).status_code == 302
        indicator.refresh_from_db()
        assert (indicator.name, indicator.direction, indicator.target) == ("Referrals to support", "higher", 120)
        assert Indicator.objects.count() == 1
        _assert_error_page(client.post(url, data | {"entering_organisation": ""}), b"Choose the agency")


class TestFundingForms:
    def test_manager_adds_a_funder_with_its_objectives(self, client_for, manager):
        response = client_for(manager).post(
            "/planning/funders/add/", {"name": "Thames Valley PCC", "objectives": "Vulnerability\n\nVictims\n"}
        )
        funder = Funder.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/planning/funding/{funder.pk}/"
        assert list(funder.objectives.values_list("number", "text")) == [(1, "Vulnerability"), (2, "Victims")]
        assert AuditEvent.objects.filter(action="planning.funding_saved", actor=manager).exists()
        _assert_error_page(client_for(manager).post("/planning/funders/add/", {"name": "x"}), b"strategic objective")

    def test_fund_amount_is_held_in_pence(self, client_for, manager, funder):
        url = f"/planning/funding/{funder.pk}/funds/add/"
        data = {"name": "Community Safety Fund", "year": "2016", "amount": "778,813"}
        assert client_for(manager).post(url, data).status_code == 302
        assert Fund.objects.get().amount_pence == 778_813 * 100
        _assert_error_page(client_for(manager).post(url, data | {"amount": "-1"}), b"cannot be negative")
        _assert_error_page(client_for(manager).post(url, data), b"already has a fund")

    def test_sub_line_within_its_line_and_up_to(self, client_for, manager, officer, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        url = f"/planning/funds/{fund.pk}/allocate/"
        data = {
            "line": "Oxford",
            "recipient": "Oxford CSP",
            "amount": "250",
            "parent": str(line.pk),
            "recipient_organisation": str(officer.organisation_id),
            "up_to": "on",
        }
        assert client_for(manager).post(url, data).status_code == 302
        sub = Allocation.objects.get(parent=line)
        assert (sub.amount_pence, sub.up_to, sub.recipient_organisation) == (250_00, True, officer.organisation)
        _assert_error_page(client_for(manager).post(url, data | {"amount": "350.01"}), b"sub-lines of CSPs")

    def test_carry_forward(self, client_for, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        url = f"/planning/allocations/{line.pk}/carry-forward/"
        data = {"to_year": "2017", "amount": "100", "purpose": "Finish the lighting project"}
        assert client_for(manager).post(url, data).status_code == 302
        assert CarryForward.objects.get().amount_pence == 100_00
        _assert_error_page(client_for(manager).post(url, data | {"to_year": "2016"}), b"into a later year")
        _assert_error_page(client_for(manager).post(url, data | {"amount": "700"}), b"more than the allocation")

    def test_start_a_return_and_add_a_row(self, client_for, manager, officer, funder, fund):
        client = client_for(manager)
        assert client.post(f"/planning/funds/{fund.pk}/returns/add/", {"half": "1"}).status_code == 302
        funding_return = FundingReturn.objects.get()
        _assert_error_page(client.post(f"/planning/funds/{fund.pk}/returns/add/", {"half": "1"}), b"already a return")
        objective = funder.objectives.get(number=2)
        url = f"/planning/returns/{funding_return.pk}/rows/add/"
        data = {
            "objective": str(objective.pk),
            "joint_priority": "Domestic abuse",
            "lead_agency": "Police",
            "lead_organisation": str(officer.organisation_id),
        }
        assert client.post(url, data).status_code == 302
        row = funding_return.lines.get()
        assert (row.objective, row.joint_priority, row.lead_organisation) == (
            objective,
            "Domestic abuse",
            officer.organisation,
        )
        _assert_error_page(client.post(url, data | {"joint_priority": ""}), b"Enter the joint priority")
        # the lead agency's officer may now fill in the row
        assert client_for(officer).get(f"/planning/returns/rows/{row.pk}/").status_code == 200

    def test_manager_changes_the_funder_but_keeps_reported_objectives(self, client_for, manager, funder, fund):
        client = client_for(manager)
        url = f"/planning/funders/{funder.pk}/edit/"
        page = client.get(url)
        assert page.status_code == 200 and b"Cut crime\nProtect the vulnerable" in page.content
        assert f'href="{url}"'.encode() in client.get(f"/planning/funding/{funder.pk}/").content
        # objective 2 is reported against in a return: it may be reworded, not removed
        funding_return = funding.return_create(actor=manager, fund=fund, half=1)
        funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=funder.objectives.get(number=2),
            joint_priority="Domestic abuse",
            lead_agency="Police",
        )
        _assert_error_page(
            client.post(url, {"name": "Test PCC", "objectives": "Cut crime"}), b"Objective 2 is reported"
        )
        assert [o.text for o in funder.objectives.all()] == ["Cut crime", "Protect the vulnerable"]
        funding.funder_create(actor=manager, name="Other funder", objectives=["One"])
        _assert_error_page(client.post(url, {"name": "Other funder", "objectives": "A"}), b"already a funder")
        data = {"name": "Thames Valley PCC", "objectives": "Cut crime\nProtect vulnerable people\nReduce reoffending"}
        assert client.post(url, data).status_code == 302
        funder.refresh_from_db()
        assert funder.name == "Thames Valley PCC"
        texts = [(o.number, o.text) for o in funder.objectives.all()]
        assert texts == [(1, "Cut crime"), (2, "Protect vulnerable people"), (3, "Reduce reoffending")]
        assert funding_return.lines.get().objective.text == "Protect vulnerable people"
        assert (
            AuditEvent.objects.filter(
                action="planning.funding_saved", actor=manager, target_type="planning.funder", target_id=str(funder.pk)
            ).count()
            == 2
        )  # created, then changed

    def test_fund_cannot_go_below_what_is_allocated(self, client_for, manager, fund):
        funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        url = f"/planning/funds/{fund.pk}/edit/"
        page = client_for(manager).get(url)
        assert page.status_code == 200 and b'value="1000.00"' in page.content
        data = {"name": "Fund", "year": "2016", "amount": "599.99"}
        _assert_error_page(client_for(manager).post(url, data), b"already allocated from this fund")
        assert client_for(manager).post(url, data | {"amount": "1,200"}).status_code == 302
        fund.refresh_from_db()
        assert fund.amount_pence == 1200_00
        assert AuditEvent.objects.filter(action="planning.funding_saved", target_type="planning.fund").count() == 2

    def test_allocation_change_is_checked_against_the_fund_sub_lines_and_spend(self, client_for, manager, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        other = funding.allocation_add(actor=manager, fund=fund, line="VRU", recipient="VRU", amount_pence=300_00)
        funding.allocation_add(
            actor=manager, fund=fund, line="Oxford", recipient="Oxford", amount_pence=250_00, parent=line
        )
        funding.spend_record(actor=manager, allocation=other, half=1, amount_pence=200_00)
        client = client_for(manager)
        base = {"line": "CSPs", "recipient": "CSPs"}
        # 600 + 300 = 900 of 1,000: the line can grow by 100, not more
        _assert_error_page(client.post(f"/planning/allocations/{line.pk}/edit/", base | {"amount": "700.01"}), b"left")
        _assert_error_page(
            client.post(f"/planning/allocations/{line.pk}/edit/", base | {"amount": "249"}), b"in its sub-lines"
        )
        _assert_error_page(
            client.post(
                f"/planning/allocations/{other.pk}/edit/", {"line": "VRU", "recipient": "VRU", "amount": "150"}
            ),
            b"in spend and carry-forwards",
        )
        assert (
            client.post(f"/planning/allocations/{line.pk}/edit/", base | {"amount": "700", "up_to": "on"}).status_code
            == 302
        )
        line.refresh_from_db()
        assert (line.amount_pence, line.up_to, line.parent) == (700_00, True, None)
        assert sum(a.amount_pence for a in fund.allocations.filter(parent__isnull=True)) == 1000_00

    @pytest.mark.parametrize("who", ["board", "officer"])
    def test_others_cannot_change_funding(self, request, client_for, funder, fund, manager, who):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=1_00)
        client = client_for(request.getfixturevalue(who))
        for url in (
            "/planning/funders/add/",
            f"/planning/funding/{funder.pk}/funds/add/",
            f"/planning/allocations/{line.pk}/carry-forward/",
            f"/planning/funds/{fund.pk}/returns/add/",
            f"/planning/funds/{fund.pk}/edit/",
            f"/planning/allocations/{line.pk}/edit/",
            f"/planning/funders/{funder.pk}/edit/",
        ):
            assert client.post(url, {"name": "x", "half": "2", "amount": "1"}).status_code == 403, url
        assert Funder.objects.count() == 1 and not FundingReturn.objects.exists()


class TestFundingChangesAndRemovals:
    def test_carry_forward_changed_then_removed_after_confirming(self, client_for, manager, funder, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        carry = funding.carry_forward_add(
            actor=manager, allocation=line, to_year=2017, amount_pence=100_00, purpose="x"
        )
        client = client_for(manager)
        table = client.get(f"/planning/funding/{funder.pk}/").content.decode()
        assert f'href="/planning/carry-forwards/{carry.pk}/edit/"' in table
        assert f'href="/planning/carry-forwards/{carry.pk}/delete/"' in table
        url = f"/planning/carry-forwards/{carry.pk}/edit/"
        page = client.get(url)
        assert page.status_code == 200 and b'value="100.00"' in page.content
        data = {"to_year": "2018", "amount": "150", "purpose": "Lighting"}
        _assert_error_page(client.post(url, data), b"Give the reason")
        _assert_error_page(client.post(url, data | {"amount": "700", "reason": "r"}), b"more than the allocation")
        assert client.post(url, data | {"reason": "Final invoice"}).status_code == 302
        carry.refresh_from_db()
        assert (carry.to_year, carry.amount_pence) == (2018, 150_00)

        remove = f"/planning/carry-forwards/{carry.pk}/delete/"
        confirm = client.get(remove)
        assert confirm.status_code == 200
        html = confirm.content.decode()
        assert "Remove this carry-forward?" in html and "£150 carried into 2018-19: Lighting" in html
        assert "govuk-button--warning" in html and f'href="/planning/funding/{funder.pk}/"' in html
        _assert_error_page(client.post(remove, {"reason": ""}), b"Give the reason")
        assert CarryForward.objects.filter(pk=carry.pk).exists()
        response = client.post(remove, {"reason": "Spent in year"})
        assert response.status_code == 302 and response["Location"] == f"/planning/funding/{funder.pk}/"
        assert not CarryForward.objects.exists()
        assert AuditEvent.objects.get(action="planning.funding_removed").detail["reason"] == "Spent in year"

    def test_recipient_agency_changes_and_removes_its_spend(self, client_for, manager, officer, board, funder, fund):
        line = funding.allocation_add(
            actor=manager,
            fund=fund,
            line="Police",
            recipient="Police",
            amount_pence=300_00,
            recipient_organisation=officer.organisation,
        )
        spend = funding.spend_record(actor=officer, allocation=line, half=1, amount_pence=100_00, outcomes="Patrols")
        client = client_for(officer)
        table = client.get(f"/planning/funding/{funder.pk}/").content.decode()
        assert f'href="/planning/spends/{spend.pk}/edit/"' in table
        assert (
            f'href="/planning/spends/{spend.pk}/delete/"'
            not in client_for(board).get(f"/planning/funding/{funder.pk}/").content.decode()
        )
        url = f"/planning/spends/{spend.pk}/edit/"
        assert b'value="100.00"' in client.get(url).content
        data = {"half": "1", "amount": "300.01", "outcomes": "Patrols", "reason": "Invoice"}
        _assert_error_page(client.post(url, data), b"more than the")
        _assert_error_page(client.post(url, data | {"amount": "-3"}), b"cannot be negative")
        assert client.post(url, data | {"amount": "120.50"}).status_code == 302
        spend.refresh_from_db()
        assert spend.amount_pence == 120_50
        # a board member and other agencies cannot
        assert client_for(board).post(url, data).status_code == 403
        assert client_for(board).get(f"/planning/spends/{spend.pk}/delete/").status_code == 403
        remove = f"/planning/spends/{spend.pk}/delete/"
        assert b"April to September: \xc2\xa3120.50" in client.get(remove).content
        assert client.post(remove, {"reason": "Wrong project"}).status_code == 302
        assert not line.spends.exists()

    def test_spend_locked_when_its_return_is_submitted(self, client_for, manager, funder, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="A", recipient="A", amount_pence=300_00)
        spend = funding.spend_record(actor=manager, allocation=line, half=1, amount_pence=100_00)
        funding_return = funding.return_create(actor=manager, fund=fund, half=1)
        funding.return_submit(actor=manager, funding_return=funding_return)
        client = client_for(manager)
        table = client.get(f"/planning/funding/{funder.pk}/").content.decode()
        assert f"/planning/spends/{spend.pk}/edit/" not in table
        assert f'href="/planning/returns/{funding_return.pk}/"' in table and "Submitted" in table
        data = {"half": "1", "amount": "90", "outcomes": "", "reason": "r"}
        _assert_error_page(client.post(f"/planning/spends/{spend.pk}/edit/", data), b"has been submitted")
        _assert_error_page(client.post(f"/planning/spends/{spend.pk}/delete/", {"reason": "r"}), b"has been submitted")
        spend.refresh_from_db()
        assert spend.amount_pence == 100_00

    def test_manager_changes_and_removes_a_draft_return_row(self, client_for, manager, officer, funder, fund):
        funding_return = funding.return_create(actor=manager, fund=fund, half=1)
        row = funding.return_line_add(
            actor=manager,
            funding_return=funding_return,
            objective=funder.objectives.get(number=1),
            joint_priority="Reduce ASB",
            lead_agency="Police",
        )
        client = client_for(manager)
        page = client.get(f"/planning/returns/{funding_return.pk}/").content.decode()
        assert f'href="/planning/returns/rows/{row.pk}/edit/"' in page
        assert f'href="/planning/returns/rows/{row.pk}/delete/"' in page
        url = f"/planning/returns/rows/{row.pk}/edit/"
        assert b'value="Reduce ASB"' in client.get(url).content
        data = {"objective": str(funder.objectives.get(number=2).pk), "joint_priority": "", "lead_agency": "Police"}
        _assert_error_page(client.post(url, data), b"Enter the joint priority")
        assert client.post(url, data | {"joint_priority": "Reduce youth ASB"}).status_code == 302
        row.refresh_from_db()
        assert (row.joint_priority, row.objective.number) == ("Reduce youth ASB", 2)
        assert client_for(officer).post(url, data).status_code == 403
        assert client_for(officer).post(f"/planning/returns/rows/{row.pk}/delete/").status_code == 403
        confirm = client.get(f"/planning/returns/rows/{row.pk}/delete/").content.decode()
        assert "Remove this row from the return?" in confirm and "Reduce youth ASB" in confirm
        response = client.post(f"/planning/returns/rows/{row.pk}/delete/")
        assert response.status_code == 302 and response["Location"] == f"/planning/returns/{funding_return.pk}/"
        assert not funding_return.lines.exists()
        assert AuditEvent.objects.filter(action="planning.return_row_removed", actor=manager).count() == 1

    def test_allocation_removed_after_confirming_with_a_reason(self, client_for, manager, funder, fund):
        line = funding.allocation_add(actor=manager, fund=fund, line="CSPs", recipient="CSPs", amount_pence=600_00)
        client = client_for(manager)
        assert (
            f'href="/planning/allocations/{line.pk}/delete/"'
            in client.get(f"/planning/funding/{funder.pk}/").content.decode()
        )
        url = f"/planning/allocations/{line.pk}/delete/"
        confirm = client.get(url).content.decode()
        assert "Remove this allocation?" in confirm and "CSPs: £600 to CSPs" in confirm
        _assert_error_page(client.post(url, {"reason": ""}), b"Give the reason")
        assert client.post(url, {"reason": "Typed twice"}).status_code == 302
        assert not Allocation.objects.exists()


class TestPartnersAndGlossaryForms:
    def test_manager_adds_and_removes_partners_and_glossary_terms(self, client_for, manager, board, plan):
        client = client_for(manager)
        detail = client.get(f"/planning/{plan.slug}/").content.decode()
        assert f'href="/planning/{plan.slug}/partners/add/"' in detail
        assert f'href="/planning/{plan.slug}/glossary/add/"' in detail
        url = f"/planning/{plan.slug}/partners/add/"
        _assert_error_page(client.post(url, {"name": "Thames Valley Police"}), b"statutory or an invited member")
        response = client.post(url, {"name": "Thames Valley Police", "kind": "statutory"})
        assert response.status_code == 302 and response["Location"] == f"/planning/{plan.slug}/#partners"
        _assert_error_page(client.post(url, {"name": "Thames Valley Police", "kind": "invited"}), b"already a partner")
        member = plan.members.get()
        assert (member.name, member.kind) == ("Thames Valley Police", "statutory")

        glossary = f"/planning/{plan.slug}/glossary/add/"
        _assert_error_page(client.post(glossary, {"term": "ASB"}), b"Enter what the term means")
        assert client.post(glossary, {"term": "ASB", "meaning": "Anti-social behaviour"}).status_code == 302
        entry = plan.glossary.get()
        detail = client.get(f"/planning/{plan.slug}/").content.decode()
        assert "Thames Valley Police (statutory member)" in detail and "Anti-social behaviour" in detail

        remove = f"/planning/{plan.slug}/partners/{member.pk}/remove/"
        confirm = client.get(remove).content.decode()
        assert "Remove this partner from the plan?" in confirm and "Thames Valley Police (statutory member)" in confirm
        assert client.post(remove).status_code == 302 and not plan.members.exists()
        assert client.post(f"/planning/{plan.slug}/glossary/{entry.pk}/remove/").status_code == 302
        assert not plan.glossary.exists()
        assert AuditEvent.objects.filter(action="planning.plan_updated", actor=manager).count() == 4

    def test_board_members_cannot(self, client_for, manager, board, plan):
        member = plans.member_add(actor=manager, plan=plan, name="Police", kind="statutory")
        client = client_for(board)
        assert f"/planning/{plan.slug}/partners/add/" not in client.get(f"/planning/{plan.slug}/").content.decode()
        assert client.post(f"/planning/{plan.slug}/partners/add/", {"name": "x", "kind": "invited"}).status_code == 403
        assert client.post(f"/planning/{plan.slug}/partners/{member.pk}/remove/").status_code == 403
        assert plan.members.count() == 1
