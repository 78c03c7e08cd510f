"""The profile use cases against a real database, with hand-made builder output (no NLP model)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from language_profiles.profile import Phrase, Profile, Term
from tests import factories
from webapp.models import ProfileSource
from webapp.services import profiles as svc
from webapp.services.errors import NotFound
from webapp.services.published import published_for_employer


def _built(*lemmas: str, phrases: tuple[str, ...] = ()) -> Profile:
    return Profile(
        name="Nordlager",
        terms=tuple(
            Term(
                lemma=lemma,
                pos="NOUN",
                articles=("en",),
                count=10 - i,
                documents=2,
                safety=lemma in {"vernesko", "nødutgang"},
                theme="HMS" if lemma in {"vernesko", "nødutgang"} else "Lager",
                examples=(f"Her er {lemma}.",),
            )
            for i, lemma in enumerate(lemmas)
        ),
        phrases=tuple(Phrase(text=text, count=2, documents=2) for text in phrases),
        stats={"words": 100},
    )


@pytest.fixture
def setup(session: Session) -> dict[str, Any]:
    org = factories.make_organisation(session)
    other_org = factories.make_organisation(session, name="Skole B")
    employer = factories.make_employer(session, org, name="Nordlager AS", sector="lager")
    teacher = factories.make_user(session, org)
    profile = svc.create_profile(
        session, organisation_id=org.id, name="Nordlager – lager", employer_id=employer.id
    )
    session.commit()
    return {
        "org": org,
        "other_org": other_org,
        "employer": employer,
        "teacher": teacher,
        "profile": profile,
    }


def _terms(session: Session, profile: Any) -> dict[str, Any]:
    draft = svc.draft_version(session, profile)
    assert draft is not None
    return {t.lemma: t for t in svc.terms_of(session, draft)}


def test_build_result_becomes_the_draft_in_rank_order(session: Session, setup: Any) -> None:
    profile = setup["profile"]
    assert setup["employer"].sector == "lager" and profile.sector == "lager"
    draft = svc.apply_build(session, profile, _built("vernesko", "truck", "hylle"))
    terms = svc.terms_of(session, draft)
    assert [t.lemma for t in terms] == ["vernesko", "truck", "hylle"]
    assert [t.rank for t in terms] == [0, 1, 2]
    assert all(t.status == "proposed" and t.origin == "built" for t in terms)
    # A suggested safety mark is not a confirmed one.
    assert terms[0].safety_suggested and not terms[0].safety
    assert draft.stats == {"words": 100} and draft.built_at is not None


def test_rebuild_carries_teacher_work_over_by_lemma_and_pos(session: Session, setup: Any) -> None:
    profile = setup["profile"]
    svc.apply_build(
        session, profile, _built("vernesko", "truck", "hylle", "lapp", phrases=("Husk vernesko.",))
    )
    t = _terms(session, profile)
    svc.bulk_terms(session, profile, [t["vernesko"].id], action="accept")
    svc.bulk_terms(session, profile, [t["vernesko"].id], action="safety_on")
    svc.bulk_terms(session, profile, [t["lapp"].id], action="reject")
    svc.update_term(
        session,
        profile,
        t["truck"].id,
        svc.TermEdit(
            gloss={"en": "forklift", "xx": "ignored"},
            definition="Kjøretøy på lageret.",
            theme="Kjøring",
        ),
    )
    svc.merge_terms(session, profile, keep_id=t["hylle"].id, merge_id=t["lapp"].id)
    phrase = svc.phrases_of(session, svc.draft_version(session, profile))[0]  # type: ignore[arg-type]
    svc.bulk_phrases(session, profile, [phrase.id], action="accept")
    svc.add_phrase(session, profile, text="Hvor står pallene? Ring 22 33 44 55.")
    session.commit()

    svc.apply_build(
        session,
        profile,
        _built("truck", "vernesko", "hylle", "lapp", "pall", phrases=("Husk vernesko.",)),
    )
    session.commit()
    t = _terms(session, profile)
    assert list(t) == ["truck", "vernesko", "hylle", "pall"]  # "lapp" merged again into "hylle"
    assert t["vernesko"].status == "accepted" and t["vernesko"].safety
    assert t["truck"].gloss == {"en": "forklift"}
    assert t["truck"].definition == "Kjøretøy på lageret." and t["truck"].theme == "Kjøring"
    assert t["hylle"].merged_variants == ["lapp"] and t["hylle"].count == 8 + 7
    assert t["pall"].status == "proposed"
    phrases = {p.text: p for p in svc.phrases_of(session, svc.draft_version(session, profile))}  # type: ignore[arg-type]
    assert phrases["Husk vernesko."].status == "accepted"
    own = [p for p in phrases.values() if p.origin == "teacher"]
    assert len(own) == 1 and "22 33 44 55" not in own[0].text


def test_publish_archive_and_new_draft_after_publishing(session: Session, setup: Any) -> None:
    profile, employer = setup["profile"], setup["employer"]
    svc.apply_build(session, profile, _built("vernesko", "truck"))
    with pytest.raises(svc.ProfileError):
        svc.publish(session, profile, user_id=setup["teacher"].id)
    t = _terms(session, profile)
    svc.bulk_terms(session, profile, [t["vernesko"].id], action="accept")
    v1 = svc.publish(session, profile, user_id=setup["teacher"].id)
    session.commit()
    assert v1.status == "published" and svc.draft_version(session, profile) is None
    published = published_for_employer(session, employer.id)
    assert [x.lemma for x in published[0].profile.terms] == ["vernesko"]
    # Edit a v1 row: a draft v2 is copied and the edit lands there, v1 stays frozen.
    truck_v1 = t["truck"]
    svc.bulk_terms(session, profile, [truck_v1.id], action="accept")
    session.commit()
    assert truck_v1.status == "proposed"
    draft = svc.draft_version(session, profile)
    assert draft is not None and draft.number == 2
    assert {x.lemma: x.status for x in svc.terms_of(session, draft)} == {
        "vernesko": "accepted",
        "truck": "accepted",
    }
    v2 = svc.publish(session, profile, user_id=None)
    session.commit()
    assert [(v.number, v.status) for v in svc.versions(session, profile)] == [
        (2, "published"),
        (1, "archived"),
    ]
    assert v2.published_at is not None


def test_sources_are_scrubbed_and_bad_files_recorded(session: Session, setup: Any) -> None:
    profile = setup["profile"]
    results = svc.add_uploads(
        session,
        profile,
        [
            svc.Upload(filename="../../rutine.txt", data=b"Ring 912 34 567 om hylla."),
            svc.Upload(filename="tom.txt", data=b"  "),
        ],
    )
    assert [r.ok for r in results] == [True, False]
    assert "«tom.txt»" in results[1].message
    rows = svc.sources_of(session, profile)
    assert rows[0].filename == "rutine.txt" and "912" not in (rows[0].text or "")
    assert rows[1].status == "error" and rows[1].text is None
    with pytest.raises(svc.ProfileError):
        svc.add_uploads(session, profile, [], limits=svc.UploadLimits())
    with pytest.raises(svc.ProfileError):
        svc.add_uploads(
            session, profile, [svc.Upload("a.txt", b"x")] * 3, limits=svc.UploadLimits(max_files=2)
        )
    name = svc.delete_source(session, profile, rows[1].id)
    assert name == "tom.txt" and session.get(ProfileSource, rows[1].id) is None


def test_import_adds_and_updates_and_scopes_rows(session: Session, setup: Any) -> None:
    profile = setup["profile"]
    svc.apply_build(session, profile, _built("vernesko"))
    csv = (
        "kind,lemma,pos,articles,definition,level,safety,theme\r\n"
        "term,vernesko,NOUN,en,Sko med stålnese.,A2,1,HMS\r\n"
        "term,jekketralle,NOUN,ei | en,Tralle for paller.,B1,,Lager\r\n"
        "phrase,Husk vernesko!,,,,,,\r\n"
    ).encode()
    result = svc.import_csv(session, profile, csv)
    assert (result.added, result.updated, result.phrases_added) == (1, 1, 1)
    t = _terms(session, profile)
    assert t["vernesko"].definition == "Sko med stålnese." and t["vernesko"].safety
    assert t["jekketralle"].articles == ["ei", "en"] and t["jekketralle"].status == "accepted"
    with pytest.raises(NotFound):
        svc.get_profile(session, setup["other_org"].id, profile.id)
    with pytest.raises(NotFound):
        svc.bulk_terms(session, profile, [999_999], action="accept")


def test_teacher_written_definitions_are_marked_and_carried(session: Session, setup: Any) -> None:
    """Practice shows the teacher's own explanation whole; so the app must know which it is."""
    profile = setup["profile"]
    built = _built("vernesko", "truck")
    built = Profile(
        name=built.name,
        terms=tuple(
            Term(**{**t.to_dict(), "definition": "sko som verner", "articles": ("en",)})
            if t.lemma == "vernesko"
            else t
            for t in built.terms
        ),
    )
    svc.apply_build(session, profile, built)
    t = _terms(session, profile)
    assert not t["vernesko"].definition_by_teacher  # the builder's (dictionary) text
    # Saving the form with the same text (whitespace aside) does not make it the teacher's.
    svc.update_term(
        session, profile, t["vernesko"].id, svc.TermEdit(definition=" sko  som verner ")
    )
    assert not _terms(session, profile)["vernesko"].definition_by_teacher
    svc.update_term(
        session, profile, t["vernesko"].id, svc.TermEdit(definition="Sko med stål foran.")
    )
    assert _terms(session, profile)["vernesko"].definition_by_teacher
    # A rebuild and a publish + new draft keep the mark with the text.
    svc.apply_build(session, profile, built)
    svc.bulk_terms(
        session, profile, [r.id for r in _terms(session, profile).values()], action="accept"
    )
    svc.publish(session, profile, user_id=None)
    svc.ensure_draft(session, profile)
    row = _terms(session, profile)["vernesko"]
    assert row.definition == "Sko med stål foran." and row.definition_by_teacher
    # Clearing it: no own explanation any more.
    svc.update_term(session, profile, row.id, svc.TermEdit(definition=""))
    assert not _terms(session, profile)["vernesko"].definition_by_teacher
    # A spreadsheet edit of the text is the teacher's too.
    csv = "kind,lemma,pos,definition\r\nterm,truck,NOUN,Kjøretøy som løfter paller.\r\n"
    svc.import_csv(session, profile, csv.encode())
    assert _terms(session, profile)["truck"].definition_by_teacher
