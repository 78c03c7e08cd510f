"""Every endpoint × every actor: allowed or denied, by role and by row (issue 2).

HOW TO ADD A ROUTE: declare its rule with ``@require(...)``/``@public`` on the view, then add
one line to ``EXPECTED`` (which actors may call it on the rows of ``World``).  If the URL has a
new argument name, add it to ``ROW_ARGS`` (the row in organisation A that belongs to actor
``participant`` / ``mentor``) and create that row in ``build_world``.  An endpoint missing from
``EXPECTED`` fails the test.

GET is used when the endpoint allows it, otherwise POST with an empty form (CSRF is off in tests).
"Allowed" = not 403/404 and no redirect to the login page.  "Denied" = 403 or 404 for logged-in
actors, a redirect to the login page for anonymous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from tests import factories
from webapp import create_app
from webapp.access import rules
from webapp.extensions import db
from webapp.models import Role
from webapp.services.accounts import issue_invite

ACTORS = (
    "anonymous",
    "participant",  # P1: owns the rows below
    "other_participant",  # P2: same organisation, not the owner
    "teacher",  # teacher of organisation A
    "other_org_teacher",  # teacher of organisation B
    "mentor",  # mentor of P1's placement
    "other_mentor",  # mentor in organisation A at another employer
    "admin",  # admin of organisation A
)

EVERYONE = frozenset(ACTORS)
LOGGED_IN = EVERYONE - {"anonymous"}
PARTICIPANTS = frozenset({"participant", "other_participant"})
MENTORS = frozenset({"mentor", "other_mentor"})
STAFF_ANY_ORG = frozenset({"teacher", "admin", "other_org_teacher"})  # no row in the URL
STAFF_OWN_ORG = frozenset({"teacher", "admin"})  # a row of organisation A in the URL
ADMIN = frozenset({"admin"})

#: endpoint -> actors allowed on the rows of ``World`` (organisation A).
EXPECTED: dict[str, frozenset[str]] = {
    "main.index": EVERYONE,
    "main.about": EVERYONE,
    "main.home": PARTICIPANTS,
    "auth.login": EVERYONE,
    "auth.logout": LOGGED_IN,
    "auth.redeem_start": EVERYONE,
    "auth.redeem": EVERYONE,
    "auth.change_password": LOGGED_IN,
    "admin.index": ADMIN,
    "admin.add_teacher": ADMIN,
    "admin.invite_user": ADMIN,
    "classes.index": STAFF_ANY_ORG,
    "classes.new": STAFF_ANY_ORG,
    "classes.detail": STAFF_OWN_ORG,
    "classes.import_csv": STAFF_OWN_ORG,
    "classes.enrol": STAFF_OWN_ORG,
    "classes.leave": STAFF_OWN_ORG,
    "classes.invites": STAFF_OWN_ORG,
    "participants.index": STAFF_ANY_ORG,
    "participants.new": STAFF_ANY_ORG,
    "participants.detail": STAFF_OWN_ORG,
    "participants.invite": STAFF_OWN_ORG,
    "participants.export": STAFF_OWN_ORG,
    "participants.delete": STAFF_OWN_ORG,
    "employers.index": STAFF_ANY_ORG,
    "employers.new": STAFF_ANY_ORG,
    "employers.detail": STAFF_OWN_ORG,
    "employers.add_workplace": STAFF_OWN_ORG,
    "employers.add_mentor": STAFF_OWN_ORG,
    "employers.invite_mentor": STAFF_OWN_ORG,
    "placements.new": STAFF_ANY_ORG,
    "placements.edit": STAFF_OWN_ORG,
    "me.index": PARTICIPANTS,
    "me.export": PARTICIPANTS,
    "mentor.index": MENTORS,
    "mentor.participant": frozenset({"mentor"}),
    "mentor.note": frozenset({"mentor"}),
    "mentor.phrases": MENTORS,
    "mentor.daily_use": MENTORS,
    "mentor.suggest": MENTORS,
    "mentor.upload_recording": MENTORS,
    "mentor.delete_recording": MENTORS,
    "mentor.phrase_sheet": MENTORS,
    "practice.index": PARTICIPANTS,
    "practice.settings": STAFF_OWN_ORG,
    "practice.service_worker": EVERYONE,
    "practice.manifest": EVERYONE,
    "practice.audio": LOGGED_IN,
    "api.session": PARTICIPANTS,
    "api.answers": PARTICIPANTS,
    "api.hello": EVERYONE,
    "api.openapi": EVERYONE,
    "interviews.index": PARTICIPANTS,
    "interviews.start": PARTICIPANTS,
    "interviews.run": frozenset({"participant"}),
    "interviews.answer": frozenset({"participant"}),
    "interviews.finish": frozenset({"participant"}),
    "interviews.result": frozenset({"participant"}) | STAFF_OWN_ORG,
    "interviews.feedback": frozenset({"participant"}) | STAFF_OWN_ORG,
    "interviews.teacher": STAFF_ANY_ORG,
    "interviews.scenario_new": STAFF_ANY_ORG,
    "interviews.scenario_edit": STAFF_OWN_ORG,
    "interviews.assign": STAFF_ANY_ORG,
    "interviews.participant": STAFF_OWN_ORG,
    "interviews.class_errors": STAFF_OWN_ORG,
    "applications.index": PARTICIPANTS,
    "applications.new": PARTICIPANTS,
    "applications.draft": frozenset({"participant"}) | STAFF_OWN_ORG,
    "applications.save": frozenset({"participant"}),
    "applications.version": frozenset({"participant"}) | STAFF_OWN_ORG,
    "applications.comment": STAFF_OWN_ORG,
    "applications.assign": STAFF_OWN_ORG,
    "progress.index": PARTICIPANTS,
    "progress.mapping": PARTICIPANTS,
    "progress.mapping_background": PARTICIPANTS,
    "progress.mapping_answer": PARTICIPANTS,
    "progress.mapping_skip": PARTICIPANTS,
    "progress.classes": STAFF_ANY_ORG,
    "progress.class_dashboard": STAFF_OWN_ORG,
    "progress.thresholds": STAFF_OWN_ORG,
    "progress.participant": STAFF_OWN_ORG,
    "progress.targets": STAFF_OWN_ORG,
    "progress.correct_mapping": STAFF_OWN_ORG,
    "progress.note_to_draft": STAFF_OWN_ORG,
    "progress.record_outcome": STAFF_OWN_ORG,
    "progress.employer_requirement": STAFF_OWN_ORG,
    "progress.outcomes": STAFF_ANY_ORG,
    "progress.outcomes_csv": STAFF_ANY_ORG,
    "profiles.index": STAFF_ANY_ORG,
    "profiles.employer": STAFF_OWN_ORG,
    "profiles.new": STAFF_ANY_ORG,
    "profiles.detail": STAFF_OWN_ORG,
    "profiles.rename": STAFF_OWN_ORG,
    "profiles.upload": STAFF_OWN_ORG,
    "profiles.paste": STAFF_OWN_ORG,
    "profiles.delete_source": STAFF_OWN_ORG,
    "profiles.build": STAFF_OWN_ORG,
    "profiles.build_status": STAFF_OWN_ORG,
    "profiles.publish": STAFF_OWN_ORG,
    "profiles.terms": STAFF_OWN_ORG,
    "profiles.bulk_terms": STAFF_OWN_ORG,
    "profiles.merge": STAFF_OWN_ORG,
    "profiles.confirm_safety": STAFF_OWN_ORG,
    "profiles.add_term": STAFF_OWN_ORG,
    "profiles.edit_term": STAFF_OWN_ORG,
    "profiles.phrases": STAFF_OWN_ORG,
    "profiles.bulk_phrases": STAFF_OWN_ORG,
    "profiles.add_phrase": STAFF_OWN_ORG,
    "profiles.edit_phrase": STAFF_OWN_ORG,
    "profiles.export_csv": STAFF_OWN_ORG,
    "profiles.export_anki": STAFF_OWN_ORG,
    "profiles.export_pdf": STAFF_OWN_ORG,
    "profiles.import_csv": STAFF_OWN_ORG,
    "profiles.compare": STAFF_OWN_ORG,
    "profiles.check_text": STAFF_OWN_ORG,
    # Published profile of P1's placement employer: its mentor and participant may read it.
    "profiles.published": STAFF_OWN_ORG | {"mentor", "participant"},
    "profiles.published_pdf": STAFF_OWN_ORG | {"mentor", "participant"},
    "ops.healthz": EVERYONE,
}


@dataclass
class World:
    """Ids of the rows every case runs against, and the user id of each actor."""

    users: dict[str, int]
    class_id: int
    participant_id: int
    employer_id: int
    placement_id: int
    mentor_id: int
    staff_user_id: int
    invite_code: str
    interview: dict[str, int]  # P1's interview and application rows, org A's scenario
    profile: dict[str, int] | None = None  # the published profile of P1's employer


#: URL argument name -> the row of organisation A it is filled with.
ROW_ARGS: dict[str, Callable[[World], object]] = {
    "class_id": lambda w: w.class_id,
    "participant_id": lambda w: w.participant_id,
    "employer_id": lambda w: w.employer_id,
    "placement_id": lambda w: w.placement_id,
    "mentor_id": lambda w: w.mentor_id,
    "user_id": lambda w: w.staff_user_id,
    "code": lambda w: w.invite_code,
    # A signed audio token (needs the request context the URLs are built in).
    "token": lambda w: _speech_token("hylle"),
    "session_id": lambda w: w.interview["session_id"],
    "answer_id": lambda w: w.interview["answer_id"],
    "scenario_id": lambda w: w.interview["scenario_id"],
    "draft_id": lambda w: w.interview["draft_id"],
    "version_id": lambda w: w.interview["version_id"],
    "profile_id": lambda w: (w.profile or {})["profile_id"],
    "term_id": lambda w: (w.profile or {})["term_id"],
    "phrase_id": lambda w: (w.profile or {})["phrase_id"],
}


def _speech_token(text: str) -> str:
    from webapp.practice.media import speech_token

    return speech_token(text)


def build_world(app: Flask) -> World:
    with app.app_context():
        s = db.session
        org_a = factories.make_organisation(s, name="Skole A")
        org_b = factories.make_organisation(s, name="Skole B")
        teacher = factories.make_user(s, org_a, role=Role.TEACHER)
        admin = factories.make_user(s, org_a, role=Role.ADMIN)
        other_org_teacher = factories.make_user(s, org_b, role=Role.TEACHER)
        p1 = factories.make_participant(s, org_a, full_name="Amina Yusuf")
        p2 = factories.make_participant(s, org_a, full_name="Olena Kovalenko")
        newcomer = factories.make_participant(
            s, org_a, full_name="Yonas Tesfamariam", with_password=False
        )
        kull = factories.make_class(s, org_a)
        from webapp.services.classes import enrol

        enrol(s, kull, p1, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org_a, name="Nordlager AS")
        other_employer = factories.make_employer(s, org_a, name="Furuly sykehjem")
        mentor = factories.make_mentor(s, org_a, employer)
        other_mentor = factories.make_mentor(s, org_a, other_employer)
        placement = factories.make_placement(s, p1, employer, mentor=mentor)
        code = issue_invite(s, newcomer.user)
        interview = _interview_rows(s, p1, org_a)
        profile = _profile_rows(s, employer)
        s.commit()
        return World(
            users={
                "participant": p1.user_id,
                "other_participant": p2.user_id,
                "teacher": teacher.id,
                "other_org_teacher": other_org_teacher.id,
                "mentor": mentor.user_id,
                "other_mentor": other_mentor.user_id,
                "admin": admin.id,
            },
            class_id=kull.id,
            participant_id=p1.id,
            employer_id=employer.id,
            placement_id=placement.id,
            mentor_id=mentor.id,
            staff_user_id=teacher.id,
            invite_code=code,
            interview=interview,
            profile=profile,
        )


def _profile_rows(s: Any, employer: Any) -> dict[str, int]:
    """A published language profile of P1's employer, with one of its terms and phrases."""
    from sqlalchemy import select

    from webapp.models import ProfilePhrase, ProfileTerm

    version = factories.make_published_profile(s, employer)
    term_id = s.scalar(select(ProfileTerm.id).where(ProfileTerm.version_id == version.id))
    phrase_id = s.scalar(select(ProfilePhrase.id).where(ProfilePhrase.version_id == version.id))
    return {"profile_id": version.profile_id, "term_id": term_id, "phrase_id": phrase_id}


