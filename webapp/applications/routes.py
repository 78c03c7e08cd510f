"""Jobbsøknad: guided writing of job applications, saved as versions, with teachers' comments.

Participants write their own applications (for the placement employer, whose profile words the
letter should use, or for a pasted ad).  Teachers of the organisation read every version and
comment on it; mentors see none of this.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from webapp.access import PARTICIPANT, STAFF, require
from webapp.applications.forms import AssignAdForm, CommentForm, LetterForm, NewDraftForm
from webapp.extensions import db_session
from webapp.models import ApplicationDraft, ApplicationVersion, Participant
from webapp.services import applications as svc
from webapp.services import interviews as interview_svc
from webapp.services import scope

bp = Blueprint("applications", __name__, url_prefix="/soknad")

PARTICIPANT_OR_STAFF = PARTICIPANT | STAFF


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _my_participant_id() -> int:
    pid = interview_svc.participant_id_for_user(db_session, current_user.id)
    if pid is None:
        abort(404)
    return pid


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> ResponseReturnValue:
    pid = _my_participant_id()
    ad = svc.profile_ad(db_session, pid)
    form = NewDraftForm(data={"source": "profile" if ad else "pasted"})
    return _render_index(pid, form)


def _render_index(pid: int, form: NewDraftForm) -> str:
    return render_template(
        "applications/index.html",
        drafts=svc.drafts_of(db_session, pid),
        ad=svc.profile_ad(db_session, pid),
        form=form,
    )


@bp.post("/ny")
@require(roles=PARTICIPANT)
def new() -> ResponseReturnValue:
    pid = _my_participant_id()
    form = NewDraftForm()
    if form.validate_on_submit():
        try:
            draft = svc.create_draft(
                db_session,
                pid,
                source=form.source.data,
                ad_text=form.ad_text.data or "",
                title=form.title.data or "",
                now=_now(),
            )
        except svc.ApplicationError as exc:
            db_session.rollback()
            form.ad_text.errors = [str(exc)]
        else:
            db_session.commit()
            return redirect(url_for("applications.draft", draft_id=draft.id))
    return _render_index(pid, form), 400


@bp.route("/deltaker/<int:participant_id>/ny", methods=["GET", "POST"])
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def assign(participant_id: int) -> ResponseReturnValue:
    """A teacher pastes an ad; the participant finds the application task in their list."""
    person = db_session.get(Participant, participant_id)
    if person is None:
        abort(404)
    form = AssignAdForm()
    if form.validate_on_submit():
        try:
            svc.create_draft(
                db_session,
                participant_id,
                source="pasted",
                ad_text=form.ad_text.data or "",
                title=form.title.data or "",
                now=_now(),
            )
        except svc.ApplicationError as exc:
            db_session.rollback()
            form.ad_text.errors = [str(exc)]
        else:
            db_session.commit()
            flash(
                _("Søknadsoppgaven er laget. %(name)s finner den under Jobbsøknad.",
                  name=person.full_name),
                "success",
            )
            return redirect(url_for("interviews.participant", participant_id=participant_id))
    status = 400 if form.is_submitted() else 200
    return render_template("applications/assign.html", participant=person, form=form), status


def _draft_or_404(draft_id: int) -> ApplicationDraft:
    draft = db_session.get(ApplicationDraft, draft_id)
    if draft is None:
        abort(404)
    return draft


def _render_draft(draft: ApplicationDraft, form: LetterForm) -> str:
    versions = svc.versions_of(db_session, draft)
    latest = versions[0] if versions else None
    data = latest.feedback if latest is not None else {}
    return render_template(
        "applications/draft.html",
        draft=draft,
        participant=db_session.get(Participant, draft.participant_id),
        versions=versions,
        latest=latest,
        data=data,
        comments=svc.comments_for(db_session, versions),
        segments=interview_svc.highlight(
            data.get("text") or (latest.text if latest else ""), data.get("problems") or []
        ),
        check_label=interview_svc.check_label,
        structure=svc.structure(),
        form=form,
        comment_form=CommentForm(),
    )


@bp.get("/<int:draft_id>")
@require(roles=PARTICIPANT_OR_STAFF, row={"draft_id": svc.draft_visible})
def draft(draft_id: int) -> ResponseReturnValue:
    row = _draft_or_404(draft_id)
    latest = svc.latest_version(db_session, row)
    form = LetterForm(data={"text": latest.text if latest else ""})
    return _render_draft(row, form)


@bp.post("/<int:draft_id>/lagre")
@require(roles=PARTICIPANT, row={"draft_id": svc.draft_visible})
def save(draft_id: int) -> ResponseReturnValue:
    row = _draft_or_404(draft_id)
    form = LetterForm()
    if form.validate_on_submit():
        try:
            version = svc.save_version(db_session, row, form.text.data or "", now=_now())
        except svc.ApplicationError as exc:
            db_session.rollback()
            form.text.errors = [str(exc)]
        else:
            db_session.commit()
            flash(_("Versjon %(n)d er lagret.", n=version.number), "success")
            return redirect(url_for("applications.draft", draft_id=row.id) + "#tilbakemelding")
    return _render_draft(row, form), 400


@bp.get("/versjon/<int:version_id>")
@require(roles=PARTICIPANT_OR_STAFF, row={"version_id": svc.version_visible})
def version(version_id: int) -> ResponseReturnValue:
    row = db_session.get(ApplicationVersion, version_id)
    if row is None:
        abort(404)
    draft_row = _draft_or_404(row.draft_id)
    data = row.feedback or {}
    return render_template(
        "applications/version.html",
        draft=draft_row,
        version=row,
        data=data,
        comments=svc.comments_for(db_session, [row])[row.id],
        segments=interview_svc.highlight(data.get("text") or row.text, data.get("problems") or []),
        check_label=interview_svc.check_label,
        comment_form=CommentForm(),
    )


@bp.post("/versjon/<int:version_id>/kommentar")
@require(roles=STAFF, row={"version_id": svc.version_visible})
def comment(version_id: int) -> ResponseReturnValue:
    row = db_session.get(ApplicationVersion, version_id)
    if row is None:
        abort(404)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            svc.add_comment(db_session, row, author=current_user, text=form.text.data, now=_now())
        except svc.ApplicationError as exc:
            db_session.rollback()
            flash(str(exc), "error")
        else:
            db_session.commit()
            flash(_("Kommentaren er lagret."), "success")
    else:
        flash(_("Skriv en kommentar."), "error")
    return redirect(url_for("applications.version", version_id=row.id))
