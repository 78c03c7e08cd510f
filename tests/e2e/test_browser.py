"""Browser tests, phone viewport 390×844, Debian chromium: invite → password → home; new class."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests import factories
from tests.conftest import SCREENSHOTS, LiveServer
from tests.e2e.helpers import visible
from webapp.extensions import db
from webapp.services.accounts import issue_invite

pytestmark = pytest.mark.e2e


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_participant_redeems_invite_and_logs_in(live_server: LiveServer, page: Any) -> None:
    with live_server.app.app_context():
        org = factories.make_organisation(db.session, name="Oslo VO Helsfyr")
        person = factories.make_participant(
            db.session, org, full_name="Amina Yusuf", with_password=False
        )
        code = issue_invite(db.session, person.user)
        username = person.user.username
        db.session.commit()

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/invitasjon")
    page.get_by_label("Kode").fill(code.lower())
    page.get_by_role("button", name="Neste").click()
    page.wait_for_url(re.compile(r".*/invitasjon/\w+$"))
    visible(page.get_by_role("heading", name="Velkommen, Amina Yusuf!"))
    _shot(page, "01-redeem")
    page.get_by_label("Nytt passord").fill("mitt-passord")
    page.get_by_label("Skriv det samme en gang til").fill("mitt-passord")
    page.get_by_role("button", name="Lagre og fortsett").click()
    page.wait_for_url(re.compile(r".*/hjem$"))
    visible(page.get_by_role("heading", name="Hei, Amina!"))

    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r".*/logg-inn$"))
    _shot(page, "02-login")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill("mitt-passord")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r".*/hjem$"))
    nav = page.get_by_role("navigation", name="Hovedmeny")
    for label in ("Øv", "Intervju", "Fremgang", "Meg"):
        visible(nav.get_by_role("link", name=label))
    _shot(page, "03-participant-home")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "page scrolls sideways on a phone"
    box = nav.get_by_role("link", name="Meg").bounding_box()
    assert box is not None and box["height"] >= 44
    assert not [e for e in errors if "Content Security Policy" in e]


def test_teacher_creates_a_class(live_server: LiveServer, page: Any) -> None:
    with live_server.app.app_context():
        org = factories.make_organisation(db.session, name="Oslo VO Helsfyr")
        teacher = factories.make_user(db.session, org, display_name="Hanne Lie")
        username = teacher.username
        db.session.commit()

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r".*/klasser/$"))
    page.get_by_role("link", name="Ny klasse").click()
    page.get_by_label("Navn på klassen").fill("Hurtigspor lager, vår 2027")
    page.get_by_label("Startdato").fill("2027-01-11")
    _shot(page, "04-new-class")
    page.get_by_role("button", name="Lag klassen").click()
    page.wait_for_url(re.compile(r".*/klasser/\d+$"))
    visible(page.get_by_role("heading", name="Hurtigspor lager, vår 2027"))
    visible(page.get_by_text("Klassen Hurtigspor lager, vår 2027 er laget."))
    _shot(page, "05-class-created")
    page.get_by_role("link", name="Legg til deltaker").click()
    page.get_by_label("Fullt navn").fill("Tesfay Gebremedhin")
    page.get_by_label("Førstespråk").fill("tigrinja")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r".*/deltakere/\d+$"))
    page.get_by_role("button", name="Lag ny kode").click()
    page.locator(".invite-card svg").first.wait_for()  # the invite sheet is a new page
    assert page.locator(".invite-card svg").count() == 1
    _shot(page, "06-invite-sheet")
    assert errors == []  # no CSP violations, no failed assets


def test_pages_reflow_at_200_percent_zoom(live_server: LiveServer, page: Any) -> None:
    """200 % zoom on a 390 px phone is a 195 px CSS viewport: nothing may scroll sideways."""
    with live_server.app.app_context():
        org = factories.make_organisation(db.session)
        person = factories.make_participant(db.session, org, full_name="Mohammed Al-Hassan")
        username = person.user.username
        db.session.commit()
    page.set_viewport_size({"width": 195, "height": 422})
    page.goto(f"{live_server.url}/logg-inn")
    assert page.evaluate("document.documentElement.scrollWidth") <= 195
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r".*/hjem$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 195
    _shot(page, "07-home-200-percent")
