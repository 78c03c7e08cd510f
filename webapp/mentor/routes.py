"""Mentor pages: my participants (placements I mentor) and phrases (placeholder)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from webapp.access import MENTOR, require
from webapp.extensions import db_session
from webapp.services import scope
from webapp.services.employers import mentor_for_user, placements_for_mentor
from webapp.services.participants import get_participant, placements_of

bp = Blueprint("mentor", __name__, url_prefix="/mentor")


@bp.get("/")
@require(roles=MENTOR)
def index() -> str:
    mentor = mentor_for_user(db_session, current_user.id)
    placements = placements_for_mentor(db_session, mentor) if mentor else []
    return render_template("mentor/index.html", mentor=mentor, placements=placements)


@bp.get("/deltakere/<int:participant_id>")
@require(roles=MENTOR, row={"participant_id": scope.participant_visible})
def participant(participant_id: int) -> str:
    person = get_participant(db_session, current_user.organisation_id, participant_id)
    mine = [
        p
        for p in placements_of(db_session, person)
        if p.mentor and p.mentor.user_id == current_user.id
    ]
    return render_template("mentor/participant.html", participant=person, placements=mine)


@bp.get("/fraser")
@require(roles=MENTOR)
def phrases() -> str:
    # TODO(#2): placeholder until the mentor-phrases feature replaces it.
    return render_template(
        "main/placeholder.html",
        title=_l("Fraser"),
        text=_l(
            "Her kommer vanlige fraser fra arbeidsplassen, som du kan lese inn med din egen stemme."
        ),
    )
