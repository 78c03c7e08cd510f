"""Språkprofiler: landing page.  TODO(#2): placeholder until the profiles feature replaces it."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from webapp.access import STAFF, require

bp = Blueprint("profiles", __name__, url_prefix="/sprakprofiler")


@bp.get("/")
@require(roles=STAFF)
def index() -> str:
    return render_template(
        "main/placeholder.html",
        title=_l("Språkprofiler"),
        text=_l(
            "Her kommer språkprofiler for arbeidsgiverne: ord og uttrykk fra dokumentene deres."
        ),
    )
