"""A realistic Norwegian demo: a school, staff, a class of 12, three employers with mentors."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Employer, Organisation, Role, User, Workplace
from webapp.services import accounts, classes, employers, participants
from webapp.services.organisations import create_organisation

DEMO_PASSWORD = "demo-passord"  # noqa: S105 - documented demo login (docs/DEMO_LOGINS.md)


class DemoExists(RuntimeError):
    """The database already has data."""


#: (username, full name, first language, previous occupation, education, phone)
PARTICIPANTS: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("amina", "Amina Yusuf", "somali", "butikkmedarbeider", "grunnskole", "+47 912 34 567"),
    ("tesfay", "Tesfay Gebremedhin", "tigrinja", "sjåfør", "videregående skole", None),
    ("fatima", "Fatima Rahimi", "dari", "syerske", "grunnskole", "+47 934 56 789"),
    ("olena", "Olena Kovalenko", "ukrainsk", "regnskapsfører", "universitet", None),
    (
        "mohammed",
        "Mohammed Al-Hassan",
        "arabisk",
        "lagerarbeider",
        "videregående skole",
        "+47 945 67 890",
    ),
    ("hodan", "Hodan Abdi", "somali", "hjelpepleier", "videregående skole", None),
    ("yonas", "Yonas Tesfamariam", "tigrinja", "snekker", "fagutdanning", None),
    ("zahra", "Zahra Ahmadi", "dari", "lærer", "universitet", None),
    ("dmytro", "Dmytro Shevchenko", "ukrainsk", "elektriker", "fagutdanning", "+47 956 78 901"),
    ("layla", "Layla Haddad", "arabisk", "kokk", "grunnskole", None),
    ("lan", "Nguyen Thi Lan", "vietnamesisk", "frisør", "videregående skole", None),
    ("kwame", "Kwame Mensah", "engelsk", "bonde", "grunnskole", None),
)


def seed_demo(session: Session, *, today: dt.date | None = None) -> str:
    """Create the demo data in an empty database and return a summary.  The caller commits."""
    if session.scalar(select(Organisation.id).limit(1)) is not None:
        raise DemoExists("the database already has organisations")
    today = today or dt.date.today()
    password_hash = accounts.hash_secret(DEMO_PASSWORD)

    org = create_organisation(session, name="Oslo voksenopplæring Helsfyr", allow_pin=True)

    def account(role: Role, username: str, name: str) -> User:
        user = accounts.create_user(
            session, organisation=org, role=role, display_name=name, username=username
        )
        user.password_hash = password_hash
        return user

    account(Role.ADMIN, "rektor", "Ingrid Berg")
    account(Role.TEACHER, "hanne", "Hanne Lie")
    account(Role.TEACHER, "ola", "Ola Haugen")

    kull = classes.create_class(
        session,
        organisation_id=org.id,
        name="Hurtigspor høst",
        start_date=today - dt.timedelta(days=60),
    )
    people = {}
    for username, name, language, occupation, education, phone in PARTICIPANTS:
        data = participants.ParticipantData(
            full_name=name,
            phone=phone,
            first_language=language,
            previous_occupation=occupation,
            education=education,
        )
        person = participants.create_participant(session, org, data)
        person.user.username = username
        if username not in ("lan", "yonas"):  # these two have not opened their invite yet
            person.user.password_hash = password_hash
        joined = kull.start_date if username != "lan" else today - dt.timedelta(days=10)
        enrolment = classes.enrol(session, kull, person, joined_on=joined)
        if username == "kwame":
            enrolment.left_on = today - dt.timedelta(days=20)
        people[username] = person

    mobel = employers.create_employer(
        session,
        organisation_id=org.id,
        name="Møbelhuset Alna",
        sector="handel",
        address="Alnabruveien 12, Oslo",
    )
    lager = employers.create_employer(
        session,
        organisation_id=org.id,
        name="Nordlager AS",
        sector="lager",
        address="Berghagan 4, Langhus",
    )
    sykehjem = employers.create_employer(
        session,
        organisation_id=org.id,
        name="Furuly sykehjem",
        sector="helse",
        address="Furuveien 20, Oslo",
    )
    mobel_lager = employers.add_workplace(session, mobel, name="Lager og utlevering")
    employers.add_workplace(session, mobel, name="Butikken")
    plukk = employers.add_workplace(session, lager, name="Plukk og pakk")
    avd2 = employers.add_workplace(session, sykehjem, name="Avdeling 2 – langtidsopphold")

    mentors = {}
    for username, name, employer, workplace in (
        ("per", "Per Johansen", mobel, mobel_lager),
        ("sara", "Sara Nilsen", lager, plukk),
        ("bente", "Bente Olsen", sykehjem, avd2),
    ):
        mentor = employers.add_mentor(
            session, org, employer, display_name=name, workplace_id=workplace.id
        )
        mentor.user.username = username
        mentor.user.password_hash = password_hash
        mentors[username] = mentor

    plan: tuple[tuple[str, Employer, Workplace | None, str, str, str, int, int], ...] = (
        ("amina", mobel, mobel_lager, "per", "praksis", "active", -14, 60),
        ("fatima", mobel, None, "per", "classroom", "planned", 21, 90),
        ("mohammed", lager, plukk, "sara", "praksis", "active", -30, 45),
        ("tesfay", lager, plukk, "sara", "classroom", "planned", 14, 100),
        ("hodan", sykehjem, avd2, "bente", "classroom", "planned", 28, 120),
        ("layla", sykehjem, None, "bente", "praksis", "completed", -90, -5),
    )
    for username, employer, place, mentor_name, phase, status, start, end in plan:
        employers.save_placement(
            session,
            organisation_id=org.id,
            participant=people[username],
            employer=employer,
            workplace_id=place.id if place else None,
            mentor_id=mentors[mentor_name].id,
            phase=phase,
            status=status,
            planned_start=today + dt.timedelta(days=start),
            planned_end=today + dt.timedelta(days=end),
        )
    session.flush()
    return (
        f"{org.name}: 1 admin, 2 teachers, {len(people)} participants, 3 employers, "
        f"3 mentors, {len(plan)} placements"
    )
