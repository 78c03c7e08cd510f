"""Language profile pages: sources (every file type, bad files), background build, curation,
versions, publishing, access for participants and mentors, exports and CSV round trip."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import (
    LanguageProfile,
    ProfilePhrase,
    ProfileSource,
    ProfileTerm,
    ProfileVersion,
    Role,
)

ROUTINE = (
    "Husk å bruke vernesko på lageret hver dag. Trucken kjører mellom hyllene, så pass på. "
    "Du skal plukke varer fra hylla og sette pallen på plass. Ved brann går du til nødutgangen. "
    "Meld avvik til lederen din. Ring Kari på 912 34 567 eller skriv til kari@nordlager.no."
)
HMS_SHEET = (
    "Bruk vernesko og hjelm på lageret. Nødutgangen må alltid være fri. "
    "Førstehjelpsskrinet henger ved kantina. Meld avvik med en gang. "
    "Trucken har alltid forkjørsrett."
)


@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    def build(s: Any) -> dict[str, int]:
        org = factories.make_organisation(s, name="Skole A")
        other_org = factories.make_organisation(s, name="Skole B")
        teacher = factories.make_user(s, org, role=Role.TEACHER)
        other_teacher = factories.make_user(s, other_org, role=Role.TEACHER)
        employer = factories.make_employer(s, org, name="Nordlager AS", sector="lager")
        other_employer = factories.make_employer(s, org, name="Furuly sykehjem", sector="helse")
        mentor = factories.make_mentor(s, org, employer)
        other_mentor = factories.make_mentor(s, org, other_employer)
        participant = factories.make_participant(s, org, full_name="Amina Yusuf")
        factories.make_placement(s, participant, employer, mentor=mentor)
        s.flush()
        return {
            "teacher": teacher.id,
            "other_teacher": other_teacher.id,
            "employer": employer.id,
            "other_employer": other_employer.id,
            "mentor": mentor.user_id,
            "other_mentor": other_mentor.user_id,
            "participant": participant.user_id,
        }

    return in_db(app, build)


def _create(client: FlaskClient, world: dict[str, int], name: str = "Nordlager – lager") -> int:
    response = client.post(
        "/sprakprofiler/ny",
        data={"name": name, "employer_id": world["employer"], "starter_sector": ""},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.location.rstrip("/").rsplit("/", 1)[-1])


def _profile_page(client: FlaskClient, profile_id: int) -> str:
    return client.get(f"/sprakprofiler/{profile_id}").get_data(as_text=True)


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split(". "):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(text: str, *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", _font())
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, text)
    data = bytes(pdf.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _font() -> str:
    from importlib import resources

    return str(resources.files("language_profiles").joinpath("data", "fonts", "DejaVuSans.ttf"))


def _upload(client: FlaskClient, profile_id: int, files: list[tuple[bytes, str]]) -> Any:
    data = {"files": [(io.BytesIO(content), name) for content, name in files]}
    return client.post(
        f"/sprakprofiler/{profile_id}/filer",
        data=data,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_teacher_creates_profile_from_employer_page(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    employer_page = client.get(f"/arbeidsgivere/{world['employer']}").get_data(as_text=True)
    assert f"/sprakprofiler/arbeidsgiver/{world['employer']}" in employer_page
    listing = client.get(f"/sprakprofiler/arbeidsgiver/{world['employer']}").get_data(as_text=True)
    assert f"employer_id={world['employer']}" in listing
    profile_id = _create(client, world, "IKEA Furuset – lager")
    html = _profile_page(client, profile_id)
    assert "IKEA Furuset – lager" in html and "Nordlager AS" in html
    assert "IKEA Furuset – lager" in client.get("/sprakprofiler/").get_data(as_text=True)


def test_upload_each_file_type_and_paste_scrubs_personal_data(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _create(client, world)
    html_doc = f"<html><body><h1>Rutine</h1><p>{ROUTINE}</p><script>x()</script></body></html>"
    response = _upload(
        client,
        profile_id,
        [
            (ROUTINE.encode("utf-8"), "rutine.txt"),
            (_docx_bytes(HMS_SHEET), "hms.docx"),
            (_pdf_bytes(ROUTINE), "rutine.pdf"),
            (html_doc.encode("utf-8"), "rutine.html"),
        ],
    )
    html = response.get_data(as_text=True)
    for name in ("rutine.txt", "hms.docx", "rutine.pdf", "rutine.html"):
        assert f"«{name}» er lest inn" in html
    assert "telefonnumre ble fjernet" in html
    response = client.post(
        f"/sprakprofiler/{profile_id}/tekst",
        data={
            "title": "Oppslag",
            "text": "Ring 22 33 44 55 eller mail ola@example.no. Husk hjelm.",
        },
        follow_redirects=True,
    )
    assert "«Oppslag» er lagt til" in response.get_data(as_text=True)
    sources = query(
        app,
        lambda s: [
            (r.filename, r.status, r.text)
            for r in s.scalars(select(ProfileSource).where(ProfileSource.profile_id == profile_id))
        ],
    )
    assert [(n, st) for n, st, _t in sources] == [
        ("rutine.txt", "ok"),
        ("hms.docx", "ok"),
        ("rutine.pdf", "ok"),
        ("rutine.html", "ok"),
        ("Oppslag", "ok"),
    ]
    for _name, _status, text in sources:
        assert "@" not in text and "912 34 567" not in text and "22 33 44 55" not in text
        assert "x()" not in text
    assert "vernesko" in sources[1][2].lower() or "hjelm" in sources[1][2].lower()
    assert "nødutgangen" in sources[2][2]
    page = _profile_page(client, profile_id)
    assert "kari@nordlager.no" not in page and "912 34 567" not in page


def test_bad_files_get_norwegian_reasons_and_good_ones_still_build(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    app.config["PROFILE_MAX_FILE_BYTES"] = 60_000
    auth.login_as(world["teacher"])
    profile_id = _create(client, world)
    response = _upload(
        client,
        profile_id,
        [
            (ROUTINE.encode("utf-8"), "god.txt"),
            (b"%PDF-1.4 this is not really a pdf", "odelagt.pdf"),
            (_pdf_bytes(ROUTINE, password="hemmelig"), "kryptert.pdf"),
            (b"   \n  ", "tom.txt"),
            (("Hylle " * 20_000).encode("utf-8"), "stor.txt"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bilde.png"),
            (b"PK\x03\x04 not a zip at all", "skadet.docx"),
        ],
    )
    html = response.get_data(as_text=True)
    assert "«god.txt» er lest inn" in html
    for name in ("odelagt.pdf", "kryptert.pdf", "tom.txt", "stor.txt", "bilde.png", "skadet.docx"):
        assert f"«{name}»" in html, name
    rows = query(
        app,
        lambda s: {
            r.filename: (r.status, r.error_message or "")
            for r in s.scalars(select(ProfileSource).where(ProfileSource.profile_id == profile_id))
        },
    )
    assert rows["god.txt"][0] == "ok"
    reasons = {name: msg for name, (status, msg) in rows.items() if status == "error"}
    assert set(reasons) == {
        "odelagt.pdf",
        "kryptert.pdf",
        "tom.txt",
        "stor.txt",
        "bilde.png",
        "skadet.docx",
    }
    assert "passord" in reasons["kryptert.pdf"].lower() or "kryptert" in reasons["kryptert.pdf"]
    assert "for stor" in reasons["stor.txt"]
    assert "tom" in reasons["tom.txt"].lower()
    # The error sources are listed with their reason on the page ...
    page = _profile_page(client, profile_id)
    assert reasons["kryptert.pdf"] in page.replace("&#34;", '"').replace("&#39;", "'")
    # ... and the good source still builds.
    client.post(f"/sprakprofiler/{profile_id}/bygg")
    status = client.get(f"/sprakprofiler/{profile_id}/bygg/status").get_json()
    assert status["status"] == "done", status
    terms = query(app, lambda s: _term_lemmas(s, profile_id))
    assert "vernesko" in terms


def test_too_many_files_and_request_too_large(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    app.config["PROFILE_MAX_FILES"] = 2
    auth.login_as(world["teacher"])
    profile_id = _create(client, world)
    html = _upload(client, profile_id, [(b"Hei hylle.", f"f{i}.txt") for i in range(3)]).get_data(
        as_text=True
    )
    assert "høyst 2 filer om gangen" in html
    app.config["PROFILE_MAX_UPLOAD_BYTES"] = 10_000
    response = client.post(
        f"/sprakprofiler/{profile_id}/filer",
        data={"files": [(io.BytesIO(b"a" * 20_000), "stor.txt")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Filene er for store" in response.get_data(as_text=True)


def _term_lemmas(s: Any, profile_id: int, *, status: str | None = None) -> list[str]:
    version = s.scalar(
        select(ProfileVersion).where(
            ProfileVersion.profile_id == profile_id, ProfileVersion.status == "draft"
        )
    )
    query_ = select(ProfileTerm.lemma).where(ProfileTerm.version_id == version.id)
    if status:
        query_ = query_.where(ProfileTerm.status == status)
    return list(s.scalars(query_.order_by(ProfileTerm.rank)))


def _built_profile(client: FlaskClient, world: dict[str, int]) -> int:
    profile_id = _create(client, world)
    client.post(f"/sprakprofiler/{profile_id}/tekst", data={"title": "Rutine", "text": ROUTINE})
    client.post(f"/sprakprofiler/{profile_id}/tekst", data={"title": "HMS", "text": HMS_SHEET})
    response = client.post(f"/sprakprofiler/{profile_id}/bygg", follow_redirects=True)
    assert "Profilen er bygd" in response.get_data(as_text=True)
    return profile_id


def _term_id(app: Flask, profile_id: int, lemma: str, *, status: str = "draft") -> int:
    def find(s: Any) -> int:
        return int(
            s.scalar(
                select(ProfileTerm.id)
                .join(ProfileVersion, ProfileVersion.id == ProfileTerm.version_id)
                .where(
                    ProfileVersion.profile_id == profile_id,
                    ProfileVersion.status == status,
                    ProfileTerm.lemma == lemma,
                )
            )
        )

    return query(app, find)


def test_background_build_makes_draft_with_ranked_terms_and_progress(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _built_profile(client, world)
    status = client.get(f"/sprakprofiler/{profile_id}/bygg/status").get_json()
    assert status == {
        "status": "done",
        "progress": 1.0,
        "percent": 100,
        "phase": "Ferdig",
        "error": None,
        "active": False,
    }
    lemmas = query(app, lambda s: _term_lemmas(s, profile_id))
    assert "vernesko" in lemmas and "truck" in lemmas
    assert not any(ch.isdigit() for lemma in lemmas for ch in lemma)
    assert "Kari" not in lemmas and "kari" not in lemmas
    ranks = query(
        app,
        lambda s: [
            t.rank
            for t in s.scalars(
                select(ProfileTerm)
                .join(ProfileVersion)
                .where(ProfileVersion.profile_id == profile_id)
                .order_by(ProfileTerm.rank)
            )
        ],
    )
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    # Builder safety suggestions wait for the teacher's confirmation.
    vernesko = query(app, lambda s: s.get(ProfileTerm, _term_id(app, profile_id, "vernesko")))
    assert vernesko.safety_suggested and not vernesko.safety and vernesko.status == "proposed"
    html = client.get(f"/sprakprofiler/{profile_id}/ord").get_data(as_text=True)
    assert "vernesko" in html and "HMS?" in html


def test_build_without_sources_is_refused(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _create(client, world)
    html = client.post(f"/sprakprofiler/{profile_id}/bygg", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Legg til minst én tekst" in html


def test_curation_bulk_edit_merge_own_terms_and_rebuild_keeps_teacher_work(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _built_profile(client, world)
    vernesko = _term_id(app, profile_id, "vernesko")
    truck = _term_id(app, profile_id, "truck")
    hylle = _term_id(app, profile_id, "hylle")
    # Bulk: accept two, confirm safety on one; reject one.
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte",
        data={"term_id": [vernesko, truck], "action": "accept"},
    )
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte",
        data={"term_id": [vernesko], "action": "safety_on"},
    )
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte", data={"term_id": [hylle], "action": "reject"}
    )
    # Edit: gloss and definition.
    response = client.post(
        f"/sprakprofiler/{profile_id}/ord/{truck}",
        data={
            "lemma": "truck",
            "articles": "en",
            "definition": "Kjøretøy som løfter paller.",
            "level": "A2",
            "theme": "Lager",
            "status": "accepted",
            "examples": "Trucken kjører.",
            "gloss_en": "forklift",
            "gloss_uk": "навантажувач",
            "gloss_ar": "",
            "gloss_ti": "",
            "gloss_so": "",
            "gloss_prs": "",
        },
    )
    assert response.status_code == 302
    # Own term: the dictionary fills article, forms and definition.
    client.post(
        f"/sprakprofiler/{profile_id}/ord/nytt",
        data={"lemma": "brannslukker", "pos": "", "theme": ""},
    )
    own = query(app, lambda s: s.get(ProfileTerm, _term_id(app, profile_id, "brannslukker")))
    assert own.origin == "teacher" and own.status == "accepted" and own.pos == "NOUN"
    assert own.articles == ["en"] and own.forms.get("sg_def") and own.safety_suggested
    # Merge: "hylle" (rejected) into "pall".
    pall = _term_id(app, profile_id, "pall")
    before = query(app, lambda s: (s.get(ProfileTerm, pall).count, s.get(ProfileTerm, hylle).count))
    client.post(
        f"/sprakprofiler/{profile_id}/ord/slaa-sammen", data={"keep_id": pall, "merge_id": hylle}
    )
    merged = query(app, lambda s: s.get(ProfileTerm, pall))
    assert merged.count == sum(before) and merged.merged_variants == ["hylle"]
    assert query(app, lambda s: s.get(ProfileTerm, hylle)) is None
    # Own phrase.
    client.post(
        f"/sprakprofiler/{profile_id}/fraser/ny",
        data={"text": "Hvor skal jeg sette pallen?", "situation": "", "theme": "Lager"},
    )
    # Filters.
    html = client.get(f"/sprakprofiler/{profile_id}/ord?status=accepted").get_data(as_text=True)
    assert "brannslukker" in html and "Kjøretøy som løfter paller." in html
    assert "vernesko" in client.get(f"/sprakprofiler/{profile_id}/ord?hms=ja").get_data(
        as_text=True
    )
    assert "brannslukker" not in client.get(
        f"/sprakprofiler/{profile_id}/ord?ordklasse=VERB"
    ).get_data(as_text=True)
    # Rebuild with one more source: decisions, own terms, glosses, safety, merges carry over.
    client.post(
        f"/sprakprofiler/{profile_id}/tekst",
        data={"title": "Ny", "text": "Trucken står ved hylla. Husk vernesko. Sett pallen i hylla."},
    )
    client.post(f"/sprakprofiler/{profile_id}/bygg")

    def state(s: Any) -> dict[str, Any]:
        version = s.scalar(
            select(ProfileVersion).where(
                ProfileVersion.profile_id == profile_id, ProfileVersion.status == "draft"
            )
        )
        rows = s.scalars(select(ProfileTerm).where(ProfileTerm.version_id == version.id)).all()
        phrases = s.scalars(select(ProfilePhrase).where(ProfilePhrase.version_id == version.id))
        return {
            "terms": {t.lemma: t for t in rows},
            "phrases": {p.text: p.status for p in phrases},
            "number": version.number,
        }

    after = query(app, state)
    terms = after["terms"]
    assert after["number"] == 1
    assert terms["vernesko"].status == "accepted" and terms["vernesko"].safety
    assert terms["truck"].gloss == {"en": "forklift", "uk": "навантажувач"}
    assert terms["truck"].definition == "Kjøretøy som løfter paller."
    assert terms["brannslukker"].origin == "teacher"
    assert "hylle" not in terms and terms["pall"].merged_variants == ["hylle"]
    assert after["phrases"]["Hvor skal jeg sette pallen?"] == "accepted"


def test_publish_versions_and_participant_never_sees_a_draft(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _built_profile(client, world)
    # Nothing accepted yet: publishing is refused.
    html = client.post(f"/sprakprofiler/{profile_id}/publiser", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Godkjenn minst ett ord" in html
    # The participant and the mentor see nothing before publishing.
    for user in ("participant", "mentor"):
        other = app.test_client()
        AuthActions(app, other).login_as(world[user])
        assert other.get(f"/sprakprofiler/{profile_id}/publisert").status_code == 404
    vernesko = _term_id(app, profile_id, "vernesko")
    truck = _term_id(app, profile_id, "truck")
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte", data={"term_id": [vernesko], "action": "accept"}
    )
    html = client.post(f"/sprakprofiler/{profile_id}/publiser", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Versjon 1 er publisert" in html
    # Editing after publishing makes draft v2, copied from v1; ids of v1 rows map to the copy.
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte", data={"term_id": [truck], "action": "accept"}
    )
    versions = query(
        app,
        lambda s: [
            (v.number, v.status)
            for v in s.scalars(
                select(ProfileVersion)
                .where(ProfileVersion.profile_id == profile_id)
                .order_by(ProfileVersion.number)
            )
        ],
    )
    assert versions == [(1, "published"), (2, "draft")]
    assert query(app, lambda s: s.get(ProfileTerm, truck).status) == "proposed"  # v1 is frozen
    assert "truck" in query(app, lambda s: _term_lemmas(s, profile_id, status="accepted"))

    participant = app.test_client()
    AuthActions(app, participant).login_as(world["participant"])
    page = participant.get(f"/sprakprofiler/{profile_id}/publisert").get_data(as_text=True)
    assert "vernesko" in page and "truck" not in page  # draft-only acceptance is invisible
    assert participant.get(f"/sprakprofiler/{profile_id}").status_code == 403
    assert participant.get(f"/sprakprofiler/{profile_id}/ord").status_code == 403
    # Publishing v2 archives v1; history lists all.
    client.post(f"/sprakprofiler/{profile_id}/publiser")
    assert "truck" in participant.get(f"/sprakprofiler/{profile_id}/publisert").get_data(
        as_text=True
    )
    html = _profile_page(client, profile_id)
    assert "Versjon 2" in html and "arkivert" in html


def test_mentor_sees_only_own_employers_published_profiles(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    def build(s: Any) -> tuple[int, int]:
        from webapp.models import Employer

        own = factories.make_published_profile(s, s.get(Employer, world["employer"]))
        other = factories.make_published_profile(s, s.get(Employer, world["other_employer"]))
        return own.profile_id, other.profile_id

    own_id, other_id = in_db(app, build)
    auth.login_as(world["mentor"])
    page = client.get(f"/sprakprofiler/{own_id}/publisert")
    assert page.status_code == 200 and "truck" in page.get_data(as_text=True)
    pdf = client.get(f"/sprakprofiler/{own_id}/publisert.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(f"/sprakprofiler/{other_id}/publisert").status_code == 404
    assert client.get(f"/sprakprofiler/{other_id}/publisert.pdf").status_code == 404
    assert client.get(f"/sprakprofiler/{own_id}").status_code == 403
    other_org = app.test_client()
    AuthActions(app, other_org).login_as(world["other_teacher"])
    assert other_org.get(f"/sprakprofiler/{own_id}").status_code == 404


def test_csv_round_trip_and_anki_and_pdf_downloads(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _built_profile(client, world)
    vernesko = _term_id(app, profile_id, "vernesko")
    client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte", data={"term_id": [vernesko], "action": "accept"}
    )
    csv_response = client.get(f"/sprakprofiler/{profile_id}/eksport.csv")
    assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    text = csv_response.data.decode("utf-8-sig")
    assert text.startswith("kind,lemma,pos") and "vernesko" in text
    # Edit in a "spreadsheet": change a definition, add a term, then import into a new profile.
    edited = (
        text.replace("\r\n", "\n").rstrip("\n")
        + "\nterm,ryggsekk,NOUN,en,,,Sekk på ryggen.,0,0,0,A2,,0,,,,,\n"
    )
    response = client.post(
        f"/sprakprofiler/{profile_id}/import",
        data={"file": (io.BytesIO(edited.encode("utf-8")), "profil.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "1 nye ord" in response.get_data(as_text=True)
    second = _create(client, world, "Kopi")
    client.post(
        f"/sprakprofiler/{second}/import",
        data={"file": (io.BytesIO(csv_response.data), "profil.csv")},
        content_type="multipart/form-data",
    )
    original = query(app, lambda s: sorted(_term_lemmas(s, profile_id)))
    copy = query(app, lambda s: sorted(_term_lemmas(s, second)))
    assert set(copy) == set(original) - {"ryggsekk"}
    again = client.get(f"/sprakprofiler/{second}/eksport.csv").data.decode("utf-8-sig")
    assert {line.split(",")[1] for line in again.splitlines()[1:]} >= {"vernesko", "truck"}
    bad = client.post(
        f"/sprakprofiler/{profile_id}/import",
        data={"file": (io.BytesIO(b"ord;tall\nhylle;3\n"), "feil.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "mangler kolonnen «lemma»" in bad.get_data(as_text=True)

    apkg = client.get(f"/sprakprofiler/{profile_id}/eksport.apkg")
    assert apkg.status_code == 200
    with zipfile.ZipFile(io.BytesIO(apkg.data)) as archive:
        assert any(name.startswith("collection.anki2") for name in archive.namelist())
    pdf = client.get(f"/sprakprofiler/{profile_id}/eksport.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")


def test_compare_and_check_text(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _built_profile(client, world)
    other_id = _create(client, world, "Annet lager")
    client.post(f"/sprakprofiler/{other_id}/tekst", data={"text": HMS_SHEET})
    client.post(f"/sprakprofiler/{other_id}/bygg")
    html = client.get(f"/sprakprofiler/{profile_id}/sammenlign?med={other_id}").get_data(
        as_text=True
    )
    assert "Felles ord" in html and "Bare i Annet lager" in html and "vernesko" in html
    html = client.post(
        f"/sprakprofiler/{profile_id}/sjekk-tekst",
        data={"text": "Bruk vernesko når du kjører truck. Sjekk kjølerommet og fryseren."},
    ).get_data(as_text=True)
    assert "Denne teksten bruker" in html and "% ord fra profilen" in html
    assert "kjølerom" in html


def test_starter_profile_gives_a_first_draft(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    from language_profiles.starter import list_starter_sectors

    sectors = list_starter_sectors()
    if "lager" not in sectors:
        pytest.skip("no starter profile for the warehouse sector is shipped")
    auth.login_as(world["teacher"])
    response = client.post(
        "/sprakprofiler/ny",
        data={
            "name": "Lager fra start",
            "employer_id": world["employer"],
            "starter_sector": "lager",
        },
    )
    profile_id = int(response.location.rsplit("/", 1)[-1])
    row = query(app, lambda s: s.get(LanguageProfile, profile_id))
    assert row.starter_sector == "lager"
    origins = query(
        app,
        lambda s: {
            t.origin
            for t in s.scalars(
                select(ProfileTerm)
                .join(ProfileVersion)
                .where(ProfileVersion.profile_id == profile_id)
            )
        },
    )
    assert origins == {"starter"}


def test_upload_without_csrf_token_is_refused(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _create(client, world)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        f"/sprakprofiler/{profile_id}/filer",
        data={"files": [(io.BytesIO(ROUTINE.encode("utf-8")), "rutine.txt")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert query(app, lambda s: s.scalars(select(ProfileSource)).all()) == []


# --- word list: "uten egen forklaring", pages, dates ---------------------------------------


def _list_profile(app: Flask, world: dict[str, int], terms: list[dict[str, Any]]) -> int:
    """A profile whose draft holds ``terms`` (in rank order), for the word list pages."""

    def build(s: Any) -> int:
        from webapp.models import Employer

        employer = s.get(Employer, world["employer"])
        version = factories.make_published_profile(
            s, employer, terms=terms, phrases=[], status="draft"
        )
        return int(version.profile_id)

    return in_db(app, build)


def _listed_ids(html: str) -> list[int]:
    """Ids of the terms in the list, in order (their bulk-action checkboxes)."""
    import re

    return [int(i) for i in re.findall(r'name="term_id" value="(\d+)" form="bulk"', html)]


def _ids_by_lemma(app: Flask, profile_id: int) -> dict[str, int]:
    def find(s: Any) -> dict[str, int]:
        rows = s.scalars(
            select(ProfileTerm)
            .join(ProfileVersion)
            .where(ProfileVersion.profile_id == profile_id)
            .order_by(ProfileTerm.rank)
        )
        return {t.lemma: t.id for t in rows}

    return query(app, find)


def test_filter_without_own_explanation_lists_accepted_terms_with_dictionary_text_or_none(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    noun = {"pos": "NOUN"}
    profile_id = _list_profile(
        app,
        world,
        [
            # Bokmålsordboka's text (first sense): no own explanation.
            {**noun, "lemma": "vernesko", "definition": "kraftig sko som skal verne mot skader"},
            # The teacher's own words.
            {
                **noun,
                "lemma": "truck",
                "definition": "Kjøretøy som løfter paller.",
                "definition_by_teacher": True,
            },
            # No explanation at all.
            {**noun, "lemma": "pall", "definition": None},
            # Another dictionary sense.
            {**noun, "lemma": "ordre", "definition": "bestilling på varer"},
            # A dictionary expression's own text.
            {"lemma": "ta imot", "pos": "X", "definition": "fange opp; motta"},
            # Not accepted: never listed by this filter.
            {**noun, "lemma": "hylle", "definition": None, "status": "proposed"},
            {**noun, "lemma": "lapp", "definition": None, "status": "rejected"},
        ],
    )
    ids = _ids_by_lemma(app, profile_id)
    base = f"/sprakprofiler/{profile_id}/ord"

    html = client.get(f"{base}?forklaring=uten").get_data(as_text=True)
    assert _listed_ids(html) == [ids["vernesko"], ids["pall"], ids["ordre"], ids["ta imot"]]
    assert "Uten egen forklaring (4)" in html
    assert '<option value="uten" selected>' in html
    assert "Godkjente ord der forklaringen mangler eller er ordbokas tekst." in html
    # Unfiltered: every term, and the option still shows the count.
    html = client.get(base).get_data(as_text=True)
    assert len(_listed_ids(html)) == 7 and "Uten egen forklaring (4)" in html
    assert '<option value="uten" selected>' not in html
    # Other filters are kept and combine with it.
    html = client.get(f"{base}?forklaring=uten&q=ver&ordklasse=NOUN").get_data(as_text=True)
    assert _listed_ids(html) == [ids["vernesko"]]
    assert 'name="q" value="ver"' in html and '<option value="NOUN" selected>' in html
    # Saving the word's form without touching the dictionary's text does not make it own.
    response = client.post(
        f"/sprakprofiler/{profile_id}/ord/{ids['ordre']}",
        data={
            "lemma": "ordre",
            "articles": "en",
            "definition": "bestilling på varer",
            "level": "A2",
            "theme": "",
            "status": "accepted",
            "examples": "",
        },
    )
    assert response.status_code == 302
    html = client.get(f"{base}?forklaring=uten").get_data(as_text=True)
    assert ids["ordre"] in _listed_ids(html) and "Uten egen forklaring (4)" in html
    # Once the teacher writes an explanation, the word leaves the list.
    response = client.post(
        f"/sprakprofiler/{profile_id}/ord/{ids['pall']}",
        data={
            "lemma": "pall",
            "articles": "en",
            "definition": "Plattform av tre som varene står på.",
            "level": "A2",
            "theme": "",
            "status": "accepted",
            "examples": "",
        },
    )
    assert response.status_code == 302
    html = client.get(f"{base}?forklaring=uten").get_data(as_text=True)
    assert ids["pall"] not in _listed_ids(html) and "Uten egen forklaring (3)" in html


def _many_terms(n: int) -> list[dict[str, Any]]:
    return [
        {"lemma": f"ord{i:03d}", "pos": "NOUN", "status": "proposed", "definition": None}
        for i in range(1, n + 1)
    ]


def test_word_list_pages_keep_filters_and_show_where_you_are(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    import html as html_lib
    import re

    auth.login_as(world["teacher"])
    profile_id = _list_profile(app, world, _many_terms(120))
    ids = list(_ids_by_lemma(app, profile_id).values())
    base = f"/sprakprofiler/{profile_id}/ord"

    first = client.get(base).get_data(as_text=True)
    assert _listed_ids(first) == ids[:50] and "Side 1 av 3" in first
    assert 'rel="prev"' not in first and "Velg alle på siden" in first

    page = client.get(f"{base}?status=proposed&q=ord&side=2").get_data(as_text=True)
    assert _listed_ids(page) == ids[50:100]  # terms 51–100
    assert "Side 2 av 3" in page and "ord 51–100 på denne siden" in page
    assert "120 av 120 ord vises" in page
    links = {
        rel: html_lib.unescape(href)
        for rel, href in re.findall(r'rel="(prev|next)" href="([^"]+)"', page)
    }
    assert links["prev"] == f"{base}?status=proposed&q=ord"
    assert links["next"] == f"{base}?status=proposed&q=ord&side=3"
    assert ">Forrige</a>" in page and ">Neste</a>" in page
    # Merging still offers every word, not only the page's.
    assert page.count('<option value="') >= 2 * 120

    last = client.get(f"{base}?status=proposed&q=ord&side=3").get_data(as_text=True)
    assert _listed_ids(last) == ids[100:] and "Side 3 av 3" in last
    assert 'rel="next"' not in last


def test_word_list_page_out_of_range_shows_the_last_page(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    auth.login_as(world["teacher"])
    profile_id = _list_profile(app, world, _many_terms(120))
    ids = list(_ids_by_lemma(app, profile_id).values())
    base = f"/sprakprofiler/{profile_id}/ord"
    response = client.get(f"{base}?side=99")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _listed_ids(html) == ids[100:] and "Side 3 av 3" in html
    for bad in ("0", "-2", "abc", ""):
        html = client.get(f"{base}?side={bad}").get_data(as_text=True)
        assert _listed_ids(html) == ids[:50] and "Side 1 av 3" in html
    # A filter with nothing in it: one empty page, no pager.
    html = client.get(f"{base}?status=accepted&side=4").get_data(as_text=True)
    assert _listed_ids(html) == [] and "Ingen ord her." in html and "Side 1" not in html


def test_bulk_action_on_page_two_returns_to_page_two(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    import html as html_lib
    import re

    auth.login_as(world["teacher"])
    profile_id = _list_profile(app, world, _many_terms(120))
    url = f"/sprakprofiler/{profile_id}/ord?status=proposed&side=2"
    page = client.get(url).get_data(as_text=True)
    listed = _listed_ids(page)
    bulk_form = page.split('id="bulk"', 1)[1].split("</form>", 1)[0]
    next_value = html_lib.unescape(re.findall(r'name="next" value="([^"]*)"', bulk_form)[0])
    assert next_value == url

    response = client.post(
        f"/sprakprofiler/{profile_id}/ord/valgte",
        data={"term_id": listed[:2], "action": "accept", "next": next_value},
    )
    assert response.status_code == 302 and response.location.endswith(url)
    statuses = query(app, lambda s: [s.get(ProfileTerm, i).status for i in listed[:3]])
    assert statuses == ["accepted", "accepted", "proposed"]
    after = client.get(response.location).get_data(as_text=True)
    assert "2 ord er endret." in after and "Side 2 av 3" in after
    assert _listed_ids(after)[0] == listed[2]  # the accepted ones left this filter
    # The quick buttons of one word go back to the same page too.
    quick = re.findall(r'name="next" value="([^"]*)"', page)
    assert quick and all(html_lib.unescape(v) == url for v in quick)


def test_editing_a_word_returns_to_the_same_page_of_the_list(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    import html as html_lib
    import re

    auth.login_as(world["teacher"])
    profile_id = _list_profile(app, world, _many_terms(60))
    url = f"/sprakprofiler/{profile_id}/ord?q=ord&side=2"
    page = client.get(url).get_data(as_text=True)
    edit = html_lib.unescape(re.findall(r'<a href="([^"]+/ord/\d+\?tilbake=[^"]+)"', page)[0])
    form = client.get(edit).get_data(as_text=True)
    assert f'href="{html_lib.escape(url)}"' in form  # the back link
    term_id = int(edit.split("/ord/")[1].split("?")[0])
    response = client.post(
        edit,
        data={"lemma": "ord051", "definition": "Et ord.", "level": "A2", "status": "accepted"},
    )
    assert response.status_code == 302 and response.location.endswith(url)
    assert query(app, lambda s: s.get(ProfileTerm, term_id).definition) == "Et ord."
    # Anything but this profile's word list falls back to the list.
    response = client.post(
        f"/sprakprofiler/{profile_id}/ord/{term_id}?tilbake=//evil.example/",
        data={"lemma": "ord051", "level": "A2", "status": "accepted"},
    )
    assert response.location.endswith(f"/sprakprofiler/{profile_id}/ord")


def test_profile_dates_use_the_shared_date_format(
    app: Flask, client: FlaskClient, auth: AuthActions, world: dict[str, int]
) -> None:
    import datetime as dt

    def build(s: Any) -> int:
        from webapp.models import Employer

        employer = s.get(Employer, world["employer"])
        first = factories.make_published_profile(s, employer, status="published")
        at = dt.datetime(2026, 10, 31, 10, 0, tzinfo=dt.UTC)  # 11:00 in Oslo
        first.built_at = at
        first.published_at = at
        s.add(
            ProfileVersion(
                profile_id=first.profile_id,
                number=2,
                status="draft",
                built_at=at + dt.timedelta(hours=2, minutes=5),
            )
        )
        s.flush()
        return int(first.profile_id)

    profile_id = in_db(app, build)
    auth.login_as(world["teacher"])
    html = _profile_page(client, profile_id)
    assert "Versjon 1" in html and "31. okt. 2026, 11:00" in html  # published, with the time
    assert "bygd 31. okt. 2026, 13:05" in html  # the draft built the same day
    assert "Publisert versjon: 1 (31. okt. 2026)." in html
    assert "31.10.2026" not in html and "11:00:00" not in html
    mentor = app.test_client()
    AuthActions(app, mentor).login_as(world["mentor"])
    page = mentor.get(f"/sprakprofiler/{profile_id}/publisert").get_data(as_text=True)
    assert "publisert 31. okt. 2026" in page and "31.10.2026" not in page
