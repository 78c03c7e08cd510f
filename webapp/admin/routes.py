"""Organisation settings and staff (admin only)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.access import ADMIN, require
from webapp.admin.forms import OrganisationForm, TeacherForm
from webapp.extensions import db_session
from webapp.invites import invite_card
from webapp.services import organisations, scope
from webapp.services.accounts import issue_invite
from webapp.services.errors import NotFound

bp = Blueprint("admin", __name__, url_prefix="/organisasjon")


@bp.route("/", methods=["GET", "POST"])
@require(roles=ADMIN)
def index() -> str | Response:
    org = current_user.organisation
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        organisations.update_organisation(
            db_session, org, name=form.name.data or "", allow_pin=bool(form.allow_pin.data)
        )
        db_session.commit()
        flash(_("Endringene er lagret."), "success")
        return redirect(url_for("admin.index"))
    staff = organisations.list_staff(db_session, org)
    return render_template(
        "admin/index.html", form=form, staff=staff, teacher_form=TeacherForm(formdata=None)
    )


@bp.post("/larere")
@require(roles=ADMIN)
def add_teacher() -> str | Response:
    form = TeacherForm()
    if not form.validate_on_submit():
        org = current_user.organisation
        staff = organisations.list_staff(db_session, org)
        return render_template(
            "admin/index.html", form=OrganisationForm(obj=org), staff=staff, teacher_form=form
        )
    user = organisations.add_teacher(
        db_session,
        current_user.organisation,
        display_name=form.display_name.data or "",
        email=form.email.data,
    )
    code = issue_invite(db_session, user, valid_days=current_app.config["INVITE_VALID_DAYS"])
    db_session.commit()
    return render_template(
        "invites/sheet.html", cards=[invite_card(user, code)], back=url_for("admin.index")
    )


@bp.post("/brukere/<int:user_id>/invitasjon")
@require(roles=ADMIN, row={"user_id": scope.user_in_org})
def invite_user(user_id: int) -> str:
    user = organisations.user_in_org(db_session, current_user.organisation_id, user_id)
    if user is None:
        raise NotFound("user")
    code = issue_invite(db_session, user, valid_days=current_app.config["INVITE_VALID_DAYS"])
    db_session.commit()
    return render_template(
        "invites/sheet.html", cards=[invite_card(user, code)], back=url_for("admin.index")
    )
