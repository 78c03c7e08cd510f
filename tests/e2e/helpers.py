"""Helpers for the browser tests."""

from __future__ import annotations

from typing import Any

#: How long a check waits for the page to show what it expects (after a click, a redirect
#: or a fetch); CI machines are slow, so this is generous.
WAIT_MS = 15_000


def visible(locator: Any, *, timeout: float = WAIT_MS) -> None:
    """Assert the locator becomes visible, waiting for navigation and scripts to finish.

    ``assert locator.is_visible()`` checks at once, so right after a click that submits a
    form it can look at the old page: a race that failed a CI run.  Playwright's ``expect``
    retries until the timeout.
    """
    from playwright.sync_api import expect

    expect(locator).to_be_visible(timeout=timeout)


def shows_text(locator: Any, text: str, *, exact: bool = True, timeout: float = WAIT_MS) -> None:
    """Assert the locator's text becomes ``text`` (or contains it), waiting as :func:`visible` does.

    Status lines such as "Alle svar er lagret." are written after an IndexedDB read or a fetch
    has finished, so reading them once right after the action races with the page's script.
    """
    from playwright.sync_api import expect

    if exact:
        expect(locator).to_have_text(text, timeout=timeout)
    else:
        expect(locator).to_contain_text(text, timeout=timeout)
