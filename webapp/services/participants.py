"""Participants: one by one or from CSV, with background data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Enrolment, Organisation, Participant, Placement, Role, SchoolClass
from webapp.services.accounts import create_user
from webapp.services.classes import enrol
from webapp.services.errors import NotFound

MAX_CSV_ROWS = 300
FIELDS: tuple[str, ...] = (
    "full_name",
    "phone",
    "email",
    "first_language",
    "previous_occupation",
    "education",
)
#: Header names teachers are likely to write (lower-case, without spaces/dashes) → field.
HEADER_ALIASES: dict[str, str] = {
    "navn": "full_name", "name": "full_name", "fulltnavn": "full_name",
    "telefon": "phone", "tlf": "phone", "mobil": "phone", "phone": "phone",
    "epost": "email", "email": "email", "mail": "email",
    "førstespråk": "first_language", "morsmål": "first_language", "språk": "first_language",
    "tidligereyrke": "previous_occupation", "yrke": "previous_occupation",
    "utdanning": "education", "utdannelse": "education",
}  # fmt: skip
_PHONE = re.compile(r"^\+?[0-9 ]{8,16}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ParticipantData:
    """Validated input for one participant."""

    full_name: str
    phone: str | None = None
    email: str | None = None
    first_language: str | None = None
    previous_occupation: str | None = None
    education: str | None = None


@dataclass(frozen=True)
class RowError:
    """A problem in one CSV line; ``code`` is mapped to a Norwegian message by the view."""

    line: int
    field: str
    code: str
    value: str = ""


@dataclass
class CsvResult:
    """Parsed rows and errors; nothing is saved while ``errors`` is non-empty."""

    rows: list[ParticipantData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def validate_fields(
    values: Mapping[str, str | None],
) -> tuple[ParticipantData | None, list[tuple[str, str]]]:
    """Check one participant's fields; return the data or (field, code) problems."""
    clean = {k: (values.get(k) or "").strip() or None for k in FIELDS}
    problems: list[tuple[str, str]] = []
    name = clean["full_name"]
    if not name:
        problems.append(("full_name", "name_missing"))
    elif len(name) < 2 or len(name) > 200:
        problems.append(("full_name", "name_length"))
    if clean["phone"] and not _PHONE.match(clean["phone"]):
        problems.append(("phone", "phone_invalid"))
    if clean["email"] and not _EMAIL.match(clean["email"]):
        problems.append(("email", "email_invalid"))
    for key in ("first_language", "previous_occupation", "education"):
        if clean[key] and len(clean[key] or "") > 200:
            problems.append((key, "too_long"))
    if problems:
        return None, problems
    return ParticipantData(**clean), []  # type: ignore[arg-type]


def parse_csv(text: str) -> CsvResult:
    """Parse pasted or uploaded CSV (comma, semicolon or tab).  A header row is optional.

    Without a header, columns are: name, phone, e-mail, first language, previous occupation,
    education.
    """
    result = CsvResult()
    text = text.lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        result.errors.append(RowError(line=0, field="file", code="empty"))
        return result
    delimiter = max((";", "\t", ","), key=lambda d: lines[0].count(d))
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = list(reader)
    header = [re.sub(r"[\s_-]", "", cell.strip().lower()) for cell in rows[0]]
    mapped = [HEADER_ALIASES.get(cell) for cell in header]
    start = 0
    columns: list[str | None] = list(FIELDS)
    if any(mapped):
        columns, start = mapped, 1
    if len(rows) - start > MAX_CSV_ROWS:
        result.errors.append(
            RowError(line=0, field="file", code="too_many_rows", value=str(MAX_CSV_ROWS))
        )
        return result
    for number, row in enumerate(rows[start:], start=start + 1):
        while len(row) > len(columns) and not row[-1].strip():
            row = row[:-1]  # trailing empty cells (";;" at the end of a line) are harmless
        if len(row) > len(columns):
            result.errors.append(RowError(line=number, field="row", code="too_many_columns"))
            continue
        values = {col: cell for col, cell in zip(columns, row, strict=False) if col}
        data, problems = validate_fields(values)
        for fld, code in problems:
            result.errors.append(
                RowError(line=number, field=fld, code=code, value=values.get(fld) or "")
            )
        if data is not None:
            result.rows.append(data)
    if not result.rows and not result.errors:
        result.errors.append(RowError(line=0, field="file", code="empty"))
    return result


def create_participant(
    session: Session, organisation: Organisation, data: ParticipantData
) -> Participant:
    """Create a participant and their (not yet opened) account."""
    user = create_user(
        session,
        organisation=organisation,
        role=Role.PARTICIPANT,
        display_name=data.full_name,
        email=data.email,
    )
    participant = Participant(
        organisation_id=organisation.id,
        user_id=user.id,
        full_name=data.full_name,
        phone=data.phone,
        email=data.email,
        first_language=data.first_language,
        previous_occupation=data.previous_occupation,
        education=data.education,
    )
    session.add(participant)
    session.flush()
    return participant


def import_participants(
    session: Session,
    organisation: Organisation,
    rows: list[ParticipantData],
    *,
    school_class: SchoolClass | None,
    joined_on: dt.date,
) -> list[Participant]:
    """Create every row (and enrol them in ``school_class`` from ``joined_on``)."""
    created = []
    for data in rows:
        participant = create_participant(session, organisation, data)
        if school_class is not None:
            enrol(session, school_class, participant, joined_on=joined_on)
        created.append(participant)
    return created


def list_participants(session: Session, organisation_id: int) -> list[Participant]:
    """All participants of the organisation by name."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.organisation_id == organisation_id)
            .order_by(Participant.full_name)
        )
    )


def get_participant(session: Session, organisation_id: int, participant_id: int) -> Participant:
    """The participant, if in the organisation."""
    participant: Participant | None = session.scalar(
        select(Participant).where(
            Participant.id == participant_id, Participant.organisation_id == organisation_id
        )
    )
    if participant is None:
        raise NotFound("participant")
    return participant


def participant_for_user(session: Session, user_id: int) -> Participant | None:
    """The participant row of a participant account."""
    return session.scalar(select(Participant).where(Participant.user_id == user_id))


def enrolments_of(session: Session, participant: Participant) -> list[Enrolment]:
    """The participant's enrolments, newest first."""
    return list(
        session.scalars(
            select(Enrolment)
            .where(Enrolment.participant_id == participant.id)
            .order_by(Enrolment.joined_on.desc())
        )
    )


def placements_of(session: Session, participant: Participant) -> list[Placement]:
    """The participant's placements, newest first."""
    return list(
        session.scalars(
            select(Placement)
            .where(Placement.participant_id == participant.id)
            .order_by(Placement.id.desc())
        )
    )
