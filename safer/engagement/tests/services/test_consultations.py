"""Consultation services: create over a district, publish and close, moderation with recorded reasons."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from safer.core.models import AuditEvent
from safer.engagement.choices import ConsultationStatus, EngagementAuditAction, ModerationStatus
from safer.engagement.errors import (
    ConsultationNotOpenError,
    ConsultationStateError,
    EngagementInputError,
    EngagementNotFoundError,
    EngagementPermissionError,
    PointOutsideAreaError,
)
from safer.engagement.models import Consultation
from safer.engagement.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_publish,
    consultation_tag_add,
    contribution_moderate,
)
from safer.engagement.services.contributions import contribution_submit
from safer.engagement.tests.warehouse_rows import COWLEY_ROAD, OUT_OF_AREA

TODAY = timezone.localdate()


def _create(actor: object, **overrides: object) -> Consultation:
    values = {
        "title": "Feeling safe",
        "area_kind": "district",
        "area_name": "Oxford",
        "opens_on": TODAY - dt.timedelta(days=1),
        "closes_on": TODAY + dt.timedelta(days=10),
        "privacy_notice": "Kept two years.",
    }
    values.update(overrides)
    return consultation_create(actor=actor, **values)  # type: ignore[arg-type]


@pytest.mark.django_db
class TestConsultationCreate:
    def test_analyst_cannot_create(self, world: SimpleNamespace, streets: None) -> None:
        with pytest.raises(EngagementPermissionError):
            _create(world.analyst)

    def test_unknown_district_says_what_to_do(self, world: SimpleNamespace, streets: None) -> None:
        with pytest.raises(EngagementInputError, match="Import the district's police.uk data first"):
            _create(world.manager, area_name="Cherwell")

    def test_dates_in_order(self, world: SimpleNamespace, streets: None) -> None:
        with pytest.raises(EngagementInputError) as error:
            _create(world.manager, closes_on=TODAY - dt.timedelta(days=5))
        assert error.value.field == "closes_on"

    def test_district_box_tags_in_both_languages_and_audit(self, world: SimpleNamespace, streets: None) -> None:
        c = _create(world.manager, extra_tags=["Cycle theft"])
        assert c.status == ConsultationStatus.DRAFT and c.organisation == world.oxford
        # The box round the streets loaded by the fixture (Abingdon Road south-west, Marsh Lane north-east).
        assert (c.south, c.west, c.north, c.east) == (51.73, -1.27, 51.78, -1.2)
        labels = {t.code: (t.label, t.label_cy) for t in c.tags.all()}
        assert labels["poor_lighting"] == ("Poor lighting", "Goleuadau gwael")
        assert labels["cycle-theft"] == ("Cycle theft", "")
        assert AuditEvent.objects.filter(
            action=EngagementAuditAction.CONSULTATION_CREATED, target_id=str(c.pk)
        ).exists()


@pytest.mark.django_db
class TestLifecycle:
    def test_publish_close_and_states(self, world: SimpleNamespace, streets: None) -> None:
        c = _create(world.manager)
        consultation_tag_add(actor=world.manager, consultation=c, label="Cycle lanes", label_cy="Lonydd beicio")
        with pytest.raises(EngagementNotFoundError):
            consultation_publish(actor=world.other_manager, consultation=c)
        consultation_publish(actor=world.manager, consultation=c)
        with pytest.raises(ConsultationStateError):
            consultation_publish(actor=world.manager, consultation=c)
        with pytest.raises(ConsultationStateError):
            consultation_tag_add(actor=world.manager, consultation=c, label="Too late")
        consultation_close(actor=world.manager, consultation=c)
        assert c.status == ConsultationStatus.CLOSED
        with pytest.raises(ConsultationNotOpenError):
            contribution_submit(consultation=c, latitude=COWLEY_ROAD[0], longitude=COWLEY_ROAD[1], feeling=3)


@pytest.mark.django_db
class TestContributionSubmit:
    def test_outside_the_area_is_refused(self, open_consultation: Consultation) -> None:
        with pytest.raises(PointOutsideAreaError):
            contribution_submit(
                consultation=open_consultation, latitude=OUT_OF_AREA[0], longitude=OUT_OF_AREA[1], feeling=3
            )

    def test_unknown_tag_and_feeling_are_refused(self, open_consultation: Consultation) -> None:
        with pytest.raises(EngagementInputError):
            contribution_submit(
                consultation=open_consultation, latitude=COWLEY_ROAD[0], longitude=COWLEY_ROAD[1], feeling=9
            )
        with pytest.raises(EngagementInputError):
            contribution_submit(
                consultation=open_consultation,
                latitude=COWLEY_ROAD[0],
                longitude=COWLEY_ROAD[1],
                feeling=2,
                tag_codes=["no_such_tag"],
            )

    def test_grid_coordinates_and_publication_without_comment(self, open_consultation: Consultation) -> None:
        c = contribution_submit(
            consultation=open_consultation, latitude=COWLEY_ROAD[0], longitude=COWLEY_ROAD[1], feeling=2
        )
        # Cowley Road is about 452,700 E 205,700 N on the British National Grid.
        assert 452_000 < c.easting < 453_500 and 205_000 < c.northing < 206_500
        assert c.moderation == ModerationStatus.PUBLISHED


@pytest.mark.django_db
class TestContributionModerate:
    def test_reasons_are_recorded_and_personal_data_removed(
        self, world: SimpleNamespace, open_consultation: Consultation
    ) -> None:
        c = contribution_submit(
            consultation=open_consultation,
            latitude=COWLEY_ROAD[0],
            longitude=COWLEY_ROAD[1],
            feeling=1,
            comment="John Smith at number 4 deals drugs",
        )
        with pytest.raises(EngagementInputError):
            contribution_moderate(actor=world.manager, contribution=c, outcome="redacted", reason="personal_data")
        with pytest.raises(EngagementInputError):
            contribution_moderate(actor=world.manager, contribution=c, outcome="removed", reason="other")
        with pytest.raises(EngagementNotFoundError):
            contribution_moderate(actor=world.other_manager, contribution=c, outcome="removed", reason="abusive")
        contribution_moderate(
            actor=world.manager,
            contribution=c,
            outcome="redacted",
            reason="personal_data",
            redacted_comment="[name removed] deals drugs",
        )
        c.refresh_from_db()
        assert c.comment == "[name removed] deals drugs" and c.comment_public
        decision = c.decisions.get()
        assert (decision.reason, decision.decided_by) == ("personal_data", world.manager)
        event = AuditEvent.objects.get(action=EngagementAuditAction.CONTRIBUTION_MODERATED)
        assert "John" not in str(event.detail) and event.detail["reason"] == "personal_data"
