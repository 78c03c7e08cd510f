"""Registry of personal-data handlers: export everything about a participant, or erase it.

Every feature that stores data about a participant registers one handler::

    from webapp.services.personal_data import register_personal_data

    def _export(session, participant): return [...]   # JSON-serialisable
    def _erase(session, participant): ...             # delete rows, or anonymise for statistics

    register_personal_data("answers", export=_export, erase=_erase, order=50)

``erase_participant`` runs handlers in descending ``order`` (features first, core last) so
child rows go before the rows they point to.  Import the module that registers in
``webapp/services/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from webapp.models import Enrolment, Invite, LoginThrottle, Participant, Placement, User

ExportFn = Callable[[Session, Participant], Any]
EraseFn = Callable[[Session, Participant], None]


class DuplicateHandler(ValueError):
    """A handler with this name is already registered."""


@dataclass(frozen=True)
class PersonalDataHandler:
    """How one kind of stored data is exported and erased."""

    name: str
    export: ExportFn
    erase: EraseFn
    order: int


_HANDLERS: dict[str, PersonalDataHandler] = {}


def register_personal_data(
    name: str, *, export: ExportFn, erase: EraseFn, order: int = 100
) -> None:
    """Register a handler.  Lower ``order`` = exported earlier, erased later (core uses 0–9)."""
    if name in _HANDLERS and _HANDLERS[name].export is not export:
        raise DuplicateHandler(name)
    _HANDLERS[name] = PersonalDataHandler(name=name, export=export, erase=erase, order=order)


def handlers() -> list[PersonalDataHandler]:
    """Registered handlers in export order."""
    return sorted(_HANDLERS.values(), key=lambda h: (h.order, h.name))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def export_participant(
    session: Session, participant: Participant, *, now: dt.datetime
) -> dict[str, Any]:
    """Everything stored about the participant, as a JSON-serialisable dict."""
    data: dict[str, Any] = {"exported_at": now.isoformat(), "format": "hurtigspor-personal-data/1"}
    for handler in handlers():
        data[handler.name] = handler.export(session, participant)
    return data


def erase_participant(session: Session, participant: Participant) -> None:
    """Delete every personal row of the participant (anonymise rows kept for statistics)."""
    for handler in reversed(handlers()):
        handler.erase(session, participant)
    session.flush()


# --- core handlers -------------------------------------------------------------------------


def _export_profile(session: Session, participant: Participant) -> dict[str, Any]:
    user = participant.user
    return {
        "full_name": participant.full_name,
        "phone": participant.phone,
        "email": participant.email,
        "first_language": participant.first_language,
        "previous_occupation": participant.previous_occupation,
        "education": participant.education,
        "created_at": _jsonable(participant.created_at),
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "uses_pin": user.uses_pin,
            "has_password": user.password_hash is not None,
            "created_at": _jsonable(user.created_at),
            "last_login_at": _jsonable(user.last_login_at),
        },
    }


def _erase_profile(session: Session, participant: Participant) -> None:
    user = session.get(User, participant.user_id)
    session.execute(delete(Invite).where(Invite.user_id == participant.user_id))
    if user is not None:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key == f"user:{user.username}"))
    session.delete(participant)
    session.flush()
    if user is not None:
        session.delete(user)


def _export_enrolments(session: Session, participant: Participant) -> list[dict[str, Any]]:
    rows = session.scalars(select(Enrolment).where(Enrolment.participant_id == participant.id))
    return [
        {
            "class": e.school_class.name,
            "joined_on": _jsonable(e.joined_on),
            "left_on": _jsonable(e.left_on),
        }
        for e in rows
    ]


def _erase_enrolments(session: Session, participant: Participant) -> None:
    session.execute(delete(Enrolment).where(Enrolment.participant_id == participant.id))


def _export_placements(session: Session, participant: Participant) -> list[dict[str, Any]]:
    rows = session.scalars(select(Placement).where(Placement.participant_id == participant.id))
    return [
        {
            "employer": p.employer.name,
            "workplace": p.workplace.name if p.workplace else None,
            "mentor": p.mentor.user.display_name if p.mentor else None,
            "phase": p.phase,
            "status": p.status,
            "planned_start": _jsonable(p.planned_start),
            "planned_end": _jsonable(p.planned_end),
        }
        for p in rows
    ]


def _anonymise_placements(session: Session, participant: Participant) -> None:
    # Placements stay (without the person) for outcome statistics per employer and phase.
    for placement in session.scalars(
        select(Placement).where(Placement.participant_id == participant.id)
    ):
        placement.participant_id = None


register_personal_data("participant", export=_export_profile, erase=_erase_profile, order=0)
register_personal_data("enrolments", export=_export_enrolments, erase=_erase_enrolments, order=1)
register_personal_data(
    "placements", export=_export_placements, erase=_anonymise_placements, order=2
)
