"""Placements: participant ↔ employer (workplace, mentor), phase, dates and status."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.access import STAFF, require
from webapp.extensions import db_session
from webapp.formhelpers import choices
from webapp.models import Placement
from webapp.placements.forms import PlacementForm
from webapp.services import employers as esvc
from webapp.services import participants as psvc
from webapp.services import scope
from webapp.services.employers import InvalidPlacement

bp = Blueprint("placements", __name__, url_prefix="/praksisplasser")

PLACEMENT_ERRORS = {
    "workplace_not_at_employer": _l("Avdelingen hører ikke til denne arbeidsgiveren."),
    "mentor_not_at_employer": _l("Mentoren jobber ikke hos denne arbeidsgiveren."),
    "end_before_start": _l("Slutt kan ikke være før start."),
    "phase_or_status": _l("Velg fase og status."),
}


def _form(placement: Placement | None = None) -> PlacementForm:
    org_id = current_user.organisation_id
    form = PlacementForm(obj=placement) if placement else PlacementForm()
    form.participant_id.choices = choices(
        (p.id, p.full_name) for p in psvc.list_participants(db_session, org_id)
    )
    employers = esvc.list_employers(db_session, org_id)
    form.employer_id.choices = choices((e.id, e.name) for e in employers)
    names = {e.id: e.name for e in employers}
    form.workplace_id.choices = choices(
        [(0, _("Ingen bestemt avdeling"))]
        + [
            (w.id, f"{names[e.id]} – {w.name}")
            for e in employers
            for w in esvc.workplaces_of(db_session, e)
        ]
    )
    form.mentor_id.choices = choices(
        [(0, _("Ingen mentor ennå"))]
        + [
            (m.id, f"{m.user.display_name} ({m.employer.name})")
            for m in esvc.mentors_in_org(db_session, org_id)
        ]
    )
    return form


def _save(form: PlacementForm, placement: Placement | None) -> Placement | None:
    org_id = current_user.organisation_id
    try:
        return esvc.save_placement(
            db_session,
            organisation_id=org_id,
            participant=psvc.get_participant(db_session, org_id, form.participant_id.data),
            employer=esvc.get_employer(db_session, org_id, form.employer_id.data),
            workplace_id=form.workplace_id.data or None,
            mentor_id=form.mentor_id.data or None,
            phase=form.phase.data,
            status=form.status.data,
            planned_start=form.planned_start.data,
            planned_end=form.planned_end.data,
            placement=placement,
        )
    except InvalidPlacement as e:
        db_session.rollback()
        flash(PLACEMENT_ERRORS.get(str(e), _("Sjekk skjemaet.")), "error")
        return None


@bp.route("/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def new() -> str | Response:
    form = _form()
    if request.method == "GET":
        form.participant_id.data = request.args.get("participant_id", type=int)
        form.employer_id.data = request.args.get("employer_id", type=int)
    if form.validate_on_submit():
        placement = _save(form, None)
        if placement is not None:
            db_session.commit()
            flash(_("Praksisplassen er lagret."), "success")
            return redirect(url_for("participants.detail", participant_id=placement.participant_id))
    return render_template("placements/form.html", form=form, placement=None)


@bp.route("/<int:placement_id>", methods=["GET", "POST"])
@require(roles=STAFF, row={"placement_id": scope.placement_visible})
def edit(placement_id: int) -> str | Response:
    placement = esvc.get_placement(db_session, current_user.organisation_id, placement_id)
    form = _form(placement)
    if request.method == "GET":
        form.workplace_id.data = placement.workplace_id or 0
        form.mentor_id.data = placement.mentor_id or 0
    if form.validate_on_submit():
        saved = _save(form, placement)
        if saved is not None:
            db_session.commit()
            flash(_("Praksisplassen er lagret."), "success")
            return redirect(url_for("participants.detail", participant_id=saved.participant_id))
    return render_template("placements/form.html", form=form, placement=placement)
