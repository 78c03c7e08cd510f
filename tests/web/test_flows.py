"""Teacher and participant flows over HTTP: classes, CSV import, placements, export, deletion."""

from __future__ import annotations

import datetime as dt
import io
import json

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import Participant, Placement, SchoolClass, User


def _school(app: Flask) -> dict[str, int]:
    def build(s):  # type: ignore[no-untyped-def]
        org = factories.make_organisation(s, name="Oslo VO")
        other = factories.make_organisation(s, name="Bergen VO")
        teacher = factories.make_user(s, org)
        kull = factories.make_class(s, org, name="Hurtigspor høst")
        foreign = factories.make_class(s, other, name="Hemmelig klasse")
        amina = factories.make_participant(s, org, full_name="Amina Yusuf")
        employer = factories.make_employer(s, org, name="Nordlager AS")
        return {
            "teacher": teacher.id,
            "class": kull.id,
            "foreign_class": foreign.id,
            "amina": amina.id,
            "amina_user": amina.user_id,
            "employer": employer.id,
        }

    return in_db(app, build)


def test_teacher_creates_a_class(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    response = client.post(
        "/klasser/ny", data={"name": "Lager vår 2027", "start_date": "2027-01-11"}
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Lager vår 2027" in page and "Klassen Lager vår 2027 er laget." in page
    assert query(
        app,
        lambda s: s.scalar(
            select(SchoolClass.start_date).where(SchoolClass.name == "Lager vår 2027")
        ),
    ) == dt.date(2027, 1, 11)


def test_class_list_shows_only_own_organisation(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    html = client.get("/klasser/").get_data(as_text=True)
    assert "Hurtigspor høst" in html and "Hemmelig klasse" not in html
    assert client.get(f"/klasser/{ids['foreign_class']}").status_code == 404


def test_missing_class_name_shows_error_next_to_field(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    html = client.post("/klasser/ny", data={"name": "", "start_date": "2027-01-11"}).get_data(
        as_text=True
    )
    assert 'id="name-err"' in html and "Skriv et navn." in html and 'aria-invalid="true"' in html


def test_csv_import_shows_norwegian_row_errors_and_saves_nothing(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    text = "navn;telefon;e-post\nTesfay Gebremedhin;;\n;;\nOlena Kovalenko;;ikke-epost\n"
    html = client.post(
        f"/klasser/{ids['class']}/importer", data={"text": text, "joined_on": "2026-09-01"}
    ).get_data(as_text=True)
    assert "Linje 3 mangler navn." in html
    # The table field keeps a code font (columns line up); letters and notes do not.
    assert 'class="mono"' in html
    assert "Linje 4: «ikke-epost» er ikke en e-postadresse." in html
    assert query(app, lambda s: s.scalar(select(func.count()).select_from(Participant))) == 1


def test_csv_upload_imports_and_enrols(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    data = "navn,førstespråk\nTesfay Gebremedhin,tigrinja\nZahra Ahmadi,dari\n".encode()
    response = client.post(
        f"/klasser/{ids['class']}/importer",
        data={"text": "", "joined_on": "2026-09-01", "file": (io.BytesIO(data), "deltakere.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    html = client.get(f"/klasser/{ids['class']}").get_data(as_text=True)
    assert "2 deltakere er lagt til." in html and "Zahra Ahmadi" in html and "tigrinja" in html


def test_class_invites_sheet_has_codes_and_inline_qr(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    ids = _school(app)

    def add(s):  # type: ignore[no-untyped-def]
        from webapp.services.classes import enrol

        kull = s.get(SchoolClass, ids["class"])
        org = s.get(Participant, ids["amina"]).user.organisation
        person = factories.make_participant(
            s, org, full_name="Yonas Tesfamariam", with_password=False
        )
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))

    in_db(app, add)
    auth.login_as(ids["teacher"])
    html = client.post(f"/klasser/{ids['class']}/invitasjoner").get_data(as_text=True)
    assert "Yonas Tesfamariam" in html and "<svg" in html and "data-print" in html


def test_placement_create(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    response = client.post(
        "/praksisplasser/ny",
        data={
            "participant_id": ids["amina"],
            "employer_id": ids["employer"],
            "workplace_id": 0,
            "mentor_id": 0,
            "phase": "praksis",
            "status": "planned",
            "planned_start": "2026-12-01",
            "planned_end": "2026-11-01",
        },
    )
    assert response.status_code == 200
    assert "Slutt kan ikke være før start." in response.get_data(as_text=True)
    response = client.post(
        "/praksisplasser/ny",
        data={
            "participant_id": ids["amina"],
            "employer_id": ids["employer"],
            "workplace_id": 0,
            "mentor_id": 0,
            "phase": "praksis",
            "status": "planned",
            "planned_start": "2026-12-01",
            "planned_end": "2027-02-01",
        },
    )
    assert response.status_code == 302
    assert query(app, lambda s: s.scalar(select(func.count()).select_from(Placement))) == 1


def test_participant_downloads_own_data(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["amina_user"])
    response = client.get("/meg/mine-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["participant"]["full_name"] == "Amina Yusuf"


def test_delete_needs_confirmation(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    url = f"/deltakere/{ids['amina']}/slett"
    assert "Slett Amina Yusuf?" in client.get(url).get_data(as_text=True)
    wrong = client.post(url, data={"confirm_name": "Amina"})
    assert "Navnet er ikke likt. Ingenting er slettet." in wrong.get_data(as_text=True)
    assert query(app, lambda s: s.get(Participant, ids["amina"])) is not None
    ok = client.post(url, data={"confirm_name": "amina yusuf"})
    assert ok.status_code == 302
    assert query(app, lambda s: s.get(Participant, ids["amina"])) is None
    assert query(app, lambda s: s.get(User, ids["amina_user"])) is None


def test_mentor_sees_only_own_placements(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    def build(s):  # type: ignore[no-untyped-def]
        org = factories.make_organisation(s)
        employer = factories.make_employer(s, org)
        mine, theirs = (
            factories.make_mentor(s, org, employer),
            factories.make_mentor(s, org, employer),
        )
        amina = factories.make_participant(s, org, full_name="Amina Yusuf")
        hodan = factories.make_participant(s, org, full_name="Hodan Abdi")
        factories.make_placement(s, amina, employer, mentor=mine)
        factories.make_placement(s, hodan, employer, mentor=theirs)
        return mine.user_id, amina.id, hodan.id

    mentor_user, amina, hodan = in_db(app, build)
    auth.login_as(mentor_user)
    html = client.get("/mentor/").get_data(as_text=True)
    assert "Amina Yusuf" in html and "Hodan Abdi" not in html
    assert client.get(f"/mentor/deltakere/{amina}").status_code == 200
    assert client.get(f"/mentor/deltakere/{hodan}").status_code == 404


def test_navigation_per_role(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    ids = _school(app)
    auth.login_as(ids["amina_user"])
    html = client.get("/hjem").get_data(as_text=True)
    for label in ("Øv", "Intervju", "Fremgang", "Meg"):
        assert f">{label}</a>" in html
    assert ">Klasser</a>" not in html
    auth.login_as(ids["teacher"])
    html = client.get("/klasser/").get_data(as_text=True)
    for label in ("Klasser", "Deltakere", "Arbeidsgivere", "Språkprofiler"):
        assert f">{label}</a>" in html


def _code_from_sheet(html: str) -> str:
    import re

    match = re.search(r'class="code">([A-Z0-9]{4}-[A-Z0-9]{4})<', html)
    assert match, "no invite code on the sheet"
    return match.group(1)


def test_teacher_invites_a_mentor_who_lands_on_my_participants(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    ids = _school(app)
    auth.login_as(ids["teacher"])
    sheet = client.post(
        f"/arbeidsgivere/{ids['employer']}/mentorer",
        data={"display_name": "Sara Nilsen", "email": "", "phone": "", "workplace_id": 0},
    )
    assert sheet.status_code == 200
    code = _code_from_sheet(sheet.get_data(as_text=True))
    phone = app.test_client()
    phone.post("/invitasjon", data={"code": code})
    done = phone.post(
        f"/invitasjon/{code.replace('-', '')}",
        data={"secret": "mentor-passord", "confirm": "mentor-passord"},
    )
    assert done.location == "/mentor/"
    assert "Nordlager AS" in phone.get("/mentor/").get_data(as_text=True)


def test_admin_adds_a_teacher_with_invite(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    def build(s):  # type: ignore[no-untyped-def]
        from webapp.models import Role

        return factories.make_user(
            s, factories.make_organisation(s, name="NAV Alna"), role=Role.ADMIN
        ).id

    auth.login_as(in_db(app, build))
    sheet = client.post("/organisasjon/larere", data={"display_name": "Ola Haugen", "email": ""})
    code = _code_from_sheet(sheet.get_data(as_text=True))
    teacher = app.test_client()
    done = teacher.post(
        f"/invitasjon/{code}", data={"secret": "laerer-passord", "confirm": "laerer-passord"}
    )
    assert done.location == "/klasser/"
    assert "Ola Haugen" in client.get("/organisasjon/").get_data(as_text=True)
    renamed = client.post("/organisasjon/", data={"name": "NAV Alna og Grorud", "allow_pin": "y"})
    assert renamed.status_code == 302
    assert "NAV Alna og Grorud" in client.get("/organisasjon/").get_data(as_text=True)
