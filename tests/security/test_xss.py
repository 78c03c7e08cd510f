"""Stored text is escaped wherever it is shown, and every HTML answer carries the CSP (issue 8).

The matrix world (``tests/web/test_access_matrix.py:build_world``) plus a published language
profile is built, then every free-text column of every row is overwritten with an XSS payload
(chosen by column name, so new tables with the usual names are covered by themselves).  Every GET
route is then opened by every actor of organisation A; no HTML page may contain the payload
unescaped, and every HTML page must carry ``script-src 'self'`` without ``'unsafe-inline'``.
A browser test proves the CSP stops an inline script even if one got through.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy import String, Text, update

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db
from tests.web.test_access_matrix import ACTORS, ROW_ARGS, World, build_world
from webapp import create_app
from webapp.extensions import db
from webapp.models import Employer

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"X{IMG}{SCRIPT}'"
#: What must never reach a page unescaped.
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror", '"><img')
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

#: Columns holding text typed by teachers, participants or mentors (by name, any table).
FREE_TEXT = frozenset(
    {
        "name",
        "display_name",
        "full_name",
        "address",
        "title",
        "previous_occupation",
        "education",
        "ad_text",
        "employer_name",
        "teacher_note",
        "wanted_work",
        "class_name",
        "text",
        "author_name",
        "went_well",
        "challenges",
        "situation",
        "definition",
        "response",
        "phrase_text",
        "suggestion",
        "prompt",
        "filename",
        "error_message",
        "site",
        "note",
        "notes",
        "comment",
        "background",
        "description",
    }
)
#: Columns with those names that are keys, not shown text.
NOT_SHOWN = frozenset({("mentor_recordings", "text")})


def _poison(app: Flask) -> list[str]:
    """Overwrite every free-text column of every row with ``PAYLOAD``; return what was touched."""
    touched = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = {
                c.name: PAYLOAD
                for c in table.columns
                if isinstance(c.type, String | Text)
                and c.name in FREE_TEXT
                and (table.name, c.name) not in NOT_SHOWN
                and not c.unique
                and (c.type.length or 1000) >= len(PAYLOAD)
            }
            if columns:
                result = db.session.execute(update(table).values(**columns))
                if result.rowcount:
                    touched += [f"{table.name}.{name}" for name in columns]
        db.session.commit()
    return touched


def _get_routes() -> list[tuple[str, frozenset[str]]]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    return sorted(
        (rule.endpoint, frozenset(rule.arguments))
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and "GET" in (rule.methods or ())
    )


def _check_csp(response: Any, where: str) -> list[str]:
    if response.mimetype != "text/html":
        return []
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src", ""))
    if "'self'" not in script or "unsafe-inline" in csp or "unsafe-eval" in csp:
        return [f"{where}: CSP {csp!r}"]
    return []


def test_stored_payloads_are_escaped_on_every_page(app: Flask) -> None:
    world: World = build_world(app)

    def add_profile(s: Any) -> None:
        employer = s.get(Employer, world.employer_id)
        factories.make_published_profile(s, employer)

    in_db(app, add_profile)
    touched = _poison(app)
    assert {"participants.full_name", "employers.name", "school_classes.name"} <= set(touched)
    unescaped, csp_failures, errors = [], [], []
    shown = 0
    for endpoint, args in _get_routes():
        if not args <= set(ROW_ARGS):
            continue  # the matrix test fails for such routes until ROW_ARGS knows them
        with app.test_request_context():
            url = url_for(endpoint, **{name: ROW_ARGS[name](world) for name in args})
        for actor in ACTORS:
            client = app.test_client()
            if actor != "anonymous":
                AuthActions(app, client).login_as(world.users[actor])
            response = client.get(url)
            where = f"{actor} GET {url}"
            if response.status_code >= 500:
                errors.append(f"{where}: {response.status_code}")
            csp_failures += _check_csp(response, where)
            if response.mimetype != "text/html":
                continue
            body = response.get_data(as_text=True)
            unescaped += [f"{where}: {m!r}" for m in RAW_MARKERS if m in body]
            shown += ESCAPED_SCRIPT in body
    assert errors == [], "server errors with stored payloads"
    assert unescaped == [], "payload shown unescaped"
    assert csp_failures == []
    assert shown >= 10, f"the payload was shown (escaped) on only {shown} pages: test too weak"


def test_csp_on_error_pages_and_redirects(app: Flask) -> None:
    client = app.test_client()
    for url in ("/finnes-ikke", "/klasser/", "/logg-inn", "/api/v1/openapi.json"):
        response = client.get(url)
        csp = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url


@pytest.mark.e2e
def test_browser_does_not_run_an_injected_inline_script(live_server: Any, page: Any) -> None:
    """Even if markup got through, the CSP stops inline script and inline event handlers."""
    from flask import render_template_string

    app = live_server.app

    # A throwaway route that deliberately outputs markup unescaped (never in the real app).
    @app.get("/xss-probe")
    def xss_probe() -> str:
        return render_template_string(
            "<!doctype html><html><body><p id=probe>probe</p>{{ raw|safe }}</body></html>",
            raw=SCRIPT
            + '<img src="/static/finnes-ikke.png" onerror="alert(2)">'
            + "<script>document.title='pwned'</script>",
        )

    from webapp.access import public

    public(xss_probe)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(f"{live_server.url}/xss-probe")
    page.wait_for_selector("#probe")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.title() != "pwned"
    assert violations, "the browser reported no CSP violation: the probe did not test anything"
