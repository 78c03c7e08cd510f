"""Practice in the browser (390×844, Debian chromium): a full session, and three answers offline."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import SCREENSHOTS, LiveServer
from tests.e2e.helpers import shows_text, visible
from webapp.extensions import db
from webapp.models import Answer
from webapp.services import practice as svc
from webapp.services.classes import enrol

pytestmark = pytest.mark.e2e


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _setup(
    live_server: LiveServer, *, new_per_day: int = 10, language: str = "arabisk"
) -> tuple[str, int]:
    svc.clear_generation_cache()
    with live_server.app.app_context():
        s = db.session
        org = factories.make_organisation(s, name="Oslo VO Helsfyr")
        person = factories.make_participant(
            s, org, full_name="Amina Yusuf", first_language=language
        )
        kull = factories.make_class(s, org)
        enrol(s, kull, person, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org, name="Nordlager AS")
        factories.make_placement(s, person, employer)
        factories.make_published_profile(s, employer)
        svc.save_class_settings(s, kull.id, new_items_per_day=new_per_day, session_minutes=20)
        s.commit()
        return person.user.username, person.id


def _login(page: Any, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    # Home, or the first-login mapping check (progress) that home leads to: either way, logged in.
    page.wait_for_url(lambda url: "/logg-inn" not in url)


def _answers(live_server: LiveServer, participant_id: int) -> list[Answer]:
    with live_server.app.app_context():
        rows = db.session.scalars(
            select(Answer).where(Answer.participant_id == participant_id).order_by(Answer.id)
        ).all()
        db.session.expunge_all()
        return list(rows)


def _answers_once_there(live_server: LiveServer, participant_id: int, n: int) -> list[Answer]:
    """The stored answers once ``n`` have arrived (or after 20 s).

    Feedback can come from the phone's own check when the server is slow (the page waits 4 s
    for the server's verdict), so an answer may reach the server just after the page moved on.
    """
    deadline = time.monotonic() + 20
    rows = _answers(live_server, participant_id)
    while len(rows) < n and time.monotonic() < deadline:
        time.sleep(0.2)
        rows = _answers(live_server, participant_id)
    return rows


_OUTBOX_IDS = """() => new Promise((resolve) => {
  const name = "hurtigspor-practice-" + document.getElementById("practice").dataset.user;
  const open = indexedDB.open(name);
  open.onsuccess = () => {
    const all = open.result.transaction("outbox").objectStore("outbox").getAll();
    all.onsuccess = () => resolve(all.result.map((r) => r.client_id));
  };
})"""


def _answer_current(page: Any) -> str:
    """Answer the item on screen the way a learner would (not always right); return its type."""
    card = page.locator("#pr-card")
    kind = card.locator("#pr-type").inner_text()
    answer = card.locator("#pr-answer")
    turn = answer.get_by_role("button", name="Snu kortet")
    if turn.count():
        turn.click()
        answer.get_by_role("button", name="Kan det").click()
    elif answer.locator(".pr-tile").count():
        while answer.locator(".pr-pool .pr-tile").count():
            answer.locator(".pr-pool .pr-tile").first.click()
        answer.get_by_role("button", name="Sjekk").click()
    elif answer.locator("#pr-input").count():
        answer.locator("#pr-input").fill("hylla")
        answer.get_by_role("button", name="Sjekk").click()
    else:
        answer.locator(".pr-option").first.click()
    page.locator("#pr-feedback").wait_for(state="visible")
    return kind


def test_participant_completes_a_ten_item_session(live_server: LiveServer, page: Any) -> None:
    username, pid = _setup(live_server)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    _login(page, live_server, username)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Øv").click()
    page.wait_for_url(re.compile(r".*/ov/$"))
    begin = page.get_by_role("button", name="Start økta")
    begin.wait_for(state="visible")
    assert "10 oppgaver" in page.locator("#pr-start-text").inner_text()
    _shot(page, "practice-01-start")
    begin.click()

    seen: list[str] = []
    for n in range(10):
        shows_text(page.locator("#pr-count"), f"Oppgave {n + 1} av 10")
        if n == 0:
            # The instruction in the help language (Arabic, right to left) is one tap away.
            page.get_by_role("button", name="Hva skal jeg gjøre?").click()
            instruction = page.locator("#pr-instruction-text")
            assert instruction.get_attribute("dir") == "rtl"
            assert instruction.get_attribute("lang") == "ar"
            _shot(page, "practice-02-instruction-ar")
        seen.append(_answer_current(page))
        if n < 4:
            _shot(page, f"practice-03-feedback-{n + 1}")
        page.get_by_role("button", name="Neste").click()
    page.get_by_role("heading", name="Bra jobba!").wait_for()
    _shot(page, "practice-04-done")

    rows = _answers_once_there(live_server, pid, 10)
    assert len(rows) == 10 and len({r.client_id for r in rows}) == 10
    shows_text(page.locator("#pr-sync"), "Alle svar er lagret.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the practice page scrolls sideways on a phone"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert len(set(seen)) >= 3


def test_answers_given_offline_are_sent_once_when_the_network_returns(
    live_server: LiveServer, page: Any
) -> None:
    username, pid = _setup(live_server, new_per_day=10)
    _login(page, live_server, username)
    page.goto(f"{live_server.url}/ov/")
    page.get_by_role("button", name="Start økta").wait_for(state="visible")
    # The service worker has the shell; the session's items are on the phone.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Start økta").click()
    _answer_current(page)
    page.get_by_role("button", name="Neste").click()
    assert len(_answers_once_there(live_server, pid, 1)) == 1

    page.context.set_offline(True)
    for _ in range(3):
        _answer_current(page)
        visible(page.locator(".pr-local"))  # checked on the phone for now
        page.get_by_role("button", name="Neste").click()
    sync = page.locator("#pr-sync")
    shows_text(sync, "3 svar", exact=False)
    kept = set(page.evaluate(_OUTBOX_IDS))
    _shot(page, "practice-05-offline")
    assert len(_answers(live_server, pid)) == 1, "nothing can reach the server while offline"
    pending = page.evaluate("document.getElementById('practice').pendingAnswers()")
    assert pending == 3

    # The page survives a reload without network (service worker + IndexedDB).
    page.reload()
    page.get_by_role("button", name="Start økta").wait_for(state="visible")
    shows_text(page.locator("#pr-start-text"), "uten nett", exact=False)
    assert page.evaluate("document.getElementById('practice').pendingAnswers()") == 3

    page.context.set_offline(False)
    _answers_once_there(live_server, pid, 4)
    sync.filter(has_text="Alle svar er lagret.").wait_for(timeout=20000)
    _shot(page, "practice-06-synced")
    rows = _answers(live_server, pid)
    assert len(rows) == 4
    offline = rows[1:]
    assert {r.client_id for r in offline} == kept and len(kept) == 3
    assert page.evaluate("document.getElementById('practice').pendingAnswers()") == 0
    # Sending again (another online event) changes nothing: each answer is stored once.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    time.sleep(1.0)
    assert [r.client_id for r in _answers(live_server, pid)] == [r.client_id for r in rows]


_READ_SESSION = """() => new Promise((resolve) => {
  const name = "hurtigspor-practice-" + document.getElementById("practice").dataset.user;
  const open = indexedDB.open(name);
  open.onsuccess = () => {
    const get = open.result.transaction("kv").objectStore("kv").get("session");
    get.onsuccess = () => resolve(get.result);
  };
})"""


def _answer_right(page: Any) -> str:
    """Answer the item on screen correctly, using the item data the page keeps on the phone."""
    item_id = page.locator("#pr-card").get_attribute("data-item-id")
    items = {i["id"]: i for i in page.evaluate(_READ_SESSION)["items"]}
    item = items[item_id]
    answer = page.locator("#pr-answer")
    right = item["accepted"][0] if item["accepted"] else ""
    if item["answer_mode"] == "self":
        answer.get_by_role("button", name="Snu kortet").click()
        answer.get_by_role("button", name="Kan det").click()
    elif item["answer_mode"] == "order":
        for word in re.findall(r"[\wæøåÆØÅ-]+", right):
            answer.locator(".pr-pool .pr-tile").filter(
                has_text=re.compile(rf"^{re.escape(word)}$", re.IGNORECASE)
            ).first.click()
        answer.get_by_role("button", name="Sjekk").click()
    elif item["answer_mode"] == "typed":
        answer.locator("#pr-input").fill(right)
        answer.get_by_role("button", name="Sjekk").click()
    else:
        option = next(
            o
            for o in item["options"]
            if o == right or (item["type"] == "article" and right.startswith(o + " "))
        )
        answer.locator(".pr-option").filter(
            has_text=re.compile(rf"^{re.escape(option)}$")
        ).first.click()
    page.locator("#pr-feedback").wait_for(state="visible")
    return item["type"]


def test_every_exercise_type_renders_on_a_phone(live_server: LiveServer, page: Any) -> None:
    """All nine types appear with thumb-size targets and no sideways scrolling (screenshots)."""
    username, _pid = _setup(live_server, new_per_day=100, language="ukrainsk")
    page.set_viewport_size({"width": 360, "height": 740})  # the narrowest phones we support
    _login(page, live_server, username)
    page.goto(f"{live_server.url}/ov/")
    page.get_by_role("button", name="Start økta").click()
    shown: dict[str, int] = {}
    for _ in range(120):
        if page.get_by_role("heading", name="Bra jobba!").is_visible():
            page.get_by_role("button", name="Øv mer").click()
            page.locator("#pr-card").wait_for(state="visible")
        kind = page.locator("#pr-type").inner_text()
        first_time = kind not in shown
        slug = re.sub(r"[^a-z]+", "-", kind.lower().replace("ø", "o")).strip("-")
        if first_time:
            _shot(page, f"practice-type-{len(shown) + 1:02d}-{slug}")
            targets = page.locator("#pr-answer button:visible").all()
            heights = [t.bounding_box()["height"] for t in targets if t.bounding_box()]
            assert all(h >= 44 for h in heights), (kind, heights)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, kind
        shown[kind] = shown.get(kind, 0) + 1
        _answer_right(page)
        assert page.locator("#pr-feedback.wrong").count() == 0, kind
        if first_time:
            _shot(page, f"practice-type-{len(shown):02d}-{slug}-answered")
        page.get_by_role("button", name="Neste").click()
        if len(shown) == 9:
            break
    assert len(shown) == 9, sorted(shown)
