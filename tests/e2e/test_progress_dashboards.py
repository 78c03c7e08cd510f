"""Dashboards in the browser: the participant's on a phone (390×844), the teacher's class
dashboard on a laptop (1280×800), and the mentor's workspace.  Screenshots go to
tests/e2e/screenshots/progress-*.png (look at them)."""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from typing import Any

import pytest
from sqlalchemy.orm import Session

from exercises.scheduling import CardState as SchedState
from exercises.scheduling import Rating, review
from tests import factories
from tests.conftest import SCREENSHOTS, LiveServer
from tests.e2e.helpers import visible
from webapp.extensions import db
from webapp.models import Answer, CardState, MappingRecord, ProgressSnapshot, Role
from webapp.services import progress as svc
from webapp.services.classes import enrol

pytestmark = pytest.mark.e2e

LEVEL_OF = {"A1": -1.5, "A2": -0.5, "B1": 0.5, "B2": 1.5}


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _login(page: Any, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def _practise(
    s: Session,
    participant_id: int,
    *,
    known: list[str],
    days_ago: int,
    answers: int,
    level: str,
    rng: random.Random,
    now: dt.datetime,
) -> None:
    """Give a participant known words, practice answers over time and skill evidence."""
    last = now - dt.timedelta(days=days_ago, hours=1)
    for lemma in known:
        key = uuid.uuid4().hex[:16]
        state = SchedState.new(key, now=last - dt.timedelta(days=20))
        for back in (8, 4, 0):
            state, _ = review(state, Rating.Good, last - dt.timedelta(days=back))
        s.add(
            CardState(
                participant_id=participant_id,
                item_key=key,
                item_type="meaning",
                term_lemma=lemma,
                item={},
                state=state.to_dict(),
                due=state.due,
                reps=state.reps,
                last_review_at=state.last_review,
                created_at=last - dt.timedelta(days=20),
            )
        )
    theta = LEVEL_OF[level]
    for n in range(answers):
        at = last - dt.timedelta(days=n % 12, minutes=n)
        row = Answer(
            participant_id=participant_id,
            client_id=uuid.uuid4().hex,
            item_key="x",
            item_type="cloze",
            correct=True,
            answered_at=at,
        )
        s.add(row)
        s.flush()
        item_level = rng.choice(["A1", "A2", "B1", "B2"])
        p = 1 / (1 + 2.718 ** (-1.5 * (theta - LEVEL_OF[item_level])))
        for k, item_type in enumerate(("listening", "cloze", "situation")):
            svc.apply_evidence(
                s,
                participant_id,
                source="practice",
                source_id=row.id * 10 + k,
                answers=svc.evidence_from_item(
                    {"type": item_type, "level": item_level}, score=float(rng.random() < p)
                ),
                answered_at=at,
                now=now,
            )
    # Snapshots over the last weeks for the trend.
    summary = svc.participant_progress(s, participant_id, now=now).summary
    share = summary.coverage.share if summary.coverage is not None else 0.0
    thetas = {r.skill: r.estimate.theta for r in summary.skills if r.estimate is not None}
    for weeks, factor in ((3, 0.35), (2, 0.55), (1, 0.8)):
        # Earlier weeks: the participant knew fewer words (seeded, as if measured then).
        day = (now - dt.timedelta(weeks=weeks)).astimezone(svc.OSLO).date()
        s.add(
            ProgressSnapshot(
                participant_id=participant_id,
                day=day,
                taken_at=now - dt.timedelta(weeks=weeks),
                coverage=round(share * factor, 4),
                safety_known=0,
                safety_total=2,
                skills={k: round(v - 0.25 * weeks, 3) for k, v in thetas.items()},
            )
        )
    s.flush()


def _school(live_server: LiveServer) -> dict[str, Any]:
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    lemmas = [t["lemma"] for t in factories.WAREHOUSE_TERMS]
    with live_server.app.app_context():
        s = db.session
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        teacher = factories.make_user(s, org, role=Role.TEACHER, display_name="Kari Lærer")
        kull = factories.make_class(s, org, name="Hurtigspor lager høst 2026")
        employer = factories.make_employer(s, org, name="Nordlager AS", sector="lager")
        mentor = factories.make_mentor(s, org, employer, display_name="Per Mentor")
        factories.make_published_profile(s, employer)
        people = [
            ("Amina Yusuf", lemmas[:6], 0, 60, "B1"),
            ("Olena Kovalenko", lemmas[:8], 1, 80, "B2"),
            ("Yonas Tesfamariam", lemmas[:3], 6, 30, "A2"),
            ("Hodan Abdi", lemmas[:4], 2, 40, "A2"),
            ("Ahmad Karimi", lemmas[:1], 9, 12, "A1"),
            ("Mariam Haidari", lemmas[:5], 0, 50, "B1"),
        ]
        ids: dict[str, int] = {}
        for name, known, days_ago, answers, level in people:
            person = factories.make_participant(s, org, full_name=name)
            person.created_at = now - dt.timedelta(days=40)
            enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
            factories.make_placement(
                s,
                person,
                employer,
                mentor=mentor if name == "Amina Yusuf" else None,
                planned_start=(now + dt.timedelta(days=10)).date(),
            )
            s.add(MappingRecord(participant_id=person.id, status="done", level="A2"))
            s.flush()
            _practise(
                s,
                person.id,
                known=known,
                days_ago=days_ago,
                answers=answers,
                level=level,
                rng=rng,
                now=now,
            )
            ids[name] = person.id
            if name == "Amina Yusuf":
                ids["amina_user"] = person.user.username
        svc.save_class_thresholds(
            s,
            kull.id,
            coverage=0.7,
            safety_share=1.0,
            interview_sessions=0,
            skill_levels={"listening": "A2", "oral": "A2"},
            now=now,
        )
        s.commit()
        return {
            "amina": ids["amina_user"],
            "teacher": teacher.username,
            "mentor": mentor.user.username,
            "class_id": kull.id,
        }


def test_participant_dashboard_on_a_phone(page: Any, live_server: LiveServer) -> None:
    ids = _school(live_server)
    _login(page, live_server, ids["amina"])
    page.goto(f"{live_server.url}/fremgang/")
    visible(page.get_by_role("heading", name="Fremgang"))
    text = page.locator("main").inner_text()
    assert re.search(r"Du kan \d+ av \d+ ord fra jobben", text)
    assert re.search(r"Av 100 ord du hører på jobben, kan du \d+\.", text)
    assert "sikkerhetsord" in text and "Muntlig" in text and "dager på rad" in text
    # Nothing overflows sideways on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    _shot(page, "progress-01-participant-phone")


def test_teacher_class_dashboard_on_a_laptop(page: Any, live_server: LiveServer) -> None:
    ids = _school(live_server)
    context = page.context.browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="nb-NO"
    )
    laptop = context.new_page()
    try:
        _login(laptop, live_server, ids["teacher"])
        laptop.goto(f"{live_server.url}/fremgang/klasse/{ids['class_id']}?sort=coverage&dir=desc")
        rows = laptop.locator("table.hs-table tbody tr")
        assert rows.count() == 6
        assert "Olena Kovalenko" in rows.nth(0).inner_text()
        assert "Trenger oppfølging" in laptop.locator("main").inner_text()
        assert laptop.evaluate("document.documentElement.scrollWidth") <= 1280
        _shot(laptop, "progress-02-teacher-class-laptop")
        laptop.get_by_role("link", name="Amina Yusuf").first.click()
        laptop.wait_for_load_state()
        assert "Klar for praksis?" in laptop.locator("main").inner_text()
        _shot(laptop, "progress-03-teacher-participant-laptop")
    finally:
        context.close()


