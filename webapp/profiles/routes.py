"""Språkprofiler: teachers build and curate employer language profiles; mentors read published ones.

Views are thin: parse the form, call one function of ``webapp.services.profiles``, commit, then
redirect or render.  Builds run in the background (``webapp.jobs``); the page polls
``build_status`` (JSON) for the progress bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from language_profiles.exports import CsvImportError, describe_forms, display_word
from webapp.access import MENTOR, PARTICIPANT, STAFF, require
from webapp.extensions import csrf, db_session
from webapp.formhelpers import choices
from webapp.models import LanguageProfile, ProfileVersion
from webapp.profiles.forms import (
    GLOSS_FIELDS,
    AddPhraseForm,
    AddTermForm,
    CheckTextForm,
    ImportForm,
    PasteForm,
    PhraseEditForm,
    ProfileForm,
    RenameForm,
    TermEditForm,
)
from webapp.services import employers as employer_svc
from webapp.services import profiles as svc
from webapp.services import scope
from webapp.services.errors import NotFound

bp = Blueprint("profiles", __name__, url_prefix="/sprakprofiler")

ROW = {"profile_id": scope.profile_in_org}
PUBLISHED_ROW = {"profile_id": scope.profile_published_visible}
TERM_ROW = {"profile_id": scope.profile_in_org, "term_id": scope.profile_term_in_org}
PHRASE_ROW = {"profile_id": scope.profile_in_org, "phrase_id": scope.profile_phrase_in_org}

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 10


def _limits() -> svc.UploadLimits:
    cfg = current_app.config
    return svc.UploadLimits(
        max_file_bytes=int(cfg.get("PROFILE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)),
        max_files=int(cfg.get("PROFILE_MAX_FILES", DEFAULT_MAX_FILES)),
    )


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"


def _upload_request_limit() -> int:
    limits = _limits()
    default = limits.max_file_bytes * min(limits.max_files, 4) + 1024 * 1024
    return int(current_app.config.get("PROFILE_MAX_UPLOAD_BYTES", default))


@bp.app_template_filter("percent")
def _percent(value: float) -> str:
    return f"{round(value * 100)} %"


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    limits = _limits()
    text = _(
        "Filene er for store til sammen. Du kan laste opp høyst %(total)s MB om gangen, "
        "og hver fil kan være høyst %(each)s MB. Last opp færre filer om gangen, "
        "eller del opp store filer.",
        total=_megabytes(_upload_request_limit()),
        each=_megabytes(limits.max_file_bytes),
    )
    return render_template(
        "errors/error.html", code=413, title=_("Filene er for store"), text=text
    ), 413


def _profile(profile_id: int) -> LanguageProfile:
    return svc.get_profile(db_session, current_user.organisation_id, profile_id)


def _back(profile_id: int, endpoint: str = "profiles.detail", **args: Any) -> Response:
    return redirect(url_for(endpoint, profile_id=profile_id, **args))


def _ids(name: str) -> list[int]:
    return [int(v) for v in request.form.getlist(name) if v.strip().isdigit()]


def _word_list_path(profile_id: int, value: str | None) -> str:
    """``value`` when it is this profile's word list (any page and filter), else the list."""
    base = url_for("profiles.terms", profile_id=profile_id)
    value = value or ""
    if value == base or value.startswith(base + "?"):
        return value
    return base


# --- lists and creation ----------------------------------------------------------------------


@bp.get("/")
@require(roles=STAFF)
def index() -> str:
    return render_template(
        "profiles/index.html",
        summaries=svc.list_profiles(db_session, current_user.organisation_id),
        employer=None,
        sector_name=svc.sector_name,
    )


@bp.get("/arbeidsgiver/<int:employer_id>")
@require(roles=STAFF, row={"employer_id": scope.employer_in_org})
def employer(employer_id: int) -> str:
    employer_row = employer_svc.get_employer(db_session, current_user.organisation_id, employer_id)
    return render_template(
        "profiles/index.html",
        summaries=svc.list_profiles(
            db_session, current_user.organisation_id, employer_id=employer_id
        ),
        employer=employer_row,
        sector_name=svc.sector_name,
    )


def _profile_form() -> ProfileForm:
    form = ProfileForm()
    employers = employer_svc.list_employers(db_session, current_user.organisation_id)
    form.employer_id.choices = choices(
        [(0, _("Ingen arbeidsgiver ennå"))] + [(e.id, e.name) for e in employers]
    )
    form.starter_sector.choices = choices(
        [("", _("Start med tom profil"))] + list(svc.starter_sectors().items())
    )
    return form


