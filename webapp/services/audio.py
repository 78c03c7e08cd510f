"""Audio for practice: mentors' recordings first, otherwise speech from ``espeak-ng -v nb``.

Synthetic speech is made once per text and cached on disk (content-addressed by a hash of the
voice and the text), so every later request is a file read.  When ``espeak-ng`` is not installed
``synthesize`` returns ``None`` and the page says that no sound is available (the browser's own
Norwegian voice is tried first anyway).  No flask imports: the web layer passes the folders.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import MentorRecording

log = logging.getLogger(__name__)

__all__ = [
    "MAX_TEXT",
    "VOICE",
    "AudioError",
    "audio_file_name",
    "espeak_available",
    "recording_path",
    "recordings_for",
    "synthesize",
    "text_key",
]

VOICE = "nb"
#: Longer texts are not synthesised (a sentence or a phrase is enough for practice).
MAX_TEXT = 300
_SPEED_WPM = 140  # a little slower than espeak's default 175, for learners
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class AudioError(Exception):
    """Speech could not be made for a text."""


def text_key(text: str) -> str:
    """Normalised text that matches a mentor's recording to a phrase (case, punctuation)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    folded = re.sub(r"[^\w\s]", " ", folded)
    return " ".join(folded.split())[:300]


def audio_file_name(text: str, *, voice: str = VOICE) -> str:
    """The cache file name of a text's synthetic speech."""
    digest = hashlib.sha256(f"{voice}\x1f{unicodedata.normalize('NFC', text).strip()}".encode())
    return f"{digest.hexdigest()[:40]}.wav"


@cache
def _espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


def espeak_available() -> bool:
    """True when ``espeak-ng`` is installed (``apt-get install espeak-ng``)."""
    return _espeak_binary() is not None


def _lock_for(name: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(name, threading.Lock())


def synthesize(text: str, *, cache_dir: Path, voice: str = VOICE) -> Path | None:
    """The WAV file for ``text`` (made once, then cached); ``None`` without espeak-ng."""
    clean = unicodedata.normalize("NFC", text).strip()
    if not clean or len(clean) > MAX_TEXT:
        raise AudioError("text is empty or too long for speech")
    target = cache_dir / audio_file_name(clean, voice=voice)
    if target.is_file():
        return target
    binary = _espeak_binary()
    if binary is None:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _lock_for(target.name):
        if target.is_file():
            return target
        fd, tmp_name = tempfile.mkstemp(suffix=".wav", dir=cache_dir)
        os.close(fd)
        try:
            # Text goes on stdin, never through a shell; "--" is not needed then.
            subprocess.run(  # noqa: S603 - fixed binary and arguments, text on stdin
                [binary, "-v", voice, "-s", str(_SPEED_WPM), "-w", tmp_name, "--stdin"],
                input=clean.encode("utf-8"),
                check=True,
                capture_output=True,
                timeout=20,
            )
            os.replace(tmp_name, target)
        except (OSError, subprocess.SubprocessError) as e:
            Path(tmp_name).unlink(missing_ok=True)
            raise AudioError(f"espeak-ng failed: {e}") from e
    return target


_ARTICLE_PREFIX = re.compile(r"^(?:(?:en|ei|et)(?:/(?:en|ei|et))*|å) ")


def _keys_for(text: str) -> tuple[str, ...]:
    """Match keys for a text, best first: as written, then without a leading article or "å"."""
    bare = _ARTICLE_PREFIX.sub("", unicodedata.normalize("NFC", text).strip().casefold(), count=1)
    keys = [text_key(text), text_key(bare)]
    return tuple(dict.fromkeys(k for k in keys if k))


def recordings_for(
    session: Session, employer_id: int | None, texts: Iterable[str]
) -> dict[str, MentorRecording]:
    """Mentor recordings of the employer matching ``texts`` ("ei hylle" also matches "hylle")."""
    if employer_id is None:
        return {}
    wanted = {t: _keys_for(t) for t in texts if t}
    all_keys = {k for keys in wanted.values() for k in keys}
    if not all_keys:
        return {}
    rows = session.scalars(
        select(MentorRecording)
        .where(MentorRecording.employer_id == employer_id, MentorRecording.text_key.in_(all_keys))
        .order_by(MentorRecording.created_at, MentorRecording.id)
    ).all()
    by_key: dict[str, MentorRecording] = {}
    for row in rows:  # newest recording of a text wins
        by_key[row.text_key] = row
    found: dict[str, MentorRecording] = {}
    for text, keys in wanted.items():
        match = next((by_key[k] for k in keys if k in by_key), None)
        if match is not None:
            found[text] = match
    return found


def recording_path(recording: MentorRecording, *, recordings_dir: Path) -> Path | None:
    """The file of a mentor's recording, or ``None`` if it is missing or outside the folder."""
    path = (recordings_dir / recording.filename).resolve()
    if recordings_dir.resolve() not in path.parents or not path.is_file():
        return None
    return path
