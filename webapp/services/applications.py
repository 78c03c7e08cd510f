"""Job applications: drafts for an ad, saved versions with feedback, and teachers' comments.

The ad is the participant's placement employer (its published profile gives the words to use)
or a real ad pasted in.  Every save makes a new version scored by
``interviews.application.check_application``; a teacher comments on a version and the
participant sees the comments next to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from interviews.application import PART_LABELS, PART_PHRASES, PARTS, check_application
from interviews.nlp import AnalyzerLike, LexiconLike
from webapp.models import (
    ApplicationComment,
    ApplicationDraft,
    ApplicationVersion,
    Participant,
    Role,
)
from webapp.services.errors import NotFound, ServiceError
from webapp.services.interviews import nlp_tools, participant_row_visible
from webapp.services.personal_data import register_personal_data
from webapp.services.published import published_for_participant

__all__ = [
    "AD_TERMS",
    "MAX_TEXT_CHARS",
    "ApplicationError",
    "StructurePart",
    "add_comment",
    "comments_for",
    "create_draft",
    "draft_visible",
    "drafts_of",
    "latest_version",
    "profile_ad",
    "save_version",
    "structure",
    "version_visible",
    "versions_of",
]

#: How many of the employer's top profile words the application should try to use.
AD_TERMS = 10
#: Longest letter or pasted ad stored (characters).
MAX_TEXT_CHARS = 8000


class ApplicationError(ServiceError):
    """The draft, version or comment cannot be saved."""


@dataclass(frozen=True)
class StructurePart:
    """One part of an application with phrases that help write it."""

    key: str
    label: str
    phrases: tuple[str, ...]


def structure() -> list[StructurePart]:
    """Opening, why this job, experience, skills, closing — with phrase suggestions."""
    return [StructurePart(key=p, label=PART_LABELS[p], phrases=PART_PHRASES[p]) for p in PARTS]


@dataclass(frozen=True)
class ProfileAd:
    """The placement employer as an "ad": its name and its most important words."""

    employer_name: str
    terms: tuple[str, ...]


def profile_ad(session: Session, participant_id: int) -> ProfileAd | None:
    """The participant's placement employer and the top words of its published profile."""
    published = published_for_participant(session, participant_id)
    if published is None:
        return None
    ranked = sorted(published.profile.terms, key=lambda t: (-t.score, t.lemma))
    single = [t.lemma for t in ranked if not t.is_multiword]
    return ProfileAd(
        employer_name=published.employer_name or published.profile.name,
        terms=tuple(dict.fromkeys(single))[:AD_TERMS],
    )


def draft_visible(session: Session, user: Any, draft_id: int) -> bool:
    """Row check: the participant's own drafts; staff of the organisation; never mentors."""
    row = session.get(ApplicationDraft, draft_id)
    return row is not None and participant_row_visible(session, user, row.participant_id)


def version_visible(session: Session, user: Any, version_id: int) -> bool:
    """Row check for one version (same rule as its draft)."""
    row = session.get(ApplicationVersion, version_id)
    if row is None:
        return False
    draft = session.get(ApplicationDraft, row.draft_id)
    return draft is not None and participant_row_visible(session, user, draft.participant_id)


def create_draft(
    session: Session,
    participant_id: int,
    *,
    source: str,
    ad_text: str = "",
    title: str = "",
    now: dt.datetime,
) -> ApplicationDraft:
    """Start an application for the placement employer (``profile``) or a pasted ad."""
    if session.get(Participant, participant_id) is None:
        raise NotFound("participant")
    if source == "profile":
        ad = profile_ad(session, participant_id)
        if ad is None:
            raise ApplicationError(
                "Arbeidsplassen din har ingen språkprofil ennå. Lim inn en annonse."
            )
        row = ApplicationDraft(
            participant_id=participant_id,
            title=(title.strip() or f"Søknad til {ad.employer_name}")[:200],
            ad_source="profile",
            ad_text="",
            ad_terms=list(ad.terms),
            employer_name=ad.employer_name[:200],
            created_at=now,
            updated_at=now,
        )
    elif source == "pasted":
        text = ad_text.strip()
        if len(text.split()) < 5:
            raise ApplicationError("Lim inn hele annonsen (minst noen setninger).")
        if len(text) > MAX_TEXT_CHARS:
            raise ApplicationError(f"Annonsen er for lang (mer enn {MAX_TEXT_CHARS} tegn).")
        row = ApplicationDraft(
            participant_id=participant_id,
            title=(title.strip() or "Søknad")[:200],
            ad_source="pasted",
            ad_text=text,
            ad_terms=[],
            employer_name=None,
            created_at=now,
            updated_at=now,
        )
    else:
        raise ApplicationError(f"unknown ad source {source!r}")
    session.add(row)
    session.flush()
    return row


def drafts_of(session: Session, participant_id: int) -> list[ApplicationDraft]:
    """The participant's drafts, most recently changed first."""
    return list(
        session.scalars(
            select(ApplicationDraft)
            .where(ApplicationDraft.participant_id == participant_id)
            .order_by(ApplicationDraft.updated_at.desc(), ApplicationDraft.id.desc())
        )
    )


