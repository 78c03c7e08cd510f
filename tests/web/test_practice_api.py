"""Practice web layer: JSON API (auth, row scope, CSRF), OpenAPI, page, service worker, audio."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests import factories
from tests.conftest import AuthActions, _base_config
from tests.web.helpers import in_db, query
from webapp import create_app
from webapp.extensions import db
from webapp.models import Answer, PracticeSettings, Role
from webapp.services import audio as audio_svc
from webapp.services import practice as svc
from webapp.services.classes import enrol


@dataclass
class Ids:
    participant_user: int
    other_user: int
    teacher_user: int
    other_org_teacher: int
    class_id: int


def _world(app: Flask) -> Ids:
    def build(s: Any) -> Ids:
        org = factories.make_organisation(s, name="Oslo VO")
        other_org = factories.make_organisation(s, name="Bergen VO")
        person = factories.make_participant(s, org, first_language="somali")
        other = factories.make_participant(s, org)
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        stranger = factories.make_user(s, other_org, role=Role.TEACHER)
        kull = factories.make_class(s, org)
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        factories.make_placement(s, person, employer)
        factories.make_published_profile(s, employer)
        return Ids(person.user_id, other.user_id, teacher.id, stranger.id, kull.id)

    svc.clear_generation_cache()
    return in_db(app, build)


@pytest.fixture
def ids(app: Flask) -> Ids:
    return _world(app)


def _client_as(app: Flask, user_id: int) -> FlaskClient:
    client = app.test_client()
    AuthActions(app, client).login_as(user_id)
    return client


def _answer(item: dict[str, Any], response: Any) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "item_id": item["id"],
        "response": response,
        "answered_at": dt.datetime.now(dt.UTC).isoformat(),
        "duration_ms": 3000,
    }


def test_session_for_the_logged_in_participant(app: Flask, ids: Ids) -> None:
    client = _client_as(app, ids.participant_user)
    response = client.get("/api/v1/session")
    assert response.status_code == 200
    data = response.get_json()
    assert data["status"] == "ok" and data["help_language"] == "so"
    assert data["items"] and data["csrf_token"]
    item = data["items"][0]
    assert item["instruction"]["language"] == "so"
    assert item["audio"] and item["audio"][0]["text"]
    assert {a["when"] for i in data["items"] for a in i["audio"]} <= {"before", "after"}
    assert response.headers["Cache-Control"] == "no-store"


def test_api_refuses_anonymous_staff_and_wrong_methods_as_json(app: Flask, ids: Ids) -> None:
    anonymous = app.test_client().get("/api/v1/session")
    assert anonymous.status_code == 401 and anonymous.get_json()["error"] == "unauthorized"
    teacher = _client_as(app, ids.teacher_user)
    for method, url in (("GET", "/api/v1/session"), ("POST", "/api/v1/answers")):
        response = teacher.open(url, method=method, json={"answers": []})
        assert response.status_code == 403 and response.get_json()["error"] == "forbidden"
    participant = _client_as(app, ids.participant_user)
    assert participant.get("/api/v1/answers").status_code == 405


def test_tomorrows_session_can_be_fetched_ahead_for_offline_use(app: Flask, ids: Ids) -> None:
    def cap(s: Any) -> None:
        svc.save_class_settings(s, ids.class_id, new_items_per_day=2)

    in_db(app, cap)
    client = _client_as(app, ids.participant_user)
    today = client.get("/api/v1/session").get_json()
    batch = [_answer(i, "kan_det" if i["type"] == "flashcard" else "feil") for i in today["items"]]
    client.post("/api/v1/answers", json={"answers": batch})
    again = client.get("/api/v1/session").get_json()
    assert [i for i in again["items"] if i["kind"] == "new"] == []  # today's cap is used
    ahead = client.get("/api/v1/session?ahead=1").get_json()
    assert ahead["valid_from"] > ahead["generated_at"]
    fresh = [i["id"] for i in ahead["items"] if i["kind"] == "new"]
    assert len(fresh) == 2 and not set(fresh) & {i["id"] for i in today["items"]}


def test_participant_without_a_profile_gets_no_items(app: Flask, ids: Ids) -> None:
    data = _client_as(app, ids.other_user).get("/api/v1/session").get_json()
    assert data["status"] == "no_profile" and data["items"] == []


def test_answers_are_graded_and_replays_flagged(app: Flask, ids: Ids) -> None:
    client = _client_as(app, ids.participant_user)
    items = client.get("/api/v1/session").get_json()["items"]
    flashcard = next(i for i in items if i["type"] == "flashcard")
    other = next(i for i in items if i["type"] != "flashcard")
    batch = [_answer(flashcard, "kan_det"), _answer(other, "helt feil svar")]
    first = client.post("/api/v1/answers", json={"answers": batch}).get_json()["results"]
    assert [r["status"] for r in first] == ["stored", "stored"]
    assert [r["duplicate"] for r in first] == [False, False]
    assert first[0]["correct"] is True and first[1]["correct"] is False
    again = client.post("/api/v1/answers", json={"answers": batch}).get_json()["results"]
    assert [r["duplicate"] for r in again] == [True, True]
    assert query(app, lambda s: s.scalar(select(func.count(Answer.id)))) == 2


def test_answers_are_scoped_to_the_logged_in_participant(app: Flask, ids: Ids) -> None:
    owner = _client_as(app, ids.participant_user)
    item = owner.get("/api/v1/session").get_json()["items"][0]
    sent = _answer(item, "kan_det")
    owner.post("/api/v1/answers", json={"answers": [sent]})
    # Another participant (no profile) can neither reuse the item nor touch the stored answer.
    other = _client_as(app, ids.other_user)
    result = other.post("/api/v1/answers", json={"answers": [sent]}).get_json()["results"][0]
    assert result["status"] == "rejected" and result["error"] == "unknown_item"
    owners = query(
        app,
        lambda s: s.scalars(
            select(Answer.participant_id).where(Answer.client_id == sent["client_id"])
        ).all(),
    )
    assert len(owners) == 1


@pytest.mark.parametrize(
    "body",
    [
        None,
        {"answers": "nope"},
        {"answers": [{"client_id": "x", "item_id": "y", "response": "z", "answered_at": "now"}]},
        {
            "answers": [
                {
                    "client_id": "a" * 20,
                    "item_id": "y",
                    "response": 3,
                    "answered_at": "2026-11-26T08:00:00",
                }
            ]
        },
        {
            "answers": [
                {
                    "client_id": "a" * 20,
                    "item_id": "y",
                    "response": "z",
                    "answered_at": "2026-11-26T08:00:00",
                }
            ]
        },
        {"answers": [{}] * 201},
    ],
)
def test_malformed_batches_are_400(app: Flask, ids: Ids, body: Any) -> None:
    client = _client_as(app, ids.participant_user)
    response = client.post("/api/v1/answers", json=body)
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_batch"


# --- CSRF: the API uses the session cookie, so the token must come in a header ----------------


@pytest.fixture
def csrf_app() -> Iterator[Flask]:
    config = _base_config()
    config.update({"WTF_CSRF_ENABLED": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    application = create_app(config)
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def test_posting_answers_needs_the_csrf_header(csrf_app: Flask) -> None:
    ids = _world(csrf_app)
    client = _client_as(csrf_app, ids.participant_user)
    page = client.get("/ov/")
    assert page.status_code == 200 and b'name="csrf-token"' in page.data
    session = client.get("/api/v1/session").get_json()
    batch = {"answers": [_answer(session["items"][0], "kan_det")]}
    missing = client.post("/api/v1/answers", json=batch)
    assert missing.status_code == 400 and missing.get_json()["error"] == "csrf"
    wrong = client.post("/api/v1/answers", json=batch, headers={"X-CSRFToken": "forged"})
    assert wrong.status_code == 400
    ok = client.post("/api/v1/answers", json=batch, headers={"X-CSRFToken": session["csrf_token"]})
    assert ok.status_code == 200 and ok.get_json()["results"][0]["status"] == "stored"


# --- OpenAPI, page, service worker, manifest -----------------------------------------------


def test_openapi_document_is_served_and_valid(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert {"/session", "/answers", "/hello"} <= set(document["paths"])
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)


def test_hello_is_public(client: FlaskClient) -> None:
    assert client.get("/api/v1/hello").get_json() == {"hello": "hei"}


def test_practice_page_is_a_shell_without_inline_script(app: Flask, ids: Ids) -> None:
    html = _client_as(app, ids.participant_user).get("/ov/").get_data(as_text=True)
    assert 'rel="manifest"' in html and "/static/practice/practice.js" in html
    assert 'data-session-url="/api/v1/session"' in html
    assert "<script>" not in html and "onclick" not in html


def test_service_worker_is_served_from_the_root(client: FlaskClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.mimetype == "text/javascript"
    assert b"/ov/" in response.data
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    data = manifest.get_json(force=True)
    assert data["start_url"] == "/ov/"
    for icon in data["icons"]:
        with client.get(icon["src"]) as icon_response:
            assert icon_response.status_code == 200


# --- audio ---------------------------------------------------------------------------------


def _speech_url(app: Flask, ids: Ids) -> tuple[FlaskClient, str]:
    client = _client_as(app, ids.participant_user)
    items = client.get("/api/v1/session").get_json()["items"]
    entry = next(a for i in items for a in i["audio"] if a["url"])
    return client, entry["url"]


@pytest.mark.skipif(not audio_svc.espeak_available(), reason="espeak-ng is not installed")
def test_server_speech_is_made_once_and_cached(app: Flask, ids: Ids, tmp_path: Any) -> None:
    app.config["AUDIO_CACHE_DIR"] = str(tmp_path / "audio")
    client, url = _speech_url(app, ids)
    first = client.get(url)
    assert first.status_code == 200 and first.mimetype == "audio/wav"
    assert first.data[:4] == b"RIFF"
    files = list((tmp_path / "audio").iterdir())
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    assert client.get(url).data == first.data
    assert files[0].stat().st_mtime_ns == stamp  # not made again
    assert client.get(url[:-3] + "xyz").status_code == 404  # forged or damaged token
    assert app.test_client().get(url).status_code == 302  # anonymous → login page


def test_without_espeak_the_page_is_told_there_is_no_server_sound(
    app: Flask, ids: Ids, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.config["AUDIO_CACHE_DIR"] = str(tmp_path / "empty")
    monkeypatch.setattr(audio_svc, "_espeak_binary", lambda: None)
    client = _client_as(app, ids.participant_user)
    data = client.get("/api/v1/session").get_json()
    assert data["server_audio"] is False
    assert all(a["url"] is None for i in data["items"] for a in i["audio"])
    from webapp.practice.media import speech_token

    with app.test_request_context():
        token = speech_token("ei hylle")
    assert client.get(f"/audio/{token}").status_code == 204


def test_mentor_recording_is_offered_first_and_row_scoped(
    app: Flask, ids: Ids, tmp_path: Any
) -> None:
    from webapp.models import Employer, MentorRecording

    recordings = tmp_path / "recordings"
    recordings.mkdir()
    (recordings / "pass-opp.webm").write_bytes(b"\x1aE\xdf\xa3 fake webm")
    app.config["RECORDINGS_DIR"] = str(recordings)

    def add(s: Any) -> None:
        employer = s.scalar(select(Employer).where(Employer.name == "Nordlager AS"))
        for text in (
            "Pass opp, trucken kommer!",
            "hylle",
            "vernesko",
            "Hvor skal jeg sette pallen?",
        ):
            s.add(
                MentorRecording(
                    employer_id=employer.id,
                    text_key=audio_svc.text_key(text),
                    text=text,
                    mime_type="audio/webm",
                    filename="pass-opp.webm",
                    size_bytes=20,
                )
            )

    in_db(app, add)
    client = _client_as(app, ids.participant_user)
    data = client.get("/api/v1/session").get_json()
    mentor = [a["mentor_url"] for i in data["items"] for a in i["audio"] if a["mentor_url"]]
    assert mentor, "a matching mentor recording is offered"
    # A recording of the word "vernesko" is played for "en vernesko" too.
    card = next(i for i in data["items"] if i["type"] == "flashcard" and i["lemma"] == "vernesko")
    assert card["audio"][0]["text"] == "en vernesko" and card["audio"][0]["mentor_url"]
    assert client.get(mentor[0]).data.startswith(b"\x1aE\xdf\xa3")
    # A participant at another employer cannot play it.
    assert _client_as(app, ids.other_user).get(mentor[0]).status_code == 404
    assert _client_as(app, ids.other_org_teacher).get(mentor[0]).status_code == 404


# --- teacher setting -----------------------------------------------------------------------


def test_teacher_sets_the_daily_cap_for_a_class(app: Flask, ids: Ids) -> None:
    teacher = _client_as(app, ids.teacher_user)
    url = f"/ov/klasse/{ids.class_id}"
    page = teacher.get(url)
    assert page.status_code == 200 and "Nye øvelser per dag" in page.get_data(as_text=True)
    response = teacher.post(url, data={"new_items_per_day": "4", "session_minutes": "10"})
    assert response.status_code == 302
    cap = query(app, lambda s: s.scalar(select(PracticeSettings.new_items_per_day)))
    assert cap == 4
    bad = teacher.post(url, data={"new_items_per_day": "500", "session_minutes": "10"})
    assert bad.status_code == 200 and "0 til 100" in bad.get_data(as_text=True)
    assert _client_as(app, ids.other_org_teacher).get(url).status_code == 404
    data = _client_as(app, ids.participant_user).get("/api/v1/session").get_json()
    assert data["new_cap"] == 4 and len(data["items"]) == 4


def test_progress_snapshot_is_taken_after_the_answers_response(
    app: Flask, ids: Ids, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's coverage snapshot is refreshed once the response is out, at most every 10 min."""
    from webapp.models import Participant, ProgressSnapshot
    from webapp.services import progress as progress_svc

    calls: list[int] = []
    real = progress_svc.refresh_snapshot

    def counting(session: Any, participant_id: int, *, now: dt.datetime) -> bool:
        calls.append(participant_id)
        return real(session, participant_id, now=now)

    monkeypatch.setattr(progress_svc, "refresh_snapshot", counting)
    client = _client_as(app, ids.participant_user)
    items = client.get("/api/v1/session").get_json()["items"]
    pid = query(
        app,
        lambda s: s.scalar(
            select(Participant.id).where(Participant.user_id == ids.participant_user)
        ),
    )

    def snapshots() -> list[Any]:
        return query(
            app,
            lambda s: list(
                s.execute(
                    select(ProgressSnapshot.taken_at, ProgressSnapshot.words_learned).where(
                        ProgressSnapshot.participant_id == pid
                    )
                )
            ),
        )

    assert snapshots() == []
    answer = _answer(items[0], "kan_det")
    response = client.post("/api/v1/answers", json={"answers": [answer]})
    assert response.status_code == 200
    response.close()  # what the WSGI server does once the body is sent
    first = snapshots()
    assert len(first) == 1 and calls == [pid]
    # A second answer a moment later does not recompute it (the 10-minute rule).
    client.post("/api/v1/answers", json={"answers": [_answer(items[1], "kan_det")]}).close()
    assert snapshots() == first and calls == [pid, pid]
    # A replayed batch (nothing new stored) does not even look.
    client.post("/api/v1/answers", json={"answers": [answer]}).close()
    assert calls == [pid, pid]
