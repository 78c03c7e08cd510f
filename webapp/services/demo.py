"""A realistic Norwegian demo of the whole product, made through the real services.

One school with staff and a class of 12; three employers with mentors and placements; a
published language profile per employer built from the workplace texts in ``webapp/demo_data/``
(one employer also has an edited draft); practice history, an interview with feedback, an
application draft with a teacher's comment, mapping results, a mentor note and an outcome.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from exercises.items import ExerciseItem
from language_profiles.builder import Source, build_profile
from progress.mapping import CheckState, next_item
from webapp.models import (
    Employer,
    LanguageProfile,
    Organisation,
    Participant,
    Role,
    User,
    Workplace,
)
from webapp.services import (
    accounts,
    applications,
    classes,
    employers,
    interviews,
    mapping,
    outcomes,
    participants,
    practice,
    profiles,
)
from webapp.services import mentor as mentor_service
from webapp.services import progress as progress_service  # also registers the practice hook
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


#: Demo employer folders in ``webapp/demo_data/`` → (employer name, profile name).
DEMO_DATA = Path(__file__).resolve().parent.parent / "demo_data"
PROFILES: tuple[tuple[str, str, str], ...] = (
    ("mobelhuset_alna", "Møbelhuset Alna", "Møbelhuset Alna – butikk og utlevering"),
    ("nordlager", "Nordlager AS", "Nordlager AS – lager"),
    ("furuly_sykehjem", "Furuly sykehjem", "Furuly sykehjem – pleie og omsorg"),
)
ACCEPT_TERMS = 40
#: Everyday words a teacher would not keep in a workplace profile.
GENERIC_WORDS = frozenset(
    (
        "bruke",
        "klokke",
        "spørre",
        "hjelpe",
        "skrive",
        "sette",
        "henge",
        "skje",
        "minutt",
        "sette på",
    )
)
ACCEPT_PHRASES = 10
#: Participants who have not opened their invite: no mapping, no history.
NOT_STARTED = ("lan", "yonas")
#: (username, days ago they practised, share of right answers)
PRACTICE: tuple[tuple[str, tuple[int, ...], float], ...] = (
    ("amina", (13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2, 1), 0.7),
    ("mohammed", (16, 14, 12, 9, 7, 6, 3, 2, 1), 0.65),
    ("hodan", (12, 11, 9, 8), 0.55),
)
#: How likely each participant is to know a real word in the mapping check.
MAPPING_SKILL = {
    "olena": 0.9, "zahra": 0.85, "dmytro": 0.6, "mohammed": 0.45, "hodan": 0.65,
    "tesfay": 0.55, "amina": 0.55, "layla": 0.45, "fatima": 0.4, "kwame": 0.5,
}  # fmt: skip


def _texts(folder: str) -> list[tuple[str, str]]:
    """(title, text) of each demo text: the first line is the title."""
    result = []
    for path in sorted((DEMO_DATA / folder).glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        result.append((title.strip(), body.strip()))
    return result


def _explanations(folder: str) -> dict[str, str]:
    """The teacher's plain explanations: ``word<TAB>explanation`` per line."""
    path = DEMO_DATA / folder / "ordforklaringer.tsv"
    if not path.exists():
        return {}
    pairs = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {word.strip(): text.strip() for word, text in (p for p in pairs if len(p) == 2)}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def _usable_phrase(text: str) -> bool:
    words = text.split()
    return 3 <= len(words) <= 14 and "…" not in text and not any(q in text for q in '«»"')


def seed_demo(session: Session, *, today: dt.date | None = None) -> str:
    """Create the demo data in an empty database and return a summary.  The caller commits."""
    if session.scalar(select(Organisation.id).limit(1)) is not None:
        raise DemoExists("the database already has organisations")
    real_now = dt.datetime.now(dt.UTC)
    today = today or real_now.date()
    now = real_now if today == real_now.date() else _at(today, 12)
    password_hash = accounts.hash_secret(DEMO_PASSWORD)

    org = create_organisation(session, name="Oslo voksenopplæring Helsfyr", allow_pin=True)

    def account(role: Role, username: str, name: str) -> User:
        user = accounts.create_user(
            session, organisation=org, role=role, display_name=name, username=username
        )
        user.password_hash = password_hash
        return user

    account(Role.ADMIN, "rektor", "Ingrid Berg")
    hanne = account(Role.TEACHER, "hanne", "Hanne Lie")
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

    by_name = {e.name: e for e in (mobel, lager, sykehjem)}
    published = _seed_profiles(session, org, by_name, teacher=hanne, today=today)
    answers = _seed_practice(session, people, today=today, now=now)
    _seed_mapping(session, people, teacher=hanne, today=today)
    _seed_interview(session, people["mohammed"], today=today)
    _seed_application(session, people["amina"], teacher=hanne, today=today)
    mentor_service.save_note(
        session,
        mentors["per"],
        people["amina"].id,
        went_well="Amina hilser fint på kundene og finner varene raskt på lageret.",
        challenges="Hun er usikker når kunder spør om leveringsdato. Vi øver på å si "
        "«Det skal jeg finne ut av».",
        missing_words="leveringsdato, kolli, reklamasjon",
        now=now,
    )
    outcomes.record_outcome(
        session,
        people["kwame"],
        category="midlertidig_jobb",
        exit_date=today - dt.timedelta(days=20),
        school_class=kull,
        site=outcomes.default_site(session, org.id),
        recorded_by_id=hanne.id,
        today=today,
    )
    session.flush()
    return (
        f"{org.name}: 1 admin, 2 teachers, {len(people)} participants, 3 employers, "
        f"3 mentors, {len(plan)} placements, {published} published profiles, "
        f"{answers} practice answers"
    )


