"""Practice benchmark: answer-submission latency under load, page weight, throttled first load.

Usage: ``.venv/bin/python scripts/bench_practice.py [--json] [--participants 50] [--answers 20]``

For SQLite and for PostgreSQL (``DATABASE_URL``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``;
a throwaway schema is used and dropped) it seeds participants with a published profile (the shipped
"lager" starter profile), starts the app under gunicorn on 127.0.0.1 (as deployed: 4 sync workers;
``--workers``/``--threads``), logs every participant in, and
runs ``--participants`` simulated participants at once (threads + ``requests``), each submitting
``--answers`` answers one at a time with a short think time, and calling the bare ``/api/v1/hello``
between answers, so both latencies come from the same run.  Loopback only; bounded in count and in
time (``--max-seconds``).  Then it measures the practice page's JS+CSS weight and its first load in
Chromium with network and CPU throttling (CDP ``Network.emulateNetworkConditions`` and
``Emulation.setCPUThrottlingRate``).

Prints one JSON object as the last line (``page_kb``, ``submit_p95_ms_sqlite``,
``submit_p95_ms_postgres``, ``hello_p95_ms``, ``errors``, ``first_load_ms`` …) and writes
``benchmarks/results/practice.json``.  Target: submit p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULT = ROOT / "benchmarks" / "results" / "practice.json"
SECRET = "bench-secret-not-for-production"  # noqa: S105 - local benchmark only
PASSWORD = "bench-passord"  # noqa: S105
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PAGE_FILES = ("practice/practice.js", "practice/practice.css", "hurtigspor.js", "hurtigspor.css")
CHROMIUM = "/usr/bin/chromium"
TARGET_P95_MS = 50.0


def _log(*args: Any) -> None:
    print(*args, file=sys.stderr, flush=True)  # noqa: T201 - CLI progress on stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _p(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 2)


# --- seeding -------------------------------------------------------------------------------


def seed(env: dict[str, str], participants: int) -> list[str]:
    """Create schema, a school, an employer with a published starter profile, and participants."""
    from _stack import publish_starter
    from sqlalchemy import text

    from webapp import create_app
    from webapp.extensions import db
    from webapp.services import accounts, classes, employers, practice
    from webapp.services import participants as psvc
    from webapp.services.organisations import create_organisation

    overrides: dict[str, Any] = {"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"]}
    if "HURTIGSPOR_SQLALCHEMY_ENGINE_OPTIONS" in env:
        overrides["SQLALCHEMY_ENGINE_OPTIONS"] = json.loads(
            env["HURTIGSPOR_SQLALCHEMY_ENGINE_OPTIONS"]
        )
    app = create_app(overrides)
    usernames: list[str] = []
    with app.app_context():
        if "HURTIGSPOR_BENCH_SCHEMA" in env:
            with db.engine.begin() as conn:
                conn.execute(
                    text(f'CREATE SCHEMA IF NOT EXISTS "{env["HURTIGSPOR_BENCH_SCHEMA"]}"')
                )
        db.create_all()
        journal = env.get("HURTIGSPOR_BENCH_SQLITE_JOURNAL")
        if journal and db.engine.dialect.name == "sqlite":
            # The journal mode is a property of the database file (it persists), like a deployment
            # setting; the app's own connections then use it too.
            with db.engine.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA journal_mode={journal}")
        s = db.session
        org = create_organisation(s, name="Benk VO", kind="school")
        kull = classes.create_class(
            s, organisation_id=org.id, name="Benk", start_date=dt.date(2026, 8, 17)
        )
        employer = employers.create_employer(
            s, organisation_id=org.id, name="Benk Lager AS", sector="lager", address="Oslo"
        )
        publish_starter(s, organisation_id=org.id, employer_id=employer.id, name="Benk – lager")
        practice.save_class_settings(s, kull.id, new_items_per_day=100, session_minutes=20)
        hashed = accounts.hash_secret(PASSWORD)
        for n in range(participants):
            person = psvc.create_participant(
                s,
                org,
                psvc.ParticipantData(full_name=f"Benk Deltaker{n:03d}", first_language="arabisk"),
            )
            person.user.password_hash = hashed
            classes.enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
            employers.save_placement(
                s,
                organisation_id=org.id,
                participant=person,
                employer=employer,
                workplace_id=None,
                mentor_id=None,
                phase="praksis",
                status="active",
                planned_start=dt.date(2026, 10, 1),
                planned_end=dt.date(2026, 12, 20),
            )
            usernames.append(person.user.username)
        s.commit()
        db.engine.dispose()
    return usernames


# --- the server ----------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_gunicorn(env: dict[str, str], *, workers: int, threads: int, workdir: Path) -> Server:
    import requests

    port = _free_port()
    log_path = workdir / f"gunicorn-{port}.log"
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    command = [
        gunicorn,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        # As deployed (Procfile, systemd unit): sync workers; threads > 1 needs gthread.
        "sync" if threads == 1 else "gthread",
        "--bind",
        f"127.0.0.1:{port}",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "webapp:create_app()",
    ]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603 - fixed command, loopback only
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log_path}")
        try:
            if requests.get(f"{url}/api/v1/hello", timeout=2).ok:
                return Server(process, url, log_path)
        except requests.RequestException:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start in 60 s")


# --- simulated participants -----------------------------------------------------------------


@dataclass
class Participant:
    username: str
    http: Any = None
    csrf: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)


def login(base: str, username: str) -> Participant:
    import requests

    http = requests.Session()
    page = http.get(f"{base}/logg-inn", timeout=10)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("no CSRF token on the login page")
    response = http.post(
        f"{base}/logg-inn",
        data={"csrf_token": token.group(1), "username": username, "password": PASSWORD},
        timeout=20,
        allow_redirects=False,
    )
    if response.status_code not in (302, 303):
        raise RuntimeError(f"login failed for {username}: {response.status_code}")
    session = http.get(f"{base}/api/v1/session", timeout=60).json()
    return Participant(username, http, session["csrf_token"], session["items"])


@dataclass
class LoadResult:
    submit_ms: list[float] = field(default_factory=list)
    hello_ms: list[float] = field(default_factory=list)
    errors: int = 0
    stored: int = 0
    seconds: float = 0.0


def run_load(
    base: str,
    people: list[Participant],
    *,
    answers: int,
    think_ms: int,
    max_seconds: float,
    seed_value: int,
) -> LoadResult:
    """Every participant answers ``answers`` items, calling /hello between answers."""
    from _stack import simulated_response

    result = LoadResult()
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds
    start_gate = threading.Barrier(len(people))

    def participant(index: int, person: Participant) -> None:
        rng = random.Random(seed_value + index)
        submit_ms: list[float] = []
        hello_ms: list[float] = []
        errors = stored = 0
        start_gate.wait(timeout=60)
        for n in range(answers):
            if time.monotonic() > stop_at or not person.items:
                break
            time.sleep(rng.uniform(0, 2 * think_ms) / 1000)
            item = person.items[n % len(person.items)]
            body = {
                "answers": [
                    {
                        "client_id": str(uuid.uuid4()),
                        "item_id": item["id"],
                        "response": simulated_response(item, rng),
                        "answered_at": dt.datetime.now(dt.UTC).isoformat(),
                        "duration_ms": rng.randint(2000, 9000),
                    }
                ]
            }
            t0 = time.perf_counter()
            try:
                r = person.http.post(
                    f"{base}/api/v1/answers",
                    json=body,
                    headers={"X-CSRFToken": person.csrf},
                    timeout=30,
                )
                elapsed = (time.perf_counter() - t0) * 1000
                if r.status_code == 200 and r.json()["results"][0]["status"] == "stored":
                    stored += 1
                    submit_ms.append(elapsed)
                else:
                    errors += 1
            except Exception:  # noqa: BLE001 - every failure counts as an error
                errors += 1
            t0 = time.perf_counter()
            try:
                h = person.http.get(f"{base}/api/v1/hello", timeout=30)
                if h.status_code == 200:
                    hello_ms.append((time.perf_counter() - t0) * 1000)
                else:
                    errors += 1
            except Exception:  # noqa: BLE001
                errors += 1
        with lock:
            result.submit_ms += submit_ms
            result.hello_ms += hello_ms
            result.errors += errors
            result.stored += stored

    t_start = time.perf_counter()
    threads = [
        threading.Thread(target=participant, args=(i, p), daemon=True) for i, p in enumerate(people)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max_seconds + 90)
    result.seconds = round(time.perf_counter() - t_start, 2)
    return result


def bench_backend(
    name: str, env: dict[str, str], args: argparse.Namespace, workdir: Path
) -> dict[str, Any]:
    _log(f"[{name}] seeding {args.participants} participants …")
    usernames = seed(env, args.participants)
    server = start_gunicorn(env, workers=args.workers, threads=args.threads, workdir=workdir)
    try:
        _log(f"[{name}] gunicorn on {server.url}; logging in and warming up …")
        people = [login(server.url, u) for u in usernames]
        _log(f"[{name}] load: {len(people)} participants × {args.answers} answers")
        load = run_load(
            server.url,
            people,
            answers=args.answers,
            think_ms=args.think_ms,
            max_seconds=args.max_seconds,
            seed_value=args.seed,
        )
        page = measure_first_load(server.url, usernames[0]) if args.browser else {}
    finally:
        server.stop()
    out = {
        "submit_p50_ms": _p(load.submit_ms, 0.50),
        "submit_p95_ms": _p(load.submit_ms, 0.95),
        "submit_max_ms": round(max(load.submit_ms), 2) if load.submit_ms else None,
        "hello_p50_ms": _p(load.hello_ms, 0.50),
        "hello_p95_ms": _p(load.hello_ms, 0.95),
        "stored": load.stored,
        "errors": load.errors,
        "seconds": load.seconds,
        "submit_per_second": round(load.stored / load.seconds, 1) if load.seconds else None,
    }
    out.update(page)
    _log(f"[{name}] {json.dumps(out)}")
    return out


# --- the page ------------------------------------------------------------------------------


def page_weight() -> dict[str, Any]:
    static = ROOT / "webapp" / "static"
    sizes = {name: (static / name).stat().st_size for name in PAGE_FILES}
    own = sizes["practice/practice.js"] + sizes["practice/practice.css"]
    return {
        "page_kb": round(sum(sizes.values()) / 1024, 1),
        "page_own_kb": round(own / 1024, 1),
        "page_files_bytes": sizes,
        "sw_kb": round((static / "sw.js").stat().st_size / 1024, 1),
    }


def measure_first_load(base: str, username: str) -> dict[str, Any]:
    """First load of /ov/ (empty cache) until the session is shown, on a throttled phone."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return {"first_load_error": "chromium not installed"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"first_load_error": "playwright not installed"}
    profile = {"latency_ms": 150, "down_kbps": 1600, "up_kbps": 750, "cpu_slowdown": 4}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        login_context = browser.new_context()
        page = login_context.new_page()
        page.goto(f"{base}/logg-inn")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord eller PIN").fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(lambda url: "/logg-inn" not in url)
        cookies = login_context.cookies()
        login_context.close()

        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")
        context.add_cookies(cookies)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": profile["latency_ms"],
                "downloadThroughput": profile["down_kbps"] * 1000 / 8,
                "uploadThroughput": profile["up_kbps"] * 1000 / 8,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu_slowdown"]})
        t0 = time.perf_counter()
        page.goto(f"{base}/ov/", wait_until="domcontentloaded")
        dom_ms = (time.perf_counter() - t0) * 1000
        page.get_by_role("button", name="Start økta").wait_for(state="visible", timeout=60000)
        ready_ms = (time.perf_counter() - t0) * 1000
        timing = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"
        )
        transferred = page.evaluate(
            "() => performance.getEntriesByType('resource')"
            ".reduce((s, r) => s + (r.transferSize || 0), 0)"
        )
        context.close()
        browser.close()
    return {
        "first_load_ms": round(ready_ms),
        "first_load_dom_ms": round(dom_ms),
        "first_load_load_event_ms": round(timing["load"]),
        "first_load_resources_kb": round(transferred / 1024, 1),
        "throttle": profile,
    }


