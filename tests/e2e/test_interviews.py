"""Intervju in the browser (390×844, Debian chromium): a typed five-question interview."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import SCREENSHOTS, LiveServer
from tests.e2e.helpers import visible
from webapp.extensions import db
from webapp.models import InterviewAnswer, Role
from webapp.services.classes import enrol

pytestmark = pytest.mark.e2e

ANSWERS = (
    "Jeg heter Amina og kommer fra Somalia. Jeg bor i Oslo med familien min.",
    "I går jeg jobbet på lageret. Jeg plukket varer fra hylla og pakket dem på en pall.",
    "Jeg er punktlig og liker å samarbeide med andre. Jeg hjelper gjerne kollegaene mine.",
    "Jeg kan begynne neste mandag. Jeg har tid hver dag fra klokka sju.",
    "Ja, jeg lurer på hvordan opplæringen er den første uka.",
)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _setup(live_server: LiveServer) -> dict[str, Any]:
    with live_server.app.app_context():
        s = db.session
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        person = factories.make_participant(s, org, full_name="Amina Yusuf")
        kull = factories.make_class(s, org)
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        factories.make_placement(s, person, employer)
        factories.make_published_profile(s, employer)
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        s.commit()
        return {
            "username": person.user.username,
            "participant_id": person.id,
            "teacher": teacher.username,
            "class_id": kull.id,
        }


def _login(page: Any, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    # The landing page depends on the role (and on a first-time level check): any page but login.
    page.wait_for_url(lambda url: "/logg-inn" not in url)


def test_participant_answers_a_five_question_interview_by_typing(
    live_server: LiveServer, page: Any
) -> None:
    world = _setup(live_server)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    _login(page, live_server, world["username"])
    page.goto(f"{live_server.url}/intervju/")
    page.get_by_role("heading", name="Jobbintervju hos Nordlager AS").wait_for()
    _shot(page, "interview-01-index")

    page.get_by_role("button", name="Intervju med tid").click()
    for n, text in enumerate(ANSWERS, start=1):
        page.wait_for_url(re.compile(r".*/intervju/okt/\d+$"))
        assert page.locator("#iv-count").inner_text() == f"Spørsmål {n} av 5"
        timer = page.locator("#iv-timer")
        assert re.fullmatch(r"[12]:\d\d", timer.inner_text())
        # Headless chromium has no speech recognition: the page says so and typing works.
        if page.evaluate("() => !(window.SpeechRecognition || window.webkitSpeechRecognition)"):
            visible(page.locator("#iv-no-speech"))
        else:
            visible(page.get_by_role("button", name="Snakk"))
        if n == 1:
            assert page.locator("#iv-prompt").inner_text() == "Fortell litt om deg selv."
            _shot(page, "interview-02-question")
        page.get_by_label("Ditt svar").fill(text)
        if n == 2:
            _shot(page, "interview-03-typed")
        page.get_by_role("button", name="Send svaret").click()

    page.wait_for_url(re.compile(r".*/intervju/okt/\d+/resultat$"))
    assert page.locator(".iv-results > li").count() == 5
    assert page.locator("mark.iv-mark").count() >= 1  # the V2 error in answer 2 is marked
    _shot(page, "interview-04-result")

    page.get_by_role("link", name="Se tilbakemeldingen").nth(1).click()
    page.wait_for_url(re.compile(r".*/intervju/svar/\d+$"))
    assert "Verbet på plass nummer to" in page.locator(".iv-problems").inner_text()
    assert "I går jobbet jeg på lageret." in page.locator(".iv-rewritten").inner_text()
    visible(page.get_by_role("heading", name="Eksempler på gode svar"))
    visible(page.get_by_role("heading", name=re.compile(r"^Nivå: omtrent")))
    _shot(page, "interview-05-feedback")
    # Nothing is wider than the phone screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    _shot(page, "interview-06-feedback-360")

    with live_server.app.app_context():
        rows = db.session.scalars(
            select(InterviewAnswer)
            .where(InterviewAnswer.participant_id == world["participant_id"])
            .order_by(InterviewAnswer.turn_index)
        ).all()
        assert [r.text for r in rows] == list(ANSWERS)
        assert not any(r.spoken for r in rows)
    assert errors == []


def test_practice_mode_tips_and_teacher_overview(live_server: LiveServer, page: Any) -> None:
    world = _setup(live_server)
    _login(page, live_server, world["username"])
    page.goto(f"{live_server.url}/intervju/")
    page.get_by_role("button", name="Øv med hjelp").click()
    page.wait_for_url(re.compile(r".*/intervju/okt/\d+$"))
    page.get_by_text("Vis tips").click()
    visible(page.get_by_role("heading", name="Dette bør svaret ha med"))
    _shot(page, "interview-07-practice-tips")
    page.get_by_label("Ditt svar").fill("I dag jeg skal fortelle om meg selv. Jeg heter Amina.")
    page.get_by_role("button", name="Send svaret").click()
    page.wait_for_url(re.compile(r".*/intervju/svar/\d+$"))
    visible(page.get_by_role("link", name="Neste spørsmål"))
    _shot(page, "interview-08-practice-feedback")

    page.goto(f"{live_server.url}/soknad/")
    page.get_by_role("button", name="Begynn å skrive").click()
    page.wait_for_url(re.compile(r".*/soknad/\d+$"))
    page.get_by_label("Søknaden din").fill(
        "Hei,\n\nJeg søker på stillingen som lagermedarbeider hos dere. Jeg har erfaring fra "
        "et lager, og jeg er punktlig og nøyaktig.\n\nMed vennlig hilsen\nAmina Yusuf"
    )
    page.get_by_role("button", name="Lagre og få tilbakemelding").click()
    page.get_by_role("heading", name="Tilbakemelding på versjon 1").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    _shot(page, "interview-09-application")

    page.context.clear_cookies()
    _login(page, live_server, world["teacher"])
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Intervju").click()
    page.wait_for_url(re.compile(r".*/intervju/laerer$"))
    _shot(page, "interview-10-teacher")
    page.goto(f"{live_server.url}/intervju/klasse/{world['class_id']}")
    assert "Ordstilling: verbet på plass nummer to" in page.locator(".iv-errlist").inner_text()
    _shot(page, "interview-11-class-errors")
    page.goto(f"{live_server.url}/intervju/deltaker/{world['participant_id']}")
    _shot(page, "interview-12-participant")
    page.get_by_role("link", name="Søknad til Nordlager AS").click()
    page.get_by_role("link", name="Versjon 1").click()
    page.get_by_label("Kommentar til deltakeren").fill(
        "Bra start! Skriv mer om hvorfor du vil jobbe her."
    )
    page.get_by_role("button", name="Lagre kommentaren").click()
    page.get_by_text("Kommentaren er lagret.").wait_for()
    _shot(page, "interview-13-teacher-comment")
    page.goto(f"{live_server.url}/intervju/scenario/ny")
    page.get_by_label("Tittel").fill("Første dag på lageret")
    page.locator("#turns-0-prompt").fill("Har du med deg vernesko i dag?")
    page.locator("#turns-0-key_points").fill("Svarer ja eller nei: ja, nei")
    page.locator("#turns-0-model_a2").fill("Ja, jeg har vernesko.")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Scenarioet er lagret.").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    _shot(page, "interview-14-scenario-form")
