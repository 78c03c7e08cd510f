"""A tour of the seeded demo as each role, on a phone (390×844; the teacher also at 1280×800).

Every menu item is opened, and from each menu page the links in the main content (one per URL
pattern, so ``/deltakere/3`` and ``/deltakere/4`` count once).  Each page must load without a
4xx/5xx response or a console error, and must not scroll sideways at 360 px.  Screenshots go to
``tests/e2e/screenshots/tour-<role>-<n>-<page>.png`` (not in CI); ``docs/UX_REVIEW.md`` is what
we saw in them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import SCREENSHOTS, LiveServer
from webapp.extensions import db
from webapp.services.demo import DEMO_PASSWORD, seed_demo

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
#: (label, username, viewport) of each tour.
TOURS: tuple[tuple[str, str, dict[str, int]], ...] = (
    ("deltaker", "amina", PHONE),
    ("deltaker-intervju", "mohammed", PHONE),
    ("mentor", "per", PHONE),
    ("laerer", "hanne", PHONE),
    ("laerer-pc", "hanne", DESKTOP),
    ("rektor", "rektor", PHONE),
)
#: Links that download a file, end the session or change data (not pages to look at).
SKIP = re.compile(
    r"logg-ut|eksport|export|\.pdf|\.csv|\.apkg|anki|last-ned|nedlasting|/lyd/|audio|skriv-ut|\.json|\.zip|\.ics"
    r"|/api/|static/|mailto:|tel:|#",
)
MAX_PAGES = 45
#: Full-page screenshots are for people to read (``docs/UX_REVIEW.md``); CI has nobody to read
#: them, and they cost a fifth of the tour's time there.
SHOTS = os.environ.get("CI", "").lower() not in {"1", "true", "yes"}
#: Scripts that fetch as soon as the page has loaded (``webapp/static``: the other scripts only
#: fetch when the user does something).
FETCHING_SCRIPTS = 'script[src*="/practice/"], script[src*="/profiles/profiles.js"]'
MAX_DEPTH = 2


@dataclass
class Visit:
    """What went wrong on the pages of one tour."""

    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def _pattern(path: str) -> str:
    return re.sub(r"/\d+", "/N", path.rstrip("/") or "/")


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "hjem"


def _login(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord eller PIN").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda u: "/logg-inn" not in u)


def _links(page: Any, selector: str, origin: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        selector, "els => els.map(e => e.getAttribute('href') || '')"
    )
    result = []
    for href in hrefs:
        if not href or SKIP.search(href):
            continue
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return result


def _look(page: Any, path: str, *, origin: str, label: str, n: int, visit: Visit) -> None:
    """Open one page, record problems, check the width at 360 px, take the screenshot."""
    response = page.goto(f"{origin}{path}")  # waits for "load"
    if page.locator(FETCHING_SCRIPTS).count():
        # A script that fetches after load (the practice session, a build's progress): wait
        # until the network is quiet, so its errors show.  Waiting so on every page costs half
        # a second each (a minute of the tour) for nothing.
        page.wait_for_load_state("networkidle")
    if response is None or response.status >= 400:
        visit.problems.append(f"{path}: HTTP {response.status if response else 'none'}")
    viewport = page.viewport_size
    if SHOTS:
        page.screenshot(
            path=str(SCREENSHOTS / f"tour-{label}-{n:02d}-{_slug(path)}.png"), full_page=True
        )
    if viewport["width"] < 1000:
        page.set_viewport_size(NARROW)
        wide = page.evaluate(
            "() => { const d = document.documentElement;"
            " return [d.scrollWidth, d.clientWidth,"
            " [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
            ".right > d.clientWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className)]; }"
        )
        if wide[0] > wide[1]:
            visit.problems.append(f"{path}: scrolls sideways at 360 px ({wide[0]} px): {wide[2]}")
        page.set_viewport_size(viewport)
    visit.pages.append(path)


def _tour(page: Any, live_server: LiveServer, label: str, username: str) -> Visit:
    visit = Visit()
    origin = live_server.url

    def on_response(response: Any) -> None:
        if response.url.startswith(origin) and response.status >= 400:
            visit.problems.append(f"{response.url[len(origin) :]}: HTTP {response.status}")

    page.on("response", on_response)
    page.on(
        "console",
        lambda msg: (
            visit.problems.append(f"{page.url}: console {msg.type}: {msg.text}")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: visit.problems.append(f"{page.url}: script error {e}"))
    _login(page, origin, username)
    home = urlsplit(page.url).path
    nav = _links(page, "nav a[href]", origin)
    assert nav, f"{label}: no menu after login"
    # Breadth first: the menu pages, then the links on them, then the links on those.
    seen: set[str] = set()
    queue: list[tuple[str, int]] = []
    for path in (home, *nav):
        if _pattern(path) not in seen:
            seen.add(_pattern(path))
            queue.append((path, 0))
    while queue and len(visit.pages) < MAX_PAGES:
        path, depth = queue.pop(0)
        _look(page, path, origin=origin, label=label, n=len(visit.pages) + 1, visit=visit)
        if depth >= MAX_DEPTH:
            continue
        for link in _links(page, "main a[href]", origin):
            key = _pattern(link.split("?")[0])
            if key not in seen:
                seen.add(key)
                queue.append((link, depth + 1))
    page.remove_listener("response", on_response)
    return visit


@pytest.fixture
def demo_server(live_server: LiveServer) -> LiveServer:
    with live_server.app.app_context():
        seed_demo(db.session)
        db.session.commit()
    return live_server


def test_tour_of_the_demo_as_every_role(demo_server: LiveServer, page: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("tour-*.png"):
        old.unlink()
    problems: list[str] = []
    visited = 0
    context = page.context
    browser = context.browser
    for label, username, viewport in TOURS:
        tour_context = browser.new_context(viewport=viewport, locale="nb-NO")
        tour_page = tour_context.new_page()
        try:
            visit = _tour(tour_page, demo_server, label, username)
        finally:
            tour_context.close()
        assert len(visit.pages) >= 3, f"{label}: only {visit.pages}"
        visited += len(visit.pages)
        problems += [f"[{label}] {p}" for p in dict.fromkeys(visit.problems)]
    assert visited >= 40
    assert not problems, "\n".join(problems)
