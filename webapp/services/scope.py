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


def profile_in_org(session: Session, user: User, profile_id: int) -> bool:
    """The language profile belongs to the user's organisation (curation: staff only)."""
    from webapp.models import LanguageProfile

    profile = session.get(LanguageProfile, profile_id)
    return profile is not None and profile.organisation_id == user.organisation_id


def profile_published_visible(session: Session, user: User, profile_id: int) -> bool:
    """Staff of the organisation; a mentor or participant of the profile's employer, once published.

    Mentors see the published profiles of the employer they work at; participants those of the
    employer of their current placement.  Nobody but staff sees a profile without a published
    version.
    """
    from webapp.models import LanguageProfile, ProfileVersion

    profile = session.get(LanguageProfile, profile_id)
    if profile is None or profile.organisation_id != user.organisation_id:
        return False
    if user.role in STAFF:
        return True
    if profile.employer_id is None:
        return False
    published = session.scalar(
        select(ProfileVersion.id)
        .where(ProfileVersion.profile_id == profile_id, ProfileVersion.status == "published")
        .limit(1)
    )
    if published is None:
        return False
    if user.role == Role.MENTOR.value:
        employer_id = session.scalar(select(Mentor.employer_id).where(Mentor.user_id == user.id))
        return employer_id == profile.employer_id
    if user.role == Role.PARTICIPANT.value:
        from webapp.services.published import current_placement

        participant_id = session.scalar(
            select(Participant.id).where(Participant.user_id == user.id)
        )
        if participant_id is None:
            return False
        placement = current_placement(session, participant_id)
        return placement is not None and placement.employer_id == profile.employer_id
    return False


def profile_term_in_org(session: Session, user: User, term_id: int) -> bool:
    """The term's profile belongs to the user's organisation."""
    from webapp.models import LanguageProfile, ProfileTerm, ProfileVersion

    org = session.scalar(
        select(LanguageProfile.organisation_id)
        .join(ProfileVersion, ProfileVersion.profile_id == LanguageProfile.id)
        .join(ProfileTerm, ProfileTerm.version_id == ProfileVersion.id)
        .where(ProfileTerm.id == term_id)
    )
    return org is not None and org == user.organisation_id


def profile_phrase_in_org(session: Session, user: User, phrase_id: int) -> bool:
    """The phrase's profile belongs to the user's organisation."""
    from webapp.models import LanguageProfile, ProfilePhrase, ProfileVersion

    org = session.scalar(
        select(LanguageProfile.organisation_id)
        .join(ProfileVersion, ProfileVersion.profile_id == LanguageProfile.id)
        .join(ProfilePhrase, ProfilePhrase.version_id == ProfileVersion.id)
        .where(ProfilePhrase.id == phrase_id)
    )
    return org is not None and org == user.organisation_id