@bp.route("/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def new() -> str | Response:
    form = _profile_form()
    if request.method == "GET":
        employer_id = request.args.get("employer_id", type=int)
        if employer_id:
            form.employer_id.data = employer_id
    if form.validate_on_submit():
        try:
            profile = svc.create_profile(
                db_session,
                organisation_id=current_user.organisation_id,
                name=form.name.data or "",
                employer_id=form.employer_id.data or None,
                starter_sector=form.starter_sector.data or None,
                created_by_id=current_user.id,
            )
        except svc.ProfileError as e:
            form.name.errors.append(str(e))
        else:
            db_session.commit()
            flash(
                _("Profilen «%(name)s» er laget. Legg til tekster.", name=profile.name), "success"
            )
            return _back(profile.id)
    return render_template("profiles/new.html", form=form)


# --- one profile: sources, build, versions ---------------------------------------------------


def _detail_context(profile: LanguageProfile, **extra: Any) -> dict[str, Any]:
    working = svc.working_version(db_session, profile)
    draft = svc.draft_version(db_session, profile)
    published = svc.latest_published(db_session, profile)
    limits = _limits()
    return {
        "profile": profile,
        "sources": svc.sources_of(db_session, profile),
        "working": working,
        "draft": draft,
        "published": published,
        "counts": svc.version_counts(db_session, working) if working else None,
        "history": svc.versions(db_session, profile),
        "build": svc.build_status(db_session, profile),
        "paste_form": extra.pop("paste_form", None) or PasteForm(formdata=None),
        "import_form": ImportForm(formdata=None),
        "others": svc.other_profiles(db_session, profile),
        "max_file_mb": _megabytes(limits.max_file_bytes),
        "max_files": limits.max_files,
        "sector_name": svc.sector_name,
        **extra,
    }


@bp.get("/<int:profile_id>")
@require(roles=STAFF, row=ROW)
def detail(profile_id: int) -> str:
    return render_template("profiles/detail.html", **_detail_context(_profile(profile_id)))


@bp.route("/<int:profile_id>/navn", methods=["GET", "POST"])
@require(roles=STAFF, row=ROW)
def rename(profile_id: int) -> str | Response:
    profile = _profile(profile_id)
    form = RenameForm()
    if request.method == "GET":
        form.name.data = profile.name
    if form.validate_on_submit():
        try:
            svc.rename_profile(db_session, profile, name=form.name.data or "")
        except svc.ProfileError as e:
            form.name.errors.append(str(e))
        else:
            db_session.commit()
            flash(_("Profilen heter nå «%(name)s».", name=profile.name), "success")
            return _back(profile.id)
    return render_template("profiles/rename.html", profile=profile, form=form)


@bp.post("/<int:profile_id>/filer")
@csrf.exempt  # type: ignore[untyped-decorator]
@require(roles=STAFF, row=ROW)
def upload(profile_id: int) -> Response:
    # Larger than the app-wide limit, so set before the form is parsed; CSRF is checked here,
    # after the limit is in place (the global check would parse the body with the small limit).
    request.max_content_length = _upload_request_limit()
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    profile = _profile(profile_id)
    files = [f for f in request.files.getlist("files") if f and f.filename]
    uploads = [
        svc.Upload(filename=f.filename or "", data=f.read(), content_type=f.mimetype) for f in files
    ]
    try:
        results = svc.add_uploads(db_session, profile, uploads, limits=_limits())
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id)
    db_session.commit()
    for result in results:
        flash(result.message, "success" if result.ok else "error")
    removed = sum(r.removed_personal for r in results)
    if removed:
        flash(
            _("%(n)s e-postadresser eller telefonnumre ble fjernet fra tekstene.", n=removed),
            "success",
        )
    return _back(profile_id)


@bp.post("/<int:profile_id>/tekst")
@require(roles=STAFF, row=ROW)
def paste(profile_id: int) -> str | Response:
    profile = _profile(profile_id)
    form = PasteForm()
    if not form.validate_on_submit():
        flash(_("Lim inn en tekst først."), "error")
        return _back(profile_id)
    try:
        result = svc.add_paste(
            db_session, profile, text=form.text.data or "", title=form.title.data, limits=_limits()
        )
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id)
    db_session.commit()
    flash(result.message, "success")
    if result.removed_personal:
        flash(
            _("%(n)s e-postadresser eller telefonnumre ble fjernet.", n=result.removed_personal),
            "success",
        )
    return _back(profile_id)


