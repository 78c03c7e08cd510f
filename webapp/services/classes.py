"""Classes (kull) and rolling intake."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from webapp.models import Enrolment, Participant, SchoolClass
from webapp.services.errors import NotFound


def create_class(
    session: Session, *, organisation_id: int, name: str, start_date: dt.date
) -> SchoolClass:
    """Create a class in the organisation."""
    school_class = SchoolClass(
        organisation_id=organisation_id, name=name.strip(), start_date=start_date
    )
    session.add(school_class)
    session.flush()
    return school_class


def list_classes(
    session: Session, organisation_id: int, *, today: dt.date
) -> list[tuple[SchoolClass, int]]:
    """Classes of the organisation with the number of participants active ``today``."""
    active = (
        select(func.count(Enrolment.id))
        .where(
            Enrolment.class_id == SchoolClass.id,
            Enrolment.joined_on <= today,
            or_(Enrolment.left_on.is_(None), Enrolment.left_on > today),
        )
        .correlate(SchoolClass)
        .scalar_subquery()
    )
    rows = session.execute(
        select(SchoolClass, active)
        .where(SchoolClass.organisation_id == organisation_id)
        .order_by(SchoolClass.start_date.desc(), SchoolClass.name)
    )
    return [(c, n) for c, n in rows]


def get_class(session: Session, organisation_id: int, class_id: int) -> SchoolClass:
    """The class, if it belongs to the organisation."""
    school_class: SchoolClass | None = session.scalar(
        select(SchoolClass).where(
            SchoolClass.id == class_id, SchoolClass.organisation_id == organisation_id
        )
    )
    if school_class is None:
        raise NotFound("class")
    return school_class


def enrolments(session: Session, school_class: SchoolClass) -> list[Enrolment]:
    """All enrolments of a class, newest first."""
    return list(
        session.scalars(
            select(Enrolment)
            .join(Participant)
            .where(Enrolment.class_id == school_class.id)
            .order_by(Participant.full_name, Enrolment.joined_on.desc())
        )
    )


def enrol(
    session: Session, school_class: SchoolClass, participant: Participant, *, joined_on: dt.date
) -> Enrolment:
    """Add a participant to a class from ``joined_on`` (rolling intake)."""
    if participant.organisation_id != school_class.organisation_id:
        raise NotFound("participant")
    existing: Enrolment | None = session.scalar(
        select(Enrolment).where(
            Enrolment.class_id == school_class.id,
            Enrolment.participant_id == participant.id,
            Enrolment.left_on.is_(None),
        )
    )
    if existing is not None:
        return existing
    enrolment = Enrolment(
        class_id=school_class.id, participant_id=participant.id, joined_on=joined_on
    )
    session.add(enrolment)
    session.flush()
    return enrolment


def leave(
    session: Session, school_class: SchoolClass, participant_id: int, *, left_on: dt.date
) -> None:
    """End the participant's open enrolment in the class on ``left_on``."""
    enrolment = session.scalar(
        select(Enrolment).where(
            Enrolment.class_id == school_class.id,
            Enrolment.participant_id == participant_id,
            Enrolment.left_on.is_(None),
        )
    )
    if enrolment is None:
        raise NotFound("enrolment")
    enrolment.left_on = max(left_on, enrolment.joined_on)
    session.flush()