def _seed_profiles(
    session: Session,
    org: Organisation,
    by_name: dict[str, Employer],
    *,
    teacher: User,
    today: dt.date,
) -> int:
    """Build, curate and publish a profile per employer; leave an edited draft for the first."""
    for index, (folder, employer_name, profile_name) in enumerate(PROFILES):
        employer = by_name[employer_name]
        profile = profiles.create_profile(
            session,
            organisation_id=org.id,
            name=profile_name,
            employer_id=employer.id,
            created_by_id=teacher.id,
        )
        for title, text in _texts(folder):
            profiles.add_paste(session, profile, text=text, title=title)
        sources = [
            Source(name=s.filename, text=s.text or "")
            for s in profiles.sources_of(session, profile)
            if s.status == "ok" and s.text
        ]
        built = build_profile(sources, name=profile.name, sector=profile.sector)
        draft = profiles.apply_build(session, profile, built, now=_at(today - dt.timedelta(30), 9))
        terms = profiles.terms_of(session, draft)
        generic = [t.id for t in terms[: ACCEPT_TERMS + 10] if t.lemma in GENERIC_WORDS]
        keep = [t.id for t in terms if t.lemma not in GENERIC_WORDS][:ACCEPT_TERMS]
        profiles.bulk_terms(session, profile, keep, action="accept")
        if generic:  # the teacher drops everyday words that are not about this workplace
            profiles.bulk_terms(session, profile, generic, action="reject")
        phrase_ids = [p.id for p in profiles.phrases_of(session, draft) if _usable_phrase(p.text)][
            :ACCEPT_PHRASES
        ]
        profiles.bulk_phrases(session, profile, phrase_ids, action="accept")
        profiles.confirm_safety_suggestions(session, profile)
        explanations = _explanations(folder)
        for term in profiles.terms_of(session, draft):
            if term.pos == "NOUN" and term.lemma in explanations:
                edit = profiles.TermEdit(definition=explanations[term.lemma])
                profiles.update_term(session, profile, term.id, edit)
        profiles.publish(
            session, profile, user_id=teacher.id, now=_at(today - dt.timedelta(28 - index), 10)
        )
    # The furniture store's teacher has started on the next version: a phrase, a definition,
    # one more word, one word dropped.
    first = session.scalar(
        select(LanguageProfile).where(LanguageProfile.employer_id == by_name[PROFILES[0][1]].id)
    )
    assert first is not None
    profiles.add_phrase(
        session,
        first,
        text="Det vet jeg ikke, men jeg skal finne ut av det.",
        situation="Når du ikke kan svare kunden",
        theme="kundeservice",
    )
    draft = profiles.ensure_draft(session, first)
    by_lemma = {t.lemma: t for t in profiles.terms_of(session, draft)}
    if "kvittering" in by_lemma:
        profiles.update_term(
            session,
            first,
            by_lemma["kvittering"].id,
            profiles.TermEdit(definition="papir eller e-post som viser hva kunden har betalt"),
        )
    proposed = [t.id for t in by_lemma.values() if t.status == "proposed"]
    if proposed:
        profiles.bulk_terms(session, first, proposed[:1], action="accept")
    dropped = [t.id for t in by_lemma.values() if t.lemma == "stemme" and t.status == "accepted"]
    if dropped:
        profiles.bulk_terms(session, first, dropped, action="reject")
    session.flush()
    return len(PROFILES)


def _response(item: ExerciseItem, *, right: bool, rng: random.Random) -> str:
    """A plausible answer: the expected one, or a wrong option / a typical wrong word."""
    if item.check_kind == "self":
        return "kan_det" if right else "igjen"
    if right and item.accepted:
        return item.accepted[0]
    wrong = [o for o in item.options if o not in item.accepted]
    if wrong:
        return rng.choice(wrong)
    return "vet ikke"


