"""The SYNTHETIC demo: an area with a ranking and meetings, two reviews in different stages; idempotent."""

from __future__ import annotations

from safer.accounts.demo import demo_load as accounts_demo_load
from safer.safeguarding.demo import demo_load
from safer.safeguarding.models import MatacArea, Meeting, Ranking, Review
from safer.safeguarding.selectors.dhr import review_stage


def test_demo_loads_once_and_is_labelled(db: None) -> None:
    accounts_demo_load()
    lines = demo_load()
    assert "SYNTHETIC" in lines[0] and "loaded 4,000 rows" in lines[0]
    area = MatacArea.objects.get()
    assert area.synthetic and "SYNTHETIC" in area.name
    assert Ranking.objects.filter(area=area).count() == 2
    assert set(Meeting.objects.values_list("status", flat=True)) == {"held", "planned"}
    stages = sorted(review_stage(r) for r in Review.objects.all())
    assert stages == ["action_plan", "panel"] and all(r.synthetic for r in Review.objects.all())
    again = demo_load()
    assert "already imported" in again[0] and Ranking.objects.count() == 2 and Review.objects.count() == 2
