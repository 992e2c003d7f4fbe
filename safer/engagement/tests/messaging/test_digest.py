"""The monthly area digest: the dashboard's counts, and rises/falls only where the exact test says so."""

from __future__ import annotations

from datetime import date

import pytest
from scipy.stats import binomtest

from safer.engagement.messaging.choices import Topic
from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.warehouse import writer
from safer.testing.warehouse import crime_insert

pytestmark = pytest.mark.django_db

# (crime type, count in June 2023, count in June 2024) for one Oxford LSOA (SYNTHETIC test rows).
COUNTS = [("Burglary", 14, 3), ("Shoplifting", 6, 8), ("Vehicle crime", 2, 15)]


@pytest.fixture
def oxford_counts() -> None:
    counts = {
        ("Oxford", month, crime_type): n
        for crime_type, before, after in COUNTS
        for month, n in ((date(2023, 6, 1), before), (date(2024, 6, 1), after))
    }
    with writer() as con:
        crime_insert(con, counts, lsoa_name="Oxford 008B")
        aggregates_refresh(con=con)


def test_sentences_follow_the_counts_and_the_exact_test(world, subscribe, oxford_counts):
    from safer.engagement.messaging.digest import digest_create, digest_texts

    subscribe(1, topics=(Topic.DIGEST,))
    month, texts = digest_texts(organisation_id=world.oxford.pk, month=date(2024, 6, 1))
    assert month == date(2024, 6, 1)
    text = texts["district:Oxford"]
    total_before = sum(c[1] for c in COUNTS)
    total_after = sum(c[2] for c in COUNTS)
    assert f"{total_after} crimes and incidents recorded by the police ({total_before} in June 2023)" in text
    for crime_type, before, after in COUNTS:
        significant = binomtest(after, after + before, 0.5).pvalue < 0.05
        verb = "rose" if after > before else "fell"
        sentence = f"Recorded {crime_type.lower()} in Oxford {verb} from {before} to {after} compared with June 2023."
        assert (sentence in text) == significant, (crime_type, significant, text)
    # Burglary 14 -> 3 and vehicle crime 2 -> 15 are significant; shoplifting 6 -> 8 is not named.
    assert "shoplifting" not in text
    message = digest_create(actor=world.manager, month=date(2024, 6, 1))
    assert message.topic == Topic.DIGEST and message.digest == texts
