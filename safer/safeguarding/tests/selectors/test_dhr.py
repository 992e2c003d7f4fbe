"""DHR selectors: the annual table against a known set, lessons search, the dashboard by stage."""

from __future__ import annotations

from datetime import date

from safer.safeguarding.choices import ActionStatus, ReviewDecision
from safer.safeguarding.models import Review, ReviewAction, ReviewLesson
from safer.safeguarding.selectors.dhr import annual_table, lessons_search, review_list_for_user, reviews_by_stage
from safer.safeguarding.tests.conftest import World


def review(world: World, ref: str, **fields: object) -> Review:
    r = Review.objects.create(reference=ref, owner_organisation=world.council, title="Adult", **fields)
    r.agencies.set([world.council])
    return r


class TestAnnualTable:
    def test_known_set(self, world: World) -> None:
        a = review(
            world,
            "DHR-2025-001",
            notified_on=date(2025, 11, 1),
            decision=ReviewDecision.COMMISSIONED,
            decision_on=date(2025, 12, 1),
            submitted_to_qap_on=date(2026, 5, 1),
            published_on=date(2026, 9, 1),
        )
        review(
            world,
            "DHR-2026-001",
            notified_on=date(2026, 2, 1),
            decision=ReviewDecision.NOT_COMMISSIONED,
            decision_on=date(2026, 2, 20),
        )
        review(
            world,
            "DHR-2026-002",
            notified_on=date(2026, 4, 1),
            decision=ReviewDecision.COMMISSIONED,
            decision_on=date(2026, 4, 20),
        )
        ReviewAction.objects.create(
            review=a,
            description="x",
            agency="a",
            owner="o",
            due_on=date(2026, 10, 1),
            status=ActionStatus.DONE,
            completed_on=date(2026, 10, 2),
        )
        ReviewAction.objects.create(review=a, description="y", agency="a", owner="o", due_on=date(2026, 11, 1))
        ReviewAction.objects.create(review=a, description="z", agency="a", owner="o", due_on=date(2027, 1, 1))
        rows = {r.year: r for r in annual_table(world.dhr)}
        assert sorted(rows) == [2025, 2026, 2027]
        r25, r26 = rows[2025], rows[2026]
        assert (r25.notifications, r25.commissioned, r25.completed, r25.published) == (1, 1, 0, 0)
        assert (r26.notifications, r26.commissioned, r26.completed, r26.published) == (2, 1, 1, 1)
        assert (r26.actions_closed, r26.actions_open, rows[2027].actions_open) == (1, 1, 1)
        assert annual_table(world.dhr_other_org) == []


class TestLessonsSearch:
    def test_every_word_across_reviews_the_user_sees(self, world: World) -> None:
        a = review(world, "DHR-2025-001", notified_on=date(2025, 1, 1))
        b = review(world, "DHR-2025-002", notified_on=date(2025, 2, 1))
        ReviewLesson.objects.create(review=a, kind="lesson", text="GP practices missed coercive control signs")
        ReviewLesson.objects.create(review=b, kind="recommendation", text="Train GP receptionists on coercive control")
        ReviewLesson.objects.create(review=b, kind="lesson", text="Housing did not share information")
        assert {x.text[:5] for x in lessons_search(world.dhr, words="coercive GP")} == {"GP pr", "Train"}
        assert lessons_search(world.dhr_other_org, words="coercive") == []


class TestDashboard:
    def test_counts_by_stage_with_overdue(self, world: World) -> None:
        review(world, "DHR-2026-001", notified_on=date(2026, 1, 5))
        review(world, "DHR-2026-002", notified_on=date(2026, 1, 20))
        stages = {
            label: (n, o) for label, n, o in reviews_by_stage(review_list_for_user(world.dhr, today=date(2026, 2, 10)))
        }
        # decision due 5 Feb (overdue on 10 Feb) and 20 Feb (not yet)
        assert stages["Awaiting decision"] == (2, 1)
