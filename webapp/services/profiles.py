"""Employer language profiles as use cases: sources, background builds, curation, versions, exports.

The write side for teachers.  A profile has sources (uploaded files or pasted text, scrubbed of
e-mail addresses and phone numbers before they are stored), at most one *draft* version that the
teacher curates, and any number of *published* (frozen) and *archived* versions.  Participants and
mentors read only through :mod:`webapp.services.published`.

Rules kept here:

* A build (a background job, ``build_profile``) replaces the terms and phrases of the draft, but
  the teacher's work on the previous draft (or, when there is none, the newest published version)
  carries over by lemma + part of speech: accepted/rejected decisions, own terms and phrases,
  glosses, themes, definitions, confirmed safety marks and merged variants.
* Editing when no draft exists makes a new draft copied from the newest published version; ids of
  the published rows the teacher clicked on are mapped to the copy by lemma + POS (or text).
* Publishing freezes the draft; the previous published version is archived.

No Flask imports: views pass ``db.session`` in and commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from language_profiles.builder import ProfileBuildError, Source, build_profile
from language_profiles.compare import Coverage, ProfileComparison, compare_profiles, text_coverage
from language_profiles.exports import (
    CsvImportError,
    profile_from_csv,
    profile_to_anki,
    profile_to_csv,
    profile_to_pdf,
)
from language_profiles.extract import (
    DEFAULT_LIMITS,
    ExtractionError,
    ExtractionLimits,
    extract_pasted,
    extract_text,
    scrub_personal_data,
)
from language_profiles.profile import LEVELS, Profile
from language_profiles.sectors import SECTORS, normalize_sector
from language_profiles.starter import UnknownSectorError, load_starter_profile
from language_profiles.themes import is_safety_term, suggest_theme
from webapp.db_types import utcnow
from webapp.models import (
    Employer,
    LanguageProfile,
    ProfilePhrase,
    ProfileSource,
    ProfileTerm,
    ProfileVersion,
)
from webapp.models.jobs import BackgroundJob
from webapp.services.errors import NotFound, ServiceError
from webapp.services.jobs import JobFailure, ProgressReporter, enqueue, job
from webapp.services.published import phrase_to_domain, term_to_domain

logger = logging.getLogger(__name__)

__all__ = [
    "BUILD_JOB_KIND",
    "GLOSS_LANGUAGES",
    "POS_LABELS",
    "CsvImportError",
    "ProfileError",
    "UploadLimits",
]

BUILD_JOB_KIND = "build_profile"

#: Learner languages with a short gloss per term (code -> Norwegian name).
GLOSS_LANGUAGES: dict[str, str] = {
    "en": "engelsk",
    "ar": "arabisk",
    "uk": "ukrainsk",
    "ti": "tigrinja",
    "so": "somali",
    "prs": "dari",
}

#: Parts of speech a teacher can choose, with Norwegian names.
POS_LABELS: dict[str, str] = {
    "NOUN": "substantiv",
    "VERB": "verb",
    "ADJ": "adjektiv",
    "ADV": "adverb",
    "X": "uttrykk",
}

TERM_STATUSES: tuple[str, ...] = ("proposed", "accepted", "rejected")
STATUS_LABELS: dict[str, str] = {
    "proposed": "forslag",
    "accepted": "godkjent",
    "rejected": "avvist",
}
BULK_ACTIONS: tuple[str, ...] = ("accept", "reject", "propose", "safety_on", "safety_off", "theme")


class ProfileError(ServiceError):
    """A profile use case cannot be carried out; ``str(err)`` is a Norwegian message."""


@dataclass(frozen=True)
class UploadLimits:
    """How much a teacher may upload in one go."""

    max_file_bytes: int = 10 * 1024 * 1024
    max_files: int = 10
    max_paste_chars: int = 500_000

    def extraction(self) -> ExtractionLimits:
        """Extraction limits with this per-file size."""
        return ExtractionLimits(
            max_bytes=self.max_file_bytes,
            max_chars=DEFAULT_LIMITS.max_chars,
            max_pdf_pages=DEFAULT_LIMITS.max_pdf_pages,
            max_seconds=DEFAULT_LIMITS.max_seconds,
        )


@dataclass(frozen=True)
class Upload:
    """One uploaded file, as bytes (the view reads it from the request)."""

    filename: str
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class SourceResult:
    """What happened to one uploaded or pasted source."""

    filename: str
    ok: bool
    message: str
    removed_personal: int = 0


@dataclass(frozen=True)
class ProfileSummary:
    """One row of a profile list."""

    profile: LanguageProfile
    employer_name: str | None
    draft: ProfileVersion | None
    published: ProfileVersion | None
    sources: int
    build_status: str | None


@dataclass(frozen=True)
class TermFilter:
    """Filters of the curation list (``None`` = all)."""

    status: str | None = None
    theme: str | None = None
    safety: bool | None = None
    pos: str | None = None
    query: str | None = None
    #: Only accepted terms without the teacher's own explanation (``definition_by_teacher``).
    without_own_definition: bool = False


#: Terms per page of the teacher's word list.
TERMS_PER_PAGE = 50


@dataclass(frozen=True)
class TermPage:
    """One page of the teacher's word list (``number`` is 1-based and always a real page)."""

    terms: list[ProfileTerm]
    number: int
    pages: int
    total: int
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first(self) -> int:
        """Position (1-based) of the page's first term in the whole list; 0 when empty."""
        return (self.number - 1) * self.per_page + 1 if self.terms else 0

    @property
    def last(self) -> int:
        """Position (1-based) of the page's last term in the whole list; 0 when empty."""
        return self.first + len(self.terms) - 1 if self.terms else 0


@dataclass
class BuildStatus:
    """Progress of the newest build, for the progress bar."""

    status: str  # none | queued | running | done | failed
    progress: float = 0.0
    phase: str = ""
    error: str | None = None
    job_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


# --- profiles --------------------------------------------------------------------------------


def get_profile(session: Session, organisation_id: int, profile_id: int) -> LanguageProfile:
    """The profile, or ``NotFound`` outside the organisation."""
    profile = session.get(LanguageProfile, profile_id)
    if profile is None or profile.organisation_id != organisation_id:
        raise NotFound(f"language profile {profile_id}")
    return profile


def starter_sectors() -> dict[str, str]:
    """Sector keys with a starter profile shipped, mapped to Norwegian names."""
    from language_profiles.starter import list_starter_sectors

    return list_starter_sectors()


