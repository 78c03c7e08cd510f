"""Employer language profiles: sources, versions (draft → published), curated terms and phrases.

A profile belongs to an employer (or to the organisation, when started from a sector profile
and not yet tied to an employer).  Each build or curation round lives in a ``ProfileVersion``;
participants and mentors only ever see a version whose status is ``published``.  Editing after
publishing makes a new draft that starts as a copy of the published version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db_types import utcnow
from webapp.extensions import db
from webapp.models.employer import Employer

VERSION_STATUSES: tuple[str, ...] = ("draft", "published", "archived")
ENTRY_STATUSES: tuple[str, ...] = ("proposed", "accepted", "rejected")
ENTRY_ORIGINS: tuple[str, ...] = ("built", "teacher", "mentor", "starter")


class LanguageProfile(db.Model):  # type: ignore[name-defined,misc]
    """A named language profile ("IKEA Furuset – lager")."""

    __tablename__ = "language_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(100))
    starter_sector: Mapped[str | None] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The newest build job (``BackgroundJob``), for the progress bar.
    build_job_id: Mapped[int | None] = mapped_column(
        ForeignKey("background_jobs.id", ondelete="SET NULL"), default=None
    )

    employer: Mapped[Employer | None] = relationship()


class ProfileSource(db.Model):  # type: ignore[name-defined,misc]
    """One uploaded file or pasted text; ``text`` is stored only after scrubbing personal data."""

    __tablename__ = "profile_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("language_profiles.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(20), default="upload")  # upload | paste
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(default=0)
    text: Mapped[str | None] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default="ok")  # ok | error
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    profile: Mapped[LanguageProfile] = relationship()


class ProfileVersion(db.Model):  # type: ignore[name-defined,misc]
    """One version of a profile.  At most one draft per profile; published versions are frozen."""

    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("profile_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("language_profiles.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    #: ``language_profiles.profile.ProfileVersions`` as a dict: schema, spaCy, model, dictionary.
    nlp_versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    built_at: Mapped[dt.datetime | None]
    published_at: Mapped[dt.datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    profile: Mapped[LanguageProfile] = relationship()


class ProfileTerm(db.Model):  # type: ignore[name-defined,misc]
    """A term in one profile version, with what the analysis found and what the teacher decided."""

    __tablename__ = "profile_terms"
    __table_args__ = (
        UniqueConstraint("version_id", "lemma", "pos"),
        Index("ix_profile_terms_version_rank", "version_id", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("profile_versions.id", ondelete="CASCADE"), index=True
    )
    lemma: Mapped[str] = mapped_column(String(200))
    pos: Mapped[str] = mapped_column(String(10))
    articles: Mapped[list[str]] = mapped_column(JSON, default=list)
    forms: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    compound_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    definition: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)
    documents: Mapped[int] = mapped_column(default=0)
    keyness: Mapped[float] = mapped_column(default=0.0)
    level: Mapped[str] = mapped_column(String(4), default="B1")
    examples: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(default=0.0)
    rank: Mapped[int] = mapped_column(default=0)
    is_multiword: Mapped[bool] = mapped_column(default=False)
    safety: Mapped[bool] = mapped_column(default=False)
    safety_suggested: Mapped[bool] = mapped_column(default=False)
    theme: Mapped[str | None] = mapped_column(String(100))
    gloss: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # The teacher wrote ``definition`` (else it is the dictionary's): practice shows it whole.
    definition_by_teacher: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    origin: Mapped[str] = mapped_column(String(20), default="built")
    #: Variants merged into this term (their lemmas), kept for the teacher's overview.
    merged_variants: Mapped[list[str]] = mapped_column(JSON, default=list)

    version: Mapped[ProfileVersion] = relationship()


class ProfilePhrase(db.Model):  # type: ignore[name-defined,misc]
    """A recurrent useful sentence in one profile version."""

    __tablename__ = "profile_phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("profile_versions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)
    documents: Mapped[int] = mapped_column(default=0)
    examples: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(default=0.0)
    rank: Mapped[int] = mapped_column(default=0)
    safety: Mapped[bool] = mapped_column(default=False)
    theme: Mapped[str | None] = mapped_column(String(100))
    situation: Mapped[str | None] = mapped_column(Text)
    gloss: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    origin: Mapped[str] = mapped_column(String(20), default="built")
    #: Mentor marked it "we say this every day".
    daily_use: Mapped[bool] = mapped_column(default=False)

    version: Mapped[ProfileVersion] = relationship()
