"""Interview mode in the browser: when the time is up the typed answer is sent by itself."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import LiveServer
from tests.e2e.helpers import shows_text, visible
from webapp.extensions import db
from webapp.models import InterviewAnswer
from webapp.services.classes import enrol

pytestmark = pytest.mark.e2e

ANSWER = "Jeg heter Amina og kommer fra Somalia. Jeg har jobbet på et lager i tre år."


def test_timer_sends_the_answer_when_time_is_up(live_server: LiveServer, page: Any) -> None:
    with live_server.app.app_context():
        s = db.session
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        person = factories.make_participant(s, org, full_name="Amina Yusuf")
        enrol(s, factories.make_class(s, org), person, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        factories.make_placement(s, person, employer)
        factories.make_published_profile(s, employer)
        s.commit()
        username, participant_id = person.user.username, person.id
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.clock.install()
    page.goto(f"{live_server.url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/logg-inn" not in url)
    page.goto(f"{live_server.url}/intervju/")
    page.get_by_role("button", name="Intervju med tid").click()
    page.wait_for_url(re.compile(r".*/intervju/okt/\d+$"))
    assert page.locator("#iv-count").inner_text() == "Spørsmål 1 av 5"
    page.get_by_label("Ditt svar").fill(ANSWER)
    page.locator("#iv-timer[data-running]").wait_for()
    # Nobody presses "Send svaret": two minutes pass.
    page.clock.fast_forward("02:01")
    page.locator("#iv-count", has_text="Spørsmål 2 av 5").wait_for()
    with live_server.app.app_context():
        rows = db.session.scalars(
            select(InterviewAnswer).where(InterviewAnswer.participant_id == participant_id)
        ).all()
        assert [(r.turn_index, r.text) for r in rows] == [(0, ANSWER)]
    # An empty answer is not sent: the message asks for one and the page stays.  The new
    # page's clock starts when its script runs, which can be after the heading shows: moving
    # time on before that left the timer at 1:46 on a slow CI run.
    page.locator("#iv-timer[data-running]").wait_for()
    page.clock.fast_forward("02:01")
    visible(page.locator("#iv-timeout"))
    shows_text(page.locator("#iv-count"), "Spørsmål 2 av 5")
    assert errors == []
