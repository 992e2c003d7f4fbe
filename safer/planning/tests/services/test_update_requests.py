"""Asking action owners for a progress update: one message per owner, through the notifications service."""

from __future__ import annotations

import pytest
from django.conf import settings

from safer.core.models import AuditEvent
from safer.core.notifications.models import Notification
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.services import plans, update_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned_action(manager, priority, police, officer):
    officer.email, officer.first_name, officer.last_name = "olu.officer@example.org", "Olu", "Officer"
    officer.save()
    return plans.action_save(
        actor=manager, priority=priority, what="Pubwatch", how="x", who="Police", why="y", lead_organisation=police,
        owner=officer,
    )  # fmt: skip


class TestUpdateRequestSend:
    def test_only_managers_may_ask(self, officer, owned_action):
        with pytest.raises(PlanningPermissionError):
            update_requests.update_request_send(actor=officer, actions=[owned_action])
        assert not Notification.objects.exists()

    def test_at_least_one_action(self, manager):
        with pytest.raises(PlanningInputError) as caught:
            update_requests.update_request_send(actor=manager, actions=[])
        assert caught.value.field == "actions"

    def test_owner_gets_one_email_with_the_link_to_the_update_page(self, manager, plan, owned_action):
        results = update_requests.update_request_send(
            actor=manager, actions=[owned_action], reasons={owned_action.pk: "No update for Q3 2025-26"}
        )
        message = Notification.objects.get()
        assert results[0].notification == message
        assert message.channel == "email" and message.recipient == "olu.officer@example.org"
        assert message.template_key == "planning-update-request" and message.about == owned_action
        link = f"{settings.SAFER_PUBLIC_URL}/planning/{plan.slug}/actions/{owned_action.pk}/progress/"
        assert link in message.body
        assert "Dear Olu Officer" in message.body and "No update for Q3 2025-26" in message.body
        assert message.subject == f"{plan.title}: please update progress on Pubwatch"
        event = AuditEvent.objects.get(action="planning.update_requested")
        assert event.actor == manager and event.target_id == str(owned_action.pk)

    def test_action_without_owner_is_reported_not_sent(self, manager, police_action):
        results = update_requests.update_request_send(actor=manager, actions=[police_action])
        assert results[0].notification is None and results[0].skipped_because == "it has no owner"
        assert not Notification.objects.exists()
        assert not AuditEvent.objects.filter(action="planning.update_requested").exists()

    def test_last_request_per_action(self, manager, owned_action, police_action):
        update_requests.update_request_send(actor=manager, actions=[owned_action])
        second = update_requests.update_request_send(actor=manager, actions=[owned_action])[0].notification
        assert update_requests.update_requests_last(actions=[owned_action, police_action]) == {owned_action.pk: second}
