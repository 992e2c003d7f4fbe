"""Community messaging at scale: audience choice among 200,000 subscribers, queueing 100,000 deliveries, and the
worker's CPU per message against a local stand-in for the GOV.UK Notify API.

    .venv/bin/python benchmarks/messaging.py                           # 200,000 subscribers, 2,000 sends
    .venv/bin/python benchmarks/messaging.py --subscribers 50000 --sends 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_messaging .venv/bin/python benchmarks/messaging.py
    .venv/bin/python benchmarks/messaging.py --workers 1 2 4 --side-sends 3000  # delivery workers side by side

The coordinator's re-run on a quiet machine (PostgreSQL; part 1 on the 200,000, then parts 2-4):

    createdb -h 127.0.0.1 -U postgres bench_messaging
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_messaging .venv/bin/python benchmarks/messaging.py \
        --sends 1000 --workers 1 2 4 --side-sends 3000

Builds a throwaway database under var/bench/messaging/ (SQLite unless DATABASE_URL is set) with SYNTHETIC
subscribers: each in one of 6 districts (a third also in one of its real neighbourhoods (LSOAs), a quarter also a
place on the map in the district with a 500 m, 1 km or 2 km radius), with 2-4 of the 7 topics, a tenth in an
approved group; "scams" is given to exactly half, so its audience over every area is the 100,000 deliveries of the
queueing target. Then prints:
1. audience choice (`audience_count`, spatial: neighbourhoods and places on the map that meet the message's areas):
   a district + topic, a topic over every area, two districts and a group, three neighbourhoods, median of 5
   (target: under 1 second), beside the plain count of all subscribers as the baseline;
2. queueing (`deliveries_queue`) of the "scams" message to every area (target: 100,000 in under a minute);
3. the worker: `message_send_batch` (hand-over to the notifications service) and `notification_deliver` (the
   HTTP call to the Notify stand-in, a separate process) for --sends messages, CPU seconds of this process per
   message (time.process_time) and wall time, beside the provider's limit of 3,000 a minute;
4. with --workers: the send as it runs in production, side by side. One process runs a message's batch to the
   Oxford "scams" subscribers (`message_send_batch`: --side-sends hand-overs to the notifications service) while
   N delivery worker processes take the queued notifications (`notification_deliver`, each claimed atomically)
   and call the Notify stand-in, all sharing one token bucket at the provider's limit (--rate, default 3,000 a
   minute). The stand-in enforces the limit itself (HTTP 429 beyond it in any 60 seconds) and counts refusals.
   Prints messages a minute from the first hand-over to the last delivery, and CPU per message of the batch and
   of the workers. The huey queue is in the loop as in production: the batch hands deliveries over in groups
   (`notifications_send_many`, one delivery job per 50 notifications on huey's queue, SQLite unless REDIS_URL is
   set) and each worker process takes jobs off that queue and runs them (`notification_deliver_many_task`), the
   shared token bucket pacing each HTTP call.

On PostgreSQL the seeding ends with ANALYZE of the subscriber tables, as autovacuum does on any server within a
minute of a bulk load; without statistics the planner takes the 200,000 subscribers for one row and probes the
topic index once for each of them (see BENCHMARKS.md, "PostgreSQL audience").
"""

from __future__ import annotations

import argparse
import csv
import gzip
import logging
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
os.environ.setdefault("SAFER_VAR_DIR", str(ROOT / "var" / "bench" / "messaging"))
BENCH = Path(os.environ["SAFER_VAR_DIR"])  # the throwaway database is deleted here, where the settings put it
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")

DISTRICTS = ["Oxford", "Cherwell", "West Oxfordshire", "South Oxfordshire", "Vale of White Horse", "Reading"]
TOPICS = ["crime_alerts", "asb", "events", "consultations", "nightsafe", "digest"]


