"""services/reminders.py: one e-mail per owner with overdue tasks, naming cases by reference only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from safer.casework.services import task_create
from safer.casework.services.reminders import task_reminders_send
from safer.casework.tests.conftest import open_case

pytestmark = pytest.mark.django_db


class TestTaskRemindersSend:
    def test_only_overdue_tasks_of_users_with_email(self, world):
        world.caseworker.email = "cw@example.org"
        world.caseworker.save()
        case = open_case(world.caseworker)
        today = case.opened_at.date() + timedelta(days=10)
        task_create(
            actor=world.caseworker, case=case, title="Late", owner=world.caseworker, due_on=today - timedelta(days=1)
        )
        task_create(
            actor=world.caseworker,
            case=case,
            title="Also late",
            owner=world.caseworker,
            due_on=today - timedelta(days=2),
        )
        task_create(actor=world.caseworker, case=case, title="Not yet", owner=world.caseworker, due_on=today)
        task_create(
            actor=world.caseworker, case=case, title="No email", owner=world.manager, due_on=today - timedelta(days=1)
        )
        assert task_reminders_send(today=today) == 1
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["cw@example.org"] and "2 overdue" in message.subject
        assert message.body.count(case.reference) == 2 and "Late" not in message.body

    def test_nothing_overdue_sends_nothing(self, world):
        assert task_reminders_send(today=date(2026, 1, 1)) == 0
