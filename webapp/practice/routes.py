"""Øv: the practice page (app shell + small JS), its service worker and manifest, audio, settings.

The page is a server-rendered shell; ``static/practice/practice.js`` fetches today's session from
``/api/v1/session``, shows one item at a time and posts answers to ``/api/v1/answers``.  The
service worker is served from the site root (``/sw.js``, ``Service-Worker-Allowed: /``) so it can
control ``/ov/``.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from webapp.access import ANY_ROLE, PARTICIPANT, STAFF, public, require
from webapp.extensions import db_session
from webapp.models import MentorRecording, SchoolClass
from webapp.practice import media
from webapp.practice.forms import PracticeSettingsForm
from webapp.services import audio as audio_svc
from webapp.services import practice as svc
from webapp.services import scope
from webapp.services.published import current_placement

bp = Blueprint("practice", __name__)

#: Files the service worker keeps for offline use (the page itself is added by the worker).
SHELL_FILES = ("practice/practice.css", "practice/practice.js", "hurtigspor.css", "favicon.svg")


@bp.get("/ov/")
@require(roles=PARTICIPANT)
def index() -> ResponseReturnValue:
    return render_template("practice/index.html")


@bp.route("/ov/klasse/<int:class_id>", methods=["GET", "POST"])
@require(roles=STAFF, row={"class_id": scope.class_in_org})
def settings(class_id: int) -> ResponseReturnValue:
    """Teacher setting: the daily cap on new items for a class."""
    school_class = db_session.get(SchoolClass, class_id)
    current = svc.class_settings(db_session, class_id)
    form = PracticeSettingsForm(
        data={
            "new_items_per_day": current.new_items_per_day,
            "session_minutes": current.session_minutes,
        }
    )
    if form.validate_on_submit():
        svc.save_class_settings(
            db_session,
            class_id,
            new_items_per_day=int(form.new_items_per_day.data),
            session_minutes=int(form.session_minutes.data),
        )
        db_session.commit()
        flash(_("Innstillingene for øving er lagret."), "success")
        return redirect(url_for("practice.settings", class_id=class_id))
    return render_template("practice/settings.html", form=form, school_class=school_class)


def _static_bytes(name: str) -> bytes:
    return (Path(current_app.static_folder or "static") / name).read_bytes()


@bp.get("/sw.js")
@public
def service_worker() -> ResponseReturnValue:
    """The service worker, from the site root so its scope can cover ``/ov/``."""
    response = Response(_static_bytes("sw.js"), mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
@public
def manifest() -> ResponseReturnValue:
    """The web app manifest (installable practice page)."""
    response = Response(_static_bytes("manifest.webmanifest"), mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _recording_allowed(recording: MentorRecording) -> bool:
    """Participants hear their placement employer's recordings; staff and mentors their org's."""
    if current_user.role == "participant":
        pid = svc.participant_id_for_user(db_session, current_user.id)
        placement = current_placement(db_session, pid) if pid is not None else None
        return placement is not None and placement.employer_id == recording.employer_id
    return scope.employer_in_org(db_session, current_user, recording.employer_id)


@bp.get("/audio/<token>")
@require(roles=ANY_ROLE)
def audio(token: str) -> ResponseReturnValue:
    """Speech for a signed text (made once with espeak-ng), or a mentor's recording.

    204 when no sound can be made here (espeak-ng is not installed): the page then says so.
    """
    payload = media.decode_token(token)
    if payload is None:
        abort(404)
    if "r" in payload:
        recording = db_session.get(MentorRecording, int(payload["r"]))
        if recording is None or not _recording_allowed(recording):
            abort(404)
        path = audio_svc.recording_path(recording, recordings_dir=media.recordings_dir())
        if path is None:
            abort(404)
        return Response(path.read_bytes(), mimetype=recording.mime_type)
    text = str(payload.get("t") or "")
    try:
        path = audio_svc.synthesize(text, cache_dir=media.audio_cache_dir())
    except audio_svc.AudioError:
        abort(404)
    if path is None:
        return "", 204
    # Small files, read whole (no open file handle left behind).  Logged-in responses are
    # "no-store" (webapp.security); the service worker caches audio for offline use.
    return Response(path.read_bytes(), mimetype="audio/wav")
