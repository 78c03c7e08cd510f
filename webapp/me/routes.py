"""Meg: the participant's own data, JSON download, password."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_login import current_user

from webapp.access import PARTICIPANT, require
from webapp.extensions import db_session
from webapp.models import Participant
from webapp.participants.routes import export_response
from webapp.services import participants as svc
from webapp.services.errors import NotFound

bp = Blueprint("me", __name__, url_prefix="/meg")


def _me() -> Participant:
    participant = svc.participant_for_user(db_session, current_user.id)
    if participant is None:
        raise NotFound("participant")
    return participant


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> str:
    participant = _me()
    return render_template(
        "me/index.html",
        participant=participant,
        enrolments=svc.enrolments_of(db_session, participant),
        placements=svc.placements_of(db_session, participant),
    )


@bp.get("/mine-data.json")
@require(roles=PARTICIPANT)
def export() -> Response:
    return export_response(_me())