def _seed_practice(
    session: Session, people: dict[str, Participant], *, today: dt.date, now: dt.datetime
) -> int:
    """Past practice sessions answered through the practice service (FSRS, streaks, skills)."""
    stored = 0
    for username, days, share in PRACTICE:
        rng = random.Random(f"demo-practice-{username}")  # noqa: S311 - demo data
        person = people[username]
        for days_ago in sorted(days, reverse=True):
            start = _at(today - dt.timedelta(days=days_ago), 15, rng.randrange(0, 50))
            view = practice.next_session(session, person.id, now=start)
            if view.status != "ok":
                break
            batch = []
            for n, entry in enumerate(view.items):
                answered = start + dt.timedelta(seconds=25 * (n + 1))
                batch.append(
                    practice.AnswerIn(
                        client_id=str(uuid.UUID(int=rng.getrandbits(128))),
                        item_id=entry.item.id,
                        response=_response(entry.item, right=rng.random() < share, rng=rng),
                        answered_at=answered,
                        duration_ms=rng.randrange(4000, 20000),
                    )
                )
            done = start + dt.timedelta(seconds=25 * (len(batch) + 1))
            for result in practice.submit_answers(session, person.id, batch, now=done):
                stored += result.status == "stored"
            # The day's snapshot for the trend, as it looked when the session ended.
            progress_service.participant_progress(session, person.id, now=done)
        progress_service.participant_progress(session, person.id, now=now)
    session.flush()
    return stored


def _seed_mapping(
    session: Session, people: dict[str, Participant], *, teacher: User, today: dt.date
) -> None:
    """Background and vocabulary check for everyone who has logged in."""
    for username, person in people.items():
        if username in NOT_STARTED:
            continue
        rng = random.Random(f"demo-mapping-{username}")  # noqa: S311 - demo data
        started = _at(today - dt.timedelta(days=55), 9, rng.randrange(0, 50))
        row = mapping.save_background(
            session,
            person,
            languages=[person.first_language or "", "engelsk"],
            education=person.education,
            previous_occupation=person.previous_occupation,
            wanted_work=None,
            now=started,
        )
        skill = MAPPING_SKILL.get(username, 0.5)
        step = 0
        while row.status == "started":
            item = next_item(CheckState.from_dict(row.check_state))
            if item is None:
                break
            knows = (not item.is_pseudo and rng.random() < skill) or (
                item.is_pseudo and rng.random() < 0.1
            )
            step += 1
            row = mapping.answer_word(
                session,
                row,
                word=item.word,
                knows=knows,
                now=started + dt.timedelta(seconds=6 * step),
            )
    # The teacher knows Layla better than the check did.
    mapping.correct_mapping(
        session,
        people["layla"],
        level="A2",
        sectors=["helse", "renhold"],
        note="Har jobbet som kokk; trives med mennesker. Vil gjerne jobbe på sykehjem.",
        user_id=teacher.id,
        now=_at(today - dt.timedelta(days=50), 13),
    )


#: Mohammed's opening answer, in his own words (with the word-order slips the feedback explains).
_ABOUT_ME = (
    "Jeg heter Mohammed og jeg kommer fra Syria. Jeg har bodd i Norge i tre år. "
    "I Syria jeg jobbet på et lager i fem år. Nå er jeg i praksis på Nordlager, "
    "og jeg liker å jobbe med plukk og pakk."
)


def _seed_interview(session: Session, person: Participant, *, today: dt.date) -> None:
    """A finished practice interview with feedback on every answer."""
    start = _at(today - dt.timedelta(days=2), 16)
    row = interviews.start_session(
        session, person.id, interviews.INTERVIEW_KEY, mode="practice", now=start
    )
    scenario = interviews.session_scenario(row)
    for index, turn in enumerate(scenario.turns):
        if turn.id == "om_deg_selv":
            text = _ABOUT_ME
        else:
            text = turn.model_answers.get("A2") or next(iter(turn.model_answers.values()), "")
            text = text or "Ja, det har jeg erfaring med."
        interviews.submit_answer(
            session,
            row,
            turn_index=index,
            text=text,
            spoken=index % 2 == 1,
            client_id=f"demo-interview-{index}",
            now=start + dt.timedelta(minutes=2 * (index + 1)),
        )
    interviews.finish_session(session, row, now=start + dt.timedelta(minutes=15))


_LETTER = "\n\n".join(
    (
        "Hei!",
        "Jeg søker på jobben som butikkmedarbeider hos Møbelhuset Alna.",
        "Jeg har vært i praksis hos dere i to uker. Jeg jobber på lageret og i "
        "vareutleveringen. Jeg liker å hjelpe kundene og jeg er nøyaktig. I Somalia jeg jobbet "
        "i en butikk i fire år, så jeg kjenner kasse og kundeservice.",
        "Jeg er flink til å samarbeide og jeg kommer alltid tidlig. Jeg lærer norsk hver dag.",
        "Med vennlig hilsen\nAmina",
    )
)


def _seed_application(
    session: Session, person: Participant, *, teacher: User, today: dt.date
) -> None:
    """An application draft for the placement employer, checked, with the teacher's comment."""
    written = _at(today - dt.timedelta(days=3), 18)
    draft = applications.create_draft(session, person.id, source="profile", now=written)
    version = applications.save_version(session, draft, _LETTER, now=written)
    applications.add_comment(
        session,
        version,
        author=teacher,
        text="Fin start, Amina! Skriv litt mer om hva du har lært i praksis, for eksempel om "
        "vareutlevering. Se også på ordstillingen i setningen som begynner med «I Somalia».",
        now=written + dt.timedelta(hours=15),
    )
