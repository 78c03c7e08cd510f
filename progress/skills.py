"""The four skills Norskprøven tests, and which answers are evidence for which skill."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from progress.errors import UnknownEvidenceKindError, UnknownSkillError

LISTENING = "listening"
READING = "reading"
WRITING = "writing"
ORAL = "oral"

#: The four skills, in the order Norskprøven lists them.
SKILLS: tuple[str, ...] = (LISTENING, READING, WRITING, ORAL)

#: Norwegian names shown to users.
SKILL_NAMES_NB: Mapping[str, str] = MappingProxyType(
    {LISTENING: "lytting", READING: "lesing", WRITING: "skriving", ORAL: "muntlig"}
)

#: Evidence kind -> skills it is evidence for.  Dictation is evidence for both
#: listening (you must hear it) and writing (you must spell it).
EVIDENCE_SKILLS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "listening": (LISTENING,),
        "dictation": (LISTENING, WRITING),
        "cloze": (READING,),
        "meaning": (READING,),
        "reading": (READING,),
        "typed": (WRITING,),
        "application": (WRITING,),
        "interview": (ORAL,),
        "situation": (ORAL,),
    }
)

#: Other spellings of the evidence kinds that callers may use.
KIND_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "listen": "listening",
        "lytting": "listening",
        "diktat": "dictation",
        "reading_item": "reading",
        "lesing": "reading",
        "typed_answer": "typed",
        "job_application": "application",
        "soknad": "application",
        "søknad": "application",
        "spoken_interview": "interview",
        "intervju": "interview",
        "situation_answer": "situation",
        "situasjon": "situation",
    }
)


def normalize_kind(kind: str) -> str:
    """Return the canonical evidence kind for ``kind`` (aliases resolved, case-insensitive)."""
    key = kind.strip().lower()
    key = KIND_ALIASES.get(key, key)
    if key not in EVIDENCE_SKILLS:
        raise UnknownEvidenceKindError(f"unknown evidence kind: {kind!r}")
    return key


def skills_for(kind: str) -> tuple[str, ...]:
    """Return the skills an answer of this kind is evidence for."""
    return EVIDENCE_SKILLS[normalize_kind(kind)]


def kinds_for(skill: str) -> tuple[str, ...]:
    """Return the canonical evidence kinds that count for ``skill``."""
    check_skill(skill)
    return tuple(k for k, skills in EVIDENCE_SKILLS.items() if skill in skills)


def check_skill(skill: str) -> str:
    """Return ``skill`` unchanged, or raise ``UnknownSkillError``."""
    if skill not in SKILLS:
        raise UnknownSkillError(f"unknown skill: {skill!r} (expected one of {SKILLS})")
    return skill


def skill_name_nb(skill: str) -> str:
    """Return the Norwegian name of a skill ("lytting", "lesing", ...)."""
    return SKILL_NAMES_NB[check_skill(skill)]