def _interview_rows(s: Any, participant: Any, organisation: Any) -> dict[str, int]:
    """P1's interview session with one answer, a scenario of org A, P1's application version."""
    from webapp.models import (
        ApplicationDraft,
        ApplicationVersion,
        InterviewAnswer,
        InterviewScenario,
        InterviewSession,
    )

    turn = {"id": "t1", "prompt": "Når kan du begynne?", "model_answers": {"A2": "Nå."}}
    turns = [turn, dict(turn, id="t2")]
    data = {"id": "x", "title": "Første dag", "kind": "workplace", "turns": turns}
    scenario = InterviewScenario(
        organisation_id=organisation.id, title="Første dag", kind="workplace", data=data
    )
    run = InterviewSession(
        participant_id=participant.id, scenario_key="intervju", title="Jobbintervju",
        kind="interview", mode="practice", scenario=data,
    )
    draft = ApplicationDraft(participant_id=participant.id, title="Søknad", ad_source="pasted")
    s.add_all([scenario, run, draft])
    s.flush()
    answer = InterviewAnswer(
        session_id=run.id, participant_id=participant.id, client_id="c1", turn_index=0,
        turn_id="t1", prompt="Når kan du begynne?", text="Jeg kan begynne i morgen.",
        feedback={"text": "Jeg kan begynne i morgen.", "problems": []},
    )
    version = ApplicationVersion(draft_id=draft.id, number=1, text="Hei", feedback={})
    s.add_all([answer, version])
    s.flush()
    return {
        "session_id": run.id, "answer_id": answer.id, "scenario_id": scenario.id,
        "draft_id": draft.id, "version_id": version.id,
    }