def versions_of(session: Session, draft: ApplicationDraft) -> list[ApplicationVersion]:
    """Every version of a draft, newest first."""
    return list(
        session.scalars(
            select(ApplicationVersion)
            .where(ApplicationVersion.draft_id == draft.id)
            .order_by(ApplicationVersion.number.desc())
        )
    )


def latest_version(session: Session, draft: ApplicationDraft) -> ApplicationVersion | None:
    """The newest version, or ``None`` before the first save."""
    return session.scalar(
        select(ApplicationVersion)
        .where(ApplicationVersion.draft_id == draft.id)
        .order_by(ApplicationVersion.number.desc())
        .limit(1)
    )


def save_version(
    session: Session,
    draft: ApplicationDraft,
    text: str,
    *,
    now: dt.datetime,
    analyzer: AnalyzerLike | None = None,
    lexicon: LexiconLike | None = None,
) -> ApplicationVersion:
    """Check the letter and store it as a new version (unchanged text: the latest version)."""
    letter = text.replace("\r\n", "\n").strip()
    if not letter:
        raise ApplicationError("Skriv søknaden først.")
    if len(letter) > MAX_TEXT_CHARS:
        raise ApplicationError(f"Søknaden er for lang (mer enn {MAX_TEXT_CHARS} tegn).")
    latest = latest_version(session, draft)
    if latest is not None and latest.text == letter:
        return latest
    use_analyzer, use_lexicon = nlp_tools(analyzer, lexicon)
    feedback = check_application(
        letter,
        analyzer=use_analyzer,
        lexicon=use_lexicon,
        ad_text=draft.ad_text or None,
        ad_terms=tuple(draft.ad_terms or ()),
    )
    number = (
        session.scalar(
            select(func.max(ApplicationVersion.number)).where(
                ApplicationVersion.draft_id == draft.id
            )
        )
        or 0
    ) + 1
    row = ApplicationVersion(
        draft_id=draft.id,
        number=number,
        text=letter,
        feedback=feedback.to_dict(),
        created_at=now,
    )
    session.add(row)
    draft.updated_at = now
    session.flush()
    return row


def add_comment(
    session: Session,
    version: ApplicationVersion,
    *,
    author: Any,
    text: str,
    now: dt.datetime,
) -> ApplicationComment:
    """A teacher's comment on a version."""
    if author.role not in (Role.TEACHER.value, Role.ADMIN.value):
        raise ApplicationError("Bare lærere kan kommentere.")
    body = text.strip()
    if not body:
        raise ApplicationError("Skriv en kommentar.")
    row = ApplicationComment(
        version_id=version.id,
        author_id=author.id,
        author_name=str(author.display_name)[:200],
        text=body[:4000],
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def comments_for(
    session: Session, versions: list[ApplicationVersion]
) -> dict[int, list[ApplicationComment]]:
    """Comments per version id, oldest first."""
    ids = [v.id for v in versions]
    result: dict[int, list[ApplicationComment]] = {i: [] for i in ids}
    if not ids:
        return result
    for row in session.scalars(
        select(ApplicationComment)
        .where(ApplicationComment.version_id.in_(ids))
        .order_by(ApplicationComment.created_at, ApplicationComment.id)
    ):
        result[row.version_id].append(row)
    return result


# --------------------------------------------------------------------------- personal data


def _export(session: Session, participant: Participant) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for draft in sorted(drafts_of(session, participant.id), key=lambda d: d.id):
        versions = sorted(versions_of(session, draft), key=lambda v: v.number)
        comments = comments_for(session, versions)
        out.append(
            {
                "title": draft.title,
                "ad_source": draft.ad_source,
                "ad_text": draft.ad_text,
                "employer": draft.employer_name,
                "created_at": draft.created_at.isoformat(),
                "versions": [
                    {
                        "number": v.number,
                        "text": v.text,
                        "feedback": v.feedback,
                        "created_at": v.created_at.isoformat(),
                        "comments": [
                            {"by": c.author_name, "text": c.text, "at": c.created_at.isoformat()}
                            for c in comments[v.id]
                        ],
                    }
                    for v in versions
                ],
            }
        )
    return out


def _erase(session: Session, participant: Participant) -> None:
    draft_ids = select(ApplicationDraft.id).where(ApplicationDraft.participant_id == participant.id)
    version_ids = select(ApplicationVersion.id).where(ApplicationVersion.draft_id.in_(draft_ids))
    session.execute(
        delete(ApplicationComment).where(ApplicationComment.version_id.in_(version_ids))
    )
    session.execute(delete(ApplicationVersion).where(ApplicationVersion.draft_id.in_(draft_ids)))
    session.execute(
        delete(ApplicationDraft).where(ApplicationDraft.participant_id == participant.id)
    )


register_personal_data("applications", export=_export, erase=_erase, order=50)