def _stand_in(port_queue: multiprocessing.Queue, limit: int = 0, refused: object = None) -> None:  # type: ignore[type-arg]
    """The Notify stand-in of the tests, in its own process (its CPU is not the worker's).

    With `limit`, it refuses (429, as Notify does) a request beyond `limit` in the last 60 seconds and counts it.
    """
    import collections
    import threading
    from http.server import ThreadingHTTPServer

    from safer.core.tests.notifications.conftest import NotifyStandIn, _notify_handler

    base = _notify_handler(NotifyStandIn())
    seen: collections.deque[float] = collections.deque()
    lock = threading.Lock()

    class Limited(base):  # type: ignore[valid-type, misc]
        def do_POST(self) -> None:
            with lock:
                now = time.monotonic()
                while seen and seen[0] < now - 60:
                    seen.popleft()
                over = bool(limit) and len(seen) >= limit
                if not over:
                    seen.append(now)
            if over:
                refused.value += 1  # type: ignore[attr-defined]
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                error = {
                    "error": "RateLimitError",
                    "message": "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
                }
                self._reply(429, {"status_code": 429, "errors": [error]})
                return
            super().do_POST()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Limited)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def _lsoas_by_district() -> dict[str, list[str]]:
    from safer.engagement.messaging.areas import LSOA_FILE

    found: dict[str, list[str]] = {d: [] for d in DISTRICTS}
    with gzip.open(LSOA_FILE, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["lad_name"] in found:
                found[row["lad_name"]].append(row["lsoa_code"])
    return found


def _places_in(district: str, n: int, rng: random.Random) -> list[tuple[float, float]]:
    """n random points inside the district's boundary (BNG metres)."""
    import shapely

    from safer.engagement.messaging.spatial import area_shape

    shape = area_shape({"kind": "district", "code": district})
    west, south, east, north = shape.bounds
    found: list[tuple[float, float]] = []
    while len(found) < n:
        xs = [rng.uniform(west, east) for _ in range(2 * n)]
        ys = [rng.uniform(south, north) for _ in range(2 * n)]
        inside = shapely.contains_xy(shape, xs, ys)
        found += [(round(x), round(y)) for x, y, ok in zip(xs, ys, inside, strict=True) if ok]
    return found[:n]


def seed(n: int) -> tuple[object, object]:
    """A fresh database with n SYNTHETIC subscribers; returns (organisation, manager)."""
    from django.core.management import call_command
    from django.utils import timezone

    from safer.accounts.choices import Role
    from safer.engagement.models import EngagementSettings, Subscriber, SubscriberArea, SubscriberGroup, SubscriberTopic
    from safer.testing.accounts import make_organisation, make_user

    call_command("migrate", interactive=False, verbosity=0)
    run = time.time_ns()  # unique names, so a PostgreSQL database can be seeded again
    org = make_organisation(name=f"Bench messaging {run}")
    manager = make_user(
        role=Role.PARTNERSHIP_MANAGER, organisation=org, username=f"bench-manager-{run}", with_device=False
    )
    EngagementSettings.objects.create(organisation=org, messaging_requires_approval=False)
    rng = random.Random(24)
    lsoas = _lsoas_by_district()
    places = {d: iter(_places_in(d, n // 4 + 1000, rng)) for d in DISTRICTS}
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
                code = rng.choice(lsoas[district])
                areas.append(SubscriberArea(subscriber=s, kind="lsoa", code=code, name=code, district=district))
            if rng.random() < 1 / 4:
                easting, northing = next(places[district])
                radius = rng.choice([500, 1000, 2000])
                areas.append(
                    SubscriberArea(
                        subscriber=s,
                        kind="point",
                        code=f"{easting},{northing},{radius}",
                        name="SYNTHETIC place",
                        district=district,
                        easting=easting,
                        northing=northing,
                        radius=radius,
                    )
                )
            topics += [SubscriberTopic(subscriber=s, topic=t) for t in rng.sample(TOPICS, rng.randint(2, 3))]
            if s.pk % 2 == 0:
                topics.append(SubscriberTopic(subscriber=s, topic="scams"))
            if rng.random() < 0.1:
                groups.append(SubscriberGroup(subscriber=s, group="students", approved=True))
        SubscriberArea.objects.bulk_create(areas)
        SubscriberTopic.objects.bulk_create(topics)
        SubscriberGroup.objects.bulk_create(groups)
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum would do after a bulk load (it may be off here)
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE engagement_subscriber, engagement_subscriberarea, engagement_subscribertopic, "
                "engagement_subscribergroup"
            )
    print(f"Seeded {n:,} SYNTHETIC subscribers in {time.perf_counter() - started:.1f} s")
    return org, manager


def _last_run() -> tuple[object, object]:
    """The organisation and manager of the last seeded run in this database, or (None, None)."""
    from django.core.management import call_command

    from safer.accounts.models import Organisation, User

    call_command("migrate", interactive=False, verbosity=0)
    org = Organisation.objects.filter(name__startswith="Bench messaging").order_by("-pk").first()
    manager = User.objects.filter(organisation=org).first() if org else None
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
    parser.add_argument("--workers", type=int, nargs="*", default=[], help="delivery workers side by side (part 4)")
    parser.add_argument("--rate", type=int, default=3_000, help="the provider's limit a minute (part 4)")
    parser.add_argument("--side-sends", type=int, default=3_000, help="messages each part 4 run sends")
    parser.add_argument(
        "--audience-only", action="store_true", help="part 1 only, on the subscribers of the last run if still there"
    )
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    db = BENCH / "safer.sqlite3"
    if "DATABASE_URL" not in os.environ and db.exists() and not args.audience_only:
        db.unlink()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from safer.engagement.messaging import sending
    from safer.engagement.messaging.audience import audience_count
    from safer.engagement.models import Delivery, Subscriber

    print(f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}")
    org, manager = _last_run() if args.audience_only else (None, None)
    if org is None:
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
        "three Oxford neighbourhoods + crime alerts": {
            **base,
            "topic": "crime_alerts",
            "areas": [{"kind": "lsoa", "code": c, "name": c} for c in _lsoas_by_district()["Oxford"][:3]],
        },
    }
    baseline, total = _median(lambda: Subscriber.objects.filter(organisation_id=org.pk).count())  # type: ignore[attr-defined]
    print(f"\n1. Audience choice among {total:,} subscribers (median of 5; target < 1 s)")
    print(f"   baseline: plain count of all subscribers   {baseline * 1000:8.1f} ms")
    for label, audience in cases.items():
        seconds, count = _median(lambda a=audience: audience_count(**a))
        print(f"   {label:40s} {seconds * 1000:8.1f} ms  -> {count:,} subscribers")
    if args.audience_only:
        print(f"   load average {os.getloadavg()[0]:.1f}")
        return

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
    from safer.core.notifications.delivery import notification_deliver
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
    n = len(ids) or 1
    print(f"\n3. Worker, {n:,} messages to the local Notify stand-in (separate process)")
    print(f"   hand-over (claim, render, notifications_send_many): {1000 * handed_cpu / n:6.2f} ms CPU per message")
    print(f"   hand-over wall time: {handed_wall:.1f} s = {60 * n / handed_wall:,.0f} a minute")
    print(f"   hand-over + HTTP delivery:                   {1000 * cpu_total / n:6.2f} ms CPU per message")
    print(
        f"   wall time {wall_total:.1f} s = {60 * n / wall_total:,.0f} messages a minute on one worker "
        f"(provider limit 3,000 a minute; CPU share at that rate: {100 * cpu_total / n * 3000 / 60:.0f}% of a core)"
    )
    for workers in args.workers:
        side_by_side(org=org, manager=manager, workers=workers, sends=args.side_sends, rate=args.rate)


def _bucket_take(slot: object, lock: object, interval: float) -> None:
    """Wait for the next send slot of the token bucket shared by all workers (one every `interval` seconds)."""
    with lock:  # type: ignore[attr-defined]
        now = time.time()
        at = max(now, slot.value)  # type: ignore[attr-defined]
        slot.value = at + interval  # type: ignore[attr-defined]
    if at > now:
        time.sleep(at - now)


def _delivery_worker(target: int, shared: dict, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One delivery worker, as huey's consumer runs it: take delivery jobs off the queue, run each (paced)."""
    import django

    django.setup()
    _notify_settings(shared["port"])
    from huey.contrib.djhuey import HUEY

    from safer.core.notifications import delivery

    real = delivery.notification_deliver
    counted = {"done": 0}

    def paced(*, notification_id: int) -> float | None:
        _bucket_take(shared["slot"], shared["lock"], 60 / shared["rate"])
        result = real(notification_id=notification_id)
        counted["done"] += 1
        with shared["lock"]:
            shared["delivered"].value += 1
        return result

    delivery.notification_deliver = paced  # the job's notification_deliver_many calls it for each message
    logging.getLogger("huey").setLevel(logging.WARNING)  # a line per job would drown the figures
    cpu, idle = time.process_time(), 0
    while shared["delivered"].value < target and idle < 600:
        task = HUEY.dequeue()
        if task is None:
            idle += 1
            time.sleep(0.1)
            continue
        idle = 0
        HUEY.execute(task)
    out.put((counted["done"], time.process_time() - cpu, time.time()))


def _notify_settings(port: int) -> None:
    from django.conf import settings

    from safer.core.tests.notifications.conftest import API_KEY, EMAIL_TEMPLATE, SMS_TEMPLATE

    settings.SAFER_NOTIFICATIONS = {
        **settings.SAFER_NOTIFICATIONS,
        "BACKEND": "notify",
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": f"http://127.0.0.1:{port}",
        "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
        "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
    }


def side_by_side(*, org: object, manager: object, workers: int, sends: int, rate: int) -> None:
    """Part 4: one batch process hands `sends` deliveries over while `workers` processes deliver them."""
    from django.conf import settings
    from django.db import connections

    from safer.engagement.messaging import sending
    from safer.engagement.models import CommunityMessage, Delivery

    message = sending.message_create(
        actor=manager,
        subject="SYNTHETIC benchmark, side by side",
        body="Benchmark message.",
        channels=["email"],
        topic="scams",
        areas=[{"kind": "district", "code": "Oxford", "name": "Oxford"}],
        groups=[],
    )
    sending.deliveries_queue(message=message)
    CommunityMessage.objects.filter(pk=message.pk).update(status="sending")
    ctx = multiprocessing.get_context("fork")
    refused = ctx.Value("i", 0)
    ports: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    server = ctx.Process(target=_stand_in, args=(ports, rate, refused), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    _notify_settings(port)
    settings.SAFER_MESSAGING_RATE_PER_MINUTE = sends
    from huey.contrib.djhuey import HUEY

    HUEY.flush()  # jobs left by earlier parts (part 3 delivers its messages itself)
    HUEY.storage.close()  # each process opens its own connection to the queue
    shared = {
        "port": port,
        "rate": rate,
        "lock": ctx.Lock(),
        "slot": ctx.Value("d", 0.0, lock=False),
        "delivered": ctx.Value("i", 0, lock=False),
    }
    out: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    connections.close_all()  # each process opens its own connection
    started = time.time()
    procs = [ctx.Process(target=_delivery_worker, args=(sends, shared, out)) for _ in range(workers)]
    for p in procs:
        p.start()
    cpu = time.process_time()
    sending.message_send_batch(message_id=message.pk)  # the batch: `sends` hand-overs, committed in groups
    batch_cpu, batch_wall = time.process_time() - cpu, time.time() - started
    results = [out.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join()
    server.terminate()
    delivered = sum(r[0] for r in results)
    wall = max(r[2] for r in results) - started
    worker_cpu = sum(r[1] for r in results)
    handed = Delivery.objects.filter(message=message, notification__isnull=False).count()
    print(f"\n4. Side by side: 1 batch process + {workers} delivery worker(s), limit {rate:,} a minute")
    print(
        f"   batch: {handed:,} handed over in {batch_wall:.1f} s = {60 * handed / batch_wall:,.0f} a minute, "
        f"{1000 * batch_cpu / max(handed, 1):.2f} ms CPU per message"
    )
    print(
        f"   delivered {delivered:,} in {wall:.1f} s = {60 * delivered / wall:,.0f} messages a minute; workers' CPU "
        f"{1000 * worker_cpu / max(delivered, 1):.2f} ms per message; refused by the stand-in (429): {refused.value}"
    )
    print(
        f"   CPU per message, batch + delivery: {1000 * (batch_cpu + worker_cpu) / max(delivered, 1):.2f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
