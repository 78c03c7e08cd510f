"""JSON API v1: today's practice session, answer batches, a bare hello, and the OpenAPI document.

Authentication is the session cookie, so every state-changing call needs the CSRF token in the
``X-CSRFToken`` header (Flask-WTF checks it).  Errors are JSON here, never HTML pages; an anonymous
caller gets 401 rather than a redirect to the login page.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import HTTPException

from webapp.access import PARTICIPANT, public, require
from webapp.api.openapi import openapi_document
from webapp.db_types import utcnow
from webapp.extensions import db_session, login_manager
from webapp.practice.media import recording_url, speech_url
from webapp.services import audio as audio_svc
from webapp.services import practice as svc
from webapp.services import progress as progress_svc

bp = Blueprint("api", __name__, url_prefix="/api/v1")
log = logging.getLogger(__name__)


@bp.record_once
def _no_login_redirect(state: Any) -> None:
    # Flask-Login: no login view for this blueprint → abort(401) instead of a redirect.
    login_manager.blueprint_login_views[bp.name] = None


def _error(status: int, code: str, message: str) -> ResponseReturnValue:
    return jsonify({"error": code, "message": message}), status


@bp.errorhandler(CSRFError)
def _csrf_error(error: CSRFError) -> ResponseReturnValue:
    return _error(400, "csrf", "Missing or invalid X-CSRFToken header; reload the session.")


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    names = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
    return _error(code, names.get(code, "http_error"), error.description or "")


@bp.errorhandler(svc.InvalidAnswerBatch)
def _bad_batch(error: svc.InvalidAnswerBatch) -> ResponseReturnValue:
    return _error(400, "invalid_batch", str(error))


def _item_json(entry: svc.SessionItem, recordings: dict[str, Any]) -> dict[str, Any]:
    item = entry.item
    audio = []
    for text, when in entry.audio_texts:
        recording = recordings.get(text)
        audio.append(
            {
                "text": text,
                "when": when,
                "url": speech_url(text),
                "mentor_url": recording_url(recording.id) if recording is not None else None,
            }
        )
    return {
        "id": item.id,
        "kind": entry.kind,
        "type": item.type,
        "variant": item.variant,
        "lemma": item.lemma,
        "prompt": item.prompt,
        "answer_mode": item.answer_mode,
        "check_kind": item.check_kind,
        "accepted": list(item.accepted),
        "options": list(item.options),
        "expected": item.expected,
        "hint": item.hint,
        "explanation": item.explanation,
        "audio_text": item.audio_text,
        "example": item.example,
        "definition": item.definition,
        "gloss": item.gloss,
        "safety": item.safety,
        "level": item.level,
        "extra": dict(item.extra),
        "instruction": dict(entry.instruction),
        "audio": audio,
    }


@bp.get("/session")
@require(roles=PARTICIPANT)
def session() -> ResponseReturnValue:
    """Today's items for the logged-in participant (``?ahead=1``: tomorrow's, kept for offline)."""
    now = utcnow()
    planned_for = svc.next_day_start(now) if request.args.get("ahead") == "1" else now
    view = svc.next_session(db_session, current_user_participant_id(), now=planned_for)
    db_session.commit()
    texts = [t for entry in view.items for t, _ in entry.audio_texts]
    recordings = audio_svc.recordings_for(db_session, view.employer_id, texts)
    return jsonify(
        {
            "status": view.status,
            "help_language": view.help_language,
            "direction": view.direction,
            "profile": view.profile_name,
            "employer": view.employer_name,
            "estimated_seconds": view.estimated_seconds,
            "due_total": view.due_total,
            "postponed": view.postponed,
            "new_cap": view.new_cap,
            "new_done_today": view.new_done_today,
            "answered_today": view.answered_today,
            "speech_lang": "nb-NO",
            "server_audio": audio_svc.espeak_available(),
            "csrf_token": generate_csrf(),
            "generated_at": now.isoformat(),
            "valid_from": planned_for.isoformat(),
            "items": [_item_json(entry, recordings) for entry in view.items],
        }
    )


def current_user_participant_id() -> int:
    """The participant row of the logged-in account (participants only reach these views)."""
    pid = svc.participant_id_for_user(db_session, current_user.id)
    if pid is None:
        abort(404)
    return pid


@bp.post("/answers")
@require(roles=PARTICIPANT)
def answers() -> ResponseReturnValue:
    """Grade and store a batch of answers (each exactly once)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise svc.InvalidAnswerBatch("send a JSON object with an 'answers' list")
    batch = svc.parse_answers(body.get("answers"))
    participant_id = current_user_participant_id()
    results = svc.submit_answers(db_session, participant_id, batch, now=utcnow())
    db_session.commit()
    response = jsonify(
        {
            "results": [
                {
                    "client_id": r.client_id,
                    "item_id": r.item_id,
                    "status": r.status,
                    "duplicate": r.duplicate,
                    "correct": r.correct,
                    "verdict": dict(r.verdict),
                    "due": r.due.isoformat() if r.due else None,
                    "error": r.error,
                }
                for r in results
            ]
        }
    )
    if any(r.status == "stored" for r in results):
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        response.call_on_close(lambda: _refresh_progress(app, participant_id))
    return response


def _refresh_progress(app: Flask, participant_id: int) -> None:
    """After the answers' response has gone out: today's progress snapshot, if it is stale.

    It reads every card of the participant, so it is kept out of the time the phone waits.
    A failure here loses nothing (the answers are committed); the next answer tries again.
    """
    with app.app_context():
        try:
            if progress_svc.refresh_snapshot(db_session, participant_id, now=utcnow()):
                db_session.commit()
        except Exception:
            db_session.rollback()
            log.exception("progress snapshot for participant %s failed", participant_id)
        finally:
            db_session.remove()


@bp.get("/hello")
@public
def hello() -> ResponseReturnValue:
    """A bare endpoint (no database) to compare latencies against."""
    return jsonify({"hello": "hei"})


@bp.get("/openapi.json")
@public
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 document of this API."""
    return jsonify(openapi_document())
