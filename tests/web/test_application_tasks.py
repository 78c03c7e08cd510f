"""Application tasks from a pasted ad; the teacher's participant page links to the work."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import ApplicationDraft, Role

AD = (
    "Rema 1000 Furuset søker butikkmedarbeider i deltid. Du skal fylle på varer, sitte i kassen "
    "og hjelpe kundene. Vi ønsker at du er blid, punktlig og liker å jobbe i team."
)


def _world(app: Flask) -> dict[str, int]:
    def build(s: Any) -> dict[str, int]:
        org = factories.make_organisation(s, name="Skole A")
        other = factories.make_organisation(s, name="Skole B")
        person = factories.make_participant(s, org, full_name="Amina Yusuf")
        return {
            "teacher": factories.make_user(s, org, role=Role.TEACHER).id,
            "other_teacher": factories.make_user(s, other, role=Role.TEACHER).id,
            "participant": person.id,
            "participant_user": person.user_id,
        }

    return in_db(app, build)


def test_teacher_pastes_an_ad_and_the_participant_sees_the_task(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    world = _world(app)
    url = f"/soknad/deltaker/{world['participant']}/ny"
    auth.login_as(world["teacher"])
    assert client.get(url).status_code == 200
    too_short = client.post(url, data={"title": "", "ad_text": "Vi søker folk."})
    assert too_short.status_code == 400
    assert "Lim inn hele annonsen" in too_short.get_data(as_text=True)
    done = client.post(url, data={"title": "Søknad til Rema 1000 Furuset", "ad_text": AD})
    assert done.status_code == 302
    assert done.location.endswith(f"/intervju/deltaker/{world['participant']}")
    drafts = query(
        app,
        lambda s: [
            (d.participant_id, d.title, d.ad_source, d.ad_text)
            for d in s.scalars(select(ApplicationDraft))
        ],
    )
    assert drafts == [(world["participant"], "Søknad til Rema 1000 Furuset", "pasted", AD)]
    teacher_view = client.get(f"/intervju/deltaker/{world['participant']}").get_data(as_text=True)
    assert "Søknad til Rema 1000 Furuset" in teacher_view and url in teacher_view

    auth.login_as(world["participant_user"])
    mine = client.get("/soknad/").get_data(as_text=True)
    assert "Søknad til Rema 1000 Furuset" in mine
    draft_id = query(app, lambda s: s.scalar(select(ApplicationDraft.id)))
    page = client.get(f"/soknad/{draft_id}")
    assert page.status_code == 200 and "butikkmedarbeider" in page.get_data(as_text=True)

    auth.login_as(world["other_teacher"])
    assert client.post(url, data={"title": "", "ad_text": AD}).status_code == 404
    assert query(app, lambda s: len(s.scalars(select(ApplicationDraft)).all())) == 1


def test_participant_page_links_progress_interviews_and_applications(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    world = _world(app)
    auth.login_as(world["teacher"])
    pid = world["participant"]
    html = client.get(f"/deltakere/{pid}").get_data(as_text=True)
    for link in (f"/fremgang/deltaker/{pid}", f"/intervju/deltaker/{pid}",
                 f"/soknad/deltaker/{pid}/ny"):
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200
