"""Load test of casework: a caseworker mix against gunicorn + PostgreSQL, beside the static health endpoint.

    .venv/bin/python benchmarks/casework_load.py                      # 60 s per run, defaults below
    .venv/bin/python benchmarks/casework_load.py --duration 20 --connections 32 --workers 6
    .venv/bin/python benchmarks/casework_load.py --worker-class gthread --workers 2 --threads 8
    .venv/bin/python benchmarks/casework_load.py --reads api          # list and open cases through the API
    .venv/bin/python benchmarks/casework_load.py --rounds 4 --duration 20  # mix and /health alternated 4 times
    .venv/bin/python benchmarks/casework_load.py --profile            # in-process pyinstrument profile instead

What it does, in one run:
1. creates a fresh PostgreSQL database (postgres://postgres@127.0.0.1:5432/<--database>, or on the server that
   SAFER_BENCH_PG_SERVER names), migrates it;
2. seeds SYNTHETIC casework: three partner organisations, caseworkers (each with a confirmed TOTP device),
   incidents, cases (a share of the council's shared with the police), people, notes and timeline events;
3. signs every caseworker in server-side: a session that has passed two-factor (the OTP device id in the
   session, exactly what verifying a code stores), plus a CSRF cookie whose value goes in X-CSRFToken;
4. starts gunicorn on the app with DEBUG off (sync workers, 2 x cores + 1, by default), and drives it with wrk
   (benchmarks/casework_load.lua): list my cases (page), open a case page, add an incident (API),
   add a note (API), spread over the caseworkers and their cases (`--reads api`: list and open through
   the API too); gunicorn's access log gives the server time per request kind;
5. runs the same wrk settings against the app's static /health endpoint (no database) as the ceiling;
   with --rounds N, steps 4 and 5 alternate N times and are pooled, so a host whose speed drifts during the run
   (seen on 2026-12-04: the same code's share was 6.3% to 9.4% in consecutive single runs) slows both alike;
6. prints requests/s, p50/p95/p99 latency and error counts side by side, and drops the database.

Target (issue 17, with Django's public APIs only): the mix at >= 8% of the /health ceiling measured in the same
run, p99 < 300 ms, no errors (issue 6's was >= 150 requests/s; machines differ, so the ratio is judged now).
--profile seeds the same way but, instead of gunicorn and wrk, replays the mix in-process with Django's
test client under pyinstrument and prints where the time goes (per request kind).

Why sync workers by default: a gthread worker keeps each kept-alive wrk connection for the whole run, so the
split of wrk's connections between workers decides the result. When all 16 land on one of two gthread workers,
that one process (one core, because of Python's GIL) serves everything and throughput halves while the other
core idles (seen here: 91-97 req/s with a 16/0 split, 150-170 with 8/8, same code, minutes apart). A sync worker
answers one request per connection, so every request goes to a free worker, as behind a reverse proxy that opens
a connection per request (nginx's default). With --worker-class gthread the split is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LUA_SCRIPT = Path(__file__).with_name("casework_load.lua")
# PostgreSQL over TCP, as the brief gives it; SAFER_BENCH_PG_SERVER=postgres://postgres@%2Fvar%2Frun%2Fpostgresql
# connects through the server's Unix socket instead (what a single-machine deployment would use; less kernel work per
# query, so the mix's share of the ceiling rises: reported beside, not instead of, the TCP figure).
PG_SERVER = os.environ.get("SAFER_BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
CSRF_SECRET_LENGTH = 32


# ---- Database lifecycle ---------------------------------------------------------------------------


def _admin_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)  # identifiers below are validated: letters, digits, underscores only


def database_create(name: str) -> None:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Database name {name!r} must be letters, digits and underscores only.")
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_execute(f'CREATE DATABASE "{name}"')


def database_drop(name: str) -> None:
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def configure_environment(database: str, var_dir: Path, redis_url: str = "") -> dict[str, str]:
    """The environment the seeding process and gunicorn share (same database, secret key and var dir).

    `redis_url` (--redis) runs the app as deployed with Redis: sessions read from Redis, written through to the
    database (safer/config/settings.py).
    """
    env = {
        "SAFER_REDIS_URL": redis_url,
        "DATABASE_URL": f"{PG_SERVER}/{database}",
        "SAFER_VAR_DIR": str(var_dir),
        "SAFER_SECRET_KEY": "casework-load-test-" + "x" * 40,
        "SAFER_DEBUG": "0",
        "SAFER_PRODUCTION": "0",
        "SAFER_HUEY_IMMEDIATE": "1",
        "DJANGO_SETTINGS_MODULE": "safer.config.settings",
    }
    os.environ.update(env)
    return {**os.environ, **env}


# ---- Seeding ----------------------------------------------------------------------------------------


def seed(*, caseworkers: int, cases_per_worker: int, seed_value: int = 6) -> list[dict[str, Any]]:
    """Synthetic organisations, caseworkers, incidents, cases, people, notes; returns each worker's login."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from safer.accounts.choices import AgencyKind, Role
    from safer.accounts.models import Organisation, User
    from safer.casework.choices import CaseEventKind, CaseStatus, PartyRole
    from safer.casework.models import (
        Case,
        CaseEvent,
        CaseIncident,
        CaseParty,
        CaseShare,
        Incident,
        Note,
        Person,
        ReferenceCounter,
    )

    rng = random.Random(seed_value)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    council = Organisation.objects.create(name="Load Test Council (synthetic)", kind=AgencyKind.COUNCIL)
    police = Organisation.objects.create(name="Load Test Police (synthetic)", kind=AgencyKind.POLICE)
    Organisation.objects.create(name="Load Test Housing (synthetic)", kind=AgencyKind.HOUSING)
    workers: list[User] = []
    for i in range(caseworkers):
        organisation = police if i % 3 == 1 else council  # two thirds council, one third police
        user = User(username=f"load{i:03d}", role=Role.CASEWORKER, organisation=organisation, first_name=f"Worker{i}")
        user.set_unusable_password()
        workers.append(user)
    User.objects.bulk_create(workers)
    workers = list(User.objects.filter(username__startswith="load").order_by("username"))
    TOTPDevice.objects.bulk_create([TOTPDevice(user=u, name="load", confirmed=True) for u in workers])

    now = timezone.now()
    year = timezone.localdate().year
    total_cases = caseworkers * cases_per_worker
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=f"Synthetic{i}",
                last_name="Person",
                postcode="OX1 1AA",
                recorded_by_organisation=workers[i % len(workers)].organisation,
            )
            for i in range(total_cases)
        ]
    )
    incidents = Incident.objects.bulk_create(
        [
            Incident(
                reference=f"INC-{year}-{i + 1:05d}",
                occurred_at=now - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440)),
                location_text=f"{rng.randint(1, 300)} Synthetic Street",
                asb_category=rng.choice(["personal", "nuisance", "environmental"]),
                asb_type=rng.choice(["Noise", "Intimidation", "Fly-tipping", "Vandalism"]),
                description="Synthetic incident for the load test.",
                receiving_organisation=workers[(i // 2) % len(workers)].organisation,
                recorded_by=workers[(i // 2) % len(workers)],
                area="Oxford",
            )
            for i in range(total_cases * 2)
        ]
    )
    cases = []
    for i in range(total_cases):
        officer = workers[i % len(workers)]
        opened = now - timedelta(days=rng.randint(1, 700))
        closed = rng.random() < 0.6
        cases.append(
            Case(
                reference=f"ASB-{year}-{i + 1:05d}",
                summary=f"Synthetic case {i}",
                owner_organisation=officer.organisation,
                officer=officer,
                area="Oxford",
                status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                outcome="resolved" if closed else "",
                opened_at=opened,
                closed_at=opened + timedelta(days=30) if closed else None,
                risk_level=rng.choice(["", "standard", "medium", "high"]),
                stage=rng.randint(0, 3),
            )
        )
    cases = Case.objects.bulk_create(cases)
    CaseIncident.objects.bulk_create(
        [
            CaseIncident(case=case, incident=incidents[2 * i + k], linked_by=case.officer)
            for i, case in enumerate(cases)
            for k in (0, 1)
        ]
    )
    CaseParty.objects.bulk_create(
        [
            CaseParty(case=case, person=people[i], role=PartyRole.VICTIM, added_by=case.officer)
            for i, case in enumerate(cases)
        ]
    )
    shares = [
        CaseShare(case=case, organisation=police, shared_by=case.officer, reason="Joint problem solving")
        for case in cases
        if case.owner_organisation_id == council.pk and rng.random() < 0.3
    ]
    CaseShare.objects.bulk_create(shares)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=CaseEventKind.OPENED,
                at=case.opened_at,
                actor=case.officer,
                organisation_name=case.owner_organisation.name,
            )
            for case in cases
        ]
    )
    Note.objects.bulk_create(
        [Note(case=case, text=f"Synthetic note {k}", author=case.officer) for case in cases for k in range(3)]
    )
    ReferenceCounter.objects.update_or_create(prefix="ASB", year=year, defaults={"last": total_cases})
    ReferenceCounter.objects.update_or_create(prefix="INC", year=year, defaults={"last": total_cases * 2})

    shared_refs = [s.case.reference for s in shares]
    logins = []
    for user in workers:
        device = TOTPDevice.objects.get(user=user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "safer.accounts.backends.OrganisationModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["otp_device_id"] = device.persistent_id  # what a verified two-factor sign-in stores
        session.create()
        own = list(Case.objects.filter(officer=user).values_list("reference", flat=True))
        visible = own + (rng.sample(shared_refs, min(10, len(shared_refs))) if user.organisation == police else [])
        csrf = get_random_string(CSRF_SECRET_LENGTH)
        logins.append(
            {
                "username": user.username,
                "cookie": f"sessionid={session.session_key}; csrftoken={csrf}",
                "session": session.session_key,
                "csrf": csrf,
                "cases": visible,
            }
        )
    print(
        f"Seeded {len(workers)} caseworkers, {len(cases)} cases, {len(incidents)} incidents, {len(shares)} shares "
        f"in {time.perf_counter() - started:.1f} s (all synthetic).",
        file=sys.stderr,
    )
    from django.db import connections

    connections.close_all()
    return logins


def write_lua_data(logins: list[dict[str, Any]], path: Path) -> None:
    def quote(value: str) -> str:
        return json.dumps(value)  # a JSON string literal is a valid Lua string literal for these values

    lines = ["users = {"]
    for login in logins:
        cases = ", ".join(quote(ref) for ref in login["cases"])
        lines.append(f"  {{cookie = {quote(login['cookie'])}, csrf = {quote(login['csrf'])}, cases = {{{cases}}}}},")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n")


# ---- Running the server and wrk --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gunicorn_start(
    env: dict[str, str], *, port: int, workers: int, threads: int, log: Path, worker_class: str = "sync"
) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "safer.config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *(["--threads", str(threads)] if worker_class == "gthread" else []),
        "--worker-class",
        worker_class,
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--access-logfile",
        str(log.with_name("access.log")),
        "--access-logformat",
        "%(m)s %(U)s %(s)s %(D)s",
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited early; see {log}") from None
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start listening on port {port} within 60 s; see {log}")


