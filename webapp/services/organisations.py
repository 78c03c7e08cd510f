"""Organisations and their staff."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Organisation, Role, User
from webapp.services.accounts import create_user


def create_organisation(
    session: Session, *, name: str, kind: str = "school", allow_pin: bool = False
) -> Organisation:
    """Create an organisation (school or NAV office)."""
    org = Organisation(name=name.strip(), kind=kind, allow_pin=allow_pin)
    session.add(org)
    session.flush()
    return org


def get_or_create_organisation(session: Session, *, name: str) -> Organisation:
    """Return the organisation with this name, creating it if needed."""
    org = session.scalar(select(Organisation).where(Organisation.name == name.strip()))
    return org or create_organisation(session, name=name)


def update_organisation(session: Session, org: Organisation, *, name: str, allow_pin: bool) -> None:
    """Change an organisation's name and PIN policy."""
    org.name = name.strip()
    org.allow_pin = allow_pin
    session.flush()


def list_staff(session: Session, org: Organisation) -> list[User]:
    """Teachers and admins of the organisation, by name."""
    return list(
        session.scalars(
            select(User)
            .where(
                User.organisation_id == org.id,
                User.role.in_([Role.TEACHER.value, Role.ADMIN.value]),
            )
            .order_by(User.display_name)
        )
    )


def add_teacher(
    session: Session, org: Organisation, *, display_name: str, email: str | None = None
) -> User:
    """Create a teacher account; it is opened with an invite."""
    return create_user(
        session, organisation=org, role=Role.TEACHER, display_name=display_name, email=email
    )


def user_in_org(session: Session, org_id: int, user_id: int) -> User | None:
    """The user if it belongs to the organisation."""
    return session.scalar(select(User).where(User.id == user_id, User.organisation_id == org_id))
