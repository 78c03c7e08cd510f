"""Fremgang: landing page.  TODO(#2): placeholder until the progress feature replaces it."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from webapp.access import PARTICIPANT, require

bp = Blueprint("progress", __name__, url_prefix="/fremgang")


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> str:
    return render_template(
        "main/placeholder.html",
        title=_l("Fremgang"),
        text=_l("Her ser du snart hvor mye du kan, og hva som gjenstår til B1."),
    )
