"""Intervju: landing page.  TODO(#2): placeholder until the interviews feature replaces it."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from webapp.access import PARTICIPANT, require

bp = Blueprint("interviews", __name__, url_prefix="/intervju")


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> str:
    return render_template(
        "main/placeholder.html", title=_l("Intervju"), text=_l("Her kommer øving på jobbintervju.")
    )
