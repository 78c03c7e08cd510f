"""One way to make a draft: concurrent draft creation and the mentor's missing words."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests import factories
from webapp.extensions import db
from webapp.models import LanguageProfile, Mentor, ProfileTerm, ProfileVersion
from webapp.services import mentor as mentor_svc
from webapp.services import profiles as svc

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _published(session: Session) -> tuple[LanguageProfile, Mentor, int]:
    org = factories.make_organisation(session)
    employer = factories.make_employer(session, org, name="Nordlager AS", sector="lager")
    mentor = factories.make_mentor(session, org, employer)
    participant = factories.make_participant(session, org)
    factories.make_placement(session, participant, employer, mentor=mentor)
    version = factories.make_published_profile(session, employer)
    profile = session.get(LanguageProfile, version.profile_id)
    assert profile is not None
    return profile, mentor, participant.id


def _drafts(session: Session, profile: LanguageProfile) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(ProfileVersion).where(
                ProfileVersion.profile_id == profile.id, ProfileVersion.status == "draft"
            )
        )
        or 0
    )


def test_a_draft_made_at_the_same_moment_is_reloaded(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile, _mentor, _pid = _published(session)
    other_request = svc.ensure_draft(session, profile)  # the request that won the race
    session.commit()
    # This request looked before the other one committed: it saw no draft and the old maximum.
    real_draft_version = svc.draft_version
    calls: list[int] = []

    def stale_draft_version(s: Session, p: LanguageProfile) -> Any:
        calls.append(1)
        return None if len(calls) == 1 else real_draft_version(s, p)

    monkeypatch.setattr(svc, "draft_version", stale_draft_version)
    monkeypatch.setattr(svc, "_next_number", lambda s, p: other_request.number)
    draft = svc.ensure_draft(session, profile)
    assert draft.id == other_request.id
    assert len(calls) == 2  # the IntegrityError was caught and the draft reloaded
    session.commit()  # the session is still usable
    assert _drafts(session, profile) == 1


@pytest.mark.postgres
def test_two_requests_make_a_draft_at_once_on_postgres(app: Flask) -> None:
    """B's insert waits for A's; A commits; B hits the unique key and reloads A's draft."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs PostgreSQL (DATABASE_URL=postgresql+psycopg://...)")
        profile_id = _published(db.session)[0].id
        db.session.commit()
        engine = db.engine
        a = Session(engine)
        a_draft = svc.ensure_draft(a, a.get(LanguageProfile, profile_id))  # flushed, not committed
        results: dict[str, int] = {}
        errors: list[BaseException] = []

        def request_b() -> None:
            b = Session(engine)
            try:
                results["b"] = svc.ensure_draft(b, b.get(LanguageProfile, profile_id)).id
                b.commit()
            except BaseException as e:  # surfaced below
                errors.append(e)
                b.rollback()
            finally:
                b.close()

        thread = threading.Thread(target=request_b)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "B should wait for A's insert"
        a.commit()
        a_id = a_draft.id
        a.close()
        thread.join(timeout=10)
        assert not errors, errors
        assert results["b"] == a_id
        check = Session(engine)
        assert _drafts(check, check.get(LanguageProfile, profile_id)) == 1
        check.close()


def test_mentor_words_go_through_the_profiles_service_and_the_dictionary(
    session: Session,
) -> None:
    profile, mentor, participant_id = _published(session)
    note = mentor_svc.save_note(
        session,
        mentor,
        participant_id,
        went_well="Han kommer tidlig hver dag.",
        challenges="Tall på plukklistene.",
        missing_words="jekketralle, pall, plukkliste",
        now=NOW,
    )
    added = mentor_svc.add_note_words_to_draft(
        session, note, ["jekketralle", "pall", "plukkliste"], now=NOW
    )
    assert added == ["jekketralle", "plukkliste"]  # "pall" is in the profile already
    assert _drafts(session, profile) == 1
    draft = svc.draft_version(session, profile)
    assert draft is not None and draft.number == 2
    terms = {t.lemma: t for t in svc.terms_of(session, draft)}
    assert {"hylle", "pall"} <= set(terms)  # copied from the published version
    jekketralle = terms["jekketralle"]
    assert jekketralle.pos == "NOUN"
    assert set(jekketralle.articles) == {"ei", "en"}
    assert "jekketralla" in jekketralle.forms["sg_def"]
    assert jekketralle.definition and "paller" in jekketralle.definition
    assert jekketralle.status == "proposed" and jekketralle.origin == "mentor"
    assert jekketralle.level
    # Not in the dictionary: the compound's head (liste) gives the article and forms.
    plukkliste = terms["plukkliste"]
    assert plukkliste.pos == "NOUN" and "ei" in plukkliste.articles
    assert plukkliste.status == "proposed"
    # A second time adds nothing and makes no second draft.
    again = mentor_svc.add_note_words_to_draft(session, note, ["jekketralle"], now=NOW)
    assert again == [] and _drafts(session, profile) == 1
    assert session.scalar(
        select(func.count()).select_from(ProfileTerm).where(
            ProfileTerm.version_id == draft.id, ProfileTerm.lemma == "jekketralle"
        )
    ) == 1