@bp.post("/<int:profile_id>/kilder/slett")
@require(roles=STAFF, row=ROW)
def delete_source(profile_id: int) -> Response:
    profile = _profile(profile_id)
    source_id = request.form.get("source_id", type=int)
    if not source_id:
        flash(_("Velg en kilde å fjerne."), "error")
        return _back(profile_id)
    name = svc.delete_source(db_session, profile, source_id)
    db_session.commit()
    flash(_("«%(name)s» er fjernet. Bygg profilen på nytt.", name=name), "success")
    return _back(profile_id)


@bp.post("/<int:profile_id>/bygg")
@require(roles=STAFF, row=ROW)
def build(profile_id: int) -> Response:
    profile = _profile(profile_id)
    try:
        svc.start_build(db_session, profile, created_by_id=current_user.id)
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id)
    db_session.commit()  # the job runs after this commit (in the background)
    status = svc.build_status(db_session, profile)
    if status.status == "done":
        flash(_("Profilen er bygd. Gå gjennom ordene."), "success")
    elif status.status == "failed":
        flash(status.error or _("Byggingen feilet."), "error")
    else:
        flash(_("Profilen bygges. Du kan jobbe videre imens."), "success")
    return _back(profile_id)


@bp.get("/<int:profile_id>/bygg/status")
@require(roles=STAFF, row=ROW)
def build_status(profile_id: int) -> Response:
    status = svc.build_status(db_session, _profile(profile_id))
    return jsonify(
        status=status.status,
        progress=round(status.progress, 3),
        percent=round(status.progress * 100),
        phase=status.phase,
        error=status.error,
        active=status.active,
    )


@bp.post("/<int:profile_id>/publiser")
@require(roles=STAFF, row=ROW)
def publish(profile_id: int) -> Response:
    profile = _profile(profile_id)
    try:
        version = svc.publish(db_session, profile, user_id=current_user.id)
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id)
    db_session.commit()
    flash(
        _(
            "Versjon %(n)s er publisert. Deltakere og mentorer ser nå de godkjente ordene.",
            n=version.number,
        ),
        "success",
    )
    return _back(profile_id)


# --- curation: terms -------------------------------------------------------------------------


def _term_filter() -> svc.TermFilter:
    args = request.args
    safety_arg = args.get("hms", "")
    return svc.TermFilter(
        status=args.get("status") if args.get("status") in svc.TERM_STATUSES else None,
        theme=args.get("tema") or None,
        safety=True if safety_arg == "ja" else False if safety_arg == "nei" else None,
        pos=args.get("ordklasse") if args.get("ordklasse") in svc.POS_LABELS else None,
        query=args.get("q") or None,
        without_own_definition=args.get("forklaring") == "uten",
    )


def _page_url(profile_id: int) -> Callable[[int], str]:
    """``url(n)``: this word list's address on page ``n``, keeping filters, search and sorting."""
    args: dict[str, Any] = {
        k: v
        for k, v in request.args.to_dict(flat=False).items()
        if k not in ("side", "profile_id") and not k.startswith("_")
    }

    def url(number: int) -> str:
        extra: dict[str, Any] = {"side": number} if number > 1 else {}
        return url_for("profiles.terms", profile_id=profile_id, **args, **extra)

    return url


@bp.get("/<int:profile_id>/ord")
@require(roles=STAFF, row=ROW)
def terms(profile_id: int) -> str:
    profile = _profile(profile_id)
    working = svc.working_version(db_session, profile)
    filters = _term_filter()
    rows = svc.terms_of(db_session, working, filters=filters) if working else []
    page = svc.term_page(rows, request.args.get("side", 1, type=int) or 1)
    return render_template(
        "profiles/terms.html",
        profile=profile,
        working=working,
        draft=svc.draft_version(db_session, profile),
        terms=page.terms,
        all_terms=rows,
        page=page,
        page_url=_page_url(profile_id),
        without_own=svc.count_without_own_definition(db_session, working) if working else 0,
        filters=filters,
        themes=svc.themes_of(db_session, working) if working else [],
        counts=svc.version_counts(db_session, working) if working else None,
        pending_safety=svc.pending_safety(db_session, working) if working else 0,
        add_form=AddTermForm(formdata=None),
        pos_labels=svc.POS_LABELS,
        status_labels=svc.STATUS_LABELS,
        display_word=display_word,
        describe_forms=describe_forms,
        build=svc.build_status(db_session, profile),
    )


