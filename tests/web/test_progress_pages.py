"""Progress pages: the participant's dashboard, the teacher's class and participant pages,
the mapping flow, outcomes with CSV, and who may see what."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, select

from exercises.scheduling import CardState as SchedState
from exercises.scheduling import Rating, review
from progress.estimator import Answer, initial_state, update
from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import CardState, MappingRecord, Mentor, ProgrammeOutcome, Role, SkillStateRow
from webapp.services import mentor as mentor_svc
from webapp.services.classes import enrol


@dataclass
class Ids:
    amina: int
    amina_user: int
    olena: int
    olena_user: int
    teacher: int
    other_teacher: int
    admin: int
    class_id: int
    employer: int
    mentor_user: int
    mentor_id: int


@pytest.fixture
def ids(app: Flask) -> Ids:
    def build(s):  # type: ignore[no-untyped-def]
        org = factories.make_organisation(s, name="Oslo VO")
        other_org = factories.make_organisation(s, name="Bergen VO")
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        admin = factories.make_user(s, org, role=Role.ADMIN)
        other_teacher = factories.make_user(s, other_org, role=Role.TEACHER)
        amina = factories.make_participant(s, org, full_name="Amina Yusuf")
        olena = factories.make_participant(s, org, full_name="Olena Kovalenko")
        kull = factories.make_class(s, org, name="Hurtigspor høst")
        enrol(s, kull, amina, joined_on=dt.date(2026, 8, 17))
        enrol(s, kull, olena, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS", sector="lager")
        mentor = factories.make_mentor(s, org, employer)
        factories.make_placement(s, amina, employer, mentor=mentor)
        factories.make_published_profile(s, employer)
        for person in (amina, olena):  # mapping done: no redirect from the home page
            s.add(MappingRecord(participant_id=person.id, status="skipped"))
        return Ids(
            amina.id,
            amina.user_id,
            olena.id,
            olena.user_id,
            teacher.id,
            other_teacher.id,
            admin.id,
            kull.id,
            employer.id,
            mentor.user_id,
            mentor.id,
        )

    return in_db(app, build)


def test_participant_dashboard_shows_coverage_streak_and_skills(
    client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.amina_user)
    html = client.get("/fremgang/").get_data(as_text=True)
    assert "Klar for dagens øving?" in html
    assert re.search(
        r"Du kan 0 av \d+ ord fra jobben\. Av 100 ord du hører på jobben, kan du 0\.", html
    )
    assert "Du kan 0 av 2 sikkerhetsord" in html
    for name in ("Lytting", "Lesing", "Skriving", "Muntlig"):
        assert f"<strong>{name}</strong>" in html
    assert html.count('role="img"') >= 5  # coverage meter + four skill bars
    assert "Olena" not in html


def _known_card(s, participant_id: int, lemma: str) -> None:  # type: ignore[no-untyped-def]
    """A card for ``lemma`` answered right three times, the last an hour ago (recall > 0.9)."""
    now = dt.datetime.now(dt.UTC)
    state = SchedState.new(f"k-{lemma}", now=now - dt.timedelta(days=30))
    for days in (8, 4, 0):
        state, _ = review(state, Rating.Good, now - dt.timedelta(days=days, hours=1))
    s.add(
        CardState(
            participant_id=participant_id,
            item_key=f"k-{lemma}",
            item_type="meaning",
            term_lemma=lemma,
            item={},
            state=state.to_dict(),
            due=state.due,
            reps=state.reps,
            last_review_at=state.last_review,
            created_at=now - dt.timedelta(days=30),
        )
    )


def test_coverage_numbers_read_the_same_on_every_page(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    """UX review item 5: one sentence with both numbers, and the same numbers for staff."""
    in_db(app, lambda s: _known_card(s, ids.amina, "hylle"))
    auth.login_as(ids.amina_user)
    html = client.get("/fremgang/").get_data(as_text=True)
    found = re.search(
        r"Du kan (\d+) av (\d+) ord fra jobben\. Av 100 ord du hører på jobben, kan du (\d+)\.",
        html,
    )
    assert found, html
    known, total, per_hundred = found.groups()
    assert known == "1" and int(total) > 1 and int(per_hundred) > 0
    assert "ord du kan" not in html  # the separate word count is gone
    assert "av 100 ord" in html and f">{per_hundred}</text>" in html  # the meter: "54 / av 100 ord"
    assert not re.search(r"\d+ %", html.split('id="ferdigheter"')[0])  # no percent for the learner
    auth.login_as(ids.teacher)
    page = client.get(f"/fremgang/deltaker/{ids.amina}").get_data(as_text=True)
    assert (
        f"Kan {known} av {total} ord fra jobben. Det dekker {per_hundred} % av ordene som brukes "
        "på lageret." in page
    )
    table = client.get(f"/fremgang/klasse/{ids.class_id}").get_data(as_text=True)
    assert f"{per_hundred} %<br><small" in table and f"{known} av {total} ord</small>" in table
    auth.login_as(ids.mentor_user)
    mentor = client.get(f"/mentor/deltakere/{ids.amina}").get_data(as_text=True)
    assert f"Kan {per_hundred} % av ordene på arbeidsplassen" in mentor
    assert (
        f"Kan {known} av {total} ord fra jobben. Det dekker {per_hundred} %" in mentor
    )  # meter title


def test_word_exercises_alone_do_not_reach_the_b1_goal_on_any_page(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    """UX review item 4: the capped estimate on the participant page and the class table."""

    def practised(s):  # type: ignore[no-untyped-def]
        for skill, kind in (("listening", "listening"), ("reading", "meaning")):
            state = initial_state(skill)
            for n in range(300):  # word items, two in three right
                answer = Answer(
                    kind=kind, level="B2", score=float(n % 3 != 0), options=3, single_word=True
                )
                state = update(state, answer)
            s.add(
                SkillStateRow(
                    participant_id=ids.amina,
                    skill=skill,
                    state=state.to_dict(),
                    level="B2",  # as stored before the cap: the page must not trust it
                    n_answers=state.n_answers,
                )
            )

    in_db(app, practised)
    auth.login_as(ids.amina_user)
    html = client.get("/fremgang/").get_data(as_text=True)
    assert "A2, basert på 300 svar" in html
    assert "Mål nådd!" not in html and "B2, basert" not in html
    assert "Oppgaver med ett ord viser høyst A2. Øv med hele setninger for å vise mer." in html
    auth.login_as(ids.teacher)
    table = client.get(f"/fremgang/klasse/{ids.class_id}").get_data(as_text=True)
    assert "hs-reached" not in table and '">B2</span>' not in table
    assert table.count('">A2</span>') >= 2
    page = client.get(f"/fremgang/deltaker/{ids.amina}").get_data(as_text=True)
    assert "Oppgaver med ett ord viser høyst A2" in page


def test_participants_see_nobody_else(client: FlaskClient, auth: AuthActions, ids: Ids) -> None:
    auth.login_as(ids.amina_user)
    for url in (
        f"/fremgang/deltaker/{ids.olena}",
        f"/fremgang/deltaker/{ids.amina}",
        f"/fremgang/klasse/{ids.class_id}",
        "/fremgang/utfall",
        "/fremgang/utfall.csv",
        f"/mentor/deltakere/{ids.olena}",
    ):
        assert client.get(url).status_code == 403, url


def test_teacher_class_dashboard_sorts_and_flags_inactive(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.teacher)
    html = client.get(f"/fremgang/klasse/{ids.class_id}?sort=name&dir=desc").get_data(as_text=True)
    assert html.index("Olena Kovalenko") < html.index("Amina Yusuf")
    assert "Ord klassen ikke kan ennå" in html and "vernesko" in html
    assert "Krav for «Klar for praksis»" in html
    assert 'aria-sort="descending"' in html
    # An unknown sort key falls back to the name.
    assert client.get(f"/fremgang/klasse/{ids.class_id}?sort=skonummer").status_code == 200
    response = client.post(
        f"/fremgang/klasse/{ids.class_id}/terskler",
        data={"coverage": "60", "safety_share": "100", "interview_sessions": "1", "oral": "A2"},
    )
    assert response.status_code == 302
    html = client.get(response.location).get_data(as_text=True)
    assert "Kravene for «Klar for praksis» er lagret." in html
    assert 'value="60"' in html


def test_other_organisation_cannot_see_the_class_or_participant(
    client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.other_teacher)
    assert client.get(f"/fremgang/klasse/{ids.class_id}").status_code == 404
    assert client.get(f"/fremgang/deltaker/{ids.amina}").status_code == 404


def test_teacher_participant_page_targets_outcome_and_mentor_words(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    def note(s):  # type: ignore[no-untyped-def]
        mentor = s.get(Mentor, ids.mentor_id)
        row = mentor_svc.save_note(
            s,
            mentor,
            ids.amina,
            went_well="Hun hilser på alle.",
            challenges="Klokkeslett.",
            missing_words="jekketralle, pall",
            now=dt.datetime.now(dt.UTC),
        )
        return row.id

    note_id = in_db(app, note)
    auth.login_as(ids.teacher)
    html = client.get(f"/fremgang/deltaker/{ids.amina}").get_data(as_text=True)
    assert "Klar for praksis?" in html and "Hun hilser på alle." in html
    assert "Legg til i utkast" in html and "jekketralle" in html
    response = client.post(
        f"/fremgang/deltaker/{ids.amina}/mal",
        data={"listening": "", "reading": "", "writing": "A2", "oral": "B1"},
    )
    assert response.status_code == 302
    html = client.get(response.location).get_data(as_text=True)
    assert "Målene er lagret." in html and "skriving A2" in html
    response = client.post(
        f"/fremgang/deltaker/{ids.amina}/utkast", data={"note_id": note_id, "word": ["jekketralle"]}
    )
    html = client.get(response.location).get_data(as_text=True)
    assert "Lagt til i utkastet: jekketralle" in html
    response = client.post(
        f"/fremgang/deltaker/{ids.amina}/utfall",
        data={"category": "fast_jobb", "exit_date": "2026-11-20", "site": "Helsfyr"},
    )
    html = client.get(response.location).get_data(as_text=True)
    assert "Utfallet er lagret." in html and "Fast jobb" in html
    # Someone else's note cannot be used for another participant.
    response = client.post(
        f"/fremgang/deltaker/{ids.olena}/utkast", data={"note_id": note_id, "word": ["pall"]}
    )
    assert "Fant ikke notatet." in client.get(response.location).get_data(as_text=True)


def test_outcome_report_and_csv_export(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    auth.login_as(ids.teacher)
    for pid, category in ((ids.amina, "midlertidig_jobb"), (ids.olena, "avbrutt")):
        client.post(
            f"/fremgang/deltaker/{pid}/utfall",
            data={"category": category, "exit_date": "2026-11-20", "site": "Helsfyr"},
        )
    assert query(app, lambda s: len(s.scalars(select(ProgrammeOutcome)).all())) == 2
    html = client.get("/fremgang/utfall?by=site").get_data(as_text=True)
    assert "Helsfyr" in html and "50.0 %" in html
    response = client.get("/fremgang/utfall.csv?by=class")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeffgruppe;antall;")
    rows = text.lstrip("\ufeff").strip().splitlines()
    assert rows[1].startswith("Hurtigspor høst;2;0;1;0;0;1;0;1;50,0;nei")
    assert "Amina" not in text and "Olena" not in text  # anonymous figures


def test_mapping_flow_from_first_login(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: Ids
) -> None:
    in_db(app, lambda s: s.execute(delete(MappingRecord)))  # a fresh start for both
    auth.login_as(ids.amina_user)
    home = client.get("/hjem")  # the first page after login shows the mapping
    assert home.status_code == 200 and "Fortell litt om deg" in home.get_data(as_text=True)
    page = client.get("/fremgang/kartlegging").get_data(as_text=True)
    assert "Fortell litt om deg" in page
    bad = client.post("/fremgang/kartlegging/bakgrunn", data={"languages": ""})
    assert bad.status_code == 400 and "Skriv minst ett språk." in bad.get_data(as_text=True)
    client.post(
        "/fremgang/kartlegging/bakgrunn",
        data={
            "languages": "arabisk, engelsk",
            "previous_occupation": "kokk",
            "wanted_work": "kjøkken",
            "education": "12 år skole",
        },
    )
    words = 0
    while True:
        html = client.get("/fremgang/kartlegging").get_data(as_text=True)
        match = re.search(r'name="word" value="([^"]+)"', html)
        if match is None:
            break
        assert "Kjenner du dette ordet?" in html and "pseudo" not in html
        client.post("/fremgang/kartlegging/ord", data={"word": match.group(1), "answer": "ja"})
        words += 1
        assert words <= 30
    assert 20 <= words <= 24
    assert "Takk! Du er ferdig" in html and "Kjøkken og kantine" in html
    assert "Hei, Amina!" in client.get("/hjem").get_data(as_text=True)  # home again
    row = query(
        app,
        lambda s: s.scalar(select(MappingRecord).where(MappingRecord.participant_id == ids.amina)),
    )
    assert row.status == "done" and row.languages == ["arabisk", "engelsk"]
    # The teacher sees it and corrects it.
    auth.login_as(ids.teacher)
    html = client.get(f"/fremgang/deltaker/{ids.amina}").get_data(as_text=True)
    assert "arabisk, engelsk" in html and "Kjøkken og kantine" in html
    response = client.post(
        f"/fremgang/deltaker/{ids.amina}/kartlegging",
        data={"level": "A2", "sectors": ["kjøkken", "renhold"], "note": "Trenger mer lesing."},
    )
    html = client.get(response.location).get_data(as_text=True)
    assert "Startnivå A2 (satt av lærer)" in html and "Renhold" in html
    # Olena skips; her home page is then shown.
    auth.login_as(ids.olena_user)
    assert "Hopp over nå" in client.get("/hjem").get_data(as_text=True)
    response = client.post("/fremgang/kartlegging/hopp-over")
    assert response.location.endswith("/hjem")
    assert "Hei, Olena!" in client.get("/hjem").get_data(as_text=True)
