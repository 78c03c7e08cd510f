"""Read side of language profiles: which published profile a participant or mentor practises with.

Participants and mentors only ever see *published* versions, and only the terms and phrases
the teacher accepted.  Every feature that needs "the participant's workplace words" (practice,
interviews, progress, the mentor's workspace) goes through here, so that rule lives in one place.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from language_profiles.profile import Phrase, Profile, ProfileVersions, Term
from webapp.models import (
    Employer,
    LanguageProfile,
    Participant,
    Placement,
    ProfilePhrase,
    ProfileTerm,
    ProfileVersion,
)

#: Placement statuses that tie a participant to an employer's words.
CURRENT_PLACEMENT_STATUSES: tuple[str, ...] = ("planned", "active")
#: Versions that can no longer change (edits after publishing make a new draft).
FROZEN_STATUSES: frozenset[str] = frozenset({"published", "archived"})

# A frozen version's terms and phrases are loaded from the database once per process: a class
# dashboard or an answer otherwise rebuilt the same ~1,000 terms for every participant.  The key
# holds the database, the version and its publishing time, so a rebuilt database never hits.
_CACHE_SIZE = 32
_cache: OrderedDict[tuple[str, int, str, bool], Profile] = OrderedDict()
_cache_lock = threading.Lock()


def clear_published_cache() -> None:
    """Forget the frozen versions loaded so far (tests that rebuild the database)."""
    with _cache_lock:
        _cache.clear()


@dataclass(frozen=True)
class PublishedProfile:
    """A published version of a profile, as plain domain data plus its identifiers."""

    profile_id: int
    version_id: int
    version_number: int
    employer_id: int | None
    employer_name: str | None
    sector: str | None
    profile: Profile


def latest_published_version(session: Session, profile_id: int) -> ProfileVersion | None:
    """The newest published version of a profile, or ``None``."""
    return session.scalar(
        select(ProfileVersion)
        .where(ProfileVersion.profile_id == profile_id, ProfileVersion.status == "published")
        .order_by(ProfileVersion.number.desc())
        .limit(1)
    )


def term_to_domain(row: ProfileTerm) -> Term:
    """Map a stored term to the domain value type."""
    return Term(
        lemma=row.lemma,
        pos=row.pos,
        articles=tuple(row.articles or ()),
        forms={k: tuple(v) for k, v in (row.forms or {}).items()},
        compound_parts=tuple(row.compound_parts or ()),
        definition=row.definition,
        count=row.count,
        documents=row.documents,
        keyness=row.keyness,
        level=row.level,
        examples=tuple(row.examples or ()),
        score=row.score,
        is_multiword=row.is_multiword,
        safety=row.safety,
        theme=row.theme,
        gloss=dict(row.gloss or {}),
        definition_by_teacher=bool(row.definition_by_teacher),
    )


def phrase_to_domain(row: ProfilePhrase) -> Phrase:
    """Map a stored phrase to the domain value type."""
    return Phrase(
        text=row.text,
        count=row.count,
        documents=row.documents,
        examples=tuple(row.examples or ()),
        score=row.score,
        safety=row.safety,
        theme=row.theme,
        situation=row.situation,
    )


def version_to_domain(
    session: Session, version: ProfileVersion, *, only_accepted: bool = True
) -> Profile:
    """Load a version's terms and phrases (in rank order) as a domain ``Profile``.

    Frozen (published or archived) versions come from a small per-process cache after the
    first load; the profile's name and sector, which a teacher may change, are always read.
    """
    profile = session.get(LanguageProfile, version.profile_id)
    name = profile.name if profile else ""
    sector = profile.sector if profile else None
    key = None
    if version.status in FROZEN_STATUSES and version.published_at is not None:
        engine = session.get_bind().engine
        key = (
            f"{id(engine)}:{engine.url}",
            version.id,
            version.published_at.isoformat(),
            only_accepted,
        )
        with _cache_lock:
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
        if hit is not None:
            return (
                hit
                if (hit.name, hit.sector) == (name, sector)
                else replace(hit, name=name, sector=sector)
            )
    term_query = select(ProfileTerm).where(ProfileTerm.version_id == version.id)
    phrase_query = select(ProfilePhrase).where(ProfilePhrase.version_id == version.id)
    if only_accepted:
        term_query = term_query.where(ProfileTerm.status == "accepted")
        phrase_query = phrase_query.where(ProfilePhrase.status == "accepted")
    terms = session.scalars(term_query.order_by(ProfileTerm.rank, ProfileTerm.id)).all()
    phrases = session.scalars(phrase_query.order_by(ProfilePhrase.rank, ProfilePhrase.id)).all()
    known = set(ProfileVersions.__dataclass_fields__)
    versions = {k: v for k, v in (version.nlp_versions or {}).items() if k in known}
    result = Profile(
        name=name,
        sector=sector,
        terms=tuple(term_to_domain(t) for t in terms),
        phrases=tuple(phrase_to_domain(p) for p in phrases),
        stats=dict(version.stats or {}),
        versions=ProfileVersions(**versions),
        warnings=tuple(version.warnings or ()),
    )
    if key is not None:
        with _cache_lock:
            _cache[key] = result
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return result


def published_for_employer(session: Session, employer_id: int) -> list[PublishedProfile]:
    """Every profile of an employer that has a published version (newest version each)."""
    employer = session.get(Employer, employer_id)
    profiles = session.scalars(
        select(LanguageProfile)
        .where(LanguageProfile.employer_id == employer_id)
        .order_by(LanguageProfile.id)
    ).all()
    result: list[PublishedProfile] = []
    for profile in profiles:
        version = latest_published_version(session, profile.id)
        if version is None:
            continue
        result.append(
            PublishedProfile(
                profile_id=profile.id,
                version_id=version.id,
                version_number=version.number,
                employer_id=employer_id,
                employer_name=employer.name if employer else None,
                sector=profile.sector,
                profile=version_to_domain(session, version),
            )
        )
    return result


def current_placement(
    session: Session, participant_id: int, *, today: dt.date | None = None
) -> Placement | None:
    """The participant's current placement: active first, then the next planned one."""
    return current_placements(session, [participant_id])[participant_id]


def current_placements(
    session: Session, participant_ids: Iterable[int]
) -> dict[int, Placement | None]:
    """:func:`current_placement` for many participants, in one query."""
    found: dict[int, list[Placement]] = {pid: [] for pid in participant_ids}
    if not found:
        return {}
    for row in session.scalars(
        select(Placement)
        .where(
            Placement.participant_id.in_(sorted(found)),
            Placement.status.in_(CURRENT_PLACEMENT_STATUSES),
        )
        .order_by(Placement.id)
    ):
        if row.participant_id is not None:
            found[row.participant_id].append(row)
    result: dict[int, Placement | None] = {}
    for pid, placements in found.items():
        active = [p for p in placements if p.status == "active"]
        result[pid] = active[-1] if active else (placements[0] if placements else None)
    return result


def published_for_participant(session: Session, participant_id: int) -> PublishedProfile | None:
    """The published profile the participant practises with (their placement's employer)."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        return None
    return published_for_placement(session, current_placement(session, participant_id))


def published_for_placement(
    session: Session, placement: Placement | None
) -> PublishedProfile | None:
    """The published profile of a placement's employer (the first, if it has several)."""
    if placement is None:
        return None
    profiles = published_for_employer(session, placement.employer_id)
    return profiles[0] if profiles else None