def wrk_run(*, url: str, data: Path, mode: str, duration: int, connections: int, threads: int) -> dict[str, Any]:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "-s",
        str(LUA_SCRIPT),
        url,
        "--",
        str(data),
        mode,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next((x for x in output.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no RESULT line:\n{output}")
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    ok = sum(v for k, v in result["statuses"].items() if k.startswith(("2", "3")))
    result["errors"] = (
        result["requests"]
        - ok
        + result["connect_errors"]
        + result["read_errors"]
        + result["write_errors"]
        + result["timeouts"]
    )
    return result


def _kind_of(method: str, path: str) -> str:
    if method == "POST":
        return "add a note" if path.endswith("/notes") else "add an incident"
    if path.rstrip("/").endswith("/cases"):
        return "list my cases"
    return "open a case"


def server_times(access_log: Path, since_line: int) -> tuple[str, int]:
    """Server-side time per request kind from gunicorn's access log (lines after `since_line`)."""
    lines = access_log.read_text().splitlines()
    times: dict[str, list[float]] = {}
    for line in lines[since_line:]:
        parts = line.split()
        if len(parts) == 4 and parts[1] != "/health":  # the mix's requests only (rounds interleave /health)
            times.setdefault(_kind_of(parts[0], parts[1]), []).append(int(parts[3]) / 1000)
    rows = []
    for kind, values in sorted(times.items()):
        values.sort()

        def pct(p: float, values: list[float] = values) -> float:
            return values[min(len(values) - 1, int(p * len(values)))]

        rows.append(
            f"  {kind:16} n={len(values):6}  p50 {pct(0.5):7.1f} ms  p95 {pct(0.95):7.1f}  p99 {pct(0.99):7.1f}"
        )
    return "\n".join(rows), len(lines)


def _process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_processes(master: int) -> dict[str, list[int]]:
    """The gunicorn master and its workers."""
    workers = [
        int(p) for p in subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    ]
    return {"gunicorn": [master, *workers]}


def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(processes: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far: gunicorn, wrk (this script's finished children) and the rest of the machine.

    PostgreSQL backends come and go during a run (connections are recycled after CONN_MAX_AGE), so they are
    counted in "postgres and the rest": the machine's busy time less gunicorn and wrk.
    """
    import resource

    snapshot = {group: sum(_process_cpu_seconds(pid) for pid in pids) for group, pids in processes.items()}
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    snapshot["wrk"] = children.ru_utime + children.ru_stime
    snapshot["postgres and the rest"] = _machine_busy_seconds() - snapshot["gunicorn"] - snapshot["wrk"]
    return snapshot


def cpu_per_request(spent: dict[str, float], requests: int) -> str:
    """CPU milliseconds per request for each group (`spent`: CPU seconds by group during the mix's runs): what the
    two cores were spent on."""
    parts = {group: 1000 * seconds / max(requests, 1) for group, seconds in spent.items()}
    total = sum(parts.values())
    shown = ", ".join(f"{group} {ms:.1f}" for group, ms in parts.items())
    capacity = 1000 * (os.cpu_count() or 1) / total if total else 0.0
    return (
        f"CPU per request during the mix (ms): {shown}; total {total:.1f} ms, so {os.cpu_count()} cores "
        f"fully used by this benchmark alone would serve about {capacity:.0f} requests/s."
    )


def connections_per_worker(port: int, after: float) -> threading.Thread:
    """After `after` seconds, print how many established connections each gunicorn worker holds (from `ss`)."""

    def report() -> None:
        time.sleep(after)
        listing = subprocess.run(
            ["ss", "-tnpH", "state", "established", "sport", "=", f":{port}"], capture_output=True, text=True
        ).stdout
        split = sorted(Counter(re.findall(r"pid=(\d+)", listing)).values(), reverse=True)
        print(f"Connections per gunicorn worker mid-run: {split or 'none'} (gthread keeps each one on its worker).")

    thread = threading.Thread(target=report, daemon=True)
    thread.start()
    return thread


def warm_up(url: str, data: Path, connections: int, access_log: Path) -> None:
    """Fill connection pools and template caches before measuring, and let the server go quiet.

    Requests wrk leaves behind when it stops (accepted, or queued in the kernel) are still served afterwards;
    the measured run starts only when gunicorn's access log has not grown for a second, so they do not stall it.
    On a busy machine workers can still be starting after the first two rounds (seen: 80 s to boot five workers at
    load average 18), so warming up goes on, up to 30 rounds, until a round has answered requests without errors.
    """
    for attempt, duration in enumerate((5, 3, *[5] * 28)):
        result = wrk_run(url=url, data=data, mode="mix", duration=duration, connections=connections, threads=2)
        wait_until_quiet(access_log)
        if attempt >= 1 and result["requests"] > 0 and result["errors"] == 0:
            return
        if attempt >= 1:
            print(f"Warm-up round {attempt + 1}: {result['errors']} errors; warming up again.", file=sys.stderr)


def wait_until_quiet(access_log: Path, quiet: float = 1.0, limit: float = 60.0) -> None:
    """Return once the access log has not grown for `quiet` seconds (or after `limit` seconds)."""
    deadline = time.monotonic() + limit
    size = -1
    while time.monotonic() < deadline:
        current = access_log.stat().st_size if access_log.exists() else 0
        if current == size:
            return
        size = current
        time.sleep(quiet)


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several wrk runs of one kind as one: requests and errors summed over their summed duration; each latency
    percentile is the worst of the runs' (wrk reports percentiles per run, which cannot be merged exactly)."""
    if len(runs) == 1:
        return runs[0]
    total: dict[str, Any] = {"kinds": Counter(), "statuses": Counter()}
    for key in ("requests", "duration_us", "errors", "connect_errors", "read_errors", "write_errors", "timeouts"):
        total[key] = sum(run[key] for run in runs)
    for key in ("p50_us", "p95_us", "p99_us", "max_us"):
        total[key] = max(run[key] for run in runs)
    for run in runs:
        total["kinds"].update(run["kinds"])
        total["statuses"].update(run["statuses"])
    total["kinds"], total["statuses"] = dict(total["kinds"]), dict(total["statuses"])
    total["rps"] = total["requests"] / (total["duration_us"] / 1e6)
    return total


def rounds_table(mixes: list[dict[str, Any]], healths: list[dict[str, Any]]) -> str:
    """Each round's mix beside the /health run that followed it: how much the host's speed moved during the run."""
    lines = ["| round | mix requests/s | /health requests/s | share |", "| --- | --- | --- | --- |"]
    for number, (mix, health) in enumerate(zip(mixes, healths, strict=True), start=1):
        share = mix["rps"] / health["rps"] if health["rps"] else 0.0
        lines.append(f"| {number} | {mix['rps']:.0f} | {health['rps']:.0f} | {100 * share:.1f}% |")
    return "\n".join(lines) + "\n"


def summarise(mix: dict[str, Any], health: dict[str, Any], args: argparse.Namespace) -> str:
    def row(name: str, r: dict[str, Any]) -> str:
        return (
            f"| {name} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | "
            f"{r['p99_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} | {r['errors']} | {r['requests']} |"
        )

    share = mix["rps"] / health["rps"] if health["rps"] else 0.0
    target_met = share >= 0.08 and mix["p99_us"] < 300_000 and mix["errors"] == 0
    lines = [
        f"Casework load test, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        f"gunicorn {args.worker_class} {args.workers} workers"
        + (f" x {args.threads} threads" if args.worker_class == "gthread" else "")
        + f"; wrk {args.wrk_threads} threads, "
        f"{args.connections} connections, {args.duration} s per run"
        + (f", {args.rounds} rounds of mix then /health, pooled" if args.rounds > 1 else "")
        + f"; {args.caseworkers} caseworkers x "
        f"{args.cases_per_worker} cases seeded (synthetic), PostgreSQL at {PG_SERVER}; reads via {args.reads}.",
        "",
        "| run | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | requests |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        row("caseworker mix", mix),
        row("static /health (ceiling)", health),
        "",
        f"Mix: {json.dumps(mix['kinds'], sort_keys=True)}; statuses {json.dumps(mix['statuses'], sort_keys=True)}; "
        + ", ".join(f"{k} {mix[k]}" for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
        + ".",
        f"Load average before / after: {args.load_before} / {os.getloadavg()[0]:.1f} (other work on the machine).",
        f"Mix throughput is {100 * share:.1f}% of the health ceiling.",
        f"Target >= 8% of the ceiling, p99 < 300 ms, no errors: {'MET' if target_met else 'MISSED'}.",
    ]
    return "\n".join(lines)


# ---- Profiling ---------------------------------------------------------------------------------------


def profile(logins: list[dict[str, Any]], requests: int, kinds: list[str]) -> None:
    """Replay the mix in-process under pyinstrument and print where the time goes."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    rng = random.Random(1)
    clients = []
    for login in logins:
        client = Client(HTTP_X_CSRFTOKEN=login["csrf"])
        client.cookies["sessionid"] = login["session"]
        client.cookies["csrftoken"] = login["csrf"]
        clients.append((client, login))

    def one(kind: str) -> int:
        client, login = rng.choice(clients)
        ref = rng.choice(login["cases"])
        if kind == "list":
            return client.get("/casework/cases/?mine=1&status=open").status_code
        if kind == "case":
            return client.get(f"/casework/cases/{ref}/").status_code
        if kind == "api_list":
            return client.get("/api/casework/cases?mine=true&status=open&limit=20").status_code
        if kind == "api_case":
            return client.get(f"/api/casework/cases/{ref}").status_code
        if kind == "health":
            return client.get("/health").status_code
        if kind == "incident":
            body = {
                "occurred_at": "2026-11-01T10:00:00+00:00",
                "location_text": "Profile Road",
                "asb_category": "nuisance",
                "asb_type": "Noise",
                "description": "Synthetic profiling incident",
            }
            return client.post("/api/casework/incidents", json.dumps(body), content_type="application/json").status_code
        return client.post(
            f"/api/casework/cases/{ref}/notes", json.dumps({"text": "Profile note"}), content_type="application/json"
        ).status_code

    print("Per request kind, in-process without the profiler (CPU = this Python process only, not PostgreSQL):")
    print("('health' here carries the session cookie, so it is the cost of the signed-in middleware stack)")
    timed_kinds = ("health", "list", "case", "api_list", "api_case", "incident", "note")
    # A test client loads the middleware on its first request (WhiteNoise then lists every static file): 8-10 ms of
    # CPU, once per client. Without this, the first use of each of the 30 clients fell in whichever kind was being
    # timed or profiled and inflated it (2026-12-03: "health" 2.4 ms, 1.4 ms with every client warmed first).
    for client, _login in clients:
        client.get("/health")
    for kind in timed_kinds:
        for _ in range(5):
            one(kind)  # warm every code path first, so the first kind timed does not pay for imports
    for kind in timed_kinds:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            one(kind)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {kind:9} wall {1000 * wall / requests:6.1f} ms  CPU {1000 * cpu / requests:5.1f} ms")
    for kind in kinds:
        profiler = Profiler(interval=0.0005)
        queries: dict[str, list[float]] = {}

        def timed(execute: Any, sql: str, params: Any, many: bool, context: Any, queries: dict = queries) -> Any:
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.setdefault(sql[:160], []).append(time.perf_counter() - began)

        started = time.perf_counter()
        with profiler, connection.execute_wrapper(timed):
            statuses = [one(kind) for _ in range(requests)]
        elapsed = time.perf_counter() - started
        sql_total = sum(sum(v) for v in queries.values())
        count = sum(len(v) for v in queries.values())
        print(
            f"\n===== {kind}: {requests} requests, {1000 * elapsed / requests:.1f} ms each "
            f"({count / requests:.1f} queries, {1000 * sql_total / requests:.1f} ms in SQL per request), "
            f"statuses {set(statuses)}"
        )
        slowest = sorted(queries.items(), key=lambda item: -sum(item[1]))[:8]
        for sql, times in slowest:
            print(f"  {1000 * sum(times) / requests:6.1f} ms/request  x{len(times) / requests:.1f}  {sql}")
        text = profiler.output_text(unicode=False, color=False, show_all=os.environ.get("PROFILE_ALL") == "1")
        print(text[: int(os.environ.get("PROFILE_CHARS", "6000"))])
        if os.environ.get("PROFILE_FUNCTIONS") == "1":  # the functions with the most own time, by cProfile
            import cProfile
            import pstats

            functions = cProfile.Profile()
            with functions:
                for _ in range(requests):
                    one(kind)
            order, lines = os.environ.get("PROFILE_SORT", "tottime"), int(os.environ.get("PROFILE_LINES", "25"))
            stats = pstats.Stats(functions)
            stats.sort_stats(order).print_stats(lines)
            _print_own_time_by_package(stats, requests)


_PACKAGES = (
    ("django/template", "Django templates"),
    ("django/db", "Django ORM"),
    ("django/utils", "Django utils (escaping, lazy strings, dates)"),
    ("django/urls", "Django URL reversing"),
    ("django/", "Django other (requests, middleware, sessions, auth)"),
    ("psycopg", "psycopg (includes waiting for PostgreSQL)"),
    ("ninja", "django-ninja"),
    ("pydantic", "pydantic"),
    ("/safer/", "safer"),
)


def _print_own_time_by_package(stats: Any, requests: int) -> None:
    """cProfile's own time per request, summed by package (PROFILE_FUNCTIONS=1)."""
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        label = next((name for key, name in _PACKAGES if key in filename), "Python and other libraries")
        totals[label] = totals.get(label, 0.0) + own
    print("Own time per request by package (under cProfile, so inflated):")
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {1000 * seconds / requests:6.2f} ms  {label}")


# ---- Main ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds per measured run (default 60)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="alternate the mix and /health this many times, --duration each, and pool them (default 1)",
    )
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync", help="gunicorn worker class")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: sync 2 x cores + 1, gthread one per core)"
    )
    parser.add_argument("--threads", type=int, default=8, help="gthread threads per worker (default 8)")
    parser.add_argument("--caseworkers", type=int, default=30)
    parser.add_argument("--cases-per-worker", type=int, default=60)
    parser.add_argument("--database", default=f"safer_bench_casework_{os.getpid()}")
    parser.add_argument("--keep-database", action="store_true", help="do not drop the database afterwards")
    parser.add_argument(
        "--redis",
        default="",
        metavar="URL",
        help="run with SAFER_REDIS_URL=URL, e.g. redis://127.0.0.1:6379/15 (sessions in Redis, written through)",
    )
    parser.add_argument("--profile", action="store_true", help="profile in-process with pyinstrument instead")
    parser.add_argument("--profile-requests", type=int, default=100)
    parser.add_argument("--profile-kinds", default="list,case,incident,note", help="request kinds to profile")
    parser.add_argument(
        "--reads",
        choices=["pages", "api"],
        default="pages",
        help="list my cases and open a case as web pages (default) or through the API",
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    args.workers = args.workers or (2 * cores + 1 if args.worker_class == "sync" else cores)
    if not args.profile and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: sudo apt-get install -y wrk")

    args.load_before = f"{os.getloadavg()[0]:.1f}"
    var_dir = Path(tempfile.mkdtemp(prefix="safer-casework-load-"))
    env = configure_environment(args.database, var_dir, args.redis)
    database_create(args.database)
    server: subprocess.Popen | None = None
    try:
        logins = seed(caseworkers=args.caseworkers, cases_per_worker=args.cases_per_worker)
        if args.profile:
            profile(logins, args.profile_requests, args.profile_kinds.split(","))
            return
        data = var_dir / "users.lua"
        write_lua_data(logins, data)
        port = free_port()
        log = var_dir / "gunicorn.log"
        server = gunicorn_start(
            env, port=port, workers=args.workers, threads=args.threads, log=log, worker_class=args.worker_class
        )
        url = f"http://127.0.0.1:{port}"
        access = log.with_name("access.log")
        warm_up(url, data, args.connections, access)
        common = {"url": url, "data": data, "duration": args.duration, "connections": args.connections}
        _, seen = server_times(access, 0)
        processes = server_processes(server.pid)
        split = connections_per_worker(port, args.duration / 2) if args.worker_class == "gthread" else None
        mixes, healths, cpu_seconds = [], [], Counter[str]()
        for _ in range(args.rounds):
            cpu_before = cpu_snapshot(processes)
            mixes.append(wrk_run(mode="mix" if args.reads == "pages" else "api", threads=args.wrk_threads, **common))
            cpu_after = cpu_snapshot(processes)
            cpu_seconds.update({group: cpu_after[group] - cpu_before[group] for group in cpu_before})
            if split is not None:
                split.join()
                split = None
            wait_until_quiet(access)
            healths.append(wrk_run(mode="health", threads=args.wrk_threads, **common))
            wait_until_quiet(access)
        mix, health = pooled(mixes), pooled(healths)
        cpu_mix = cpu_per_request(dict(cpu_seconds), mix["requests"])
        mix_server, seen = server_times(access, seen)
        if args.rounds > 1:
            print(rounds_table(mixes, healths))
        print(summarise(mix, health, args))
        print(f"\nServer time per request kind during the mix (gunicorn access log):\n{mix_server}")
        print(f"\n{cpu_mix}")
        errors = log.read_text().strip()
        if errors:
            print(f"\ngunicorn log ({log}):\n{errors[-3000:]}", file=sys.stderr)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep_database:
            database_drop(args.database)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
