"""The mentor's workspace: their workplace's published phrases, recordings, notes and mentees.

A mentor sees only their own employer's *published* profile(s) and their own mentees, and of a
mentee only readiness and coverage (``ParticipantSummary.for_mentor()``) — never answers or
background.  Recordings are stored as files under the recordings folder the web layer passes in
(``RECORDINGS_DIR``, default ``instance/recordings``), one ``MentorRecording`` row each; practice
plays them before synthetic speech (``webapp.services.audio.recordings_for``).

Every function takes a ``Session``; it flushes but never commits.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from language_profiles.exports import profile_to_pdf
from language_profiles.lexicon import load_lexicon
from language_profiles.profile import Term
from progress.dashboard import MentorView
from webapp.models import (
    LanguageProfile,
    Mentor,
    MentorRecording,
    Participant,
    PhraseSuggestion,
    Placement,
    PlacementNote,
    ProfilePhrase,
    ProfileTerm,
    ProfileVersion,
)
from webapp.services import profiles as profile_svc
from webapp.services.audio import text_key
from webapp.services.employers import placements_for_mentor
from webapp.services.personal_data import register_personal_data
from webapp.services.progress import participant_progress
from webapp.services.published import PublishedProfile, published_for_employer

#: Browser recordings we accept (MediaRecorder: Chrome/Firefox webm/ogg, Safari mp4).
RECORDING_TYPES: dict[str, str] = {
    "audio/webm": "webm",
    "audio/ogg": "ogg",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
}
#: About a minute of speech; a phrase takes a few seconds.
MAX_RECORDING_BYTES = 2 * 1024 * 1024
MAX_NOTE_CHARS = 2000
MAX_MISSING_WORDS = 20


class MentorError(Exception):
    """A mentor action is not allowed or its input is invalid (message in Norwegian)."""


class NotYours(MentorError):
    """The row does not belong to the mentor's employer or mentees."""


@dataclass(frozen=True)
class PhraseView:
    """One phrase of the mentor's workplace, with its recording (if any)."""

    phrase_id: int
    text: str
    situation: str | None
    safety: bool
    daily_use: bool
    recording: MentorRecording | None


@dataclass(frozen=True)
class WorkplaceWords:
    """What the mentor reviews: phrases and safety words of one published profile."""

    published: PublishedProfile
    phrases: tuple[PhraseView, ...]
    safety_terms: tuple[Term, ...]
    recordings: dict[str, MentorRecording]  # term/phrase text -> newest recording


def mentor_profiles(session: Session, mentor: Mentor) -> list[PublishedProfile]:
    """The published profiles of the mentor's own employer."""
    return published_for_employer(session, mentor.employer_id)


def workplace_words(session: Session, mentor: Mentor) -> list[WorkplaceWords]:
    """Phrases (recorded and daily-use marks included) and safety words, per published profile."""
    from webapp.services.audio import recordings_for

    result: list[WorkplaceWords] = []
    for published in mentor_profiles(session, mentor):
        rows = session.scalars(
            select(ProfilePhrase)
            .where(
                ProfilePhrase.version_id == published.version_id,
                ProfilePhrase.status == "accepted",
            )
            .order_by(ProfilePhrase.safety.desc(), ProfilePhrase.rank, ProfilePhrase.id)
        ).all()
        safety = tuple(t for t in published.profile.terms if t.safety)
        texts = [r.text for r in rows] + [t.lemma for t in safety]
        recordings = recordings_for(session, mentor.employer_id, texts)
        phrases = tuple(
            PhraseView(
                phrase_id=r.id,
                text=r.text,
                situation=r.situation,
                safety=r.safety,
                daily_use=r.daily_use,
                recording=recordings.get(r.text),
            )
            for r in rows
        )
        result.append(
            WorkplaceWords(
                published=published, phrases=phrases, safety_terms=safety, recordings=recordings
            )
        )
    return result


def _own_phrase(session: Session, mentor: Mentor, phrase_id: int) -> ProfilePhrase:
    """A phrase of a published version of the mentor's employer, or ``NotYours``."""
    row = session.get(ProfilePhrase, phrase_id)
    if row is None:
        raise NotYours("Fant ikke frasen.")
    version = session.get(ProfileVersion, row.version_id)
    profile = session.get(LanguageProfile, version.profile_id) if version else None
    if (
        version is None
        or version.status != "published"
        or profile is None
        or profile.employer_id != mentor.employer_id
    ):
        raise NotYours("Fant ikke frasen.")
    return row


def set_daily_use(
    session: Session, mentor: Mentor, phrase_id: int, *, daily: bool
) -> ProfilePhrase:
    """Mark (or unmark) a phrase "vi sier dette hver dag"."""
    row = _own_phrase(session, mentor, phrase_id)
    row.daily_use = daily
    session.flush()
    return row


