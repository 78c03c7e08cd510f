"""Participants: list, add, detail, invite, export (JSON) and deletion with confirmation."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from webapp.access import STAFF, require
from webapp.db_types import utcnow
from webapp.extensions import db_session
from webapp.formhelpers import choices
from webapp.invites import invite_card
from webapp.models import Participant
from webapp.participants.forms import DeleteForm, ParticipantForm
from webapp.services import classes as csvc
from webapp.services import participants as svc
from webapp.services import personal_data, scope
from webapp.services.accounts import issue_invite
from webapp.timeutil import today_local

bp = Blueprint("participants", __name__, url_prefix="/deltakere")
ROW = {"participant_id": scope.participant_visible}


def export_response(participant: Participant) -> Response:
    """The participant's data as a JSON download."""
    data = personal_data.export_participant(db_session, participant, now=utcnow())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"hurtigspor-data-{participant.user.username}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/")
@require(roles=STAFF)
def index() -> str:
    people = svc.list_participants(db_session, current_user.organisation_id)
    return render_template("participants/index.html", people=people)


@bp.route("/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def new() -> str | BaseResponse:
    form = ParticipantForm()
    classes = csvc.list_classes(db_session, current_user.organisation_id, today=today_local())
    form.class_id.choices = choices(
        [(0, _("Ingen klasse nå"))] + [(c.id, c.name) for c, _n in classes]
    )
    if request.method == "GET":
        form.class_id.data = request.args.get("class_id", 0, type=int)
        form.joined_on.data = today_local()
    if form.validate_on_submit():
        data, problems = svc.validate_fields({k: getattr(form, k).data for k in svc.FIELDS})
        for field_name, code in problems:
            getattr(form, field_name).errors = [
                _("Skriv et gyldig telefonnummer (8 sifre).")
                if code == "phone_invalid"
                else _("Skriv en gyldig e-postadresse.")
                if code == "email_invalid"
                else _("Sjekk dette feltet.")
            ]
        if data is not None:
            participant = svc.create_participant(db_session, current_user.organisation, data)
            if form.class_id.data:
                school_class = csvc.get_class(
                    db_session, current_user.organisation_id, form.class_id.data
                )
                csvc.enrol(
                    db_session,
                    school_class,
                    participant,
                    joined_on=form.joined_on.data or today_local(),
                )
            db_session.commit()
            flash(_("%(name)s er lagt til.", name=participant.full_name), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id))
    return render_template("participants/new.html", form=form)


@bp.get("/<int:participant_id>")
@require(roles=STAFF, row=ROW)
def detail(participant_id: int) -> str:
    participant = svc.get_participant(db_session, current_user.organisation_id, participant_id)
    return render_template(
        "participants/detail.html",
        participant=participant,
        enrolments=svc.enrolments_of(db_session, participant),
        placements=svc.placements_of(db_session, participant),
        today=today_local(),
    )


@bp.post("/<int:participant_id>/invitasjon")
@require(roles=STAFF, row=ROW)
def invite(participant_id: int) -> str:
    participant = svc.get_participant(db_session, current_user.organisation_id, participant_id)
    code = issue_invite(
        db_session, participant.user, valid_days=current_app.config["INVITE_VALID_DAYS"]
    )
    db_session.commit()
    return render_template(
        "invites/sheet.html",
        cards=[invite_card(participant.user, code)],
        back=url_for("participants.detail", participant_id=participant_id),
    )


@bp.get("/<int:participant_id>/eksport.json")
@require(roles=STAFF, row=ROW)
def export(participant_id: int) -> Response:
    participant = svc.get_participant(db_session, current_user.organisation_id, participant_id)
    return export_response(participant)


@bp.route("/<int:participant_id>/slett", methods=["GET", "POST"])
@require(roles=STAFF, row=ROW)
def delete(participant_id: int) -> str | BaseResponse:
    participant = svc.get_participant(db_session, current_user.organisation_id, participant_id)
    form = DeleteForm()
    if form.validate_on_submit():
        if (
            form.confirm_name.data or ""
        ).strip().casefold() != participant.full_name.strip().casefold():
            form.confirm_name.errors = [_("Navnet er ikke likt. Ingenting er slettet.")]
        else:
            name = participant.full_name
            personal_data.erase_participant(db_session, participant)
            db_session.commit()
            flash(_("Alle personopplysninger om %(name)s er slettet.", name=name), "success")
            return redirect(url_for("participants.index"))
    return render_template("participants/delete.html", participant=participant, form=form)
