"""Signed audio URLs for practice: the URL carries the text (or recording id), signed by the app.

A token is deterministic (no timestamp), so the same text always has the same URL and the
service worker and the browser can cache it.  Only texts the server itself put into a session
get a valid signature, so nobody can make the server synthesise arbitrary text.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from webapp.services import audio as audio_svc

_SALT = "hurtigspor-audio-v1"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key or "", salt=_SALT)


def speech_token(text: str) -> str:
    """Token for synthetic speech of ``text``."""
    return str(_serializer().dumps({"t": text}))


def recording_token(recording_id: int) -> str:
    """Token for a mentor's recording."""
    return str(_serializer().dumps({"r": recording_id}))


def decode_token(token: str) -> dict[str, Any] | None:
    """The payload of a valid token, or ``None``."""
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return None
    return payload if isinstance(payload, dict) else None


def audio_cache_dir() -> Path:
    """Where synthetic speech is cached: ``AUDIO_CACHE_DIR``, else the instance folder.

    Under ``TESTING`` the default is a temporary folder, so tests never write into instance/.
    """
    configured = current_app.config.get("AUDIO_CACHE_DIR")
    if configured:
        return Path(configured)
    if current_app.testing:
        return Path(tempfile.gettempdir()) / "hurtigspor-audio-test"
    return Path(current_app.instance_path) / "audio"


def recordings_dir() -> Path:
    """Where mentors' recordings are stored (``RECORDINGS_DIR`` or instance/recordings)."""
    configured = current_app.config.get("RECORDINGS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "recordings"


def speech_url(text: str) -> str | None:
    """URL of the server's speech for ``text``; ``None`` when it cannot be made here."""
    if not text or len(text) > audio_svc.MAX_TEXT:
        return None
    cached = (audio_cache_dir() / audio_svc.audio_file_name(text)).is_file()
    if not cached and not audio_svc.espeak_available():
        return None
    return url_for("practice.audio", token=speech_token(text))


def recording_url(recording_id: int) -> str:
    """URL of a mentor's recording."""
    return url_for("practice.audio", token=recording_token(recording_id))


def ensure_dir(path: Path) -> Path:
    """Create ``path`` if needed and return it."""
    os.makedirs(path, exist_ok=True)
    return path