def create_profile(
    session: Session,
    *,
    organisation_id: int,
    name: str,
    employer_id: int | None = None,
    sector: str | None = None,
    starter_sector: str | None = None,
    created_by_id: int | None = None,
) -> LanguageProfile:
    """Create a profile; with ``starter_sector`` the first draft starts from that sector's terms."""
    name = name.strip()
    if not name:
        raise ProfileError("Skriv et navn på profilen.")
    if employer_id is not None:
        employer = session.get(Employer, employer_id)
        if employer is None or employer.organisation_id != organisation_id:
            raise NotFound(f"employer {employer_id}")
        sector = sector or normalize_sector(employer.sector)
    starter: Profile | None = None
    if starter_sector:
        try:
            starter = load_starter_profile(starter_sector)
        except UnknownSectorError as e:
            raise ProfileError("Det finnes ingen startprofil for denne bransjen.") from e
        starter_sector = normalize_sector(starter_sector)
        sector = sector or starter_sector
    profile = LanguageProfile(
        organisation_id=organisation_id,
        employer_id=employer_id,
        name=name[:200],
        sector=normalize_sector(sector) if sector else None,
        starter_sector=starter_sector if starter else None,
        created_by_id=created_by_id,
    )
    session.add(profile)
    session.flush()
    if starter is not None:
        version = _new_version(session, profile)
        _store_built(session, version, starter, origin="starter")
        version.stats = {"starter": starter_sector, **dict(starter.stats or {})}
        version.nlp_versions = _versions_dict(starter)
        session.flush()
    return profile


def rename_profile(session: Session, profile: LanguageProfile, *, name: str) -> None:
    """Change the display name."""
    name = name.strip()
    if not name:
        raise ProfileError("Skriv et navn på profilen.")
    profile.name = name[:200]
    session.flush()


def list_profiles(
    session: Session, organisation_id: int, *, employer_id: int | None = None
) -> list[ProfileSummary]:
    """Profiles of the organisation (or of one employer), newest first, with their state."""
    query = select(LanguageProfile).where(LanguageProfile.organisation_id == organisation_id)
    if employer_id is not None:
        query = query.where(LanguageProfile.employer_id == employer_id)
    profiles = session.scalars(query.order_by(LanguageProfile.id.desc())).all()
    result: list[ProfileSummary] = []
    for profile in profiles:
        sources = session.scalar(
            select(func.count())
            .select_from(ProfileSource)
            .where(ProfileSource.profile_id == profile.id)
        )
        job_row = session.get(BackgroundJob, profile.build_job_id) if profile.build_job_id else None
        result.append(
            ProfileSummary(
                profile=profile,
                employer_name=profile.employer.name if profile.employer else None,
                draft=draft_version(session, profile),
                published=latest_published(session, profile),
                sources=int(sources or 0),
                build_status=job_row.status if job_row else None,
            )
        )
    return result


def other_profiles(session: Session, profile: LanguageProfile) -> list[LanguageProfile]:
    """Other profiles of the same organisation (for comparison)."""
    return list(
        session.scalars(
            select(LanguageProfile)
            .where(
                LanguageProfile.organisation_id == profile.organisation_id,
                LanguageProfile.id != profile.id,
            )
            .order_by(LanguageProfile.name)
        )
    )


# --- versions --------------------------------------------------------------------------------


def draft_version(session: Session, profile: LanguageProfile) -> ProfileVersion | None:
    """The profile's draft, if any."""
    return session.scalar(
        select(ProfileVersion)
        .where(ProfileVersion.profile_id == profile.id, ProfileVersion.status == "draft")
        .order_by(ProfileVersion.number.desc())
        .limit(1)
    )


def latest_published(session: Session, profile: LanguageProfile) -> ProfileVersion | None:
    """The newest published version, if any."""
    return session.scalar(
        select(ProfileVersion)
        .where(ProfileVersion.profile_id == profile.id, ProfileVersion.status == "published")
        .order_by(ProfileVersion.number.desc())
        .limit(1)
    )


def working_version(session: Session, profile: LanguageProfile) -> ProfileVersion | None:
    """What the teacher sees: the draft, else the newest published version."""
    return draft_version(session, profile) or latest_published(session, profile)


def versions(session: Session, profile: LanguageProfile) -> list[ProfileVersion]:
    """Every version, newest first (the version history)."""
    return list(
        session.scalars(
            select(ProfileVersion)
            .where(ProfileVersion.profile_id == profile.id)
            .order_by(ProfileVersion.number.desc())
        )
    )


def _next_number(session: Session, profile: LanguageProfile) -> int:
    number = session.scalar(
        select(func.max(ProfileVersion.number)).where(ProfileVersion.profile_id == profile.id)
    )
    return int(number or 0) + 1


def _new_version(session: Session, profile: LanguageProfile) -> ProfileVersion:
    version = ProfileVersion(
        profile_id=profile.id,
        number=_next_number(session, profile),
        status="draft",
        stats={},
        warnings=[],
    )
    session.add(version)
    session.flush()
    return version


def _new_draft(session: Session, profile: LanguageProfile) -> tuple[ProfileVersion, bool]:
    """A new draft, or the one another request created at the same moment.

    Two requests that both find no draft pick the same version number; the second insert
    violates ``UNIQUE (profile_id, number)``.  The insert runs in a savepoint, so the loser
    rolls back only that and reloads the winner's draft.  Returns ``(draft, created)``.
    """
    for _attempt in range(2):
        try:
            with session.begin_nested():
                return _new_version(session, profile), True
        except IntegrityError:
            existing = draft_version(session, profile)
            if existing is not None:
                return existing, False
    return _new_version(session, profile), True


_TERM_COPY = (
    "lemma",
    "pos",
    "articles",
    "forms",
    "compound_parts",
    "definition",
    "definition_by_teacher",
    "count",
    "documents",
    "keyness",
    "level",
    "examples",
    "score",
    "rank",
    "is_multiword",
    "safety",
    "safety_suggested",
    "theme",
    "gloss",
    "status",
    "origin",
    "merged_variants",
)
_PHRASE_COPY = (
    "text",
    "count",
    "documents",
    "examples",
    "score",
    "rank",
    "safety",
    "theme",
    "situation",
    "gloss",
    "status",
    "origin",
    "daily_use",
)


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copy_json(v) for v in value]
    return value


