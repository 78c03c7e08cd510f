"""Row-level visibility: may this account see this row?  Used by ``webapp.access`` rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Employer, Mentor, Participant, Placement, Role, SchoolClass, User
from webapp.models.employer import Workplace

STAFF: frozenset[str] = frozenset({Role.TEACHER.value, Role.ADMIN.value})


def participant_visible(session: Session, user: User, participant_id: int) -> bool:
    """Own data for participants, own organisation for staff, own placements for mentors."""
    participant = session.get(Participant, participant_id)
    if participant is None or participant.organisation_id != user.organisation_id:
        return False
    if user.role in STAFF:
        return True
    if user.role == Role.PARTICIPANT.value:
        return participant.user_id == user.id
    if user.role == Role.MENTOR.value:
        return (
            session.scalar(
                select(Placement.id)
                .join(Mentor, Placement.mentor_id == Mentor.id)
                .where(Placement.participant_id == participant_id, Mentor.user_id == user.id)
                .limit(1)
            )
            is not None
        )
    return False


def placement_visible(session: Session, user: User, placement_id: int) -> bool:
    """Staff of the organisation, the placement's participant or its mentor."""
    placement = session.get(Placement, placement_id)
    if placement is None or placement.organisation_id != user.organisation_id:
        return False
    if user.role in STAFF:
        return True
    if user.role == Role.MENTOR.value:
        return placement.mentor is not None and placement.mentor.user_id == user.id
    if user.role == Role.PARTICIPANT.value:
        return placement.participant is not None and placement.participant.user_id == user.id
    return False


def class_in_org(session: Session, user: User, class_id: int) -> bool:
    """The class belongs to the user's organisation."""
    school_class = session.get(SchoolClass, class_id)
    return school_class is not None and school_class.organisation_id == user.organisation_id


def employer_in_org(session: Session, user: User, employer_id: int) -> bool:
    """The employer belongs to the user's organisation."""
    employer = session.get(Employer, employer_id)
    return employer is not None and employer.organisation_id == user.organisation_id


def workplace_in_org(session: Session, user: User, workplace_id: int) -> bool:
    """The workplace's employer belongs to the user's organisation."""
    workplace = session.get(Workplace, workplace_id)
    return workplace is not None and workplace.employer.organisation_id == user.organisation_id


def mentor_in_org(session: Session, user: User, mentor_id: int) -> bool:
    """The mentor works at an employer of the user's organisation."""
    mentor = session.get(Mentor, mentor_id)
    return mentor is not None and mentor.employer.organisation_id == user.organisation_id


def user_in_org(session: Session, user: User, user_id: int) -> bool:
    """The account belongs to the user's organisation."""
    other = session.get(User, user_id)
    return other is not None and other.organisation_id == user.organisation_id
