"""Community messaging at scale: audience choice among 200,000 subscribers, queueing 100,000 deliveries, and the
worker's CPU per message against a local stand-in for the GOV.UK Notify API.

    .venv/bin/python benchmarks/messaging.py                           # 200,000 subscribers, 2,000 sends
    .venv/bin/python benchmarks/messaging.py --subscribers 50000 --sends 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_messaging .venv/bin/python benchmarks/messaging.py

Builds a throwaway database under var/bench/messaging/ (SQLite unless DATABASE_URL is set) with SYNTHETIC
subscribers: each in one of 6 districts (a third also in one of 60 neighbourhoods), with 2-4 of the 7 topics,
a tenth in an approved group; "scams" is given to exactly half, so its audience over every area is the 100,000
deliveries of the queueing target. Then prints:
1. audience choice (`audience_count`): a district + topic, a topic over every area, and a group, median of 5
   (target: under 1 second), beside the plain count of all subscribers as the baseline;
2. queueing (`deliveries_queue`) of the "scams" message to every area (target: 100,000 in under a minute);
3. the worker: `message_send_batch` (hand-over to the notifications service) and `notification_deliver` (the
   HTTP call to the Notify stand-in, a separate process) for --sends messages, CPU seconds of this process per
   message (time.process_time) and wall time, beside the provider's limit of 3,000 a minute.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT / "var" / "bench" / "messaging"
os.environ.setdefault("SAFER_VAR_DIR", str(BENCH))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")

DISTRICTS = ["Oxford", "Cherwell", "West Oxfordshire", "South Oxfordshire", "Vale of White Horse", "Reading"]
TOPICS = ["crime_alerts", "asb", "events", "consultations", "nightsafe", "digest"]


def _stand_in(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """The Notify stand-in of the tests, in its own process (its CPU is not the worker's)."""
    from http.server import ThreadingHTTPServer

    from safer.core.tests.notifications.conftest import NotifyStandIn, _notify_handler

    server = ThreadingHTTPServer(("127.0.0.1", 0), _notify_handler(NotifyStandIn()))
    port_queue.put(server.server_address[1])
    server.serve_forever()


def seed(n: int) -> tuple[object, object]:
    """A fresh database with n SYNTHETIC subscribers; returns (organisation, manager)."""
    from django.core.management import call_command
    from django.utils import timezone

    from safer.accounts.choices import Role
    from safer.engagement.models import EngagementSettings, Subscriber, SubscriberArea, SubscriberGroup, SubscriberTopic
    from safer.testing.accounts import make_organisation, make_user

    call_command("migrate", interactive=False, verbosity=0)
    org = make_organisation(name=f"Bench messaging {time.time_ns()}")
    manager = make_user(role=Role.PARTNERSHIP_MANAGER, organisation=org, with_device=False)
    EngagementSettings.objects.create(organisation=org, messaging_requires_approval=False)
    rng = random.Random(24)
    now = timezone.now()
    started = time.perf_counter()
    chunk = 10_000
    for start in range(0, n, chunk):
        rows = [
            Subscriber(
                organisation=org,
                channel="email",
                email=f"synthetic{i}@example.org",
                status="active",
                consent_text="SYNTHETIC benchmark",
                consented_at=now,
                confirmed_at=now,
                synthetic=True,
            )
            for i in range(start, min(n, start + chunk))
        ]
        made = Subscriber.objects.bulk_create(rows)
        areas, topics, groups = [], [], []
        for s in made:
            district = rng.choice(DISTRICTS)
            areas.append(SubscriberArea(subscriber=s, kind="district", code=district, name=district, district=district))
            if rng.random() < 1 / 3:
                code = f"E0100{rng.randrange(60):04d}"
                areas.append(SubscriberArea(subscriber=s, kind="lsoa", code=code, name=code, district=district))
            topics += [SubscriberTopic(subscriber=s, topic=t) for t in rng.sample(TOPICS, rng.randint(2, 3))]
            if s.pk % 2 == 0:
                topics.append(SubscriberTopic(subscriber=s, topic="scams"))
            if rng.random() < 0.1:
                groups.append(SubscriberGroup(subscriber=s, group="students", approved=True))
        SubscriberArea.objects.bulk_create(areas)
        SubscriberTopic.objects.bulk_create(topics)
        SubscriberGroup.objects.bulk_create(groups)
    print(f"Seeded {n:,} SYNTHETIC subscribers in {time.perf_counter() - started:.1f} s")
    return org, manager


def _median(fn: object, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=200_000)
    parser.add_argument("--sends", type=int, default=2_000)
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    db = BENCH / "safer.sqlite3"
    if "DATABASE_URL" not in os.environ and db.exists():
        db.unlink()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from safer.engagement.messaging import sending
    from safer.engagement.messaging.audience import audience_count
    from safer.engagement.models import Delivery, Subscriber

    print(f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}")
    org, manager = seed(args.subscribers)
    base = {"organisation_id": org.pk, "groups": [], "channels": ["email", "sms"]}  # type: ignore[attr-defined]
    cases = {
        "district Oxford + crime alerts": {
            **base,
            "topic": "crime_alerts",
            "areas": [{"kind": "district", "code": "Oxford", "name": "Oxford"}],
        },
        "every area + scams": {**base, "topic": "scams", "areas": []},
        "two districts + events + students": {
            **base,
            "topic": "events",
            "groups": ["students"],
            "areas": [{"kind": "district", "code": d, "name": d} for d in ("Oxford", "Reading")],
        },
    }
    baseline, total = _median(lambda: Subscriber.objects.filter(organisation_id=org.pk).count())  # type: ignore[attr-defined]
    print(f"\n1. Audience choice among {total:,} subscribers (median of 5; target < 1 s)")
    print(f"   baseline: plain count of all subscribers   {baseline * 1000:8.1f} ms")
    for label, audience in cases.items():
        seconds, count = _median(lambda a=audience: audience_count(**a))
        print(f"   {label:40s} {seconds * 1000:8.1f} ms  -> {count:,} subscribers")

    message = sending.message_create(
        actor=manager,
        subject="SYNTHETIC benchmark",
        body="Benchmark message.",
        channels=["email"],
        topic="scams",
        areas=[],
        groups=[],
    )
    t = time.perf_counter()
    queued = sending.deliveries_queue(message=message)
    print(f"\n2. Queueing deliveries: {queued:,} in {time.perf_counter() - t:.1f} s (target: 100,000 in < 60 s)")

    import safer.core.tests.notifications.conftest  # noqa: F401 - the stand-in process inherits its test key

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=_stand_in, args=(queue,), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    from safer.core.tests.notifications.conftest import API_KEY, EMAIL_TEMPLATE, SMS_TEMPLATE

    settings.SAFER_NOTIFICATIONS = {
        **settings.SAFER_NOTIFICATIONS,
        "BACKEND": "notify",
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": f"http://127.0.0.1:{port}",
        "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
        "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
    }
    settings.SAFER_MESSAGING_RATE_PER_MINUTE = args.sends
    from safer.core.notifications.services import notification_deliver
    from safer.engagement.models import CommunityMessage

    CommunityMessage.objects.filter(pk=message.pk).update(status="sending")
    cpu, wall = time.process_time(), time.perf_counter()
    sending.message_send_batch(message_id=message.pk)  # hands --sends deliveries to the notifications service
    handed_cpu, handed_wall = time.process_time() - cpu, time.perf_counter() - wall
    ids = list(
        Delivery.objects.filter(message=message, notification__isnull=False).values_list("notification_id", flat=True)
    )
    for pk in ids:
        notification_deliver(notification_id=pk)
    cpu_total, wall_total = time.process_time() - cpu, time.perf_counter() - wall
    server.terminate()
    n = len(ids)
    print(f"\n3. Worker, {n:,} messages to the local Notify stand-in (separate process)")
    print(f"   hand-over (batch claim + notification_send): {1000 * handed_cpu / n:6.2f} ms CPU per message")
    print(f"   hand-over wall time: {handed_wall:.1f} s = {60 * n / handed_wall:,.0f} a minute")
    print(f"   hand-over + HTTP delivery:                   {1000 * cpu_total / n:6.2f} ms CPU per message")
    print(
        f"   wall time {wall_total:.1f} s = {60 * n / wall_total:,.0f} messages a minute on one worker "
        f"(provider limit 3,000 a minute; CPU share at that rate: {100 * cpu_total / n * 3000 / 60:.0f}% of a core)"
    )


if __name__ == "__main__":
    main()