def test_mentor_workspace_on_a_phone(page: Any, live_server: LiveServer) -> None:
    ids = _school(live_server)
    _login(page, live_server, ids["mentor"])
    page.goto(f"{live_server.url}/mentor/")
    assert "Amina Yusuf" in page.locator("main").inner_text()
    assert "Olena" not in page.locator("main").inner_text()
    _shot(page, "progress-04-mentor-mentees")
    page.goto(f"{live_server.url}/mentor/fraser")
    visible(page.get_by_text("Pass opp, trucken kommer!"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "progress-05-mentor-phrases")


def test_mapping_on_first_login_on_a_phone(page: Any, live_server: LiveServer) -> None:
    with live_server.app.app_context():
        s = db.session
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        person = factories.make_participant(s, org, full_name="Samir Haddad")
        kull = factories.make_class(s, org)
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
        s.commit()
        username = person.user.username
    _login(page, live_server, username)
    assert re.search(r"/hjem$", page.url)
    visible(page.get_by_role("heading", name="Velkommen! Fortell litt om deg"))
    page.get_by_label("Hvilke språk snakker du?").fill("arabisk, engelsk")
    page.get_by_label("Hva har du jobbet med før?").fill("kokk")
    page.get_by_label("Hva vil du jobbe med i Norge?").fill("kjøkken")
    _shot(page, "progress-06-mapping-background")
    page.get_by_role("button", name="Neste").click()
    page.wait_for_load_state()
    visible(page.get_by_role("heading", name="Kjenner du dette ordet?"))
    _shot(page, "progress-07-mapping-word")
    for _ in range(30):
        if not page.get_by_role("button", name="Ja").count():
            break
        page.get_by_role("button", name="Ja").click()
        page.wait_for_load_state()
    visible(page.get_by_role("heading", name="Takk! Du er ferdig"))
    assert "Kjøkken og kantine" in page.locator("main").inner_text()
    _shot(page, "progress-08-mapping-done")
