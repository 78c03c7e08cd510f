"""Load test on the real stack: participants practise, teachers follow, a profile builds.

Usage: ``.venv/bin/python scripts/load_test.py [--participants 200] [--duration 60] [--json]``

On this machine only (loopback): a scratch PostgreSQL database (``hurtigspor_load``, created and
dropped here), the local Redis, gunicorn with several gthread workers and one ``hurtigspor worker``
(RQ), as ``docs/OPERATIONS.md`` describes (``scripts/_stack.py``).  Setup goes through the app's
services: one school, teachers, classes of 15, two employers with published starter profiles, and
``--participants`` participants with placements.  Every participant logs in, then:

1. ``hello`` phase: a closed loop of ``--hello-clients`` clients on the bare ``/api/v1/hello``
   (no database) for ``--hello-seconds``: the same app's throughput here (``hello_rps``).
2. Mixed phase (``--duration`` seconds): every participant fetches today's session and answers its
   items one by one (a batch of 2-3 now and then, as a phone does after being offline), each answer
   with a unique client id, thinking ``--think-ms`` on average; about one batch in ten is sent again
   (must come back ``duplicate``); now and then they open their practice and progress pages.
   ``--teachers`` teachers open class dashboards, class pages and participant pages, and one of them
   starts a profile build (the ``build_profile`` job on the RQ worker) and polls its status.
   A probe calls ``/api/v1/hello`` twice a second, for its latency under load.
3. Saturation phase (``--saturate-seconds``): the same participants submit without thinking, for the
   highest answer throughput the stack sustains (``submit_capacity_rps``).

An error is any response outside 2xx/3xx, any exception, an answer not ``stored`` on first send
or not ``duplicate`` on a replay.  At the end the database must hold exactly one row per stored
answer.  Prints one JSON object as the last line (``errors``, ``p95_ms`` per operation, ``rps``,
``hello_rps``, ...) and writes ``benchmarks/results/load.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stack import (  # noqa: E402 - after the path tweak
    DEFAULT_PG_ADMIN,
    DEFAULT_REDIS,
    ROOT,
    create_schema,
    log,
    machine_info,
    make_app,
    percentile,
    postgres_version,
    running_stack,
    scratch_database,
    simulated_response,
)

RESULT = ROOT / "benchmarks" / "results" / "load.json"
PASSWORD = "last-passord-2026"  # noqa: S105 - scratch database only
CLASS_SIZE = 15
#: New items a day per participant (the teacher setting; default 10): enough for the whole run.
NEW_ITEMS_PER_DAY = 100  # the most a teacher can set
SECTORS = ("lager", "renhold")
LANGUAGES = ("arabisk", "ukrainsk")
TIMEOUT = 60.0

#: Written for this test (no corpus text): the kind of routine a warehouse gives new staff.
BUILD_TEXT = """\
Velkommen til lageret. Alle nye medarbeidere må bruke vernesko og refleksvest i hele lagerhallen.
Truckene kjører ofte fort, så gå alltid innenfor det merkede gangfeltet. Før du løfter en tung
pall, må du sjekke vekten på etiketten. Bruk jekketralle når kartongene er tunge, og be en kollega
om hjelp hvis du er usikker.

Varemottaket åpner klokka sju. Sjåføren leverer fraktbrevet, og du kontrollerer at antall kolli
stemmer med pakkseddelen. Skadet gods skal fotograferes og meldes til skiftlederen med en gang.
Kjølevarer settes på kjølelageret innen femten minutter.

Plukklisten viser hylleplass, varenummer og antall. Skann strekkoden før du legger varen i
plukkvogna. Hvis en hylle er tom, registrerer du et avvik i håndterminalen. Pakk varene godt,
og merk pallen med riktig adresselapp før den settes i utsendingssonen.

