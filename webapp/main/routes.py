"""Start page, participant home and the about page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.access import PARTICIPANT, public, require
from webapp.extensions import db_session
from webapp.navigation import HOME
from webapp.services.participants import participant_for_user, placements_of

bp = Blueprint("main", __name__)


@bp.get("/")
@public
def index() -> Response:
    if current_user.is_authenticated:
        return redirect(url_for(HOME[current_user.role]))
    return redirect(url_for("auth.login"))


@bp.get("/hjem")
@require(roles=PARTICIPANT)
def home() -> str:
    participant = participant_for_user(db_session, current_user.id)
    placements = placements_of(db_session, participant) if participant else []
    return render_template("main/home.html", participant=participant, placements=placements)


@bp.get("/om")
@public
def about() -> str:
    return render_template("main/about.html")
