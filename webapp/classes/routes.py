"""Classes (kull): list, create, detail with who is active now, CSV import, enrol/leave, invites."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.access import STAFF, require
from webapp.classes.forms import ClassForm, EnrolForm, ImportForm, LeaveForm
from webapp.extensions import db_session
from webapp.formhelpers import choices
from webapp.invites import invite_card
from webapp.participants.messages import row_error_message
from webapp.services import classes as svc
from webapp.services import participants as psvc
from webapp.services import scope
from webapp.services.accounts import issue_invite
from webapp.timeutil import today_local

bp = Blueprint("classes", __name__, url_prefix="/klasser")
CLASS_ROW = {"class_id": scope.class_in_org}


def today() -> dt.date:
    """Today's date in Norway (a function so tests can patch it)."""
    return today_local()


@bp.get("/")
@require(roles=STAFF)
def index() -> str:
    rows = svc.list_classes(db_session, current_user.organisation_id, today=today())
    return render_template("classes/index.html", rows=rows)


@bp.route("/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def new() -> str | Response:
    form = ClassForm()
    if request.method == "GET" and not form.start_date.data:
        form.start_date.data = today()
    if form.validate_on_submit():
        school_class = svc.create_class(
            db_session,
            organisation_id=current_user.organisation_id,
            name=form.name.data or "",
            start_date=form.start_date.data,
        )
        db_session.commit()
        flash(_("Klassen %(name)s er laget.", name=school_class.name), "success")
        return redirect(url_for("classes.detail", class_id=school_class.id))
    return render_template("classes/new.html", form=form)


@bp.get("/<int:class_id>")
@require(roles=STAFF, row=CLASS_ROW)
def detail(class_id: int) -> str:
    school_class = svc.get_class(db_session, current_user.organisation_id, class_id)
    day = today()
    enrolments = svc.enrolments(db_session, school_class)
    active = [e for e in enrolments if e.is_active_on(day)]
    other = [e for e in enrolments if not e.is_active_on(day)]
    enrolled = {e.participant_id for e in active}
    enrol_form = EnrolForm(formdata=None, joined_on=day)
    enrol_form.participant_id.choices = choices(
        (p.id, p.full_name)
        for p in psvc.list_participants(db_session, current_user.organisation_id)
        if p.id not in enrolled
    )
    return render_template(
        "classes/detail.html",
        school_class=school_class,
        active=active,
        other=other,
        today=day,
        enrol_form=enrol_form,
        leave_form=LeaveForm(formdata=None),
    )


@bp.route("/<int:class_id>/importer", methods=["GET", "POST"])
@require(roles=STAFF, row=CLASS_ROW)
def import_csv(class_id: int) -> str | Response:
    school_class = svc.get_class(db_session, current_user.organisation_id, class_id)
    form = ImportForm()
    if request.method == "GET":
        form.joined_on.data = max(today(), school_class.start_date)
    errors: list[str] = []
    if form.validate_on_submit():
        text = form.text.data or ""
        upload = form.file.data
        if upload and getattr(upload, "filename", ""):
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
        result = psvc.parse_csv(text)
        errors = [row_error_message(e) for e in result.errors]
        if not errors:
            created = psvc.import_participants(
                db_session,
                current_user.organisation,
                result.rows,
                school_class=school_class,
                joined_on=form.joined_on.data,
            )
            db_session.commit()
            flash(_("%(n)d deltakere er lagt til.", n=len(created)), "success")
            return redirect(url_for("classes.detail", class_id=class_id))
    return render_template(
        "classes/import.html", form=form, school_class=school_class, errors=errors
    )


@bp.post("/<int:class_id>/deltakere")
@require(roles=STAFF, row=CLASS_ROW)
def enrol(class_id: int) -> Response:
    school_class = svc.get_class(db_session, current_user.organisation_id, class_id)
    form = EnrolForm()
    form.participant_id.choices = choices(
        (p.id, p.full_name)
        for p in psvc.list_participants(db_session, current_user.organisation_id)
    )
    if form.validate_on_submit():
        participant = psvc.get_participant(
            db_session, current_user.organisation_id, form.participant_id.data
        )
        svc.enrol(db_session, school_class, participant, joined_on=form.joined_on.data)
        db_session.commit()
        flash(_("%(name)s er lagt til i klassen.", name=participant.full_name), "success")
    else:
        flash(_("Velg en deltaker og en dato."), "error")
    return redirect(url_for("classes.detail", class_id=class_id))


@bp.post("/<int:class_id>/deltakere/<int:participant_id>/slutt")
@require(roles=STAFF, row={**CLASS_ROW, "participant_id": scope.participant_visible})
def leave(class_id: int, participant_id: int) -> Response:
    school_class = svc.get_class(db_session, current_user.organisation_id, class_id)
    form = LeaveForm()
    form.validate()
    svc.leave(db_session, school_class, participant_id, left_on=form.left_on.data or today())
    db_session.commit()
    flash(_("Deltakeren er meldt ut av klassen."), "success")
    return redirect(url_for("classes.detail", class_id=class_id))


@bp.post("/<int:class_id>/invitasjoner")
@require(roles=STAFF, row=CLASS_ROW)
def invites(class_id: int) -> str | Response:
    """New invite codes for everyone active in the class who has not logged in yet."""
    school_class = svc.get_class(db_session, current_user.organisation_id, class_id)
    day = today()
    people = [
        e.participant for e in svc.enrolments(db_session, school_class) if e.is_active_on(day)
    ]
    waiting = [p for p in people if p.user.password_hash is None]
    if not waiting:
        flash(_("Alle i klassen har allerede logget inn."), "info")
        return redirect(url_for("classes.detail", class_id=class_id))
    days = current_app.config["INVITE_VALID_DAYS"]
    cards = [
        invite_card(p.user, issue_invite(db_session, p.user, valid_days=days)) for p in waiting
    ]
    db_session.commit()
    return render_template(
        "invites/sheet.html", cards=cards, back=url_for("classes.detail", class_id=class_id)
    )