Ved brannalarm går alle rolig til møteplassen ved porten. Nødutgangene må aldri blokkeres med
paller eller esker. Pausen er klokka elleve, og lunsjen varer en halvtime. Husk å stemple inn og
ut på terminalen ved inngangen. Spør skiftlederen hvis du lurer på noe.
"""


class LoadTestError(RuntimeError):
    """The load test could not be set up or run."""


# --- setup ---------------------------------------------------------------------------------------


@dataclass
class World:
    """What the setup created, by id."""

    participant_usernames: list[str]
    participant_ids: list[int]
    teacher_usernames: list[str]
    class_ids: list[int]
    build_profile_id: int
    organisation_id: int


def seed(app: Any, *, participants: int, teachers: int) -> World:
    """One school with teachers, classes of 15, two employers with published profiles."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import ProfilePhrase, ProfileTerm, Role
    from webapp.services import accounts, classes, employers, practice, profiles
    from webapp.services import participants as psvc
    from webapp.services.organisations import create_organisation

    with app.app_context():
        s = db.session
        org = create_organisation(s, name="Lasttest voksenopplæring", kind="school")
        teacher_users = [
            accounts.create_user(
                s,
                organisation=org,
                role=Role.TEACHER,
                display_name=f"Lærer {n + 1}",
                username=f"lastlaerer{n + 1}",
                password=PASSWORD,
            )
            for n in range(teachers)
        ]
        employer_rows = []
        for n, sector in enumerate(SECTORS):
            employer = employers.create_employer(
                s,
                organisation_id=org.id,
                name=f"Lasttest {sector.capitalize()} AS",
                sector=sector,
                address="Oslo",
            )
            profile = profiles.create_profile(
                s,
                organisation_id=org.id,
                name=f"Lasttest – {sector}",
                employer_id=employer.id,
                starter_sector=sector,
                created_by_id=teacher_users[n % teachers].id,
            )
            draft = profiles.draft_version(s, profile)
            if draft is None:
                raise LoadTestError(f"the {sector} starter profile made no draft")
            term_ids = list(
                s.scalars(select(ProfileTerm.id).where(ProfileTerm.version_id == draft.id))
            )
            phrase_ids = list(
                s.scalars(select(ProfilePhrase.id).where(ProfilePhrase.version_id == draft.id))
            )
            profiles.bulk_terms(s, profile, term_ids, action="accept")
            if phrase_ids:
                profiles.bulk_phrases(s, profile, phrase_ids, action="accept")
            profiles.publish(s, profile, user_id=teacher_users[0].id)
            employer_rows.append(employer)
        # The profile a teacher builds during the run: its own, not practised by anyone.
        build_profile = profiles.create_profile(
            s, organisation_id=org.id, name="Lasttest – ny lagerprofil", sector="lager"
        )
        profiles.add_paste(s, build_profile, text=BUILD_TEXT, title="Lagerrutiner")
        class_rows = [
            classes.create_class(
                s,
                organisation_id=org.id,
                name=f"Lastklasse {n + 1}",
                start_date=dt.date(2026, 8, 17),
            )
            for n in range(math.ceil(participants / CLASS_SIZE))
        ]
        for row in class_rows:
            # Teachers raised the daily cap of new items, so that 75 s of answering without a
            # pause never empties a participant's session (10 a day is the default).
            practice.save_class_settings(s, row.id, new_items_per_day=NEW_ITEMS_PER_DAY)
        hashed = accounts.hash_secret(PASSWORD)
        usernames: list[str] = []
        ids: list[int] = []
        for n in range(participants):
            person = psvc.create_participant(
                s,
                org,
                psvc.ParticipantData(
                    full_name=f"Deltaker Lasttest {n + 1:03d}",
                    first_language=LANGUAGES[n % len(LANGUAGES)],
                ),
            )
            person.user.password_hash = hashed
            classes.enrol(s, class_rows[n // CLASS_SIZE], person, joined_on=dt.date(2026, 8, 17))
            employers.save_placement(
                s,
                organisation_id=org.id,
                participant=person,
                employer=employer_rows[(n // 2) % len(employer_rows)],
                workplace_id=None,
                mentor_id=None,
                phase="praksis",
                status="active",
                planned_start=dt.date(2026, 10, 1),
                planned_end=dt.date(2027, 1, 29),
            )
            usernames.append(person.user.username)
            ids.append(person.id)
        s.commit()
        world = World(
            participant_usernames=usernames,
            participant_ids=ids,
            teacher_usernames=[u.username for u in teacher_users],
            class_ids=[c.id for c in class_rows],
            build_profile_id=build_profile.id,
            organisation_id=org.id,
        )
        db.engine.dispose()
    return world


# --- recording -----------------------------------------------------------------------------------


@dataclass
class Recorder:
    """Latencies per operation and errors, shared by every client thread."""

    phase: str = "setup"
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    done_for_today: int = 0  # empty sessions after answering: correct, not an error
    error_samples: list[str] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, op: str, ms: float) -> None:
        with self.lock:
            self.latencies[f"{self.phase}:{op}"].append(ms)
            self.requests[self.phase] += 1

    def error(self, op: str, detail: str) -> None:
        with self.lock:
            self.errors[f"{self.phase}:{op}"] += 1
            self.requests[self.phase] += 1
            if len(self.error_samples) < 20:
                self.error_samples.append(f"{self.phase}:{op}: {detail}"[:300])

    def ms(self, phase: str, op: str) -> list[float]:
        return list(self.latencies.get(f"{phase}:{op}", []))


class Budget:
    """A hard cap on the number of requests the whole run may send."""

    def __init__(self, limit: int) -> None:
        self._left = limit
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


@dataclass
class Client:
    """One logged-in browser or phone (a ``requests.Session`` with its cookies)."""

    base: str
    rec: Recorder
    budget: Budget
    username: str = ""
    http: Any = None
    csrf: str = ""

    def call(
        self, op: str, method: str, path: str, *, expect: tuple[int, ...] = (), **kwargs: Any
    ) -> Any:
        """One timed request; returns the response, or ``None`` after recording an error."""
        if not self.budget.take():
            return None
        t0 = time.perf_counter()
        try:
            response = self.http.request(
                method, self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs
            )
        except Exception as e:  # noqa: BLE001 - every failure is counted as an error
            self.rec.error(op, f"{type(e).__name__}: {e}")
            return None
        elapsed = (time.perf_counter() - t0) * 1000
        good = 200 <= response.status_code < 400
        if expect:
            good = response.status_code in expect
        if not good:
            self.rec.error(op, f"{method} {path} -> {response.status_code}")
            return None
        self.rec.ok(op, elapsed)
        return response


def login(base: str, rec: Recorder, budget: Budget, username: str) -> Client:
    """Log in through the form, as a person does."""
    import requests

    client = Client(base, rec, budget, username, requests.Session())
    page = client.call("login_page", "GET", "/logg-inn")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text) if page else None
    if token is None:
        raise LoadTestError(f"no login form for {username}")
    done = client.call(
        "login",
        "POST",
        "/logg-inn",
        data={"csrf_token": token.group(1), "username": username, "password": PASSWORD},
        expect=(302, 303),
    )
    if done is None:
        raise LoadTestError(f"login failed for {username}")
    return client


def _form_token(html: str) -> str | None:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return found.group(1) if found else None


# --- participants --------------------------------------------------------------------------------


@dataclass
class Learner:
    """A simulated participant: a client, today's items, and what it stored."""

    client: Client
    rng: random.Random
    items: list[dict[str, Any]] = field(default_factory=list)
    sent: list[list[dict[str, Any]]] = field(default_factory=list)
    stored: set[str] = field(default_factory=set)
    answered: int = 0
    replays: int = 0

    def fetch_session(self) -> bool:
        response = self.client.call("fetch_session", "GET", "/api/v1/session")
        if response is None:
            return False
        data = response.json()
        self.client.csrf = data.get("csrf_token", self.client.csrf)
        self.items = list(data.get("items", []))
        if data.get("status") == "ok" and not self.items and self.answered:
            # Everything due is done and the day's new items are used up: what a real
            # participant sees after practising a lot; the server is right.
            with self.client.rec.lock:
                self.client.rec.done_for_today += 1
            return False
        if data.get("status") != "ok" or not self.items:
            self.client.rec.error("fetch_session", f"status {data.get('status')}, no items")
            return False
        return True

    def _post(self, op: str, batch: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        response = self.client.call(
            op,
            "POST",
            "/api/v1/answers",
            json={"answers": batch},
            headers={"X-CSRFToken": self.client.csrf},
        )
        return None if response is None else list(response.json().get("results", []))

    def answer(self, *, batch_size: int) -> None:
        if not self.items and not self.fetch_session():
            return
        batch = []
        for _ in range(min(batch_size, len(self.items))):
            item = self.items.pop(0)
            batch.append(
                {
                    "client_id": str(uuid.uuid4()),
                    "item_id": item["id"],
                    "response": simulated_response(item, self.rng),
                    "answered_at": dt.datetime.now(dt.UTC).isoformat(),
                    "duration_ms": self.rng.randint(2000, 9000),
                }
            )
        results = self._post("submit_answer", batch)
        if results is None:
            return
        for result in results:
            if result.get("status") == "stored":
                self.stored.add(result["client_id"])
            else:
                self.client.rec.error("submit_answer", f"first send came back {result}")
        self.answered += len(batch)
        self.sent.append(batch)

    def replay(self) -> None:
        """Send an earlier batch again, as a phone does when it never saw the reply."""
        batch = self.rng.choice(self.sent)
        results = self._post("replay_batch", batch)
        if results is None:
            return
        self.replays += 1
        for result in results:
            if result.get("status") != "duplicate":
                self.client.rec.error("replay_batch", f"replay came back {result.get('status')}")


def participant_loop(
    learner: Learner, *, stop_at: float, think_ms: float, replay_share: float, pages: bool
) -> None:
    """Answer until ``stop_at``; think ``think_ms`` on average between answers."""
    rng = learner.rng
    client = learner.client
    while time.monotonic() < stop_at:
        if think_ms > 0:
            time.sleep(
                min(rng.uniform(0.5, 1.5) * think_ms / 1000, max(0, stop_at - time.monotonic()))
            )
            if time.monotonic() >= stop_at:
                break
        roll = rng.random()
        page_share = 0.08 if pages else 0.0
        if roll < page_share / 2:
            client.call("page_practice", "GET", "/ov/")
        elif roll < page_share:
            client.call("page_my_progress", "GET", "/fremgang/")
        elif learner.sent and roll < page_share + replay_share:
            learner.replay()
        else:
            learner.answer(batch_size=1 if rng.random() < 0.85 else rng.randint(2, 3))


# --- teachers and the build -------------------------------------------------------------------


def teacher_loop(
    client: Client, world: World, *, stop_at: float, think_ms: float, seed_value: int
) -> None:
    """Open class dashboards, class pages and participant pages until ``stop_at``."""
    rng = random.Random(seed_value)  # noqa: S311 - not security
    while time.monotonic() < stop_at:
        time.sleep(min(rng.uniform(0.5, 1.5) * think_ms / 1000, max(0, stop_at - time.monotonic())))
        if time.monotonic() >= stop_at:
            break
        class_id = rng.choice(world.class_ids)
        roll = rng.random()
        if roll < 0.45:
            client.call("page_class_dashboard", "GET", f"/fremgang/klasse/{class_id}")
        elif roll < 0.75:
            client.call("page_class", "GET", f"/klasser/{class_id}")
        else:
            pid = rng.choice(world.participant_ids)
            client.call("page_participant_progress", "GET", f"/fremgang/deltaker/{pid}")


@dataclass
class BuildOutcome:
    """What happened to the profile build started during the run."""

    started: bool = False
    status: str = "not started"
    seconds: float | None = None
    during_load_seconds: float | None = None
    error: str | None = None
    polls: int = 0


def build_loop(
    client: Client,
    profile_id: int,
    *,
    start_delay: float,
    stop_at: float,
    wait_after: float,
    outcome: BuildOutcome,
) -> None:
    """Start the build as a teacher does (the form on the profile page), then poll its status."""
    time.sleep(start_delay)
    page = client.call("page_profile", "GET", f"/sprakprofiler/{profile_id}")
    token = _form_token(page.text) if page is not None else None
    if token is None:
        outcome.error = "no form token on the profile page"
        return
    started_at = time.monotonic()
    posted = client.call(
        "start_build", "POST", f"/sprakprofiler/{profile_id}/bygg", data={"csrf_token": token}
    )
    if posted is None:
        outcome.error = "the build could not be started"
        return
    outcome.started = True
    deadline = stop_at + wait_after
    while time.monotonic() < deadline:
        time.sleep(2.0)
        response = client.call("build_status", "GET", f"/sprakprofiler/{profile_id}/bygg/status")
        outcome.polls += 1
        if response is None:
            continue
        status = response.json()
        outcome.status = str(status.get("status"))
        if outcome.status in ("done", "failed"):
            outcome.seconds = round(time.monotonic() - started_at, 1)
            outcome.error = status.get("error")
            break
    end = min(time.monotonic(), stop_at)
    outcome.during_load_seconds = round(max(0.0, end - started_at), 1)


def hello_probe(client: Client, *, stop_at: float) -> None:
    """The bare endpoint twice a second, for its latency under the mixed load."""
    while time.monotonic() < stop_at:
        client.call("hello", "GET", "/api/v1/hello")
        time.sleep(0.5)


# --- phases --------------------------------------------------------------------------------------


def _run_threads(
    targets: list[tuple[Any, tuple[Any, ...], dict[str, Any]]], timeout: float
) -> None:
    threads = [
        threading.Thread(target=fn, args=args, kwargs=kwargs, daemon=True)
        for fn, args, kwargs in targets
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(timeout=max(0.1, deadline - time.monotonic()))
    alive = sum(t.is_alive() for t in threads)
    if alive:
        log(f"[load] {alive} client threads still running after the time limit (daemon; ignored)")


def hello_phase(base: str, rec: Recorder, budget: Budget, *, clients: int, seconds: float) -> float:
    """Closed-loop throughput of ``/api/v1/hello`` (requests per second)."""
    import requests

    rec.phase = "hello"
    stop_at = time.monotonic() + seconds

    def loop() -> None:
        client = Client(base, rec, budget, "hello", requests.Session())
        while time.monotonic() < stop_at:
            client.call("hello", "GET", "/api/v1/hello")

    t0 = time.perf_counter()
    _run_threads([(loop, (), {}) for _ in range(clients)], seconds + 30)
    elapsed = time.perf_counter() - t0
    return round(len(rec.ms("hello", "hello")) / elapsed, 1)


def _login_all(
    base: str, rec: Recorder, budget: Budget, usernames: list[str], *, parallel: int
) -> list[Client]:
    out: list[Client | None] = [None] * len(usernames)
    lock = threading.Lock()
    queue = list(enumerate(usernames))

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index, name = queue.pop()
            try:
                out[index] = login(base, rec, budget, name)
            except LoadTestError as e:
                rec.error("login", str(e))

    _run_threads([(worker, (), {}) for _ in range(parallel)], 600)
    return [c for c in out if c is not None]


def count_stored_answers(database_url: str, participant_ids: list[int]) -> int:
    """Answer rows in the database for these participants."""
    from _stack import psycopg_url
    from sqlalchemy import create_engine, func, select

    from webapp.models import Answer

    engine = create_engine(psycopg_url(database_url))
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count(Answer.id)).where(Answer.participant_id.in_(participant_ids))
                ).scalar_one()
            )
    finally:
        engine.dispose()


def job_rows(database_url: str) -> list[dict[str, Any]]:
    """Every background job row (kind, status, attempts, error)."""
    from _stack import psycopg_url
    from sqlalchemy import create_engine, select

    from webapp.models.jobs import BackgroundJob

    engine = create_engine(psycopg_url(database_url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    BackgroundJob.id,
                    BackgroundJob.kind,
                    BackgroundJob.status,
                    BackgroundJob.attempts,
                    BackgroundJob.error,
                )
            ).all()
    finally:
        engine.dispose()
    return [dict(r._mapping) for r in rows]


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Set up, run the three phases, check the database, and summarise."""
    from webapp.services.jobs import registered_kinds

    rng = random.Random(args.seed)  # noqa: S311 - not security
    result: dict[str, Any] = {
        "machine": machine_info(),
        "config": {
            "participants": args.participants,
            "teachers": args.teachers,
            "duration_s": args.duration,
            "think_ms": args.think_ms,
            "replay_share": args.replay_share,
            "gunicorn": {"workers": args.web_workers, "threads": args.threads, "class": "gthread"},
            "rq_workers": 1,
            "hello_clients": args.hello_clients,
            "saturate_seconds": args.saturate_seconds,
        },
    }
    with scratch_database(args.database, admin_url=args.pg_admin, keep=args.keep_db) as db_url:
        result["machine"]["postgresql"] = postgres_version(db_url)
        app = make_app(db_url)
        create_schema(app)
        t0 = time.perf_counter()
        world = seed(app, participants=args.participants, teachers=args.teachers)
        result["seed_seconds"] = round(time.perf_counter() - t0, 1)
        has_build_job = "build_profile" in registered_kinds()
        log(
            f"[load] seeded {len(world.participant_ids)} participants in "
            f"{len(world.class_ids)} classes ({result['seed_seconds']} s)"
        )
        with running_stack(
            db_url,
            redis_url=args.redis,
            web_workers=args.web_workers,
            threads=args.threads,
            rq_workers=1,
        ) as stack:
            rec = Recorder()
            budget = Budget(args.max_requests)
            base = stack.url
            log("[load] logging in …")
            clients = _login_all(base, rec, budget, world.participant_usernames, parallel=8)
            teachers = _login_all(base, rec, budget, world.teacher_usernames, parallel=4)
            rec.phase = "warmup"
            learners = [
                Learner(c, random.Random(rng.random()))
                for c in clients  # noqa: S311
            ]
            log("[load] warm-up: first session of every participant …")
            _run_threads([(lrn.fetch_session, (), {}) for lrn in learners[:8]], 300)
            _run_threads([(lrn.fetch_session, (), {}) for lrn in learners[8:]], 300)
            for client in teachers[:1]:
                client.call("page_class_dashboard", "GET", f"/fremgang/klasse/{world.class_ids[0]}")

            log(f"[load] hello phase: {args.hello_clients} clients × {args.hello_seconds} s")
            hello_rps = hello_phase(
                base, rec, budget, clients=args.hello_clients, seconds=args.hello_seconds
            )
            log(f"[load] hello_rps {hello_rps}")

            log(
                f"[load] mixed phase: {len(learners)} participants, {len(teachers)} teachers, "
                f"{args.duration} s"
            )
            rec.phase = "mixed"
            import requests

            build = BuildOutcome(status="no build_profile job kind" if not has_build_job else "")
            stop_at = time.monotonic() + args.duration
            targets: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
                (
                    participant_loop,
                    (lrn,),
                    {
                        "stop_at": stop_at,
                        "think_ms": args.think_ms,
                        "replay_share": args.replay_share,
                        "pages": True,
                    },
                )
                for lrn in learners
            ]
            targets += [
                (
                    teacher_loop,
                    (client, world),
                    {"stop_at": stop_at, "think_ms": args.teacher_think_ms, "seed_value": n},
                )
                for n, client in enumerate(teachers[1:] or teachers)
            ]
            if has_build_job and teachers:
                targets.append(
                    (
                        build_loop,
                        (teachers[0], world.build_profile_id),
                        {
                            "start_delay": min(3.0, args.duration / 4),
                            "stop_at": stop_at,
                            "wait_after": args.build_wait,
                            "outcome": build,
                        },
                    )
                )
            probe = Client(base, rec, budget, "probe", requests.Session())
            targets.append((hello_probe, (probe,), {"stop_at": stop_at}))
            t_mixed = time.perf_counter()
            _run_threads(targets, args.duration + args.build_wait + 120)
            mixed_seconds = time.perf_counter() - t_mixed
            mixed_requests = rec.requests["mixed"]
            # Requests sent while the load ran (the build's status polls after it are excluded).
            load_requests = mixed_requests - max(
                0, build.polls - int((build.during_load_seconds or 0) / 2)
            )
            capacity = None
            if args.saturate_seconds > 0:
                log(
                    f"[load] saturation: {len(learners)} participants, no think time, "
                    f"{args.saturate_seconds} s"
                )
                rec.phase = "saturate"
                sat_stop = time.monotonic() + args.saturate_seconds
                t_sat = time.perf_counter()
                _run_threads(
                    [
                        (
                            participant_loop,
                            (lrn,),
                            {
                                "stop_at": sat_stop,
                                "think_ms": 0,
                                "replay_share": 0.0,
                                "pages": False,
                            },
                        )
                        for lrn in learners
                    ],
                    args.saturate_seconds + 120,
                )
                sat_elapsed = time.perf_counter() - t_sat
                capacity = round(len(rec.ms("saturate", "submit_answer")) / sat_elapsed, 1)
            health = requests.get(f"{base}/healthz", timeout=10).json()
        stored_ids = set().union(*(lrn.stored for lrn in learners)) if learners else set()
        in_db = count_stored_answers(db_url, world.participant_ids)
        jobs = job_rows(db_url)

    mixed_ops = sorted({k.split(":", 1)[1] for k in rec.latencies if k.startswith("mixed:")})
    p95 = {op: percentile(rec.ms("mixed", op), 0.95) for op in mixed_ops}
    p50 = {op: percentile(rec.ms("mixed", op), 0.50) for op in mixed_ops}
    counts = {op: len(rec.ms("mixed", op)) for op in mixed_ops}
    errors = sum(rec.errors.values())
    if in_db != len(stored_ids):
        errors += abs(in_db - len(stored_ids))
        rec.error_samples.append(
            f"database holds {in_db} answers, clients stored {len(stored_ids)}"
        )
    if has_build_job and build.status != "done":
        errors += 1
        rec.error_samples.append(f"profile build ended as {build.status!r}: {build.error}")
    result.update(
        {
            "errors": errors,
            "errors_by_operation": dict(rec.errors),
            "error_samples": rec.error_samples,
            "p95_ms": p95,
            "page_load_p95_ms": percentile(
                [ms for op in mixed_ops if op.startswith("page_") for ms in rec.ms("mixed", op)],
                0.95,
            ),
            "p50_ms": p50,
            "requests_by_operation": counts,
            "rps": round(load_requests / mixed_seconds, 1),
            "mixed_seconds": round(mixed_seconds, 1),
            "hello_rps": hello_rps,
            "hello_p95_ms_idle": percentile(rec.ms("hello", "hello"), 0.95),
            "submit_capacity_rps": capacity,
            "submit_p95_ms_saturated": percentile(rec.ms("saturate", "submit_answer"), 0.95),
            "warmup_session_p95_ms": percentile(rec.ms("warmup", "fetch_session"), 0.95),
            "login_p95_ms": percentile(rec.ms("setup", "login"), 0.95),
            "answers_stored": len(stored_ids),
            "sessions_done_for_today": rec.done_for_today,
            "answers_in_database": in_db,
            "replayed_batches": sum(lrn.replays for lrn in learners),
            "participants_logged_in": len(clients),
            "profile_build": {
                "job_kind_exists": has_build_job,
                "status": build.status,
                "seconds": build.seconds,
                "overlap_with_load_seconds": build.during_load_seconds,
                "error": build.error,
            },
            "jobs": jobs,
            "healthz_at_end": health,
            "requests_total": sum(rec.requests.values()),
        }
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON result line")
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--teachers", type=int, default=5, help="one of them starts the build")
    parser.add_argument("--duration", type=float, default=60.0, help="mixed phase, seconds")
    parser.add_argument(
        "--think-ms", type=float, default=5000.0, help="mean time a participant spends on one item"
    )
    parser.add_argument("--teacher-think-ms", type=float, default=4000.0)
    parser.add_argument(
        "--replay-share",
        type=float,
        default=0.08,
        help="share of actions that resend an earlier batch",
    )
    parser.add_argument("--hello-clients", type=int, default=16)
    parser.add_argument("--hello-seconds", type=float, default=10.0)
    parser.add_argument("--saturate-seconds", type=float, default=15.0)
    parser.add_argument(
        "--build-wait",
        type=float,
        default=240.0,
        help="how long to wait for the build after the mixed phase",
    )
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--database", default="hurtigspor_load")
    parser.add_argument("--pg-admin", default=DEFAULT_PG_ADMIN)
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULT, help="where to write the results")
    args = parser.parse_args(argv)

    result = run(args)
    result["machine"]["loadavg_at_end"] = machine_info().get("loadavg_1_5_15")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if not args.json:
        log(json.dumps(result, indent=2, ensure_ascii=False))
    summary = {
        "errors": result["errors"],
        "p95_ms": result["p95_ms"],
        "page_load_p95_ms": result["page_load_p95_ms"],
        "rps": result["rps"],
        "hello_rps": result["hello_rps"],
        "submit_capacity_rps": result["submit_capacity_rps"],
        "participants": args.participants,
        "duration_s": args.duration,
        "profile_build": result["profile_build"]["status"],
    }
    print(json.dumps(summary, ensure_ascii=False))  # noqa: T201 - the CLI's result line
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
