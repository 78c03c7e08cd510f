"""The mentor's workspace: my mentees (readiness and coverage only), phrases, recordings, notes.

A mentor sees only their own employer's published profile and their own mentees; of a mentee
never answers or background (``webapp.services.mentor`` keeps to ``for_mentor()``).
"""

from __future__ import annotations

import datetime as dt

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from progress import charts
from webapp.access import MENTOR, require
from webapp.extensions import db_session
from webapp.models import Mentor
from webapp.practice import media
from webapp.services import mentor as svc
from webapp.services import scope
from webapp.services.employers import mentor_for_user

bp = Blueprint("mentor", __name__, url_prefix="/mentor")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _mentor() -> Mentor:
    mentor = mentor_for_user(db_session, current_user.id)
    if mentor is None:
        abort(404)
    return mentor


def _meter(share: float | None, label: str, prefix: str) -> Markup | None:
    if share is None:
        return None
    svg = charts.coverage_meter(share, label=label, size=88, id_prefix=prefix)
    return Markup(svg)  # noqa: S704 - built by progress.charts, all text escaped there


@bp.get("/")
@require(roles=MENTOR)
def index() -> ResponseReturnValue:
    """My mentees: readiness and how many of the workplace's words they know."""
    mentor = mentor_for_user(db_session, current_user.id)
    people = svc.mentees(db_session, mentor, now=_now()) if mentor else []
    db_session.commit()
    meters = {
        m.participant_id: _meter(
            None if m.view.coverage_percent is None else m.view.coverage_percent / 100,
            m.view.coverage_text or "",
            f"mentee-{m.participant_id}",
        )
        for m in people
    }
    return render_template("mentor/index.html", mentor=mentor, mentees=people, meters=meters)


@bp.get("/deltakere/<int:participant_id>")
@require(roles=MENTOR, row={"participant_id": scope.participant_visible})
def participant(participant_id: int) -> ResponseReturnValue:
    """One mentee: readiness, coverage and this week's placement note."""
    mentor = _mentor()
    try:
        person = svc.mentee(db_session, mentor, participant_id, now=_now())
    except svc.NotYours:
        abort(404)
    db_session.commit()
    notes = svc.notes_by_mentor(db_session, mentor, participant_id)
    this_week = svc.monday_of(_now().date())
    current = next((n for n in notes if n.week_of == this_week), None)
    meter = _meter(
        None if person.view.coverage_percent is None else person.view.coverage_percent / 100,
        person.view.coverage_text or "",
        "mentee",
    )
    return render_template(
        "mentor/participant.html", mentee=person, notes=notes, current=current, meter=meter
    )


@bp.post("/deltakere/<int:participant_id>/notat")
@require(roles=MENTOR, row={"participant_id": scope.participant_visible})
def note(participant_id: int) -> ResponseReturnValue:
    """Save this week's note: what went well, language challenges, words they heard missing."""
    mentor = _mentor()
    try:
        svc.save_note(
            db_session,
            mentor,
            participant_id,
            went_well=request.form.get("went_well", ""),
            challenges=request.form.get("challenges", ""),
            missing_words=request.form.get("missing_words", ""),
            now=_now(),
        )
    except svc.NotYours:
        abort(404)
    except svc.MentorError as e:
        flash(str(e), "error")
    else:
        db_session.commit()
        flash(_("Takk! Notatet er sendt til læreren."), "success")
    return redirect(url_for("mentor.participant", participant_id=participant_id) + "#notat")


@bp.get("/fraser")
@require(roles=MENTOR)
def phrases() -> ResponseReturnValue:
    """The workplace's common phrases and safety words, with audio, to review and record."""
    mentor = mentor_for_user(db_session, current_user.id)
    words = svc.workplace_words(db_session, mentor) if mentor else []
    recording_urls = {
        row.id: media.recording_url(row.id) for group in words for row in group.recordings.values()
    }
    return render_template(
        "mentor/phrases.html",
        mentor=mentor,
        groups=words,
        recording_urls=recording_urls,
        max_seconds=60,
    )