def ensure_draft(session: Session, profile: LanguageProfile) -> ProfileVersion:
    """The draft; created (copied from the newest published version, if any) when missing."""
    draft = draft_version(session, profile)
    if draft is not None:
        return draft
    source = latest_published(session, profile)
    draft, created = _new_draft(session, profile)
    if source is None or not created:
        return draft
    draft.stats = dict(source.stats or {})
    draft.warnings = list(source.warnings or [])
    draft.nlp_versions = dict(source.nlp_versions or {})
    draft.built_at = source.built_at
    for term in terms_of(session, source):
        session.add(
            ProfileTerm(
                version_id=draft.id,
                **{k: _copy_json(getattr(term, k)) for k in _TERM_COPY},
            )
        )
    for phrase in phrases_of(session, source):
        session.add(
            ProfilePhrase(
                version_id=draft.id,
                **{k: _copy_json(getattr(phrase, k)) for k in _PHRASE_COPY},
            )
        )
    session.flush()
    return draft


def publish(
    session: Session,
    profile: LanguageProfile,
    *,
    user_id: int | None,
    now: dt.datetime | None = None,
) -> ProfileVersion:
    """Publish the draft (its accepted entries become visible); archive the old published one."""
    draft = draft_version(session, profile)
    if draft is None:
        raise ProfileError("Det finnes ikke noe utkast å publisere. Gjør en endring først.")
    accepted = (
        session.scalar(
            select(func.count())
            .select_from(ProfileTerm)
            .where(ProfileTerm.version_id == draft.id, ProfileTerm.status == "accepted")
        )
        or 0
    )
    accepted_phrases = (
        session.scalar(
            select(func.count())
            .select_from(ProfilePhrase)
            .where(ProfilePhrase.version_id == draft.id, ProfilePhrase.status == "accepted")
        )
        or 0
    )
    if not accepted and not accepted_phrases:
        raise ProfileError("Godkjenn minst ett ord eller én frase før du publiserer.")
    for old in session.scalars(
        select(ProfileVersion).where(
            ProfileVersion.profile_id == profile.id, ProfileVersion.status == "published"
        )
    ):
        old.status = "archived"
    draft.status = "published"
    draft.published_at = now or utcnow()
    draft.published_by_id = user_id
    session.flush()
    return draft


def version_counts(session: Session, version: ProfileVersion) -> dict[str, int]:
    """Number of terms per status, plus phrases accepted/total."""
    counts = {status: 0 for status in TERM_STATUSES}
    for status, n in session.execute(
        select(ProfileTerm.status, func.count())
        .where(ProfileTerm.version_id == version.id)
        .group_by(ProfileTerm.status)
    ):
        counts[str(status)] = int(n)
    counts["terms"] = sum(counts[s] for s in TERM_STATUSES)
    counts["phrases"] = int(
        session.scalar(
            select(func.count())
            .select_from(ProfilePhrase)
            .where(ProfilePhrase.version_id == version.id)
        )
        or 0
    )
    counts["phrases_accepted"] = int(
        session.scalar(
            select(func.count())
            .select_from(ProfilePhrase)
            .where(ProfilePhrase.version_id == version.id, ProfilePhrase.status == "accepted")
        )
        or 0
    )
    return counts


# --- sources ---------------------------------------------------------------------------------


def sources_of(session: Session, profile: LanguageProfile) -> list[ProfileSource]:
    """The profile's sources, oldest first."""
    return list(
        session.scalars(
            select(ProfileSource)
            .where(ProfileSource.profile_id == profile.id)
            .order_by(ProfileSource.id)
        )
    )


