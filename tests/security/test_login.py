"""Login hardening beyond ``tests/web/test_auth.py`` (issue 8).

Already covered there: lockout after five failures for one user name, the same message for an
unknown user and a wrong password, the session dropping planted keys on login, single use of an
invite, cookie flags, CSRF.  Here: identical bodies and timing class for unknown users, lockout
of unknown names (so it reveals nothing), the per-IP limit, lock expiry, the session cookie
changing on login and dying on logout, password-less accounts, expired, revoked and guessed
invite codes.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import factories
from tests.web.helpers import in_db, query
from webapp.config import DefaultConfig
from webapp.extensions import db
from webapp.models import User
from webapp.services import accounts
from webapp.services.errors import LoginLocked

COOKIE = DefaultConfig.SESSION_COOKIE_NAME


def _teacher(app: Flask, **overrides: Any) -> tuple[int, str]:
    def build(s: Any) -> tuple[int, str]:
        user = factories.make_user(s, factories.make_organisation(s), **overrides)
        return user.id, user.username

    return in_db(app, build)


def _post_login(client: FlaskClient, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        "/logg-inn",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


def _normalised(body: str) -> str:
    """The page without what legitimately differs per request (CSRF token, nonce-like values)."""
    return re.sub(r'name="csrf_token"[^>]*>', "", body)


def test_unknown_user_and_wrong_password_give_identical_pages(app: Flask) -> None:
    _uid, username = _teacher(app)
    _nopw, invited = _teacher(app, with_password=False)
    pages = []
    for name in (username, "finnes-ikke", invited):
        response = _post_login(app.test_client(), name, "feil-passord-123")
        pages.append((response.status_code, _normalised(response.get_data(as_text=True))))
    # The typed user name is echoed back in the form; put it back to one value to compare.
    bodies = [
        body.replace(name, "NAVN")
        for (_s, body), name in zip(pages, (username, "finnes-ikke", invited), strict=True)
    ]
    assert {status for status, _b in pages} == {200}
    assert bodies[0] == bodies[1] == bodies[2]


def test_unknown_user_takes_as_long_as_a_wrong_password(app: Flask) -> None:
    _uid, username = _teacher(app)

    def timed(name: str) -> float:
        with app.app_context():
            started = time.perf_counter()
            accounts.authenticate(db.session, name, "feil-passord", ip=f"ip-{name}")
            elapsed = time.perf_counter() - started
            db.session.rollback()
        return elapsed

    known = statistics.median(timed(username) for _ in range(4))
    unknown = statistics.median(timed("finnes-ikke") for _ in range(4))
    # Both verify one argon2 hash: the same time class, not a tenfold difference.
    assert 0.33 < unknown / known < 3, (known, unknown)


def test_unknown_user_names_are_locked_out_like_real_ones(app: Flask) -> None:
    _uid, username = _teacher(app)
    statuses = {}
    for name in (username, "finnes-ikke"):
        client = app.test_client()
        for _ in range(5):
            _post_login(client, name, "feil-passord", ip=f"10.0.1.{len(statuses)}")
        statuses[name] = _post_login(client, name, "feil-passord", ip="10.0.2.1").status_code
    assert statuses == {username: 429, "finnes-ikke": 429}


def test_per_ip_limit_stops_spraying_many_user_names(app: Flask) -> None:
    _uid, username = _teacher(app)
    client = app.test_client()
    for n in range(DefaultConfig.LOGIN_MAX_FAILURES_PER_IP):
        _post_login(client, f"gjett{n}", "feil-passord", ip="10.9.9.9")
    blocked = _post_login(client, username, factories.PASSWORD, ip="10.9.9.9")
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.get_data(as_text=True)
    elsewhere = _post_login(app.test_client(), username, factories.PASSWORD, ip="10.9.9.10")
    assert elsewhere.status_code == 302


def test_lockout_ends_after_the_lock_window(app: Flask) -> None:
    _uid, username = _teacher(app)
    start = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    with app.app_context():
        for _ in range(5):
            accounts.authenticate(db.session, username, "feil", ip="x", now=start)
        with pytest.raises(LoginLocked):
            accounts.authenticate(db.session, username, factories.PASSWORD, ip="x", now=start)
        later = start + dt.timedelta(minutes=DefaultConfig.LOGIN_LOCK_MINUTES, seconds=1)
        user = accounts.authenticate(db.session, username, factories.PASSWORD, ip="x", now=later)
        assert user is not None and user.username == username
        db.session.rollback()


def test_session_cookie_changes_on_login(app: Flask) -> None:
    _uid, username = _teacher(app)
    client = app.test_client()
    client.get("/logg-inn")
    with client.session_transaction() as sess:
        sess["planted"] = "x"
    before = client.get_cookie(COOKIE)
    assert before is not None
    _post_login(client, username, factories.PASSWORD)
    after = client.get_cookie(COOKIE)
    assert after is not None and after.value != before.value
    # The pre-login cookie does not carry the login.
    old = app.test_client()
    old.set_cookie(COOKIE, before.value)
    assert old.get("/klasser/").status_code == 302


def test_cookie_is_dead_after_logout(app: Flask) -> None:
    _uid, username = _teacher(app)
    client = app.test_client()
    _post_login(client, username, factories.PASSWORD)
    stolen = client.get_cookie(COOKIE)
    assert stolen is not None
    assert client.post("/logg-ut").status_code == 302
    replay = app.test_client()
    replay.set_cookie(COOKIE, stolen.value)
    assert replay.get("/klasser/").status_code == 302


def test_account_without_password_cannot_log_in_with_any_password(app: Flask) -> None:
    _uid, username = _teacher(app, with_password=False)
    for guess in ("", "not-a-real-password", factories.PASSWORD):
        response = _post_login(app.test_client(), username, guess, ip=f"10.3.0.{len(guess)}")
        assert response.status_code in (200, 400) and response.location is None


def _invitee(app: Flask, *, days_ago: int = 0) -> tuple[str, int]:
    def build(s: Any) -> tuple[str, int]:
        person = factories.make_participant(
            s, factories.make_organisation(s), full_name="Amina Yusuf", with_password=False
        )
        issued = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        return accounts.issue_invite(s, person.user, now=issued), person.user_id

    return in_db(app, build)


def test_expired_invite_is_refused(app: Flask, client: FlaskClient) -> None:
    code, uid = _invitee(app, days_ago=DefaultConfig.INVITE_VALID_DAYS + 1)
    assert client.get(f"/invitasjon/{code}").status_code == 404
    response = client.post(
        f"/invitasjon/{code}", data={"secret": "mitt-passord", "confirm": "mitt-passord"}
    )
    assert response.status_code == 404 and "Koden virker ikke" in response.get_data(as_text=True)
    assert query(app, lambda s: s.get(User, uid).password_hash) is None


def test_used_invite_cannot_reset_the_password(app: Flask) -> None:
    code, uid = _invitee(app)
    first = app.test_client().post(
        f"/invitasjon/{code}", data={"secret": "mitt-passord", "confirm": "mitt-passord"}
    )
    assert first.status_code == 302
    hashed = query(app, lambda s: s.get(User, uid).password_hash)
    again = app.test_client().post(
        f"/invitasjon/{code}", data={"secret": "angriper-passord", "confirm": "angriper-passord"}
    )
    assert again.status_code == 404
    assert query(app, lambda s: s.get(User, uid).password_hash) == hashed


def test_new_invite_revokes_the_old_one(app: Flask) -> None:
    old_code, uid = _invitee(app)

    def reissue(s: Any) -> str:
        return accounts.issue_invite(s, s.get(User, uid))

    new_code = in_db(app, reissue)
    client = app.test_client()
    assert client.get(f"/invitasjon/{old_code}").status_code == 404
    assert client.get(f"/invitasjon/{new_code}").status_code == 200


def test_guessing_invite_codes_is_rate_limited(app: Flask) -> None:
    code, _uid = _invitee(app)
    client = app.test_client()
    env = {"REMOTE_ADDR": "10.7.7.7"}
    for n in range(accounts.INVITE_MAX_FAILURES_PER_IP):
        client.get(f"/invitasjon/GJETT{n:03d}", environ_base=env)
    # Even the right code waits now, from that address.
    assert client.get(f"/invitasjon/{code}", environ_base=env).status_code == 429
    assert app.test_client().get(f"/invitasjon/{code}").status_code == 200