@bp.post("/fraser/hver-dag")
@require(roles=MENTOR)
def daily_use() -> ResponseReturnValue:
    """Mark a phrase "vi sier dette hver dag" (or remove the mark)."""
    mentor = _mentor()
    phrase_id = request.form.get("phrase_id", type=int)
    if phrase_id is None:
        flash(_("Velg en frase."), "error")
        return redirect(url_for("mentor.phrases"))
    try:
        svc.set_daily_use(db_session, mentor, phrase_id, daily=request.form.get("daily") == "1")
    except svc.NotYours:
        abort(404)
    db_session.commit()
    return redirect(url_for("mentor.phrases") + f"#frase-{phrase_id}")


@bp.post("/fraser/forslag")
@require(roles=MENTOR)
def suggest() -> ResponseReturnValue:
    """Suggest how the workplace really says a phrase."""
    mentor = _mentor()
    phrase_id = request.form.get("phrase_id", type=int)
    if phrase_id is None:
        flash(_("Velg en frase."), "error")
        return redirect(url_for("mentor.phrases"))
    try:
        svc.suggest_change(
            db_session, mentor, phrase_id, request.form.get("suggestion", ""), now=_now()
        )
    except svc.NotYours:
        abort(404)
    except svc.MentorError as e:
        flash(str(e), "error")
    else:
        db_session.commit()
        flash(_("Takk! Læreren ser forslaget ditt."), "success")
    return redirect(url_for("mentor.phrases") + f"#frase-{phrase_id}")


@bp.post("/fraser/opptak")
@require(roles=MENTOR)
def upload_recording() -> ResponseReturnValue:
    """Store a browser recording (MediaRecorder) of one phrase or word; JSON answer."""
    mentor = _mentor()
    upload = request.files.get("audio")
    text = request.form.get("text", "")
    if upload is None or not text:
        return jsonify({"ok": False, "error": _("Opptaket mangler.")}), 400
    data = upload.read(svc.MAX_RECORDING_BYTES + 1)
    try:
        row = svc.save_recording(
            db_session,
            mentor,
            text=text,
            data=data,
            mime_type=upload.mimetype or "",
            recordings_dir=media.ensure_dir(media.recordings_dir()),
            now=_now(),
        )
    except svc.NotYours as e:
        return jsonify({"ok": False, "error": str(e)}), 403
    except svc.MentorError as e:
        return jsonify({"ok": False, "error": str(e)}), 400
    db_session.commit()
    return jsonify({"ok": True, "id": row.id, "url": media.recording_url(row.id)})


@bp.post("/fraser/opptak/slett")
@require(roles=MENTOR)
def delete_recording() -> ResponseReturnValue:
    """Delete one of my recordings (participants hear the synthetic voice again)."""
    mentor = _mentor()
    recording_id = request.form.get("recording_id", type=int)
    if recording_id is None:
        return redirect(url_for("mentor.phrases"))
    try:
        svc.delete_recording(
            db_session, mentor, recording_id, recordings_dir=media.recordings_dir()
        )
    except svc.NotYours:
        abort(404)
    db_session.commit()
    flash(_("Opptaket er slettet."), "success")
    return redirect(url_for("mentor.phrases"))


@bp.get("/fraser/fraseark.pdf")
@require(roles=MENTOR)
def phrase_sheet() -> ResponseReturnValue:
    """The printable phrase sheet of my workplace (PDF)."""
    mentor = _mentor()
    sheet = svc.phrase_sheet(db_session, mentor, today=_now().date())
    if sheet is None:
        flash(_("Arbeidsplassen din har ingen publisert språkprofil ennå."), "error")
        return redirect(url_for("mentor.phrases"))
    name, data = sheet
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
