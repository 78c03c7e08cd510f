"""Login, lockout, session rotation, invites, CSRF and security headers over HTTP."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp import create_app
from webapp.config import TestConfig
from webapp.models import User
from webapp.services.accounts import issue_invite

WRONG = "Feil brukernavn eller passord."


def _teacher(app: Flask) -> tuple[int, str]:
    def build(s):  # type: ignore[no-untyped-def]
        user = factories.make_user(s, factories.make_organisation(s))
        return user.id, user.username

    return in_db(app, build)


def test_login_success_redirects_home_and_rotates_session(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    _uid, username = _teacher(app)
    with client.session_transaction() as sess:
        sess["planted"] = "by attacker"
    response = auth.login(username, factories.PASSWORD)
    assert response.status_code == 302 and response.location == "/klasser/"
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["_user_id"].endswith(":1")
    assert client.get("/klasser/").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_answer(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    _uid, username = _teacher(app)
    a = auth.login(username, "feil-passord")
    b = auth.login("finnes-ikke", "feil-passord")
    assert a.status_code == b.status_code == 200
    assert WRONG in a.get_data(as_text=True) and WRONG in b.get_data(as_text=True)


def test_lockout_after_five_failures(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    _uid, username = _teacher(app)
    for _ in range(5):
        auth.login(username, "feil-passord")
    response = auth.login(username, factories.PASSWORD)
    assert response.status_code == 429
    assert "For mange forsøk" in response.get_data(as_text=True)


def test_open_redirect_is_ignored(app: Flask, client: FlaskClient) -> None:
    _uid, username = _teacher(app)
    response = client.post(
        "/logg-inn?next=//evil.example/x",
        data={"username": username, "password": factories.PASSWORD},
    )
    assert response.location == "/klasser/"


def test_password_change_ends_other_sessions(app: Flask, auth: AuthActions) -> None:
    uid, username = _teacher(app)
    other = app.test_client()
    AuthActions(app, other).login_as(uid)
    assert other.get("/klasser/").status_code == 200
    me = app.test_client()
    AuthActions(app, me).login(username, factories.PASSWORD)
    response = me.post(
        "/passord",
        data={
            "current": factories.PASSWORD,
            "secret": "nytt-passord-1",
            "confirm": "nytt-passord-1",
        },
    )
    assert response.status_code == 302
    assert me.get("/klasser/").status_code == 200
    assert other.get("/klasser/").status_code == 302  # the old session is gone


def test_redeem_invite_sets_password_and_logs_in(app: Flask, client: FlaskClient) -> None:
    def build(s):  # type: ignore[no-untyped-def]
        person = factories.make_participant(
            s, factories.make_organisation(s), full_name="Amina Yusuf", with_password=False
        )
        return issue_invite(s, person.user), person.user_id

    code, uid = in_db(app, build)
    page = client.get(f"/invitasjon/{code}")
    assert page.status_code == 200 and "Velkommen, Amina Yusuf!" in page.get_data(as_text=True)
    bad = client.post(f"/invitasjon/{code}", data={"secret": "kort", "confirm": "kort"})
    assert "Passordet må ha minst 8 tegn." in bad.get_data(as_text=True)
    ok = client.post(
        f"/invitasjon/{code}", data={"secret": "mitt-passord", "confirm": "mitt-passord"}
    )
    assert ok.status_code == 302 and ok.location == "/hjem"
    assert "Hei, Amina!" in client.get("/hjem").get_data(as_text=True)
    assert query(app, lambda s: s.get(User, uid).password_hash is not None)
    again = app.test_client().get(f"/invitasjon/{code}")
    assert again.status_code == 404 and "Koden virker ikke" in again.get_data(as_text=True)


def test_redeem_start_normalises_typed_code(client: FlaskClient) -> None:
    response = client.post("/invitasjon", data={"code": "k7qm-3xpa "})
    assert response.location == "/invitasjon/K7QM3XPA"


def test_security_headers_and_csp_without_inline_script(client: FlaskClient) -> None:
    response = client.get("/logg-inn")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    static = client.get("/static/hurtigspor.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " onclick=" not in html
    assert "http://" not in html.replace("http://localhost", "")  # no CDN


def test_session_cookie_flags(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    _uid, username = _teacher(app)
    response = auth.login(username, factories.PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_csrf_is_enforced_when_enabled(app: Flask) -> None:
    secured = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "WTF_CSRF_ENABLED": True,
        }
    )
    response = secured.test_client().post("/logg-inn", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "Skjemaet er for gammelt" in response.get_data(as_text=True)


def test_logout(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    uid, _name = _teacher(app)
    auth.login_as(uid)
    assert client.post("/logg-ut").location == "/logg-inn"
    assert client.get("/klasser/").status_code == 302


def test_error_pages_are_norwegian(client: FlaskClient) -> None:
    response = client.get("/finnes-ikke")
    assert response.status_code == 404 and "Vi finner ikke siden" in response.get_data(as_text=True)
