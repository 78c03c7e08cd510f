"""Employers with their workplaces, mentors (invited) and placements."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.access import STAFF, require
from webapp.employers.forms import SECTORS, EmployerForm, MentorForm, WorkplaceForm
from webapp.extensions import db_session
from webapp.formhelpers import choices
from webapp.invites import invite_card
from webapp.models import Employer
from webapp.services import employers as svc
from webapp.services import scope
from webapp.services.accounts import issue_invite

bp = Blueprint("employers", __name__, url_prefix="/arbeidsgivere")
ROW = {"employer_id": scope.employer_in_org}


def _mentor_form(employer: Employer, *, formdata: object = "auto") -> MentorForm:
    form = MentorForm() if formdata == "auto" else MentorForm(formdata=None)
    form.workplace_id.choices = choices(
        [(0, _("Hele arbeidsplassen"))]
        + [(w.id, w.name) for w in svc.workplaces_of(db_session, employer)]
    )
    return form


def _render_detail(employer: Employer, **forms: object) -> str:
    return render_template(
        "employers/detail.html",
        employer=employer,
        sector_names=dict(SECTORS),
        workplaces=svc.workplaces_of(db_session, employer),
        mentors=svc.mentors_of(db_session, employer),
        placements=svc.placements_of_employer(db_session, employer),
        workplace_form=forms.get("workplace_form") or WorkplaceForm(formdata=None),
        mentor_form=forms.get("mentor_form") or _mentor_form(employer, formdata=None),
    )


@bp.get("/")
@require(roles=STAFF)
def index() -> str:
    return render_template(
        "employers/index.html",
        employers=svc.list_employers(db_session, current_user.organisation_id),
        sector_names=dict(SECTORS),
    )


@bp.route("/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def new() -> str | Response:
    form = EmployerForm()
    if form.validate_on_submit():
        employer = svc.create_employer(
            db_session,
            organisation_id=current_user.organisation_id,
            name=form.name.data or "",
            sector=form.sector.data,
            address=form.address.data,
        )
        db_session.commit()
        flash(_("%(name)s er registrert.", name=employer.name), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id))
    return render_template("employers/new.html", form=form)


@bp.get("/<int:employer_id>")
@require(roles=STAFF, row=ROW)
def detail(employer_id: int) -> str:
    employer = svc.get_employer(db_session, current_user.organisation_id, employer_id)
    return _render_detail(employer)


@bp.post("/<int:employer_id>/avdelinger")
@require(roles=STAFF, row=ROW)
def add_workplace(employer_id: int) -> str | Response:
    employer = svc.get_employer(db_session, current_user.organisation_id, employer_id)
    form = WorkplaceForm()
    if not form.validate_on_submit():
        return _render_detail(employer, workplace_form=form)
    svc.add_workplace(db_session, employer, name=form.name.data or "", address=form.address.data)
    db_session.commit()
    flash(_("Avdelingen er lagt til."), "success")
    return redirect(url_for("employers.detail", employer_id=employer_id))


@bp.post("/<int:employer_id>/mentorer")
@require(roles=STAFF, row=ROW)
def add_mentor(employer_id: int) -> str:
    employer = svc.get_employer(db_session, current_user.organisation_id, employer_id)
    form = _mentor_form(employer)
    if not form.validate_on_submit():
        return _render_detail(employer, mentor_form=form)
    mentor = svc.add_mentor(
        db_session,
        current_user.organisation,
        employer,
        display_name=form.display_name.data or "",
        email=form.email.data,
        phone=form.phone.data,
        workplace_id=form.workplace_id.data or None,
    )
    code = issue_invite(db_session, mentor.user, valid_days=current_app.config["INVITE_VALID_DAYS"])
    db_session.commit()
    return render_template(
        "invites/sheet.html",
        cards=[invite_card(mentor.user, code)],
        back=url_for("employers.detail", employer_id=employer_id),
    )


@bp.post("/mentorer/<int:mentor_id>/invitasjon")
@require(roles=STAFF, row={"mentor_id": scope.mentor_in_org})
def invite_mentor(mentor_id: int) -> str:
    mentor = svc.get_mentor(db_session, current_user.organisation_id, mentor_id)
    code = issue_invite(db_session, mentor.user, valid_days=current_app.config["INVITE_VALID_DAYS"])
    db_session.commit()
    return render_template(
        "invites/sheet.html",
        cards=[invite_card(mentor.user, code)],
        back=url_for("employers.detail", employer_id=mentor.employer_id),
    )