def _safe_name(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "uten navn"
    return scrub_personal_data(name)[:255] or "uten navn"


def add_uploads(
    session: Session,
    profile: LanguageProfile,
    uploads: Sequence[Upload],
    *,
    limits: UploadLimits = UploadLimits(),  # noqa: B008 - frozen dataclass
) -> list[SourceResult]:
    """Extract each file: good ones are stored as scrubbed text, bad ones with a reason."""
    if not uploads:
        raise ProfileError("Velg minst én fil.")
    if len(uploads) > limits.max_files:
        raise ProfileError(
            f"Du kan laste opp høyst {limits.max_files} filer om gangen. "
            "Last opp resten i en ny runde."
        )
    results: list[SourceResult] = []
    extraction = limits.extraction()
    for upload in uploads:
        name = _safe_name(upload.filename)
        row = ProfileSource(
            profile_id=profile.id,
            filename=name,
            kind="upload",
            content_type=(upload.content_type or "")[:100] or None,
            size_bytes=len(upload.data),
        )
        try:
            extracted = extract_text(
                upload.data, filename=name, content_type=upload.content_type, limits=extraction
            )
        except ExtractionError as e:
            row.status = "error"
            row.error_message = str(e)
            results.append(SourceResult(filename=name, ok=False, message=str(e)))
        else:
            row.text = extracted.text
            row.word_count = extracted.words or len(extracted.text.split())
            row.status = "ok"
            results.append(
                SourceResult(
                    filename=name,
                    ok=True,
                    message=f"«{name}» er lest inn ({row.word_count} ord).",
                    removed_personal=extracted.removed_personal,
                )
            )
        session.add(row)
    session.flush()
    return results


def add_paste(
    session: Session,
    profile: LanguageProfile,
    *,
    text: str,
    title: str | None = None,
    limits: UploadLimits = UploadLimits(),  # noqa: B008 - frozen dataclass
) -> SourceResult:
    """Store pasted text (scrubbed); an empty or too long text raises ``ProfileError``."""
    name = _safe_name(title or "") if title and title.strip() else "Innlimt tekst"
    if len(text) > limits.max_paste_chars:
        raise ProfileError(
            f"Teksten er for lang (høyst {limits.max_paste_chars:,} tegn). ".replace(",", " ")
            + "Del den opp, eller last den opp som fil."
        )
    try:
        extracted = extract_pasted(text, name=name)
    except ExtractionError as e:
        raise ProfileError(str(e)) from e
    row = ProfileSource(
        profile_id=profile.id,
        filename=name,
        kind="paste",
        content_type="text/plain",
        size_bytes=len(text.encode("utf-8")),
        text=extracted.text,
        word_count=extracted.words or len(extracted.text.split()),
        status="ok",
    )
    session.add(row)
    session.flush()
    return SourceResult(
        filename=name,
        ok=True,
        message=f"«{name}» er lagt til ({row.word_count} ord).",
        removed_personal=extracted.removed_personal,
    )


def delete_source(session: Session, profile: LanguageProfile, source_id: int) -> str:
    """Remove one source of the profile; returns its name."""
    row = session.get(ProfileSource, source_id)
    if row is None or row.profile_id != profile.id:
        raise NotFound(f"profile source {source_id}")
    name = row.filename
    session.delete(row)
    session.flush()
    return name


# --- building --------------------------------------------------------------------------------


def start_build(
    session: Session, profile: LanguageProfile, *, created_by_id: int | None
) -> BackgroundJob:
    """Queue a background build of the profile (runs after the caller commits)."""
    usable = session.scalar(
        select(func.count())
        .select_from(ProfileSource)
        .where(ProfileSource.profile_id == profile.id, ProfileSource.status == "ok")
    )
    if not usable:
        raise ProfileError(
            "Legg til minst én tekst eller fil som kan leses før du bygger profilen."
        )
    current = build_status(session, profile)
    if current.active:
        raise ProfileError("Profilen bygges allerede. Vent til den er ferdig.")
    row = enqueue(
        session,
        BUILD_JOB_KIND,
        {"profile_id": profile.id},
        organisation_id=profile.organisation_id,
        created_by_id=created_by_id,
    )
    profile.build_job_id = row.id
    session.flush()
    return row


def build_status(session: Session, profile: LanguageProfile) -> BuildStatus:
    """The newest build's progress (``status="none"`` when never built)."""
    if profile.build_job_id is None:
        return BuildStatus(status="none")
    row = session.get(BackgroundJob, profile.build_job_id)
    if row is None:
        return BuildStatus(status="none")
    return BuildStatus(
        status=row.status,
        progress=float(row.progress or 0.0),
        phase=row.phase or "",
        error=row.error,
        job_id=row.id,
    )


@job(BUILD_JOB_KIND)
def build_profile_job(
    session: Session, job_row: BackgroundJob, report_progress: ProgressReporter
) -> None:
    """Background job: build the profile from its sources into the draft version."""
    profile_id = int(job_row.payload.get("profile_id", 0))
    profile = session.get(LanguageProfile, profile_id)
    if profile is None:
        raise JobFailure("Profilen finnes ikke lenger.")
    sources = [
        Source(name=s.filename, text=s.text or "")
        for s in sources_of(session, profile)
        if s.status == "ok" and s.text
    ]
    if not sources:
        raise JobFailure("Profilen har ingen tekst som kan leses. Legg til en fil eller tekst.")

    def progress(fraction: float, phase: str) -> None:
        report_progress(fraction * 0.95, phase)

    try:
        built = build_profile(sources, name=profile.name, sector=profile.sector, progress=progress)
    except ProfileBuildError as e:
        raise JobFailure(str(e)) from e
    report_progress(0.96, "Lagrer")
    apply_build(session, profile, built)


def _versions_dict(profile: Profile) -> dict[str, Any]:
    v = profile.versions
    return {
        "schema_version": v.schema_version,
        "spacy_version": v.spacy_version,
        "model_name": v.model_name,
        "model_version": v.model_version,
        "dictionary": v.dictionary,
    }


def _key(lemma: str, pos: str) -> tuple[str, str]:
    return (lemma.strip().lower(), pos)


def _store_built(
    session: Session, version: ProfileVersion, built: Profile, *, origin: str = "built"
) -> None:
    for rank, term in enumerate(built.terms):
        session.add(
            ProfileTerm(
                version_id=version.id,
                lemma=term.lemma[:200],
                pos=term.pos[:10],
                articles=list(term.articles),
                forms={k: list(v) for k, v in term.forms.items()},
                compound_parts=list(term.compound_parts),
                definition=term.definition,
                count=term.count,
                documents=term.documents,
                keyness=term.keyness,
                level=term.level,
                examples=list(term.examples),
                score=term.score,
                rank=rank,
                is_multiword=term.is_multiword,
                safety=False,
                safety_suggested=term.safety,
                theme=term.theme,
                gloss=dict(term.gloss),
                status="proposed",
                origin=origin,
            )
        )
    for rank, phrase in enumerate(built.phrases):
        session.add(
            ProfilePhrase(
                version_id=version.id,
                text=phrase.text,
                count=phrase.count,
                documents=phrase.documents,
                examples=list(phrase.examples),
                score=phrase.score,
                rank=rank,
                safety=phrase.safety,
                theme=phrase.theme,
                situation=phrase.situation,
                status="proposed",
                origin=origin,
            )
        )
    session.flush()


def apply_build(
    session: Session, profile: LanguageProfile, built: Profile, *, now: dt.datetime | None = None
) -> ProfileVersion:
    """Make ``built`` the draft, carrying the teacher's work over from the previous draft."""
    previous = draft_version(session, profile) or latest_published(session, profile)
    old_terms = terms_of(session, previous) if previous is not None else []
    old_phrases = phrases_of(session, previous) if previous is not None else []
    # Snapshot what must carry over before rows are deleted.
    carried_terms = [{k: _copy_json(getattr(t, k)) for k in _TERM_COPY} for t in old_terms]
    carried_phrases = [{k: _copy_json(getattr(p, k)) for k in _PHRASE_COPY} for p in old_phrases]
    draft = draft_version(session, profile)
    if draft is None:
        draft = _new_version(session, profile)
    else:
        session.execute(delete(ProfileTerm).where(ProfileTerm.version_id == draft.id))
        session.execute(delete(ProfilePhrase).where(ProfilePhrase.version_id == draft.id))
    _store_built(session, draft, built)
    new_terms = {_key(t.lemma, t.pos): t for t in terms_of(session, draft)}
    # Variants merged before are merged again (their counts add up).
    by_lemma = {key[0]: row for key, row in new_terms.items()}
    next_rank = len(new_terms)
    for old in carried_terms:
        key = _key(old["lemma"], old["pos"])
        row = new_terms.get(key)
        if row is None:
            if old["origin"] == "built" and old["status"] != "accepted":
                continue  # a builder suggestion that the new sources no longer support
            # Own, starter and accepted terms stay even if the sources no longer have them.
            values = dict(old)
            values["rank"] = next_rank
            next_rank += 1
            row = ProfileTerm(version_id=draft.id, **values)
            session.add(row)
            new_terms[key] = row
            by_lemma.setdefault(key[0], row)
            continue
        row.status = old["status"]
        row.gloss = dict(old["gloss"] or {})
        row.safety = bool(old["safety"])
        if old["theme"]:
            row.theme = old["theme"]
        if old["definition"]:
            row.definition = old["definition"]
            row.definition_by_teacher = bool(old["definition_by_teacher"])
        if old["origin"] != "built":
            row.origin = old["origin"]
        if old["level"] in LEVELS:
            row.level = old["level"]
        variants = list(old["merged_variants"] or [])
        row.merged_variants = variants
        for variant in variants:
            other = by_lemma.get(variant.lower())
            if other is not None and other is not row:
                row.count += other.count
                row.documents = max(row.documents, other.documents)
                new_terms.pop(_key(other.lemma, other.pos), None)
                by_lemma.pop(variant.lower(), None)
                session.delete(other)
    new_phrases = {p.text.strip(): p for p in phrases_of(session, draft)}
    next_rank = len(new_phrases)
    for old in carried_phrases:
        row_p = new_phrases.get(old["text"].strip())
        if row_p is None:
            if old["origin"] == "built" and old["status"] != "accepted":
                continue
            values = dict(old)
            values["rank"] = next_rank
            next_rank += 1
            session.add(ProfilePhrase(version_id=draft.id, **values))
            continue
        row_p.status = old["status"]
        row_p.gloss = dict(old["gloss"] or {})
        row_p.safety = bool(old["safety"]) or row_p.safety
        row_p.theme = old["theme"] or row_p.theme
        row_p.situation = old["situation"] or row_p.situation
        row_p.daily_use = bool(old["daily_use"])
        if old["origin"] != "built":
            row_p.origin = old["origin"]
    draft.stats = dict(built.stats or {})
    draft.warnings = list(built.warnings)
    draft.nlp_versions = _versions_dict(built)
    draft.built_at = now or utcnow()
    session.flush()
    return draft


# --- curation --------------------------------------------------------------------------------


def terms_of(
    session: Session, version: ProfileVersion, *, filters: TermFilter | None = None
) -> list[ProfileTerm]:
    """Terms of a version in rank order, optionally filtered."""
    query = select(ProfileTerm).where(ProfileTerm.version_id == version.id)
    f = filters or TermFilter()
    if f.without_own_definition:
        query = query.where(
            ProfileTerm.status == "accepted", ProfileTerm.definition_by_teacher.is_(False)
        )
    if f.status:
        query = query.where(ProfileTerm.status == f.status)
    if f.theme:
        query = query.where(ProfileTerm.theme == f.theme)
    if f.pos:
        query = query.where(ProfileTerm.pos == f.pos)
    if f.safety is True:
        query = query.where(ProfileTerm.safety.is_(True) | ProfileTerm.safety_suggested.is_(True))
    elif f.safety is False:
        query = query.where(ProfileTerm.safety.is_(False), ProfileTerm.safety_suggested.is_(False))
    if f.query:
        query = query.where(func.lower(ProfileTerm.lemma).contains(f.query.strip().lower()))
    return list(session.scalars(query.order_by(ProfileTerm.rank, ProfileTerm.id)))


def term_page(
    terms: Sequence[ProfileTerm], page: int, *, per_page: int = TERMS_PER_PAGE
) -> TermPage:
    """One page of ``terms``; a page number out of range gives the nearest real page."""
    per_page = max(1, per_page)
    total = len(terms)
    pages = max(1, -(-total // per_page))
    number = min(max(1, page), pages)
    start = (number - 1) * per_page
    return TermPage(
        terms=list(terms[start : start + per_page]),
        number=number,
        pages=pages,
        total=total,
        per_page=per_page,
    )


def count_without_own_definition(session: Session, version: ProfileVersion) -> int:
    """Number of accepted terms without the teacher's own explanation."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(ProfileTerm)
            .where(
                ProfileTerm.version_id == version.id,
                ProfileTerm.status == "accepted",
                ProfileTerm.definition_by_teacher.is_(False),
            )
        )
        or 0
    )


def phrases_of(session: Session, version: ProfileVersion) -> list[ProfilePhrase]:
    """Phrases of a version in rank order."""
    return list(
        session.scalars(
            select(ProfilePhrase)
            .where(ProfilePhrase.version_id == version.id)
            .order_by(ProfilePhrase.rank, ProfilePhrase.id)
        )
    )


def themes_of(session: Session, version: ProfileVersion) -> list[str]:
    """Themes used in a version plus the builder's standard themes, sorted."""
    from language_profiles.themes import THEMES

    used = {
        t
        for t in session.scalars(
            select(ProfileTerm.theme).where(ProfileTerm.version_id == version.id).distinct()
        )
        if t
    }
    return sorted(used | set(THEMES), key=str.lower)


def _editable_terms(
    session: Session, profile: LanguageProfile, term_ids: Iterable[int]
) -> tuple[ProfileVersion, list[ProfileTerm]]:
    """Rows of the draft for these ids (ids of a published version are mapped to the new draft)."""
    ids = [int(i) for i in term_ids]
    rows = [session.get(ProfileTerm, i) for i in ids]
    found = [r for r in rows if r is not None]
    version_ids = {r.version_id for r in found}
    allowed = {
        v.id
        for v in session.scalars(
            select(ProfileVersion).where(ProfileVersion.profile_id == profile.id)
        )
    }
    if len(found) != len(ids) or not version_ids <= allowed:
        raise NotFound("profile term")
    draft = ensure_draft(session, profile)
    if version_ids <= {draft.id}:
        return draft, found
    by_key = {_key(t.lemma, t.pos): t for t in terms_of(session, draft)}
    mapped: list[ProfileTerm] = []
    for row in found:
        target = row if row.version_id == draft.id else by_key.get(_key(row.lemma, row.pos))
        if target is None:
            raise NotFound("profile term")
        mapped.append(target)
    return draft, mapped


def _editable_phrases(
    session: Session, profile: LanguageProfile, phrase_ids: Iterable[int]
) -> tuple[ProfileVersion, list[ProfilePhrase]]:
    ids = [int(i) for i in phrase_ids]
    found = [p for p in (session.get(ProfilePhrase, i) for i in ids) if p is not None]
    allowed = {
        v.id
        for v in session.scalars(
            select(ProfileVersion).where(ProfileVersion.profile_id == profile.id)
        )
    }
    if len(found) != len(ids) or not {p.version_id for p in found} <= allowed:
        raise NotFound("profile phrase")
    draft = ensure_draft(session, profile)
    by_text = {p.text: p for p in phrases_of(session, draft)}
    mapped: list[ProfilePhrase] = []
    for row in found:
        target = row if row.version_id == draft.id else by_text.get(row.text)
        if target is None:
            raise NotFound("profile phrase")
        mapped.append(target)
    return draft, mapped


def get_term(session: Session, profile: LanguageProfile, term_id: int) -> ProfileTerm:
    """A term of one of the profile's versions (``NotFound`` otherwise)."""
    row = session.get(ProfileTerm, term_id)
    if row is None or row.version.profile_id != profile.id:
        raise NotFound(f"profile term {term_id}")
    return row


def get_phrase(session: Session, profile: LanguageProfile, phrase_id: int) -> ProfilePhrase:
    """A phrase of one of the profile's versions (``NotFound`` otherwise)."""
    row = session.get(ProfilePhrase, phrase_id)
    if row is None or row.version.profile_id != profile.id:
        raise NotFound(f"profile phrase {phrase_id}")
    return row


def bulk_terms(
    session: Session,
    profile: LanguageProfile,
    term_ids: Sequence[int],
    *,
    action: str,
    theme: str | None = None,
) -> int:
    """Apply one action to many terms: accept, reject, propose, safety_on/off, theme."""
    if action not in BULK_ACTIONS:
        raise ProfileError("Velg hva som skal gjøres med de valgte ordene.")
    if not term_ids:
        raise ProfileError("Kryss av for minst ett ord.")
    _, rows = _editable_terms(session, profile, term_ids)
    for row in rows:
        if action == "accept":
            row.status = "accepted"
        elif action == "reject":
            row.status = "rejected"
        elif action == "propose":
            row.status = "proposed"
        elif action == "safety_on":
            row.safety = True
        elif action == "safety_off":
            row.safety = False
            row.safety_suggested = False
        elif action == "theme":
            row.theme = (theme or "").strip()[:100] or None
    session.flush()
    return len(rows)


def bulk_phrases(
    session: Session, profile: LanguageProfile, phrase_ids: Sequence[int], *, action: str
) -> int:
    """Accept, reject or re-propose many phrases; safety_on/off marks them."""
    if action not in ("accept", "reject", "propose", "safety_on", "safety_off"):
        raise ProfileError("Velg hva som skal gjøres med de valgte frasene.")
    if not phrase_ids:
        raise ProfileError("Kryss av for minst én frase.")
    _, rows = _editable_phrases(session, profile, phrase_ids)
    for row in rows:
        if action in ("accept", "reject", "propose"):
            row.status = {"accept": "accepted", "reject": "rejected", "propose": "proposed"}[action]
        else:
            row.safety = action == "safety_on"
    session.flush()
    return len(rows)


def confirm_safety_suggestions(session: Session, profile: LanguageProfile) -> int:
    """Confirm every automatic HMS suggestion of the draft; returns how many were confirmed."""
    working = working_version(session, profile)
    if working is None:
        return 0
    pending = [
        t.id
        for t in terms_of(session, working)
        if t.safety_suggested and not t.safety and t.status != "rejected"
    ]
    if not pending:
        return 0
    _, rows = _editable_terms(session, profile, pending)
    for row in rows:
        row.safety = True
    session.flush()
    return len(rows)


def pending_safety(session: Session, version: ProfileVersion) -> int:
    """Number of HMS suggestions the teacher has not confirmed yet."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(ProfileTerm)
            .where(
                ProfileTerm.version_id == version.id,
                ProfileTerm.safety_suggested.is_(True),
                ProfileTerm.safety.is_(False),
                ProfileTerm.status != "rejected",
            )
        )
        or 0
    )


@dataclass(frozen=True)
class TermEdit:
    """What the teacher can change on a term (``None`` = leave as is)."""

    lemma: str | None = None
    articles: Sequence[str] | None = None
    definition: str | None = None
    level: str | None = None
    theme: str | None = None
    safety: bool | None = None
    status: str | None = None
    gloss: dict[str, str] | None = None
    examples: Sequence[str] | None = None


def update_term(
    session: Session, profile: LanguageProfile, term_id: int, edit: TermEdit
) -> ProfileTerm:
    """Edit one term (in the draft; a new draft is made if needed)."""
    _, (row,) = _editable_terms(session, profile, [term_id])
    if edit.lemma is not None and edit.lemma.strip() and edit.lemma.strip() != row.lemma:
        lemma = edit.lemma.strip()[:200]
        clash = session.scalar(
            select(ProfileTerm.id).where(
                ProfileTerm.version_id == row.version_id,
                ProfileTerm.lemma == lemma,
                ProfileTerm.pos == row.pos,
                ProfileTerm.id != row.id,
            )
        )
        if clash is not None:
            raise ProfileError(f"«{lemma}» finnes allerede. Slå dem sammen i stedet.")
        row.lemma = lemma
        row.is_multiword = " " in lemma
    if edit.articles is not None:
        row.articles = [a for a in (x.strip() for x in edit.articles) if a in ("en", "ei", "et")]
    if edit.definition is not None:
        text = " ".join(edit.definition.split()) or None
        # The form sends the explanation on every save: only a changed text is the teacher's.
        if text != (" ".join(row.definition.split()) if row.definition else None):
            row.definition = text
            row.definition_by_teacher = text is not None
    if edit.level is not None and edit.level in LEVELS:
        row.level = edit.level
    if edit.theme is not None:
        row.theme = edit.theme.strip()[:100] or None
    if edit.safety is not None:
        row.safety = edit.safety
    if edit.status is not None and edit.status in TERM_STATUSES:
        row.status = edit.status
    if edit.gloss is not None:
        row.gloss = {
            code: text.strip()[:200]
            for code, text in edit.gloss.items()
            if code in GLOSS_LANGUAGES and text.strip()
        }
    if edit.examples is not None:
        row.examples = [scrub_personal_data(e.strip()) for e in edit.examples if e.strip()][:3]
    session.flush()
    return row


def merge_terms(
    session: Session, profile: LanguageProfile, *, keep_id: int, merge_id: int
) -> ProfileTerm:
    """Merge term B into A: counts add, B's lemma is recorded in A.merged_variants, B is removed."""
    if keep_id == merge_id:
        raise ProfileError("Velg to forskjellige ord å slå sammen.")
    _, (keep, other) = _editable_terms(session, profile, [keep_id, merge_id])
    keep.count += other.count
    keep.documents = max(keep.documents, other.documents)
    variants = list(keep.merged_variants or [])
    for lemma in [other.lemma, *(other.merged_variants or [])]:
        if lemma not in variants and lemma != keep.lemma:
            variants.append(lemma)
    keep.merged_variants = variants
    examples = list(keep.examples or [])
    for example in other.examples or []:
        if example not in examples and len(examples) < 3:
            examples.append(example)
    keep.examples = examples
    keep.safety = keep.safety or other.safety
    keep.safety_suggested = keep.safety_suggested or other.safety_suggested
    merged_gloss = dict(other.gloss or {})
    merged_gloss.update(keep.gloss or {})
    keep.gloss = merged_gloss
    if keep.status != "accepted" and other.status == "accepted":
        keep.status = "accepted"
    session.delete(other)
    session.flush()
    return keep


def _default_lexicon() -> Any:
    from language_profiles.lexicon import load_lexicon

    return load_lexicon()


def _compound_entry(word: str, lexicon: Any, pos: str | None) -> Any:
    """A compound the dictionary lacks ("brannslukker"): its head's article and forms."""
    from language_profiles.builder import compound_head
    from language_profiles.lexicon import LexEntry

    found = compound_head(word, lexicon)
    if found is None:
        return None
    prefix, head = found
    if pos and head.pos != pos:
        return None
    return LexEntry(
        lemma=word,
        pos=head.pos,
        genders=head.genders,
        articles=head.articles,
        forms={k: tuple(prefix + f for f in v) for k, v in head.forms.items()},
        definition=None,
    )


def add_term(
    session: Session,
    profile: LanguageProfile,
    *,
    lemma: str,
    pos: str | None = None,
    theme: str | None = None,
    lexicon: Any = None,
    status: str = "accepted",
    origin: str = "teacher",
) -> ProfileTerm:
    """Add the teacher's own term; the dictionary fills articles, forms, definition, parts.

    ``status``/``origin`` let other sources propose terms the same way (a mentor's missing
    words arrive as ``status="proposed"``, ``origin="mentor"``); an existing term with that
    lemma and part of speech is accepted when ``status`` is "accepted", else left as it is.
    """
    lemma = " ".join(lemma.strip().split())[:200]
    if lemma.lower().startswith("å "):
        lemma = lemma[2:].strip()
        pos = pos or "VERB"
    if not lemma:
        raise ProfileError("Skriv ordet du vil legge til.")
    lex = lexicon if lexicon is not None else _default_lexicon()
    is_multiword = " " in lemma
    entry = None
    if not is_multiword:
        entries = lex.entries(lemma, pos) if pos else lex.entries(lemma)
        if not entries and lemma != lemma.lower():
            entries = lex.entries(lemma.lower(), pos) if pos else lex.entries(lemma.lower())
        entry = entries[0] if entries else None
        if entry is None:
            entry = _compound_entry(lemma.lower(), lex, pos)
    pos = pos or (entry.pos if entry is not None else "X")
    draft = ensure_draft(session, profile)
    existing: ProfileTerm | None = session.scalar(
        select(ProfileTerm).where(
            ProfileTerm.version_id == draft.id, ProfileTerm.lemma == lemma, ProfileTerm.pos == pos
        )
    )
    if existing is not None:
        if status == "accepted":
            existing.status = "accepted"
            session.flush()
        return existing
    parts: tuple[str, ...] = ()
    if not is_multiword:
        try:
            from language_profiles.compounds import split_compound

            parts = split_compound(lemma, lex)
        except Exception:  # the splitter is a nicety; an own term must always be addable
            logger.warning("compound split failed for an own term", exc_info=True)
            parts = ()
    from language_profiles.ranking import estimate_level

    rank = session.scalar(
        select(func.max(ProfileTerm.rank)).where(ProfileTerm.version_id == draft.id)
    )
    row = ProfileTerm(
        version_id=draft.id,
        lemma=lemma,
        pos=pos,
        articles=list(entry.articles) if entry is not None and pos == "NOUN" else [],
        forms={k: list(v) for k, v in entry.forms.items()} if entry is not None else {},
        compound_parts=list(parts),
        definition=entry.definition if entry is not None else None,
        count=0,
        documents=0,
        keyness=0.0,
        level=estimate_level(lemma, parts),
        examples=[],
        score=0.0,
        rank=int(rank or 0) + 1,
        is_multiword=is_multiword,
        safety=False,
        safety_suggested=is_safety_term(lemma, parts),
        theme=(theme or "").strip()[:100] or suggest_theme(lemma, parts),
        gloss={},
        status=status,
        origin=origin,
    )
    session.add(row)
    session.flush()
    return row


def add_phrase(
    session: Session,
    profile: LanguageProfile,
    *,
    text: str,
    situation: str | None = None,
    theme: str | None = None,
    safety: bool = False,
) -> ProfilePhrase:
    """Add the teacher's own phrase (accepted)."""
    text = scrub_personal_data(" ".join(text.strip().split()))[:500]
    if not text:
        raise ProfileError("Skriv frasen du vil legge til.")
    draft = ensure_draft(session, profile)
    rank = session.scalar(
        select(func.max(ProfilePhrase.rank)).where(ProfilePhrase.version_id == draft.id)
    )
    row = ProfilePhrase(
        version_id=draft.id,
        text=text,
        situation=(situation or "").strip() or None,
        theme=(theme or "").strip()[:100] or None,
        safety=safety,
        rank=int(rank or 0) + 1,
        status="accepted",
        origin="teacher",
        count=0,
        documents=0,
        examples=[],
        gloss={},
    )
    session.add(row)
    session.flush()
    return row


def update_phrase(
    session: Session,
    profile: LanguageProfile,
    phrase_id: int,
    *,
    text: str | None = None,
    situation: str | None = None,
    theme: str | None = None,
    safety: bool | None = None,
    status: str | None = None,
    gloss: dict[str, str] | None = None,
) -> ProfilePhrase:
    """Edit one phrase (in the draft; a new draft is made if needed)."""
    _, (row,) = _editable_phrases(session, profile, [phrase_id])
    if text is not None and text.strip():
        row.text = scrub_personal_data(" ".join(text.strip().split()))[:500]
    if situation is not None:
        row.situation = situation.strip() or None
    if theme is not None:
        row.theme = theme.strip()[:100] or None
    if safety is not None:
        row.safety = safety
    if status is not None and status in TERM_STATUSES:
        row.status = status
    if gloss is not None:
        row.gloss = {
            code: value.strip()[:300]
            for code, value in gloss.items()
            if code in GLOSS_LANGUAGES and value.strip()
        }
    session.flush()
    return row


# --- exports, import, comparison -------------------------------------------------------------


def domain_profile(
    session: Session,
    profile: LanguageProfile,
    version: ProfileVersion,
    *,
    include: Sequence[str] = ("accepted",),
) -> Profile:
    """A version as a domain ``Profile`` with the entries of the given statuses."""
    terms = [t for t in terms_of(session, version) if t.status in include]
    phrases = [p for p in phrases_of(session, version) if p.status in include]
    return Profile(
        name=profile.name,
        sector=profile.sector,
        terms=tuple(term_to_domain(t) for t in terms),
        phrases=tuple(phrase_to_domain(p) for p in phrases),
        stats=dict(version.stats or {}),
        warnings=tuple(version.warnings or ()),
    )


def export_csv(session: Session, profile: LanguageProfile, version: ProfileVersion) -> bytes:
    """CSV of every entry that is not rejected (re-import with :func:`import_csv`)."""
    return profile_to_csv(
        domain_profile(session, profile, version, include=("accepted", "proposed"))
    )


def export_anki(session: Session, profile: LanguageProfile, version: ProfileVersion) -> bytes:
    """Anki deck of the accepted terms."""
    return profile_to_anki(domain_profile(session, profile, version))


def export_pdf(
    session: Session,
    profile: LanguageProfile,
    version: ProfileVersion,
    *,
    today: dt.date | None = None,
) -> bytes:
    """A4 phrase sheet for mentors, from the accepted entries."""
    return profile_to_pdf(domain_profile(session, profile, version), today=today)


@dataclass(frozen=True)
class ImportResult:
    """What a CSV import did."""

    added: int
    updated: int
    phrases_added: int


def import_csv(session: Session, profile: LanguageProfile, data: bytes) -> ImportResult:
    """Add or update terms (by lemma + POS) and phrases (by text) from a CSV export."""
    if not data.strip():
        raise ProfileError("Velg en CSV-fil.")
    imported = profile_from_csv(data, name=profile.name, sector=profile.sector)
    draft = ensure_draft(session, profile)
    existing = {_key(t.lemma, t.pos): t for t in terms_of(session, draft)}
    rank = len(existing)
    added = updated = 0
    for term in imported.terms:
        key = _key(term.lemma, term.pos)
        row = existing.get(key)
        if row is None:
            row = ProfileTerm(
                version_id=draft.id,
                lemma=term.lemma[:200],
                pos=term.pos[:10],
                count=term.count,
                documents=term.documents,
                keyness=term.keyness,
                score=term.score,
                rank=rank,
                is_multiword=term.is_multiword,
                safety_suggested=False,
                status="accepted",
                origin="teacher",
                merged_variants=[],
            )
            rank += 1
            session.add(row)
            existing[key] = row
            added += 1
        else:
            updated += 1
        row.articles = list(term.articles)
        row.forms = {k: list(v) for k, v in term.forms.items()}
        row.compound_parts = list(term.compound_parts)
        if row.id is not None and term.definition != row.definition:
            # An existing word whose text was changed in the spreadsheet: the teacher's words.
            row.definition_by_teacher = term.definition is not None
        else:
            row.definition_by_teacher = (
                bool(row.definition_by_teacher) or term.definition_by_teacher
            )
        row.definition = term.definition
        row.level = term.level if term.level in LEVELS else "B1"
        row.examples = [scrub_personal_data(e) for e in term.examples][:3]
        row.safety = term.safety
        row.theme = term.theme
        row.gloss = {k: v for k, v in term.gloss.items() if k in GLOSS_LANGUAGES}
    phrase_texts = {p.text for p in phrases_of(session, draft)}
    phrase_rank = len(phrase_texts)
    phrases_added = 0
    for phrase in imported.phrases:
        text = scrub_personal_data(phrase.text)
        if text in phrase_texts:
            continue
        session.add(
            ProfilePhrase(
                version_id=draft.id,
                text=text,
                count=phrase.count,
                documents=phrase.documents,
                examples=list(phrase.examples),
                score=phrase.score,
                rank=phrase_rank,
                safety=phrase.safety,
                theme=phrase.theme,
                situation=phrase.situation,
                status="accepted",
                origin="teacher",
                gloss={},
            )
        )
        phrase_rank += 1
        phrase_texts.add(text)
        phrases_added += 1
    session.flush()
    return ImportResult(added=added, updated=updated, phrases_added=phrases_added)


def _comparable(session: Session, profile: LanguageProfile) -> Profile:
    version = working_version(session, profile)
    if version is None:
        return Profile(name=profile.name, sector=profile.sector)
    return domain_profile(session, profile, version, include=("accepted", "proposed"))


def compare(
    session: Session, a: LanguageProfile, b: LanguageProfile, *, top: int | None = 200
) -> ProfileComparison:
    """Shared terms and terms only in A or B (working versions, rejected entries left out)."""
    if a.organisation_id != b.organisation_id:
        raise NotFound(f"language profile {b.id}")
    return compare_profiles(_comparable(session, a), _comparable(session, b), top=top)


def check_text(session: Session, profile: LanguageProfile, text: str) -> Coverage:
    """How much of a new text the profile already covers, and which words are new."""
    if not text.strip():
        raise ProfileError("Lim inn en tekst som skal sjekkes.")
    if len(text) > UploadLimits().max_paste_chars:
        raise ProfileError("Teksten er for lang. Sjekk en kortere tekst.")
    return text_coverage(text, _comparable(session, profile))


def sector_name(key: str | None) -> str:
    """Norwegian name of a sector key ("" when unknown)."""
    return SECTORS.get(key or "", "")


def published_profile(session: Session, profile: LanguageProfile) -> tuple[ProfileVersion, Profile]:
    """The newest published version as domain data (accepted entries only); ``NotFound`` if none."""
    from webapp.services.published import version_to_domain

    version = latest_published(session, profile)
    if version is None:
        raise NotFound(f"published version of profile {profile.id}")
    return version, version_to_domain(session, version)


def published_pdf(
    session: Session, profile: LanguageProfile, *, today: dt.date | None = None
) -> bytes:
    """The mentors' A4 phrase sheet of the newest published version."""
    _version, domain = published_profile(session, profile)
    return profile_to_pdf(domain, today=today)


def get_visible_profile(session: Session, profile_id: int) -> LanguageProfile:
    """The profile row (access is decided by the caller's row rule)."""
    profile = session.get(LanguageProfile, profile_id)
    if profile is None:
        raise NotFound(f"language profile {profile_id}")
    return profile
