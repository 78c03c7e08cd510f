"""Start-of-programme mapping (kartlegging): background, adaptive vocabulary check, correction.

A participant enrolled in a class is sent to the mapping from their home page until it is done
or skipped.  The background (first languages, education, previous occupation, the work they
want) suggests sector profiles (``progress.mapping.suggest_sectors``); the check asks one word at
a time ("Kjenner du dette ordet?") and gives a starting level, which also seeds the skill
estimates.  The teacher sees the result and can correct the level and the sectors.

Every function takes a ``Session``; it flushes but never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from progress.errors import ProgressError
from progress.mapping import (
    SECTORS,
    CheckItem,
    CheckState,
    MappingResult,
    check_result,
    next_item,
    record,
    start_check,
    suggest_sectors,
)
from webapp.models import MappingRecord, Participant
from webapp.services.personal_data import register_personal_data
from webapp.services.progress import current_class

#: Norwegian names of the sector profiles, for the pages.
SECTOR_NAMES: dict[str, str] = {
    "lager": "Lager og logistikk",
    "butikk": "Butikk",
    "helse": "Helse og omsorg",
    "kjøkken": "Kjøkken og kantine",
    "renhold": "Renhold",
    "barnehage": "Barnehage",
    "skole": "Skole og SFO",
    "transport": "Transport",
    "bygg": "Bygg og anlegg",
}


class MappingError(Exception):
    """The mapping step cannot be done (message in Norwegian)."""


def mapping_for(session: Session, participant_id: int) -> MappingRecord | None:
    """The participant's mapping, if started."""
    return session.scalar(
        select(MappingRecord).where(MappingRecord.participant_id == participant_id)
    )


def needs_mapping(session: Session, participant_id: int, *, today: dt.date) -> bool:
    """True for a participant in a class whose mapping is neither done nor skipped."""
    row = mapping_for(session, participant_id)
    if row is not None and row.status in ("done", "skipped"):
        return False
    return current_class(session, participant_id, today=today) is not None


def _clean(value: str | None, limit: int) -> str | None:
    text = " ".join((value or "").split())
    return text[:limit] or None


def save_background(
    session: Session,
    participant: Participant,
    *,
    languages: Sequence[str],
    education: str | None,
    previous_occupation: str | None,
    wanted_work: str | None,
    now: dt.datetime,
) -> MappingRecord:
    """Store the background, suggest sectors and (re)start the vocabulary check."""
    langs = [x for x in (_clean(v, 100) for v in languages) if x][:5]
    participant.first_language = langs[0] if langs else participant.first_language
    participant.education = _clean(education, 200)
    participant.previous_occupation = _clean(previous_occupation, 200)
    row = mapping_for(session, participant.id)
    if row is None:
        row = MappingRecord(participant_id=participant.id, started_at=now)
        session.add(row)
    row.languages = langs
    row.wanted_work = _clean(wanted_work, 300)
    sectors = suggest_sectors(
        {
            "previous_occupation": participant.previous_occupation or "",
            "education": participant.education or "",
            "wanted_work": row.wanted_work or "",
        }
    )
    row.suggested_sectors = sectors
    row.status = "started"
    row.check_state = start_check(sectors=sectors[:2], seed=participant.id).to_dict()
    row.result = None
    row.level = None
    row.finished_at = None
    session.flush()
    return row


def _state(row: MappingRecord) -> CheckState:
    if not row.check_state:
        return start_check(sectors=tuple(s for s in row.suggested_sectors if s in SECTORS)[:2])
    return CheckState.from_dict(row.check_state)


@dataclass(frozen=True)
class CheckStep:
    """What the check page shows: the next word (never whether it is invented) and progress."""

    word: str | None
    answered: int
    total: int


def current_step(row: MappingRecord) -> CheckStep:
    """The next word to ask, or ``word=None`` when the check is over."""
    state = _state(row)
    item: CheckItem | None = next_item(state) if row.status == "started" else None
    return CheckStep(
        word=item.word if item else None, answered=len(state.answers), total=state.max_items
    )


def answer_word(
    session: Session, row: MappingRecord, *, word: str, knows: bool, now: dt.datetime
) -> MappingRecord:
    """Record one answer; only the word that was asked counts (a stale page is ignored)."""
    if row.status != "started":
        raise MappingError("Kartleggingen er ferdig.")
    state = _state(row)
    item = next_item(state)
    if item is None or item.word != word:
        return row  # a double click or an old page: ask the current word again
    try:
        state = record(state, word, knows=knows)
    except ProgressError as e:
        raise MappingError("Ordet er ikke med i kartleggingen.") from e
    row.check_state = state.to_dict()
    if next_item(state) is None:
        _finish(row, state, now=now)
    session.flush()
    return row


def _finish(row: MappingRecord, state: CheckState, *, now: dt.datetime) -> None:
    result = check_result(state)
    row.result = result.to_dict()
    row.level = result.level
    row.status = "done"
    row.finished_at = now


def skip_mapping(session: Session, participant: Participant, *, now: dt.datetime) -> MappingRecord:
    """The participant skips the mapping for now (the teacher can still see and set a level)."""
    row = mapping_for(session, participant.id)
    if row is None:
        row = MappingRecord(participant_id=participant.id, started_at=now)
        session.add(row)
    if row.status != "done":
        row.status = "skipped"
        row.finished_at = now
    session.flush()
    return row


def result_of(row: MappingRecord | None) -> MappingResult | None:
    """The stored result as a value, if the check is finished."""
    if row is None or not row.result:
        return None
    try:
        return MappingResult.from_dict(row.result)
    except ProgressError:
        return None


def correct_mapping(
    session: Session,
    participant: Participant,
    *,
    level: str | None,
    sectors: Sequence[str],
    note: str | None,
    user_id: int,
    now: dt.datetime,
) -> MappingRecord:
    """The teacher corrects the starting level and the suggested sectors."""
    unknown = [s for s in sectors if s not in SECTORS]
    if unknown:
        raise MappingError("Ukjent bransje.")
    row = mapping_for(session, participant.id)
    if row is None:
        row = MappingRecord(participant_id=participant.id, started_at=now, status="skipped")
        session.add(row)
    if level:
        if level not in ("A1", "A2", "B1", "B2"):
            raise MappingError("Ukjent nivå.")
        result = result_of(row)
        if result is not None:
            row.result = result.corrected(level).to_dict()
        row.level = level
    row.teacher_sectors = list(sectors)
    row.teacher_note = _clean(note, 1000)
    row.corrected_by_id = user_id
    row.corrected_at = now
    session.flush()
    return row


def sectors_of(row: MappingRecord | None) -> list[str]:
    """The teacher's sectors when set, otherwise the suggested ones."""
    if row is None:
        return []
    return list(row.teacher_sectors if row.teacher_sectors is not None else row.suggested_sectors)


# --- personal data -------------------------------------------------------------------------------


def _export(session: Session, participant: Participant) -> dict[str, Any] | None:
    row = mapping_for(session, participant.id)
    if row is None:
        return None
    return {
        "status": row.status,
        "languages": list(row.languages),
        "wanted_work": row.wanted_work,
        "level": row.level,
        "sectors": sectors_of(row),
        "teacher_note": row.teacher_note,
        "started_at": row.started_at.isoformat(),
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
    }


def _erase(session: Session, participant: Participant) -> None:
    session.execute(delete(MappingRecord).where(MappingRecord.participant_id == participant.id))


register_personal_data("mapping", export=_export, erase=_erase, order=58)