def suggest_change(
    session: Session, mentor: Mentor, phrase_id: int, suggestion: str, *, now: dt.datetime
) -> PhraseSuggestion:
    """Record the mentor's suggested wording of a phrase, for the teacher."""
    row = _own_phrase(session, mentor, phrase_id)
    text = " ".join(suggestion.split())
    if not text:
        raise MentorError("Skriv hvordan dere sier det.")
    if len(text) > 500:
        raise MentorError("Forslaget kan ha høyst 500 tegn.")
    version = session.get(ProfileVersion, row.version_id)
    item = PhraseSuggestion(
        employer_id=mentor.employer_id,
        profile_id=version.profile_id if version else None,
        phrase_id=row.id,
        phrase_text=row.text,
        suggestion=text,
        mentor_id=mentor.id,
        created_at=now,
    )
    session.add(item)
    session.flush()
    return item


def _allowed_texts(session: Session, mentor: Mentor) -> set[str]:
    keys: set[str] = set()
    for words in workplace_words(session, mentor):
        keys.update(text_key(p.text) for p in words.phrases)
        keys.update(text_key(t.lemma) for t in words.published.profile.terms)
    return keys


def _base_type(mime_type: str) -> str:
    return mime_type.split(";", 1)[0].strip().lower()


def save_recording(
    session: Session,
    mentor: Mentor,
    *,
    text: str,
    data: bytes,
    mime_type: str,
    recordings_dir: Path,
    now: dt.datetime,
) -> MentorRecording:
    """Store a recording of a phrase or term of the workplace (replaces the mentor's older one)."""
    base = _base_type(mime_type)
    if base not in RECORDING_TYPES:
        raise MentorError("Lydformatet støttes ikke.")
    if not data:
        raise MentorError("Opptaket er tomt.")
    if len(data) > MAX_RECORDING_BYTES:
        raise MentorError("Opptaket er for langt. Les inn én frase om gangen.")
    key = text_key(text)
    if not key or key not in _allowed_texts(session, mentor):
        raise NotYours("Du kan bare lese inn fraser og ord fra din arbeidsplass.")
    folder = recordings_dir / str(mentor.employer_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{mentor.employer_id}/{secrets.token_hex(12)}.{RECORDING_TYPES[base]}"
    (recordings_dir / name).write_bytes(data)
    for old in session.scalars(
        select(MentorRecording).where(
            MentorRecording.mentor_id == mentor.id, MentorRecording.text_key == key
        )
    ):
        _remove_file(recordings_dir, old.filename)
        session.delete(old)
    row = MentorRecording(
        mentor_id=mentor.id,
        employer_id=mentor.employer_id,
        text_key=key,
        text=" ".join(text.split())[:1000],
        mime_type=base,
        filename=name,
        size_bytes=len(data),
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def _remove_file(recordings_dir: Path, filename: str) -> None:
    path = (recordings_dir / filename).resolve()
    if recordings_dir.resolve() in path.parents and path.is_file():
        path.unlink()


def delete_recording(
    session: Session, mentor: Mentor, recording_id: int, *, recordings_dir: Path
) -> None:
    """Delete one of the mentor's own recordings (row and file)."""
    row = session.get(MentorRecording, recording_id)
    if row is None or row.mentor_id != mentor.id:
        raise NotYours("Fant ikke opptaket.")
    _remove_file(recordings_dir, row.filename)
    session.delete(row)
    session.flush()


def phrase_sheet(session: Session, mentor: Mentor, *, today: dt.date) -> tuple[str, bytes] | None:
    """The printable phrase sheet (PDF) of the mentor's first published profile."""
    profiles = mentor_profiles(session, mentor)
    if not profiles:
        return None
    published = profiles[0]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", published.profile.name).strip("-") or "fraser"
    return f"fraseark-{name}.pdf", profile_to_pdf(published.profile, today=today)


# --- mentees -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mentee:
    """A mentee as the mentor sees them: name, placement and readiness/coverage only."""

    participant_id: int
    name: str
    placement: Placement
    view: MentorView


def mentees(session: Session, mentor: Mentor, *, now: dt.datetime) -> list[Mentee]:
    """The mentor's own mentees (current placements), each with readiness and coverage."""
    result: list[Mentee] = []
    seen: set[int] = set()
    for placement in placements_for_mentor(session, mentor):
        pid = placement.participant_id
        if pid is None or pid in seen or placement.status not in ("planned", "active"):
            continue
        seen.add(pid)
        progress = participant_progress(session, pid, now=now)
        result.append(
            Mentee(
                participant_id=pid,
                name=progress.name,
                placement=placement,
                view=progress.summary.for_mentor(),
            )
        )
    return result


def mentee(session: Session, mentor: Mentor, participant_id: int, *, now: dt.datetime) -> Mentee:
    """One of the mentor's mentees, or ``NotYours``."""
    for item in mentees(session, mentor, now=now):
        if item.participant_id == participant_id:
            return item
    raise NotYours("Fant ikke deltakeren.")


def monday_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def parse_words(text: str) -> list[str]:
    """Split "truck, pall; vernesko" into distinct words (lower case, at most 20)."""
    words: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        word = " ".join(part.split()).strip(" .").casefold()
        if word and len(word) <= 100 and word not in words:
            words.append(word)
    return words[:MAX_MISSING_WORDS]


def save_note(
    session: Session,
    mentor: Mentor,
    participant_id: int,
    *,
    went_well: str,
    challenges: str,
    missing_words: str,
    now: dt.datetime,
) -> PlacementNote:
    """Write (or update) this week's note about a mentee."""
    placements = [
        p
        for p in placements_for_mentor(session, mentor)
        if p.participant_id == participant_id and p.status in ("planned", "active")
    ]
    if not placements:
        raise NotYours("Fant ikke deltakeren.")
    went = (went_well or "").strip()
    hard = (challenges or "").strip()
    words = parse_words(missing_words)
    if not (went or hard or words):
        raise MentorError("Skriv minst én ting.")
    if len(went) > MAX_NOTE_CHARS or len(hard) > MAX_NOTE_CHARS:
        raise MentorError(f"Hvert felt kan ha høyst {MAX_NOTE_CHARS} tegn.")
    placement = placements[-1]
    week = monday_of(now.date())
    note = session.scalar(
        select(PlacementNote).where(
            PlacementNote.placement_id == placement.id,
            PlacementNote.mentor_id == mentor.id,
            PlacementNote.week_of == week,
        )
    )
    if note is None:
        note = PlacementNote(
            placement_id=placement.id,
            participant_id=participant_id,
            mentor_id=mentor.id,
            week_of=week,
            created_at=now,
        )
        session.add(note)
    note.went_well = went
    note.challenges = hard
    note.missing_words = words
    session.flush()
    return note


def notes_by_mentor(session: Session, mentor: Mentor, participant_id: int) -> list[PlacementNote]:
    """The mentor's own notes about one mentee, newest first."""
    return list(
        session.scalars(
            select(PlacementNote)
            .where(
                PlacementNote.mentor_id == mentor.id,
                PlacementNote.participant_id == participant_id,
            )
            .order_by(PlacementNote.week_of.desc())
        )
    )


def notes_for_participant(session: Session, participant_id: int) -> list[PlacementNote]:
    """Every mentor note about a participant, newest first (for the teacher)."""
    return list(
        session.scalars(
            select(PlacementNote)
            .where(PlacementNote.participant_id == participant_id)
            .order_by(PlacementNote.week_of.desc(), PlacementNote.id.desc())
        )
    )


def open_suggestions(session: Session, employer_ids: Iterable[int]) -> list[PhraseSuggestion]:
    """Mentors' open phrase suggestions for these employers (for the teacher)."""
    ids = list(employer_ids)
    if not ids:
        return []
    return list(
        session.scalars(
            select(PhraseSuggestion)
            .where(PhraseSuggestion.employer_id.in_(ids), PhraseSuggestion.status == "open")
            .order_by(PhraseSuggestion.created_at.desc())
        )
    )


# --- teacher: mentor words into the profile's draft --------------------------------------------


def add_note_words_to_draft(
    session: Session,
    note: PlacementNote,
    words: Sequence[str],
    *,
    now: dt.datetime,
    lexicon: Any = None,
) -> list[str]:
    """Add words a mentor heard missing to the draft of the employer's profile (as proposals).

    The draft is made by ``webapp.services.profiles.ensure_draft`` (the one way to make a draft)
    and each word is filled from the dictionary like a teacher's own term.  Returns the words
    added (words already in the draft are skipped).  The teacher curates the draft as usual;
    nothing reaches participants before the draft is published.  ``now`` is kept for callers.
    """
    placement = note.placement
    profile = session.scalar(
        select(LanguageProfile)
        .where(LanguageProfile.employer_id == placement.employer_id)
        .order_by(LanguageProfile.id)
        .limit(1)
    )
    if profile is None:
        raise MentorError("Arbeidsgiveren har ingen språkprofil ennå.")
    wanted = [w for w in words if w in note.missing_words]
    if not wanted:
        raise MentorError("Velg minst ett ord fra notatet.")
    draft = profile_svc.ensure_draft(session, profile)
    existing = {
        lemma.casefold()
        for lemma in session.scalars(
            select(ProfileTerm.lemma).where(ProfileTerm.version_id == draft.id)
        )
    }
    lex = lexicon if lexicon is not None else load_lexicon()
    added: list[str] = []
    for word in wanted:
        if word.casefold() in existing:
            continue
        # Same as the teacher's "add own term": the dictionary fills POS, articles, forms.
        profile_svc.add_term(
            session, profile, lemma=word, lexicon=lex, status="proposed", origin="mentor"
        )
        existing.add(word.casefold())
        added.append(word)
    note.added_words = sorted({*note.added_words, *wanted})
    session.flush()
    return added


# --- personal data -------------------------------------------------------------------------------


def _export(session: Session, participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "week_of": n.week_of.isoformat(),
            "went_well": n.went_well,
            "challenges": n.challenges,
            "missing_words": list(n.missing_words),
        }
        for n in notes_for_participant(session, participant.id)
    ]


def _erase(session: Session, participant: Participant) -> None:
    session.execute(delete(PlacementNote).where(PlacementNote.participant_id == participant.id))


register_personal_data("mentor_notes", export=_export, erase=_erase, order=55)
