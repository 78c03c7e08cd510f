"""Browser test, laptop viewport: a teacher builds, curates and publishes a language profile.

The live server runs jobs with the in-process runner (a thread), so the progress bar polls a
real background build.  Screenshots land in ``tests/e2e/screenshots/profiles-*.png``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests import factories
from tests.conftest import SCREENSHOTS, LiveServer
from tests.e2e.helpers import visible
from webapp.extensions import db
from webapp.models import Role

pytestmark = pytest.mark.e2e

TEXT = (
    "Husk å bruke vernesko på lageret hver dag. Trucken kjører mellom hyllene, så pass på. "
    "Du skal plukke varer fra hylla og sette pallen på plass. Ved brann går du til nødutgangen. "
    "Meld avvik til lederen din. Bruk hjelm når du jobber under høye hyller. "
    "Pakk varene i esker og merk eskene. Kjør pallen til rampen med jekketralle."
)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"profiles-{name}.png"), full_page=True)


def test_teacher_builds_curates_and_publishes_profile(live_server: LiveServer, page: Any) -> None:
    with live_server.app.app_context():
        org = factories.make_organisation(db.session, name="Oslo VO Helsfyr")
        teacher = factories.make_user(db.session, org, role=Role.TEACHER)
        employer = factories.make_employer(db.session, org, name="IKEA Furuset", sector="lager")
        username, employer_id = teacher.username, employer.id
        db.session.commit()

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/arbeidsgivere/{employer_id}")
    page.get_by_role("link", name="Se språkprofilene").click()
    page.get_by_role("link", name="Ny profil").click()
    page.get_by_label("Navn på profilen").fill("IKEA Furuset – lager")
    assert page.get_by_label("Arbeidsgiver").input_value() == str(employer_id)
    _shot(page, "01-new")
    page.get_by_role("button", name="Lag profilen").click()
    page.wait_for_url(re.compile(r".*/sprakprofiler/\d+$"))

    # Upload (CSRF is on in the live server; the upload view checks it itself).
    page.get_by_label("Last opp filer").set_input_files(
        [
            {"name": "rutine.txt", "mimeType": "text/plain", "buffer": TEXT.encode("utf-8")},
            {"name": "tom.txt", "mimeType": "text/plain", "buffer": b"   "},
        ]
    )
    page.get_by_role("button", name="Last opp", exact=True).click()
    visible(page.get_by_text("«rutine.txt» er lest inn"))
    visible(page.get_by_text("«tom.txt»").first)
    page.get_by_label("Lim inn tekst").fill(TEXT)
    page.get_by_role("button", name="Legg til teksten").click()
    visible(page.get_by_text("«Innlimt tekst» er lagt til"))
    page.get_by_role("button", name="Bygg profilen").click()
    _shot(page, "02a-building")  # the bar, if the build is still running
    # The bar polls the JSON endpoint and reloads the page when the build is done.
    page.wait_for_selector("text=Gå gjennom forslagene", timeout=60_000)
    _shot(page, "02-built")

    page.get_by_role("link", name="Gå gjennom forslagene").click()
    page.wait_for_selector(".term")
    _shot(page, "03-terms")
    page.get_by_label("Velg alle").check()
    boxes = page.locator('input[name="term_id"][form="bulk"]')
    assert boxes.count() > 3 and all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_label("Hva skal gjøres med de valgte?").select_option("accept")
    page.get_by_role("button", name="Utfør").click()
    visible(page.get_by_text("ord er endret"))
    page.get_by_role("button", name="Bekreft alle HMS-forslag").click()
    visible(page.get_by_text("er merket som viktige for sikkerheten"))
    _shot(page, "04-accepted")

    page.get_by_role("link", name="Fraser").first.click()
    page.get_by_label("Velg alle").check()
    page.get_by_role("button", name="Utfør").click()
    visible(page.get_by_text("fraser er endret"))
    _shot(page, "04b-phrases")

    page.get_by_role("link", name="Oversikt").click()
    page.get_by_role("button", name=re.compile("Publiser utkastet")).click()
    visible(page.get_by_text("Versjon 1 er publisert"))
    _shot(page, "05-published")
    page.get_by_role("link", name="Se slik mentorene ser den").click()
    visible(page.get_by_role("heading", name="IKEA Furuset – lager"))
    visible(page.get_by_text("vernesko").first)
    visible(page.get_by_role("heading", name="Viktig for sikkerheten (HMS)"))
    visible(page.get_by_role("heading", name="Fraser"))
    _shot(page, "06-mentor-view")

    page.goto(page.url.replace("/publisert", "/sjekk-tekst"))
    page.get_by_label("Lim inn teksten du vil sjekke").fill(
        "Bruk vernesko og hjelm. Sjekk temperaturen i kjølerommet og fryseren hver morgen."
    )
    page.get_by_role("button", name="Sjekk teksten").click()
    visible(page.get_by_text(re.compile(r"Denne teksten bruker \d+ % ord fra profilen")))
    _shot(page, "06b-check-text")

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.url.replace("/sjekk-tekst", "/ord"))
    _shot(page, "07-terms-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the term list scrolls sideways at 360 px"
    page.get_by_role("link", name="Oversikt").click()
    _shot(page, "08-detail-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the profile page scrolls sideways at 360 px"
    assert errors == []
