"""Employers, workplaces, mentors and placements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Employer, Mentor, Organisation, Participant, Placement, Role, Workplace
from webapp.models.employer import PHASES, PLACEMENT_STATUSES
from webapp.services.accounts import create_user
from webapp.services.errors import NotFound, ServiceError


class InvalidPlacement(ServiceError):
    """Placement values are inconsistent (wrong employer, dates, phase or status)."""


def create_employer(
    session: Session,
    *,
    organisation_id: int,
    name: str,
    sector: str | None = None,
    address: str | None = None,
) -> Employer:
    """Register an employer."""
    employer = Employer(
        organisation_id=organisation_id,
        name=name.strip(),
        sector=sector or None,
        address=address or None,
    )
    session.add(employer)
    session.flush()
    return employer


def list_employers(session: Session, organisation_id: int) -> list[Employer]:
    """Employers of the organisation by name."""
    return list(
        session.scalars(
            select(Employer)
            .where(Employer.organisation_id == organisation_id)
            .order_by(Employer.name)
        )
    )


def get_employer(session: Session, organisation_id: int, employer_id: int) -> Employer:
    """The employer, if in the organisation."""
    employer: Employer | None = session.scalar(
        select(Employer).where(
            Employer.id == employer_id, Employer.organisation_id == organisation_id
        )
    )
    if employer is None:
        raise NotFound("employer")
    return employer


def add_workplace(
    session: Session, employer: Employer, *, name: str, address: str | None = None
) -> Workplace:
    """Add a department or site."""
    workplace = Workplace(employer_id=employer.id, name=name.strip(), address=address or None)
    session.add(workplace)
    session.flush()
    return workplace


def workplaces_of(session: Session, employer: Employer) -> list[Workplace]:
    """Departments/sites of the employer."""
    return list(
        session.scalars(
            select(Workplace).where(Workplace.employer_id == employer.id).order_by(Workplace.name)
        )
    )


def add_mentor(
    session: Session,
    organisation: Organisation,
    employer: Employer,
    *,
    display_name: str,
    email: str | None = None,
    phone: str | None = None,
    workplace_id: int | None = None,
) -> Mentor:
    """Create a mentor account at the employer (opened by invite)."""
    if workplace_id is not None and session.get(Workplace, workplace_id) not in workplaces_of(
        session, employer
    ):
        raise NotFound("workplace")
    user = create_user(
        session, organisation=organisation, role=Role.MENTOR, display_name=display_name, email=email
    )
    mentor = Mentor(
        user_id=user.id, employer_id=employer.id, workplace_id=workplace_id, phone=phone or None
    )
    session.add(mentor)
    session.flush()
    return mentor


def mentors_of(session: Session, employer: Employer) -> list[Mentor]:
    """Mentors at the employer."""
    return list(
        session.scalars(select(Mentor).where(Mentor.employer_id == employer.id).order_by(Mentor.id))
    )


def mentors_in_org(session: Session, organisation_id: int) -> list[Mentor]:
    """Every mentor at any employer of the organisation."""
    return list(
        session.scalars(
            select(Mentor)
            .join(Employer)
            .where(Employer.organisation_id == organisation_id)
            .order_by(Mentor.id)
        )
    )


def get_mentor(session: Session, organisation_id: int, mentor_id: int) -> Mentor:
    """The mentor, if at an employer of the organisation."""
    mentor: Mentor | None = session.scalar(
        select(Mentor)
        .join(Employer)
        .where(Mentor.id == mentor_id, Employer.organisation_id == organisation_id)
    )
    if mentor is None:
        raise NotFound("mentor")
    return mentor


def mentor_for_user(session: Session, user_id: int) -> Mentor | None:
    """The mentor row of a mentor account."""
    return session.scalar(select(Mentor).where(Mentor.user_id == user_id))


def placements_of_employer(session: Session, employer: Employer) -> list[Placement]:
    """Placements at the employer (including anonymised ones)."""
    return list(
        session.scalars(
            select(Placement).where(Placement.employer_id == employer.id).order_by(Placement.id)
        )
    )


def placements_for_mentor(session: Session, mentor: Mentor) -> list[Placement]:
    """The mentor's placements that still have a participant."""
    return list(
        session.scalars(
            select(Placement)
            .where(Placement.mentor_id == mentor.id, Placement.participant_id.is_not(None))
            .order_by(Placement.planned_start)
        )
    )


def save_placement(
    session: Session,
    *,
    organisation_id: int,
    participant: Participant,
    employer: Employer,
    workplace_id: int | None,
    mentor_id: int | None,
    phase: str,
    status: str,
    planned_start: dt.date | None,
    planned_end: dt.date | None,
    placement: Placement | None = None,
) -> Placement:
    """Create or update a placement after checking it is consistent and within the organisation."""
    if (
        participant.organisation_id != organisation_id
        or employer.organisation_id != organisation_id
    ):
        raise NotFound("participant or employer")
    if phase not in PHASES or status not in PLACEMENT_STATUSES:
        raise InvalidPlacement("phase_or_status")
    if workplace_id is not None:
        workplace = session.get(Workplace, workplace_id)
        if workplace is None or workplace.employer_id != employer.id:
            raise InvalidPlacement("workplace_not_at_employer")
    if mentor_id is not None:
        mentor = session.get(Mentor, mentor_id)
        if mentor is None or mentor.employer_id != employer.id:
            raise InvalidPlacement("mentor_not_at_employer")
    if planned_start and planned_end and planned_end < planned_start:
        raise InvalidPlacement("end_before_start")
    if placement is None:
        placement = Placement(organisation_id=organisation_id)
        session.add(placement)
    placement.participant_id = participant.id
    placement.employer_id = employer.id
    placement.workplace_id = workplace_id
    placement.mentor_id = mentor_id
    placement.phase = phase
    placement.status = status
    placement.planned_start = planned_start
    placement.planned_end = planned_end
    session.flush()
    return placement


def get_placement(session: Session, organisation_id: int, placement_id: int) -> Placement:
    """The placement, if in the organisation."""
    placement: Placement | None = session.scalar(
        select(Placement).where(
            Placement.id == placement_id, Placement.organisation_id == organisation_id
        )
    )
    if placement is None:
        raise NotFound("placement")
    return placement
