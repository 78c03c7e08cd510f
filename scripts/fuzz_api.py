"""Fuzz the JSON API with schemathesis against its own OpenAPI document: no 500s (issue 8).

Usage: ``.venv/bin/python scripts/fuzz_api.py [--max-examples 50] [--all-checks] [--json]``

Starts the app in this process (werkzeug, threaded) on a free loopback port with a throwaway
SQLite file and CSRF switched on, seeds a school with a participant whose employer has a published
language profile (the shipped "lager" starter profile), logs that participant in through the real
login form, reads the CSRF token the API hands out, and runs ``schemathesis run`` on
``/api/v1/openapi.json`` with the session cookie and the ``X-CSRFToken`` header.  By default only
the ``not_a_server_error`` check runs (the issue's criterion: no 500s); ``--all-checks`` adds the
schema-conformance checks.  Prints the schemathesis output and a summary; the last line is one
JSON object (``server_errors``, ``exit_code``, ``seconds``, ``operations``) with ``--json``.
Exit status: 0 when schemathesis found nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "fuzz-passord-1"  # noqa: S105 - throwaway account in a temporary database
USERNAME = "fuzzdeltaker"


def _seed(app: Any) -> None:
    """A school, a class, an employer with the "lager" starter profile, one participant."""
    from _stack import publish_starter

    from webapp.extensions import db
    from webapp.services import accounts, classes, employers
    from webapp.services import participants as psvc
    from webapp.services.organisations import create_organisation

    with app.app_context():
        db.create_all()
        s: Any = db.session
        org = create_organisation(s, name="Fuzz VO", kind="school")
        kull = classes.create_class(
            s, organisation_id=org.id, name="Fuzz", start_date=dt.date(2026, 8, 17)
        )
        employer = employers.create_employer(
            s, organisation_id=org.id, name="Fuzz Lager AS", sector="lager", address="Oslo"
        )
        publish_starter(
            s, organisation_id=org.id, employer_id=employer.id, name="Fuzz – lager", terms=40
        )
        person = psvc.create_participant(
            s,
            org,
            psvc.ParticipantData(
                full_name="Amina Yusuf", first_language="somali", previous_occupation="kokk"
            ),
        )
        person.user.username = USERNAME
        person.user.password_hash = accounts.hash_secret(PASSWORD)
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
        s.commit()


def _login(base: str) -> tuple[str, str, str]:
    """Log in through the form; return (cookie name, cookie value, CSRF token for the API)."""
    import requests

    http = requests.Session()
    form = http.get(f"{base}/logg-inn", timeout=10)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form.text)
    if match is None:
        raise SystemExit("no CSRF token on the login page")
    done = http.post(
        f"{base}/logg-inn",
        data={"csrf_token": match.group(1), "username": USERNAME, "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    if done.status_code != 302:
        raise SystemExit(f"login failed: {done.status_code}")
    session = http.get(f"{base}/api/v1/session", timeout=30)
    session.raise_for_status()
    token = session.json()["csrf_token"]
    name = "hurtigspor_session"
    return name, http.cookies.get(name) or "", token


def _schemathesis() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
        "schemathesis"
    )
    if found is None:
        raise SystemExit("schemathesis is not installed: pip install -e '.[bench]'")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50, help="examples per operation")
    parser.add_argument("--all-checks", action="store_true", help="also check schema conformance")
    parser.add_argument("--seed", type=int, default=None, help="schemathesis random seed")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line last")
    args = parser.parse_args(argv)

    import logging

    from werkzeug.serving import make_server

    from webapp import create_app
    from webapp.config import TestConfig
    from webapp.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="hurtigspor-fuzz-"))
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(
        TESTING=False,
        WTF_CSRF_ENABLED=True,
        PROPAGATE_EXCEPTIONS=False,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir / 'fuzz.db'}",
        SECRET_KEY="fuzz-" + workdir.name,
    )
    app = create_app(config)
    for noisy in ("werkzeug", "hurtigspor.request"):  # one line per request: too much here
        logging.getLogger(noisy).setLevel(logging.WARNING)
    server_errors: list[str] = []

    @app.after_request
    def _count_500s(response: Any) -> Any:
        from flask import request

        if response.status_code >= 500:
            server_errors.append(f"{request.method} {request.path} {response.status_code}")
        return response

    _seed(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    started = time.monotonic()
    try:
        cookie_name, cookie, token = _login(base)
        command = [
            _schemathesis(),
            "run",
            f"{base}/api/v1/openapi.json",
            "--url",
            f"{base}/api/v1",
            "-H",
            f"Cookie: {cookie_name}={cookie}",
            "-H",
            f"X-CSRFToken: {token}",
            "--max-examples",
            str(args.max_examples),
            "--request-timeout",
            "30",
            "--report-json-path",
            str(workdir / "report.json"),
            "--report",
            "json",
        ]
        if not args.all_checks:
            command += ["--checks", "not_a_server_error"]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        result = subprocess.run(command, check=False, cwd=workdir)  # noqa: S603 - fixed argv
        exit_code = result.returncode
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()
    seconds = time.monotonic() - started
    operations = _operations(workdir / "report.json")
    shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"\nschemathesis exit code {exit_code}; server errors seen by the app: "
        f"{len(server_errors)}; {seconds:.1f} s"
    )
    for line in sorted(set(server_errors))[:20]:
        print(f"  500: {line}")
    if args.json:
        print(
            json.dumps(
                {
                    "server_errors": len(server_errors),
                    "exit_code": exit_code,
                    "seconds": round(seconds, 1),
                    "operations": operations,
                    "max_examples": args.max_examples,
                }
            )
        )
    return 0 if exit_code == 0 and not server_errors else 1


def _operations(report: Path) -> int | None:
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError):
        return None
    if isinstance(data, dict):
        for key in ("operations", "operations_count", "total"):
            value = data.get(key)
            if isinstance(value, int):
                return value
            if isinstance(value, dict) and isinstance(value.get("total"), int):
                return int(value["total"])
    return None


if __name__ == "__main__":
    raise SystemExit(main())
