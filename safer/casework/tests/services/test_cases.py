"""Services of services/cases.py and services/incidents.py: input errors first, then the contract."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from safer.casework.choices import CaseOutcome, CaseStatus, CaseworkAuditAction, HateStrand
from safer.casework.errors import (
    CaseClosedError,
    CaseConflictError,
    CaseInputError,
    CaseNotFoundError,
    CasePermissionError,
)
from safer.casework.models import Case, CaseEvent
from safer.casework.services import (
    case_close,
    case_link_incident,
    case_open,
    case_reopen,
    case_share,
    case_update,
)
from safer.casework.tests.conftest import open_case, record_incident
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db


class TestIncidentRecord:
    def test_future_date_is_refused(self, world):
        with pytest.raises(CaseInputError, match="in the future"):
            record_incident(world.caseworker, occurred_at=timezone.now() + timedelta(days=1))

    def test_unknown_category_names_the_value(self, world):
        with pytest.raises(CaseInputError, match="'rowdy'"):
            record_incident(world.caseworker, asb_category="rowdy")

    def test_hate_motivated_needs_a_strand(self, world):
        with pytest.raises(CaseInputError, match="hate strand"):
            record_incident(world.caseworker, hate_motivated=True)

    def test_point_outside_uk_is_refused(self, world):
        with pytest.raises(CaseInputError, match="outside the UK"):
            record_incident(world.caseworker, latitude=40.0, longitude=-3.0)

    def test_malformed_lsoa_code_is_named(self, world):
        with pytest.raises(CaseInputError, match="'X0100001'"):
            record_incident(world.caseworker, lsoa_code="X0100001")

    def test_analyst_cannot_record(self, world):
        with pytest.raises(CasePermissionError):
            record_incident(world.analyst)

    def test_records_with_reference_and_audit(self, world):
        incident = record_incident(
            world.caseworker, hate_motivated=True, hate_strand=HateStrand.RACE, latitude=51.752, longitude=-1.2577
        )
        year = timezone.localdate().year
        assert incident.reference == f"INC-{year}-00001"
        assert incident.receiving_organisation == world.council
        assert (
            AuditEvent.objects.filter(action=CaseworkAuditAction.INCIDENT_RECORDED, target_id=str(incident.pk)).count()
            == 1
        )
        assert record_incident(world.caseworker).reference == f"INC-{year}-00002"

    def test_rolled_back_reference_is_issued_again(self, world):
        """A reference taken by a transaction that fails goes back: references stay gap-free."""
        year = timezone.localdate().year
        assert record_incident(world.caseworker).reference == f"INC-{year}-00001"
        with pytest.raises(RuntimeError), transaction.atomic():
            assert record_incident(world.caseworker).reference == f"INC-{year}-00002"
            raise RuntimeError("the rest of the change failed")
        assert record_incident(world.caseworker).reference == f"INC-{year}-00002"
        assert open_case(world.caseworker).reference == f"ASB-{year}-00001"  # each prefix counts on its own

    def test_database_refuses_strand_without_hate_flag(self, world):
        incident = record_incident(world.caseworker)
        incident.hate_strand = HateStrand.RELIGION
        with pytest.raises(IntegrityError), transaction.atomic():
            incident.save()


class TestCaseOpen:
    def test_needs_an_incident(self, world):
        with pytest.raises(CaseInputError, match="at least one incident"):
            case_open(actor=world.caseworker, incidents=[])

    def test_cannot_open_from_another_organisations_incident(self, world):
        incident = record_incident(world.housing_worker)
        with pytest.raises(CaseInputError, match=incident.reference):
            case_open(actor=world.caseworker, incidents=[incident])

    def test_opens_owned_case_with_reference_officer_and_timeline(self, world):
        first, second = record_incident(world.caseworker), record_incident(world.caseworker)
        case = case_open(actor=world.caseworker, incidents=[first, second], summary="Two reports")
        assert case.reference == f"ASB-{timezone.localdate().year}-00001"
        assert case.owner_organisation == world.council and case.officer == world.caseworker
        assert case.status == CaseStatus.OPEN and case.stage == 0 and case.version == 1
        assert set(case.case_incidents.values_list("incident__reference", flat=True)) == {
            first.reference,
            second.reference,
        }
        assert CaseEvent.objects.filter(case=case, kind="opened").count() == 1
        assert AuditEvent.objects.filter(action=CaseworkAuditAction.CASE_OPENED, target_label=case.reference).exists()


class TestCaseLinkIncident:
    def test_already_linked_is_refused(self, world):
        case = open_case(world.caseworker)
        incident = case.case_incidents.first().incident
        with pytest.raises(CaseInputError, match="already linked"):
            case_link_incident(actor=world.caseworker, case=case, incident=incident)

    def test_not_shared_partner_gets_not_found(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseNotFoundError):
            case_link_incident(actor=world.housing_worker, case=case, incident=record_incident(world.housing_worker))

    def test_shared_partner_links_own_incident(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        incident = record_incident(world.police_worker)
        case_link_incident(actor=world.police_worker, case=case, incident=incident)
        assert case.case_incidents.count() == 2


class TestCaseUpdate:
    def test_stale_version_raises_conflict_and_keeps_first_change(self, world):
        case = open_case(world.caseworker)
        first_view = Case.objects.get(pk=case.pk)
        second_view = Case.objects.get(pk=case.pk)
        case_update(actor=world.caseworker, case=first_view, version=first_view.version, summary="First edit")
        with pytest.raises(CaseConflictError, match="changed by someone else"):
            case_update(actor=world.manager, case=second_view, version=second_view.version, summary="Second edit")
        case.refresh_from_db()
        assert case.summary == "First edit" and case.version == 2

    def test_shared_partner_cannot_change_details(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        with pytest.raises(CasePermissionError, match="only Test Council"):
            case_update(actor=world.police_worker, case=case, version=case.version, summary="x")

    def test_first_contact_before_opening_is_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="before the case was opened"):
            case_update(
                actor=world.caseworker,
                case=case,
                version=case.version,
                first_contact_at=case.opened_at - timedelta(hours=1),
            )

    def test_records_first_contact_and_bumps_version(self, world):
        case = open_case(world.caseworker)
        contact = timezone.now()
        case = case_update(actor=world.caseworker, case=case, version=1, first_contact_at=contact)
        assert case.first_contact_at == contact and case.version == 2


class TestCaseCloseReopen:
    def test_close_needs_an_outcome(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="outcome"):
            case_close(actor=world.caseworker, case=case, version=case.version, outcome="")

    def test_reopen_needs_a_reason(self, world):
        case = open_case(world.caseworker)
        case = case_close(actor=world.caseworker, case=case, version=case.version, outcome=CaseOutcome.RESOLVED)
        with pytest.raises(CaseInputError, match="why"):
            case_reopen(actor=world.caseworker, case=case, version=case.version, reason=" ")

    def test_closed_case_refuses_changes_until_reopened(self, world):
        case = open_case(world.caseworker)
        case = case_close(actor=world.caseworker, case=case, version=case.version, outcome=CaseOutcome.RESOLVED)
        assert case.status == CaseStatus.CLOSED and case.closed_at is not None
        with pytest.raises(CaseClosedError):
            case_update(actor=world.caseworker, case=case, version=case.version, summary="x")
        case = case_reopen(actor=world.caseworker, case=case, version=case.version, reason="New reports")
        assert case.status == CaseStatus.OPEN and case.closed_at is None and case.outcome == ""
        assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)[:2]) == ["reopened", "closed"]

    def test_anonymised_case_cannot_reopen(self, world):
        case = open_case(world.caseworker, opened_at=timezone.now() - timedelta(days=3000))
        case = case_close(
            actor=world.caseworker,
            case=case,
            version=case.version,
            outcome=CaseOutcome.RESOLVED,
            closed_at=timezone.now() - timedelta(days=2900),
        )
        from safer.casework.services import cases_anonymise_due

        assert cases_anonymise_due(years=6) == [case.reference]
        case.refresh_from_db()
        with pytest.raises(CaseClosedError, match="anonymised"):
            case_reopen(actor=world.caseworker, case=case, version=case.version, reason="New report")

    def test_database_refuses_closed_without_outcome(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