@bp.post("/<int:profile_id>/ord/valgte")
@require(roles=STAFF, row=ROW)
def bulk_terms(profile_id: int) -> Response:
    profile = _profile(profile_id)
    action = request.form.get("action", "")
    try:
        n = svc.bulk_terms(
            db_session, profile, _ids("term_id"), action=action, theme=request.form.get("theme")
        )
    except svc.ProfileError as e:
        flash(str(e), "error")
    else:
        db_session.commit()
        flash(_("%(n)s ord er endret.", n=n), "success")
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("profiles.terms", profile_id=profile_id)
    return redirect(target)


@bp.post("/<int:profile_id>/ord/hms")
@require(roles=STAFF, row=ROW)
def confirm_safety(profile_id: int) -> Response:
    n = svc.confirm_safety_suggestions(db_session, _profile(profile_id))
    db_session.commit()
    flash(_("%(n)s ord er merket som viktige for sikkerheten (HMS).", n=n), "success")
    return _back(profile_id, "profiles.terms")


@bp.post("/<int:profile_id>/ord/slaa-sammen")
@require(roles=STAFF, row=ROW)
def merge(profile_id: int) -> Response:
    profile = _profile(profile_id)
    keep_id = request.form.get("keep_id", type=int)
    merge_id = request.form.get("merge_id", type=int)
    if not keep_id or not merge_id:
        flash(_("Velg to ord: ordet som skal beholdes og ordet som skal slås inn i det."), "error")
        return _back(profile_id, "profiles.terms")
    try:
        kept = svc.merge_terms(db_session, profile, keep_id=keep_id, merge_id=merge_id)
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id, "profiles.terms")
    db_session.commit()
    flash(_("Ordene er slått sammen til «%(lemma)s».", lemma=kept.lemma), "success")
    return _back(profile_id, "profiles.terms")


@bp.post("/<int:profile_id>/ord/nytt")
@require(roles=STAFF, row=ROW)
def add_term(profile_id: int) -> Response:
    profile = _profile(profile_id)
    form = AddTermForm()
    if not form.validate_on_submit():
        flash(_("Skriv ordet du vil legge til."), "error")
        return _back(profile_id, "profiles.terms")
    try:
        row = svc.add_term(
            db_session,
            profile,
            lemma=form.lemma.data or "",
            pos=form.pos.data or None,
            theme=form.theme.data,
        )
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id, "profiles.terms")
    db_session.commit()
    flash(_("«%(lemma)s» er lagt til og godkjent.", lemma=row.lemma), "success")
    return _back(profile_id, "profiles.edit_term", term_id=row.id)


@bp.route("/<int:profile_id>/ord/<int:term_id>", methods=["GET", "POST"])
@require(roles=STAFF, row=TERM_ROW)
def edit_term(profile_id: int, term_id: int) -> str | Response:
    profile = _profile(profile_id)
    term = svc.get_term(db_session, profile, term_id)
    # Back to the page of the word list the teacher came from (filters and page kept).
    back = _word_list_path(profile_id, request.values.get("tilbake"))
    form = TermEditForm() if request.method == "POST" else TermEditForm(formdata=None)
    if request.method == "GET":
        form.lemma.data = term.lemma
        form.articles.data = " ".join(term.articles or [])
        form.definition.data = term.definition or ""
        form.level.data = term.level
        form.theme.data = term.theme or ""
        form.status.data = term.status
        form.safety.data = term.safety
        form.examples.data = "\n".join(term.examples or [])
        for code in GLOSS_FIELDS:
            getattr(form, f"gloss_{code}").data = (term.gloss or {}).get(code, "")
    if request.method == "POST" and form.validate():
        edit = svc.TermEdit(
            lemma=form.lemma.data,
            articles=(form.articles.data or "").replace("/", " ").split(),
            definition=form.definition.data or "",
            level=form.level.data,
            theme=form.theme.data or "",
            safety=bool(form.safety.data),
            status=form.status.data,
            gloss={code: getattr(form, f"gloss_{code}").data or "" for code in GLOSS_FIELDS},
            examples=(form.examples.data or "").splitlines(),
        )
        try:
            row = svc.update_term(db_session, profile, term_id, edit)
        except svc.ProfileError as e:
            form.lemma.errors.append(str(e))
        else:
            db_session.commit()
            flash(_("«%(lemma)s» er lagret.", lemma=row.lemma), "success")
            return redirect(back)
    return render_template(
        "profiles/term.html",
        profile=profile,
        term=term,
        form=form,
        back=back,
        gloss_fields=GLOSS_FIELDS,
        pos_labels=svc.POS_LABELS,
        display_word=display_word,
        describe_forms=describe_forms,
    )


