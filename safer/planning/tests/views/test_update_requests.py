"""The overdue page: managers choose actions and ask their owners for an update; others cannot."""

from __future__ import annotations

from datetime import date

import pytest

from safer.core.notifications.models import Notification
from safer.planning.services import plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_action(manager, priority, police, officer):
    officer.email = "owner@example.org"
    officer.save()
    # Due in the past and never updated, so it is on the overdue list whatever today is.
    return plans.action_save(
        actor=manager, priority=priority, what="Pubwatch", how="x", who="Police", why="y", lead_organisation=police,
        owner=officer, starts_on=date(2024, 1, 1), due_on=date(2024, 6, 30),
    )  # fmt: skip


class TestOverdueAsk:
    def test_manager_sees_the_form_and_asks_the_owner(self, client_for, manager, plan, overdue_action):
        client = client_for(manager)
        page = client.get(f"/planning/{plan.slug}/overdue/")
        assert page.status_code == 200 and b"Send update requests" in page.content and b"Not asked" in page.content
        response = client.post(f"/planning/{plan.slug}/overdue/", {"actions": [str(overdue_action.pk)]})
        assert response.status_code == 302
        message = Notification.objects.get()
        assert message.recipient == "owner@example.org"
        assert f"/planning/{plan.slug}/actions/{overdue_action.pk}/progress/" in message.body
        assert "Past its timescale (30 June 2024)" in message.body
        page = client.get(f"/planning/{plan.slug}/overdue/")
        assert b"Not asked" not in page.content and b"Asked 1 owner for an update." in page.content

    def test_nothing_chosen_re_renders_with_the_error_summary(self, client_for, manager, plan, overdue_action):
        response = client_for(manager).post(f"/planning/{plan.slug}/overdue/", {})
        assert response.status_code == 400 and b"govuk-error-summary" in response.content
        assert b"Choose at least one action whose owner to ask" in response.content
        assert not Notification.objects.exists()

    def test_an_action_not_on_the_list_cannot_be_chosen(self, client_for, manager, plan, police_action):
        # police_action is due in 2026 and may be up to date; post an id that is not offered at all
        response = client_for(manager).post(f"/planning/{plan.slug}/overdue/", {"actions": ["999999"]})
        assert response.status_code == 400 and not Notification.objects.exists()

    def test_officer_and_board_member_see_the_list_but_cannot_ask(
        self, client_for, officer, board, plan, overdue_action
    ):
        for user in (officer, board):
            client = client_for(user)
            page = client.get(f"/planning/{plan.slug}/overdue/")
            assert page.status_code == 200 and b"Pubwatch" in page.content
            assert b"Send update requests" not in page.content
            response = client.post(f"/planning/{plan.slug}/overdue/", {"actions": [str(overdue_action.pk)]})
            assert response.status_code == 403
        assert not Notification.objects.exists()