# --- main ----------------------------------------------------------------------------------


def _pg_available(url: str) -> bool:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON result line")
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20, help="answers per participant")
    parser.add_argument("--think-ms", type=int, default=500, help="mean think time per answer")
    parser.add_argument("--max-seconds", type=float, default=120.0)
    # The deployed configuration (Procfile, systemd unit): 4 sync workers.  On 2 cores, 2 workers
    # x 8 threads measured 55 / 76 ms p95 (SQLite / PostgreSQL) against 15 / 40 ms: threads of one
    # process share one interpreter lock, so a request waits for the others' Python work.
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1 = sync workers, >1 = gthread")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--sqlite-journal",
        choices=("delete", "wal"),
        default="wal",
        help="journal mode of the SQLite file (WAL is the recommended deployment)",
    )
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench-practice-"))
    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HURTIGSPOR_") and k != "DATABASE_URL"
    }
    base_env.update(
        {
            "HURTIGSPOR_SECRET_KEY": SECRET,
            "HURTIGSPOR_AUDIO_CACHE_DIR": str(workdir / "audio"),
            "PYTHONPATH": str(ROOT),
        }
    )
    result: dict[str, Any] = {
        "participants": args.participants,
        "answers_per_participant": args.answers,
        "think_ms": args.think_ms,
        "gunicorn": {
            "workers": args.workers,
            "threads": args.threads,
            "class": "sync" if args.threads == 1 else "gthread",
        },
        "target_submit_p95_ms": TARGET_P95_MS,
        # Other work on the machine skews latencies: record the load around the run.
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    result.update(page_weight())
    errors = 0
    hello: list[float] = []
    try:
        sqlite_env = dict(
            base_env,
            DATABASE_URL=f"sqlite:///{workdir / 'bench.db'}",
            HURTIGSPOR_BENCH_SQLITE_JOURNAL=args.sqlite_journal,
        )
        result["sqlite_journal_mode"] = args.sqlite_journal
        sqlite = bench_backend("sqlite", sqlite_env, args, workdir)
        result["sqlite"] = sqlite
        result["submit_p95_ms_sqlite"] = sqlite["submit_p95_ms"]
        errors += sqlite["errors"]
        hello.append(sqlite["hello_p95_ms"] or 0.0)
        for key in ("first_load_ms", "first_load_dom_ms", "first_load_resources_kb", "throttle"):
            if key in sqlite:
                result[key] = sqlite[key]

        pg_url = os.environ.get("DATABASE_URL") or DEFAULT_PG
        if args.no_postgres or not pg_url.startswith("postgres") or not _pg_available(pg_url):
            result["submit_p95_ms_postgres"] = None
            result["postgres_skipped"] = "no PostgreSQL at DATABASE_URL"
        else:
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            pg_env = dict(
                base_env,
                DATABASE_URL=pg_url,
                HURTIGSPOR_BENCH_SCHEMA=schema,
                HURTIGSPOR_SQLALCHEMY_ENGINE_OPTIONS=json.dumps(
                    {"pool_pre_ping": True, "connect_args": {"options": f"-csearch_path={schema}"}}
                ),
            )
            try:
                pg = bench_backend(
                    "postgres",
                    pg_env,
                    argparse.Namespace(**{**vars(args), "browser": False}),
                    workdir,
                )
            finally:
                from sqlalchemy import create_engine, text

                engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
                with engine.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                engine.dispose()
            result["postgres"] = pg
            result["submit_p95_ms_postgres"] = pg["submit_p95_ms"]
            errors += pg["errors"]
            hello.append(pg["hello_p95_ms"] or 0.0)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["hello_p95_ms"] = round(max(hello), 2) if hello else None
    result["errors"] = errors
    p95s = [
        v for v in (result.get("submit_p95_ms_sqlite"), result.get("submit_p95_ms_postgres")) if v
    ]
    result["meets_target"] = bool(p95s) and all(v <= TARGET_P95_MS for v in p95s)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.json:
        _log(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))  # noqa: T201 - the CLI's result line
    return 0


if __name__ == "__main__":
    sys.exit(main())