# --- curation: phrases -----------------------------------------------------------------------


@bp.get("/<int:profile_id>/fraser")
@require(roles=STAFF, row=ROW)
def phrases(profile_id: int) -> str:
    profile = _profile(profile_id)
    working = svc.working_version(db_session, profile)
    return render_template(
        "profiles/phrases.html",
        profile=profile,
        working=working,
        draft=svc.draft_version(db_session, profile),
        phrases=svc.phrases_of(db_session, working) if working else [],
        add_form=AddPhraseForm(formdata=None),
        status_labels=svc.STATUS_LABELS,
    )


@bp.post("/<int:profile_id>/fraser/valgte")
@require(roles=STAFF, row=ROW)
def bulk_phrases(profile_id: int) -> Response:
    profile = _profile(profile_id)
    try:
        n = svc.bulk_phrases(
            db_session, profile, _ids("phrase_id"), action=request.form.get("action", "")
        )
    except svc.ProfileError as e:
        flash(str(e), "error")
    else:
        db_session.commit()
        flash(_("%(n)s fraser er endret.", n=n), "success")
    return _back(profile_id, "profiles.phrases")


@bp.post("/<int:profile_id>/fraser/ny")
@require(roles=STAFF, row=ROW)
def add_phrase(profile_id: int) -> Response:
    profile = _profile(profile_id)
    form = AddPhraseForm()
    if not form.validate_on_submit():
        flash(_("Skriv frasen du vil legge til."), "error")
        return _back(profile_id, "profiles.phrases")
    try:
        svc.add_phrase(
            db_session,
            profile,
            text=form.text.data or "",
            situation=form.situation.data,
            theme=form.theme.data,
            safety=bool(form.safety.data),
        )
    except svc.ProfileError as e:
        flash(str(e), "error")
        return _back(profile_id, "profiles.phrases")
    db_session.commit()
    flash(_("Frasen er lagt til og godkjent."), "success")
    return _back(profile_id, "profiles.phrases")


@bp.route("/<int:profile_id>/fraser/<int:phrase_id>", methods=["GET", "POST"])
@require(roles=STAFF, row=PHRASE_ROW)
def edit_phrase(profile_id: int, phrase_id: int) -> str | Response:
    profile = _profile(profile_id)
    phrase = svc.get_phrase(db_session, profile, phrase_id)
    form = PhraseEditForm() if request.method == "POST" else PhraseEditForm(formdata=None)
    if request.method == "GET":
        form.text.data = phrase.text
        form.situation.data = phrase.situation or ""
        form.theme.data = phrase.theme or ""
        form.status.data = phrase.status
        form.safety.data = phrase.safety
        for code in GLOSS_FIELDS:
            getattr(form, f"gloss_{code}").data = (phrase.gloss or {}).get(code, "")
    if request.method == "POST" and form.validate():
        svc.update_phrase(
            db_session,
            profile,
            phrase_id,
            text=form.text.data,
            situation=form.situation.data or "",
            theme=form.theme.data or "",
            safety=bool(form.safety.data),
            status=form.status.data,
            gloss={code: getattr(form, f"gloss_{code}").data or "" for code in GLOSS_FIELDS},
        )
        db_session.commit()
        flash(_("Frasen er lagret."), "success")
        return _back(profile_id, "profiles.phrases")
    return render_template(
        "profiles/phrase.html", profile=profile, phrase=phrase, form=form, gloss_fields=GLOSS_FIELDS
    )


# --- exports and import ----------------------------------------------------------------------


def _file_name(profile: LanguageProfile, ext: str) -> str:
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", profile.name.replace("ø", "o").replace("Ø", "O"))
    ascii_name = ascii_name.replace("æ", "ae").replace("Æ", "Ae")
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower() or "sprakprofil"
    return f"{slug}.{ext}"


