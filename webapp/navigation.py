"""Navigation per role.  Later features: add or change items in ``NAV`` (one place)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    """One link in the main menu; ``prefix`` marks it active for the blueprint's pages."""

    endpoint: str
    label: Any
    prefix: str


NAV: dict[str, tuple[NavItem, ...]] = {
    "participant": (
        NavItem("practice.index", _l("Øv"), "practice."),
        NavItem("interviews.index", _l("Intervju"), "interviews."),
        NavItem("progress.index", _l("Fremgang"), "progress."),
        NavItem("me.index", _l("Meg"), "me."),
    ),
    "teacher": (
        NavItem("classes.index", _l("Klasser"), "classes."),
        NavItem("participants.index", _l("Deltakere"), "participants."),
        NavItem("employers.index", _l("Arbeidsgivere"), "employers."),
        NavItem("profiles.index", _l("Språkprofiler"), "profiles."),
        NavItem("interviews.teacher", _l("Intervju"), "interviews."),
        NavItem("progress.classes", _l("Fremgang"), "progress."),
    ),
    "mentor": (
        NavItem("mentor.index", _l("Mine deltakere"), "mentor.index"),
        NavItem("mentor.phrases", _l("Fraser"), "mentor.phrases"),
    ),
    "admin": (
        NavItem("admin.index", _l("Organisasjon"), "admin."),
        NavItem("classes.index", _l("Klasser"), "classes."),
        NavItem("participants.index", _l("Deltakere"), "participants."),
        NavItem("employers.index", _l("Arbeidsgivere"), "employers."),
        NavItem("profiles.index", _l("Språkprofiler"), "profiles."),
        NavItem("progress.outcomes", _l("Utfall"), "progress."),
    ),
}

#: Where each role lands after login.
HOME: dict[str, str] = {
    "participant": "main.home",
    "teacher": "classes.index",
    "mentor": "mentor.index",
    "admin": "admin.index",
}


def register_navigation(app: Flask) -> None:
    """Expose ``nav_items`` and ``nav_active`` to templates."""

    @app.context_processor
    def inject_nav() -> dict[str, Any]:
        items: tuple[NavItem, ...] = ()
        if current_user and current_user.is_authenticated:
            items = NAV.get(current_user.role, ())
        endpoint = request.endpoint or ""

        def nav_active(item: NavItem) -> bool:
            return endpoint.startswith(item.prefix)

        return {"nav_items": items, "nav_active": nav_active}
