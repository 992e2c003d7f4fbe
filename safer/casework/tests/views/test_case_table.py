"""The case table row (`{% case_row %}`), as the list pages show it: every cell, escaping and "Contact overdue"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safer.casework.models import Case
from safer.casework.tests.conftest import open_case
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db


def _row(html: str, reference: str) -> list[str]:
    """The cells of the table row whose first cell links to `reference`, as HTML."""
    for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', html, flags=re.S):
        cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, flags=re.S)
        if cells and f">{reference}</a>" in cells[0]:
            return cells
    raise AssertionError(f"no row for {reference}")


def test_row_cells_in_order_with_uk_date_and_escaped_summary(world):
    case = open_case(world.caseworker)
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): the table shows the UK date.
    Case.objects.filter(pk=case.pk).update(
        summary="<b>Noise</b> & shouting", opened_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    html = signed_in_client(world.caseworker).get(reverse("casework:case-list")).content.decode()
    cells = _row(html, case.reference)
    link = reverse("casework:case-detail", args=[case.reference])
    assert cells[0] == f'<a class="govuk-link" href="{link}">{case.reference}</a>'
    assert cells[1] == "&lt;b&gt;Noise&lt;/b&gt; &amp; shouting"
    assert cells[2] == "Test Council"
    assert cells[3] == "cw"  # the officer (a user without a name recorded shows as their username)
    assert cells[4] == '<strong class="govuk-tag govuk-tag--yellow">Not assessed</strong>'
    assert cells[5] == "0"
    assert cells[6] == "Open"
    assert cells[7] == "–"  # no task due
    assert cells[8] == "1 Jul 2026"


def test_empty_summary_shows_a_dash(world):
    case = open_case(world.caseworker)
    Case.objects.filter(pk=case.pk).update(summary="")
    html = signed_in_client(world.caseworker).get(reverse("casework:case-list")).content.decode()
    assert _row(html, case.reference)[1] == "–"


def test_contact_overdue_only_while_open_past_the_deadline_without_first_contact(world):
    overdue, contacted, not_due = (open_case(world.caseworker) for _ in range(3))
    now = timezone.now()
    Case.objects.filter(pk__in=[overdue.pk, contacted.pk]).update(
        risk_level="high", response_due_at=now - timedelta(hours=1)
    )
    Case.objects.filter(pk=contacted.pk).update(first_contact_at=now - timedelta(hours=2))
    Case.objects.filter(pk=not_due.pk).update(risk_level="high", response_due_at=now + timedelta(hours=5))
    html = signed_in_client(world.caseworker).get(reverse("casework:case-list")).content.decode()
    tag = '<strong class="govuk-tag govuk-tag--red">High</strong>'
    overdue_tag = '<strong class="govuk-tag govuk-tag--red">Contact overdue</strong>'
    assert _row(html, overdue.reference)[4] == f"{tag} {overdue_tag}"
    assert _row(html, contacted.reference)[4] == tag
    assert _row(html, not_due.reference)[4] == tag


def test_next_due_is_the_earliest_open_task_and_the_list_sorts_by_it(world):
    from safer.casework.services import task_complete, task_create

    today = timezone.localdate()
    now = timezone.now()
    later, sooner, none = (open_case(world.caseworker, opened_at=now - timedelta(days=d)) for d in (10, 9, 8))
    task_create(actor=world.caseworker, case=later, title="Visit", owner=world.caseworker, due_on=today + timedelta(9))
    done = task_create(
        actor=world.caseworker, case=sooner, title="Call", owner=world.caseworker, due_on=today - timedelta(4)
    )
    task_complete(actor=world.caseworker, task=done)
    task_create(actor=world.caseworker, case=sooner, title="Write", owner=world.caseworker, due_on=today - timedelta(1))
    client = signed_in_client(world.caseworker)
    html = client.get(reverse("casework:case-list"), {"sort": "next-due"}).content.decode()
    yesterday = today - timedelta(1)
    assert _row(html, sooner.reference)[7].startswith(f"{yesterday.day} {yesterday:%b} {yesterday.year}")
    assert "Overdue" in _row(html, sooner.reference)[7] and "Overdue" not in _row(html, later.reference)[7]
    order = [ref for ref in re.findall(r">(ASB-\d{4}-\d{5})</a>", html)]
    assert order == [sooner.reference, later.reference, none.reference]
    assert 'aria-sort="ascending"><a class="govuk-link" href="?sort=next-due">Next due' in html
    newest = client.get(reverse("casework:case-list")).content.decode()
    assert re.findall(r">(ASB-\d{4}-\d{5})</a>", newest) == [none.reference, sooner.reference, later.reference]
    # The next-due expression is built once per process: a later page still gives each case its own date.
    assert _row(newest, sooner.reference)[7].startswith(f"{yesterday.day} {yesterday:%b} {yesterday.year}")
    assert _row(newest, none.reference)[7] == "–"
    assert 'aria-sort="descending"' in newest


def test_list_sorts_by_officer(world):
    first, second = open_case(world.caseworker), open_case(world.manager)
    world.manager.last_name = "Aardvark"
    world.manager.save(update_fields=["last_name"])
    world.caseworker.last_name = "Zebra"
    world.caseworker.save(update_fields=["last_name"])
    html = signed_in_client(world.caseworker).get(reverse("casework:case-list"), {"sort": "officer"}).content.decode()
    assert re.findall(r">(ASB-\d{4}-\d{5})</a>", html) == [second.reference, first.reference]
    assert _row(html, second.reference)[3] == "Aardvark"