def _download(data: bytes, *, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _working_or_404(profile: LanguageProfile) -> ProfileVersion:
    version = svc.working_version(db_session, profile)
    if version is None:
        raise NotFound(f"version of profile {profile.id}")
    return version


@bp.get("/<int:profile_id>/eksport.csv")
@require(roles=STAFF, row=ROW)
def export_csv(profile_id: int) -> Response:
    profile = _profile(profile_id)
    data = svc.export_csv(db_session, profile, _working_or_404(profile))
    return _download(data, mimetype="text/csv", filename=_file_name(profile, "csv"))


@bp.get("/<int:profile_id>/eksport.apkg")
@require(roles=STAFF, row=ROW)
def export_anki(profile_id: int) -> Response:
    profile = _profile(profile_id)
    data = svc.export_anki(db_session, profile, _working_or_404(profile))
    return _download(data, mimetype="application/apkg", filename=_file_name(profile, "apkg"))


@bp.get("/<int:profile_id>/eksport.pdf")
@require(roles=STAFF, row=ROW)
def export_pdf(profile_id: int) -> Response:
    profile = _profile(profile_id)
    data = svc.export_pdf(db_session, profile, _working_or_404(profile), today=dt.date.today())
    return _download(data, mimetype="application/pdf", filename=_file_name(profile, "pdf"))


@bp.post("/<int:profile_id>/import")
@require(roles=STAFF, row=ROW)
def import_csv(profile_id: int) -> Response:
    profile = _profile(profile_id)
    upload = request.files.get("file")
    data = upload.read() if upload and upload.filename else b""
    try:
        result = svc.import_csv(db_session, profile, data)
    except (svc.ProfileError, CsvImportError) as e:
        flash(str(e), "error")
        return _back(profile_id)
    db_session.commit()
    flash(
        _(
            "CSV-filen er lest inn: %(added)s nye ord, %(updated)s oppdaterte ord og "
            "%(phrases)s nye fraser.",
            added=result.added,
            updated=result.updated,
            phrases=result.phrases_added,
        ),
        "success",
    )
    return _back(profile_id, "profiles.terms")


# --- compare and check a text ----------------------------------------------------------------


@bp.get("/<int:profile_id>/sammenlign")
@require(roles=STAFF, row=ROW)
def compare(profile_id: int) -> str:
    profile = _profile(profile_id)
    others = svc.other_profiles(db_session, profile)
    other_id = request.args.get("med", type=int)
    other = None
    result = None
    if other_id:
        other = _profile(other_id)
        result = svc.compare(db_session, profile, other)
    return render_template(
        "profiles/compare.html",
        profile=profile,
        others=others,
        other=other,
        result=result,
        display_word=display_word,
    )


@bp.route("/<int:profile_id>/sjekk-tekst", methods=["GET", "POST"])
@require(roles=STAFF, row=ROW)
def check_text(profile_id: int) -> str:
    profile = _profile(profile_id)
    form = CheckTextForm()
    coverage = None
    if form.validate_on_submit():
        try:
            coverage = svc.check_text(db_session, profile, form.text.data or "")
        except svc.ProfileError as e:
            form.text.errors.append(str(e))
    return render_template("profiles/check.html", profile=profile, form=form, coverage=coverage)


# --- published (read-only) -------------------------------------------------------------------


@bp.get("/<int:profile_id>/publisert")
@require(roles=STAFF | MENTOR | PARTICIPANT, row=PUBLISHED_ROW)
def published(profile_id: int) -> str:
    profile = svc.get_visible_profile(db_session, profile_id)
    version, domain = svc.published_profile(db_session, profile)
    return render_template(
        "profiles/published.html",
        profile=profile,
        version=version,
        domain=domain,
        display_word=display_word,
        describe_forms=describe_forms,
    )


@bp.get("/<int:profile_id>/publisert.pdf")
@require(roles=STAFF | MENTOR | PARTICIPANT, row=PUBLISHED_ROW)
def published_pdf(profile_id: int) -> Response:
    profile = svc.get_visible_profile(db_session, profile_id)
    data = svc.published_pdf(db_session, profile, today=dt.date.today())
    return _download(data, mimetype="application/pdf", filename=_file_name(profile, "pdf"))
