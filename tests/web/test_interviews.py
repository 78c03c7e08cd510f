"""Intervju and Jobbsøknad pages: the answer flow, feedback, teacher pages and who sees what."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import (
    ApplicationComment,
    InterviewAnswer,
    InterviewSession,
    Role,
    ScenarioAssignment,
)
from webapp.services.classes import enrol


def _world(app: Flask) -> dict[str, Any]:
    def build(s: Any) -> dict[str, Any]:
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        other_org = factories.make_organisation(s, name="Skole B")
        p1 = factories.make_participant(s, org, full_name="Amina Yusuf")
        p2 = factories.make_participant(s, org, full_name="Olena Kovalenko")
        kull = factories.make_class(s, org)
        enrol(s, kull, p1, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        mentor = factories.make_mentor(s, org, employer)
        factories.make_placement(s, p1, employer, mentor=mentor)
        factories.make_published_profile(s, employer)
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        stranger = factories.make_user(s, other_org, role=Role.TEACHER)
        s.flush()
        return {
            "p1": p1.user_id,
            "p2": p2.user_id,
            "p1_id": p1.id,
            "teacher": teacher.id,
            "stranger": stranger.id,
            "mentor": mentor.user_id,
            "class_id": kull.id,
        }

    return in_db(app, build)


def _start(client: FlaskClient, key: str, mode: str = "practice") -> int:
    response = client.post("/intervju/start", data={"key": key, "mode": mode})
    assert response.status_code == 302
    match = re.search(r"/intervju/okt/(\d+)$", response.location)
    assert match, response.location
    return int(match.group(1))


def _answer(client: FlaskClient, session_id: int, text: str, client_id: str) -> Any:
    page = client.get(f"/intervju/okt/{session_id}").get_data(as_text=True)
    index = re.search(r'name="turn_index"[^>]*value="(\d+)"', page) or re.search(
        r'value="(\d+)"[^>]*name="turn_index"', page
    )
    assert index, page
    return client.post(
        f"/intervju/okt/{session_id}/svar",
        data={"text": text, "turn_index": index.group(1), "client_id": client_id, "spoken": "0"},
    )


def test_index_lists_interview_and_sector_situations(app: Flask, client: FlaskClient) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["p1"])
    html = client.get("/intervju/").get_data(as_text=True)
    assert "Jobbintervju hos Nordlager AS" in html
    assert "Øv med hjelp" in html and "Intervju med tid" in html
    assert "Samtaler på jobben" in html and 'value="bank:lager_' in html
    assert "Skriv jobbsøknad" in html


def test_practice_answer_shows_feedback_with_highlight_and_model_answers(
    app: Flask, client: FlaskClient
) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["p1"])
    sid = _start(client, "bank:lager_kollega_hjelp")
    run = client.get(f"/intervju/okt/{sid}").get_data(as_text=True)
    assert "Spørsmål 1 av" in run and "Vis tips" in run and 'id="iv-speak"' in run
    assert "Vi tar ikke opp og lagrer ikke lyd" in run
    assert "Dette bør svaret ha med" in run
    assert "Ord som passer" in run or "Ord fra arbeidsplassen" in run
    response = _answer(client, sid, "I går jeg jobbet på lageret. Jeg plukket varer.", "c1" * 8)
    assert response.status_code == 302 and "/intervju/svar/" in response.location
    html = client.get(response.location).get_data(as_text=True)
    assert "Verbet på plass nummer to" in html and "Ordstilling" not in html  # no grammar words
    assert "Setningen begynner med «I går». Da kommer verbet «jobbet» før «jeg»." in html
    assert '<mark class="iv-mark" id="mark-1">jeg jobbet' in html
    assert "I går jobbet jeg på lageret." in html  # the rewritten answer
    assert "Eksempler på gode svar" in html and ">A2<" in html and ">B1<" in html
    assert "Nivå: omtrent" in html and "Hovedpunkter" in html


def test_double_submit_stores_one_answer(app: Flask, client: FlaskClient) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["p1"])
    sid = _start(client, "bank:lager_avvik")
    data = {"text": "Jeg har sett et avvik.", "turn_index": "0", "client_id": "same", "spoken": "1"}
    first = client.post(f"/intervju/okt/{sid}/svar", data=data)
    second = client.post(f"/intervju/okt/{sid}/svar", data=data)
    assert first.location == second.location
    rows = query(
        app,
        lambda s: s.scalars(select(InterviewAnswer).where(InterviewAnswer.session_id == sid)).all(),
    )
    assert len(rows) == 1 and rows[0].spoken is True


def test_empty_answer_is_refused_with_a_message(app: Flask, client: FlaskClient) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["p1"])
    sid = _start(client, "bank:lager_avvik")
    response = client.post(
        f"/intervju/okt/{sid}/svar", data={"text": " ", "turn_index": "0", "client_id": "e"}
    )
    assert response.status_code == 400
    assert "Skriv eller si et svar først." in response.get_data(as_text=True)


def test_interview_mode_is_timed_and_gives_feedback_at_the_end(
    app: Flask, client: FlaskClient
) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["p1"])
    sid = _start(client, "intervju", mode="interview")
    run = client.get(f"/intervju/okt/{sid}").get_data(as_text=True)
    assert 'id="iv-timer"' in run and 'data-seconds="120"' in run and "Vis tips" not in run
    response = _answer(client, sid, "Jeg heter Amina. Jeg kommer fra Somalia.", "i1")
    assert response.location.endswith(f"/intervju/okt/{sid}")  # no feedback yet
    answer_id = query(app, lambda s: s.scalar(select(func.max(InterviewAnswer.id))))
    assert client.get(f"/intervju/svar/{answer_id}").status_code == 302
    for n in range(2, 6):
        response = _answer(client, sid, "Jeg har jobbet på et lager i to år.", f"i{n}")
    assert response.location.endswith(f"/intervju/okt/{sid}/resultat")
    html = client.get(response.location).get_data(as_text=True)
    assert html.count("Se tilbakemeldingen") == 5
    assert client.get(f"/intervju/svar/{answer_id}").status_code == 200


def test_transcripts_are_private(app: Flask) -> None:
    w = _world(app)
    owner = app.test_client()
    AuthActions(app, owner).login_as(w["p1"])
    sid = _start(owner, "bank:lager_avvik")
    _answer(owner, sid, "Jeg så at en pall falt ned.", "p1")
    answer_id = query(app, lambda s: s.scalar(select(func.max(InterviewAnswer.id))))
    urls = [
        f"/intervju/okt/{sid}",
        f"/intervju/okt/{sid}/resultat",
        f"/intervju/svar/{answer_id}",
    ]
    # Another participant: not found.  Staff of another organisation: the answer page is
    # participants-only (403), the rest not found.  Mentors: never (403).
    expected = {
        "p2": (404, 404, 404),
        "stranger": (403, 404, 404),
        "mentor": (403, 403, 403),
    }
    for actor, statuses in expected.items():
        client = app.test_client()
        AuthActions(app, client).login_as(w[actor])
        for url, status in zip(urls, statuses, strict=True):
            assert client.get(url).status_code == status, (actor, url)
        post = client.post(
            f"/intervju/okt/{sid}/svar", data={"text": "Hei", "turn_index": "1", "client_id": "x"}
        )
        assert post.status_code in (403, 404)
    teacher = app.test_client()
    AuthActions(app, teacher).login_as(w["teacher"])
    assert "Jeg så at en pall falt ned." in teacher.get(f"/intervju/svar/{answer_id}").get_data(
        as_text=True
    )
    overview = teacher.get(f"/intervju/deltaker/{w['p1_id']}").get_data(as_text=True)
    assert "Amina Yusuf" in overview and "Økter og utvikling" in overview
    assert teacher.post(f"/intervju/okt/{sid}/svar", data={}).status_code == 403
    count = query(app, lambda s: s.scalar(select(func.count(InterviewAnswer.id))))
    assert count == 1


def test_teacher_writes_and_assigns_a_scenario(app: Flask, client: FlaskClient) -> None:
    w = _world(app)
    AuthActions(app, client).login_as(w["teacher"])
    assert "Nytt scenario" in client.get("/intervju/laerer").get_data(as_text=True)
    form = {
        "title": "Første dag på lageret",
        "kind": "workplace",
        "sector": "lager",
        "description": "Lederen viser deg rundt.",
        "turns-0-prompt": "Har du med deg vernesko i dag?",
        "turns-0-key_points": "Svarer ja eller nei: ja, nei\nForklarer: fordi, har",
        "turns-0-terms": "vernesko",
        "turns-0-model_a2": "Ja, jeg har vernesko.",
        "turns-0-model_b1": "Ja, jeg har med meg vernesko, fordi jeg vet at det er påbudt.",
    }
    response = client.post("/intervju/scenario/ny", data=form)
    assert response.status_code == 302
    scenario_id = int(response.location.rsplit("/", 1)[1])
    edit = client.get(f"/intervju/scenario/{scenario_id}").get_data(as_text=True)
    assert "Svarer ja eller nei: ja, nei" in edit
    response = client.post(
        "/intervju/tildel",
        data={"scenario_key": f"org:{scenario_id}", "class_id": str(w["class_id"])},
    )
    assert response.status_code == 302
    assert query(app, lambda s: s.scalar(select(func.count(ScenarioAssignment.id)))) == 1
    participant = app.test_client()
    AuthActions(app, participant).login_as(w["p1"])
    html = participant.get("/intervju/").get_data(as_text=True)
    assert "Fra læreren din" in html and "Første dag på lageret" in html
    # Another organisation's teacher cannot open it.
    stranger = app.test_client()
    AuthActions(app, stranger).login_as(w["stranger"])
    assert stranger.get(f"/intervju/scenario/{scenario_id}").status_code == 404


def test_class_common_errors_page(app: Flask, client: FlaskClient) -> None:
    w = _world(app)
    participant = app.test_client()
    AuthActions(app, participant).login_as(w["p1"])
    sid = _start(participant, "bank:lager_avvik")
    _answer(participant, sid, "I dag jeg skal rydde et hylle.", "ce")
    AuthActions(app, client).login_as(w["teacher"])
    html = client.get(f"/intervju/klasse/{w['class_id']}").get_data(as_text=True)
    assert "Ordstilling: verbet på plass nummer to" in html
    assert "En, ei eller et" in html


def test_application_draft_versions_and_teacher_comment(app: Flask) -> None:
    w = _world(app)
    participant = app.test_client()
    AuthActions(app, participant).login_as(w["p1"])
    assert "Jobben på praksisplassen min" in participant.get("/soknad/").get_data(as_text=True)
    response = participant.post("/soknad/ny", data={"source": "profile"})
    assert response.status_code == 302
    draft_url = response.location
    draft_id = int(draft_url.rsplit("/", 1)[1])
    page = participant.get(draft_url).get_data(as_text=True)
    assert "Søknad til Nordlager AS" in page and "Slik bygger du opp søknaden" in page
    letter = (
        "Hei,\nJeg søker på stillingen hos dere. I går jeg leste annonsen.\n"
        "Med vennlig hilsen\nAmina"
    )
    response = participant.post(f"/soknad/{draft_id}/lagre", data={"text": letter})
    assert response.status_code == 302
    page = participant.get(draft_url).get_data(as_text=True)
    assert "Tilbakemelding på versjon 1" in page and "Oppbygging" in page
    assert "Verbet på plass nummer to" in page and "Ordstilling" not in page
    participant.post(f"/soknad/{draft_id}/lagre", data={"text": letter + " Jeg har erfaring."})
    assert "Versjon 2" in participant.get(draft_url).get_data(as_text=True)

    version_id = int(
        re.findall(r"/soknad/versjon/(\d+)", participant.get(draft_url).get_data(as_text=True))[0]
    )
    teacher = app.test_client()
    AuthActions(app, teacher).login_as(w["teacher"])
    assert (
        teacher.post(
            f"/soknad/versjon/{version_id}/kommentar",
            data={"text": "Bra start! Skriv mer om erfaringen."},
        ).status_code
        == 302
    )
    assert (
        participant.post(
            f"/soknad/versjon/{version_id}/kommentar", data={"text": "Hei"}
        ).status_code
        == 403
    )
    assert query(app, lambda s: s.scalar(select(func.count(ApplicationComment.id)))) == 1
    assert "Bra start! Skriv mer om erfaringen." in participant.get(draft_url).get_data(
        as_text=True
    )

    other = app.test_client()
    AuthActions(app, other).login_as(w["p2"])
    assert other.get(draft_url).status_code == 404
    assert other.get(f"/soknad/versjon/{version_id}").status_code == 404
    mentor = app.test_client()
    AuthActions(app, mentor).login_as(w["mentor"])
    assert mentor.get(draft_url).status_code == 403


def test_nothing_is_stored_for_sessions_of_others(app: Flask) -> None:
    w = _world(app)
    client = app.test_client()
    AuthActions(app, client).login_as(w["p2"])
    # P2 has no placement: a general interview and the other sectors' situations.
    html = client.get("/intervju/").get_data(as_text=True)
    assert "Jobbintervju" in html and "Når du har en praksisplass" in html
    sid = _start(client, "intervju")
    assert query(app, lambda s: s.get(InterviewSession, sid).participant_id) != w["p1_id"]
    assert (
        client.post("/intervju/start", data={"key": "org:999", "mode": "practice"}).status_code
        == 404
    )
