"""ORM models, one module per aggregate.  Import every model module here so Alembic sees it.

Later features: add ``webapp/models/<aggregate>.py`` and import its classes below.
"""

from __future__ import annotations

from webapp.models.classes import Enrolment, SchoolClass
from webapp.models.employer import Employer, Mentor, Placement, Workplace
from webapp.models.interview import (
    ApplicationComment,
    ApplicationDraft,
    ApplicationVersion,
    InterviewAnswer,
    InterviewScenario,
    InterviewSession,
    ScenarioAssignment,
)
from webapp.models.jobs import BackgroundJob
from webapp.models.organisation import Organisation
from webapp.models.participant import Participant
from webapp.models.practice import (
    Answer,
    CardState,
    GeneratedItems,
    MentorRecording,
    PracticeSettings,
)
from webapp.models.profile import (
    LanguageProfile,
    ProfilePhrase,
    ProfileSource,
    ProfileTerm,
    ProfileVersion,
)
from webapp.models.progress import (
    EmployerRequirement,
    EvidenceRecord,
    MappingRecord,
    ParticipantTarget,
    PhraseSuggestion,
    PlacementNote,
    ProgrammeOutcome,
    ProgressSnapshot,
    ReadinessSetting,
    SkillStateRow,
)
from webapp.models.user import Invite, LoginThrottle, Role, User

__all__ = [
    "EmployerRequirement",
    "EvidenceRecord",
    "MappingRecord",
    "ParticipantTarget",
    "PhraseSuggestion",
    "PlacementNote",
    "ProgrammeOutcome",
    "ProgressSnapshot",
    "ReadinessSetting",
    "SkillStateRow",
    "ApplicationComment",
    "ApplicationDraft",
    "ApplicationVersion",
    "InterviewAnswer",
    "InterviewScenario",
    "InterviewSession",
    "ScenarioAssignment",
    "Answer",
    "CardState",
    "GeneratedItems",
    "LanguageProfile",
    "MentorRecording",
    "PracticeSettings",
    "ProfilePhrase",
    "ProfileSource",
    "ProfileTerm",
    "ProfileVersion",
    "BackgroundJob",
    "Employer",
    "Enrolment",
    "Invite",
    "LoginThrottle",
    "Mentor",
    "Organisation",
    "Participant",
    "Placement",
    "Role",
    "SchoolClass",
    "User",
    "Workplace",
]