def _all_endpoints() -> list[tuple[str, str, frozenset[str]]]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        out.append((rule.endpoint, method, frozenset(rule.arguments)))
    return sorted(out)


ENDPOINTS = _all_endpoints()


def test_every_endpoint_has_a_rule_and_an_expectation() -> None:
    app = create_app({"TESTING": False, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    missing_rule = sorted(ep for ep, rule in rules(app).items() if rule is None)
    assert missing_rule == [], "add @require(...) or @public to these views"
    missing_expectation = sorted({ep for ep, _m, _a in ENDPOINTS} - set(EXPECTED))
    assert missing_expectation == [], "add these endpoints to EXPECTED in test_access_matrix.py"
    stale = sorted(set(EXPECTED) - {ep for ep, _m, _a in ENDPOINTS})
    assert stale == [], "these EXPECTED entries have no route any more"
    unknown_args = sorted({a for _e, _m, args in ENDPOINTS for a in args} - set(ROW_ARGS))
    assert unknown_args == [], "add these URL arguments to ROW_ARGS"


def test_missing_rule_is_refused_at_runtime() -> None:
    app = create_app({"TESTING": False, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    app.add_url_rule("/uten-regel", "no_rule", lambda: "secret")
    assert app.test_client().get("/uten-regel").status_code == 403


def _cases() -> list[tuple[str, str, frozenset[str], tuple[str, ...]]]:
    """GET: one case per endpoint (all actors, one world); POST: one per actor (fresh world)."""
    cases = []
    for endpoint, method, args in ENDPOINTS:
        if method == "GET":
            cases.append((endpoint, method, args, ACTORS))
        else:
            cases += [(endpoint, method, args, (actor,)) for actor in ACTORS]
    return cases


CASES = _cases()


@pytest.mark.parametrize(
    ("endpoint", "method", "args", "actors"),
    CASES,
    ids=[f"{e}-{a[0] if len(a) == 1 else 'all'}" for e, _m, _x, a in CASES],
)
def test_access(
    app: Flask, endpoint: str, method: str, args: frozenset[str], actors: tuple[str, ...]
) -> None:
    from flask import url_for

    from tests.conftest import AuthActions

    if endpoint not in EXPECTED:
        pytest.fail(f"{endpoint}: declare who may call it in EXPECTED (test_access_matrix.py)")
    missing_args = sorted(args - set(ROW_ARGS))
    if missing_args:
        pytest.fail(f"{endpoint}: add URL argument(s) {missing_args} to ROW_ARGS and build_world")
    world = build_world(app)
    with app.test_request_context():
        url = url_for(endpoint, **{name: ROW_ARGS[name](world) for name in args})
    allowed = EXPECTED[endpoint]
    failures = []
    for actor in actors:
        client = app.test_client()
        if actor != "anonymous":
            AuthActions(app, client).login_as(world.users[actor])
        response = client.open(url, method=method)
        # Flask-Login's refusal carries ?next=; a plain redirect to the login page (logout,
        # "/" for anonymous) is the allowed behaviour of those endpoints.
        to_login = response.status_code in (301, 302, 303) and "/logg-inn?next=" in (
            response.location or ""
        )
        status = f"{response.status_code} {response.location or ''}".strip()
        if response.status_code >= 500:
            failures.append(f"{actor}: server error {status}")
        elif actor in allowed and (to_login or response.status_code in (403, 404)):
            failures.append(f"{actor}: expected allowed, got {status}")
        elif actor not in allowed:
            # The JSON API answers an anonymous caller with 401 instead of a redirect.
            anonymous_denied = to_login or response.status_code == 401
            ok = anonymous_denied if actor == "anonymous" else response.status_code in (403, 404)
            if not ok:
                failures.append(f"{actor}: expected denied, got {status}")
    assert failures == [], f"{method} {url}"
