"""The mentor's workspace: own mentees only (readiness and coverage, never answers or
background), the workplace's phrases with recordings, weekly notes and the phrase sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import Answer, MentorRecording, PlacementNote, ProfilePhrase, Role


@dataclass
class Ids:
    amina: int
    hodan: int
    mentor_user: int
    other_mentor_user: int
    teacher: int
    phrase_id: int


@pytest.fixture
def ids(app: Flask, tmp_path: Path) -> Ids:
    app.config["RECORDINGS_DIR"] = str(tmp_path / "recordings")

    def build(s):  # type: ignore[no-untyped-def]
        org = factories.make_organisation(s, name="Oslo VO")
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        nordlager = factories.make_employer(s, org, name="Nordlager AS", sector="lager")
        furuly = factories.make_employer(s, org, name="Furuly sykehjem", sector="helse")
        mine = factories.make_mentor(s, org, nordlager)
        theirs = factories.make_mentor(s, org, furuly)
        amina = factories.make_participant(
            s,
            org,
            full_name="Amina Yusuf",
            first_language="tigrinja",
            previous_occupation="sykepleier",
        )
        hodan = factories.make_participant(s, org, full_name="Hodan Abdi")
        factories.make_placement(s, amina, nordlager, mentor=mine)
        factories.make_placement(s, hodan, furuly, mentor=theirs)
        version = factories.make_published_profile(s, nordlager)
        s.add(
            Answer(
                participant_id=amina.id,
                client_id="a1",
                item_key="k",
                item_type="cloze",
                response="hemmelig-svar-123",
                correct=False,
                answered_at=dt.datetime.now(dt.UTC),
            )
        )
        s.flush()
        phrase = s.scalar(
            select(ProfilePhrase).where(
                ProfilePhrase.version_id == version.id,
                ProfilePhrase.text == "Hvor skal jeg sette pallen?",
            )
        )
        return Ids(amina.id, hodan.id, mine.user_id, theirs.user_id, teacher.id, phrase.id)

    return in_db(app, build)


def test_mentor_sees_only_own_mentee_readiness_and_coverage(
    client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.mentor_user)
    html = client.get("/mentor/").get_data(as_text=True)
    assert "Amina Yusuf" in html and "Hodan Abdi" not in html
    assert "Ikke klar for praksis ennå" in html
    page = client.get(f"/mentor/deltakere/{ids.amina}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kan 0 % av ordene på arbeidsplassen" in html and "Ukens notat til læreren" in html
    # Never the answers or the personal background.
    for secret in ("hemmelig-svar-123", "tigrinja", "sykepleier", "Førstespråk"):
        assert secret not in html
    assert client.get(f"/mentor/deltakere/{ids.hodan}").status_code == 404
    assert client.post(f"/mentor/deltakere/{ids.hodan}/notat", data={}).status_code == 404
    for url in (f"/fremgang/deltaker/{ids.amina}", "/fremgang/", "/fremgang/utfall"):
        assert client.get(url).status_code == 403, url


def test_other_mentor_sees_neither_the_mentee_nor_the_phrases(
    client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.other_mentor_user)
    assert "Amina Yusuf" not in client.get("/mentor/").get_data(as_text=True)
    assert client.get(f"/mentor/deltakere/{ids.amina}").status_code == 404
    html = client.get("/mentor/fraser").get_data(as_text=True)
    assert "Hvor skal jeg sette pallen?" not in html and "ingen publisert språkprofil" in html
    assert (
        client.post("/mentor/fraser/hver-dag", data={"phrase_id": ids.phrase_id}).status_code == 404
    )
    upload = client.post(
        "/mentor/fraser/opptak",
        data={
            "text": "Hvor skal jeg sette pallen?",
            "audio": (io.BytesIO(b"x"), "a.webm", "audio/webm"),
        },
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403 and upload.get_json()["ok"] is False


def test_phrases_daily_use_and_suggestion(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.mentor_user)
    html = client.get("/mentor/fraser").get_data(as_text=True)
    assert "Pass opp, trucken kommer!" in html and "Sikkerhetsord" in html and "vernesko" in html
    assert "mentor/mentor.js" in html
    client.post("/mentor/fraser/hver-dag", data={"phrase_id": ids.phrase_id, "daily": "1"})
    assert query(app, lambda s: s.get(ProfilePhrase, ids.phrase_id).daily_use) is True
    html = client.get("/mentor/fraser").get_data(as_text=True)
    assert "✔ Vi sier dette hver dag" in html
    response = client.post(
        "/mentor/fraser/forslag",
        data={"phrase_id": ids.phrase_id, "suggestion": "Hvor vil du ha pallen?"},
    )
    assert "Takk! Læreren ser forslaget ditt." in client.get(response.location).get_data(
        as_text=True
    )


def test_recording_upload_is_stored_and_played_back(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids, tmp_path: Path
) -> None:
    auth.login_as(ids.mentor_user)
    audio = b"\x1aE\xdf\xa3" + b"opus-data" * 20
    response = client.post(
        "/mentor/fraser/opptak",
        data={
            "text": "Hvor skal jeg sette pallen?",
            "audio": (io.BytesIO(audio), "a.webm", "audio/webm"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is True
    row = query(app, lambda s: s.get(MentorRecording, body["id"]))
    assert (tmp_path / "recordings" / row.filename).read_bytes() == audio
    played = client.get(body["url"])
    assert played.status_code == 200 and played.data == audio and played.mimetype == "audio/webm"
    html = client.get("/mentor/fraser").get_data(as_text=True)
    assert "Lest inn av mentor." in html and "Slett opptaket" in html
    wrong = client.post(
        "/mentor/fraser/opptak",
        data={
            "text": "Hvor skal jeg sette pallen?",
            "audio": (io.BytesIO(b"x"), "a.txt", "text/plain"),
        },
        content_type="multipart/form-data",
    )
    assert wrong.status_code == 400 and "støttes ikke" in wrong.get_json()["error"]
    client.post("/mentor/fraser/opptak/slett", data={"recording_id": body["id"]})
    assert query(app, lambda s: s.scalars(select(MentorRecording)).all()) == []


def test_weekly_note_reaches_the_teacher(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.mentor_user)
    response = client.post(
        f"/mentor/deltakere/{ids.amina}/notat",
        data={
            "went_well": "Hun spør når hun er usikker.",
            "challenges": "Tall.",
            "missing_words": "jekketralle, plukkliste",
        },
    )
    html = client.get(response.location).get_data(as_text=True)
    assert "Takk! Notatet er sendt til læreren." in html
    assert query(app, lambda s: s.scalar(select(PlacementNote.missing_words))) == [
        "jekketralle",
        "plukkliste",
    ]
    empty = client.post(f"/mentor/deltakere/{ids.amina}/notat", data={})
    assert "Skriv minst én ting." in client.get(empty.location).get_data(as_text=True)
    auth.login_as(ids.teacher)
    html = client.get(f"/fremgang/deltaker/{ids.amina}").get_data(as_text=True)
    assert "Hun spør når hun er usikker." in html and "plukkliste" in html


def test_phrase_sheet_pdf(client: FlaskClient, auth: AuthActions, ids: Ids) -> None:
    auth.login_as(ids.mentor_user)
    response = client.get("/mentor/fraser/fraseark.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert re.search(r'filename="fraseark-[\w-]+\.pdf"', response.headers["Content-Disposition"])
