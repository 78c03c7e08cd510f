"""Fremgang: the participant's dashboard, the teacher's class and participant pages, the
start-of-programme mapping (kartlegging) and programme outcomes.

A participant in a class sees the mapping on their home page until it is done or skipped
(``_mapping_first``, a ``before_app_request`` hook limited to ``main.home``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from progress import charts
from progress.outcomes import GROUP_BY, OUTCOME_LABELS, PERIODS, TARGET_SHARE
from progress.skills import SKILLS, skill_name_nb
from webapp.access import PARTICIPANT, STAFF, require
from webapp.extensions import db_session
from webapp.models import Employer, Participant, PlacementNote, SchoolClass
from webapp.progress.forms import (
    BackgroundForm,
    MappingCorrectionForm,
    OutcomeForm,
    TargetsForm,
    ThresholdsForm,
)
from webapp.services import mapping as mapping_svc
from webapp.services import mentor as mentor_svc
from webapp.services import outcomes as outcome_svc
from webapp.services import progress as svc
from webapp.services import scope
from webapp.services.classes import list_classes
from webapp.services.participants import participant_for_user
from webapp.services.published import current_placement

bp = Blueprint("progress", __name__, url_prefix="/fremgang")

#: Short labels of ``progress.alerts`` kinds for the class table (the full message is the title).
ALERT_LABELS = {
    "inactive": "Inaktiv",
    "never_started": "Ikke startet",
    "safety_words": "Sikkerhetsord",
    "coverage_stalled": "Står stille",
}
SORTS = ("name", "activity", "coverage", "readiness", "alerts", *SKILLS)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _today() -> dt.date:
    return _now().astimezone(svc.OSLO).date()


def _svg(text: str) -> Markup:
    """Chart SVG from ``progress.charts`` (it escapes every text it writes)."""
    return Markup(text)  # noqa: S704 - built by progress.charts, all text escaped there


T = TypeVar("T")


def _row(model: type[T], row_id: int) -> T:
    """The row, or 404 (the access rule has checked the scope already)."""
    found = db_session.get(model, row_id)
    if found is None:
        abort(404)
    return found


def _own_participant() -> Participant:
    person = participant_for_user(db_session, current_user.id)
    if person is None:
        abort(404)
    return person


def _skill_charts(progress: svc.ParticipantProgress, *, prefix: str) -> list[dict[str, Any]]:
    rows = []
    for row in progress.summary.skills:
        est = row.estimate
        rows.append(
            {
                "skill": row.skill,
                "name": row.name_nb.capitalize(),
                "target": row.target,
                "level": est.level if est else None,
                "text": est.summary_nb() if est else _("Ingen svar ennå"),
                "cap_note": est.cap_note_nb() if est else None,  # why it is not higher
                "reached": row.progress.reached,
                "svg": _svg(
                    charts.skill_bar(
                        est.theta if est else None,
                        target=row.target,
                        label=_(
                            "%(skill)s mot %(target)s",
                            skill=row.name_nb.capitalize(),
                            target=row.target,
                        ),
                        level=est.level if est else None,
                        id_prefix=f"{prefix}-{row.skill}",
                    )
                ),
            }
        )
    return rows


# --- participant ---------------------------------------------------------------------------------


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> ResponseReturnValue:
    """The participant's own progress: today's practice, streak, workplace words, four skills."""
    person = _own_participant()
    progress = svc.participant_progress(db_session, person.id, now=_now())
    db_session.commit()
    summary = progress.summary
    meter = None
    if summary.coverage is not None:
        meter = _svg(
            charts.coverage_meter(
                summary.coverage.share,
                label=summary.coverage_text or "",
                # "54 / av 100 ord": the words of the sentence next to it, not a percent
                value_text=str(summary.coverage.percent),
                caption=_("av 100 ord"),
                size=140,
                id_prefix="min-dekning",
            )
        )
    trend_values = [share for _at, share in progress.trend.points]
    trend = (
        _svg(
            charts.sparkline(
                trend_values, label=_("Ordene dine over tid"), width=160, id_prefix="min-trend"
            )
        )
        if len(trend_values) >= 2
        else None
    )
    return render_template(
        "progress/index.html",
        progress=progress,
        summary=summary,
        meter=meter,
        trend=trend,
        skills=_skill_charts(progress, prefix="min"),
    )


# --- mapping (kartlegging) ---------------------------------------------------------------------


@bp.before_app_request
def _mapping_first() -> ResponseReturnValue | None:
    """Show a participant in a class the mapping on their home page until done or skipped.

    It is shown in place (same URL, no redirect), so links and bookmarks to the home page keep
    working; its forms post to the mapping's own URLs.
    """
    if request.endpoint != "main.home" or not current_user.is_authenticated:
        return None
    if current_user.role != "participant":
        return None
    person = participant_for_user(db_session, current_user.id)
    if person is None or not mapping_svc.needs_mapping(db_session, person.id, today=_today()):
        return None
    return mapping()


@bp.get("/kartlegging")
@require(roles=PARTICIPANT)
def mapping() -> ResponseReturnValue:
    """Background first, then one word at a time, then the result."""
    person = _own_participant()
    row = mapping_svc.mapping_for(db_session, person.id)
    if row is None or (row.status == "skipped" and request.args.get("start") == "1"):
        form = BackgroundForm(
            data={
                "languages": person.first_language or "",
                "education": person.education or "",
                "previous_occupation": person.previous_occupation or "",
            }
        )
        return render_template("progress/mapping_background.html", form=form)
    if row.status == "started":
        step = mapping_svc.current_step(row)
        if step.word is not None:
            return render_template("progress/mapping_check.html", step=step)
    return render_template(
        "progress/mapping_done.html",
        row=row,
        result=mapping_svc.result_of(row),
        sectors=[mapping_svc.SECTOR_NAMES.get(s, s) for s in mapping_svc.sectors_of(row)],
    )


@bp.post("/kartlegging/bakgrunn")
@require(roles=PARTICIPANT)
def mapping_background() -> ResponseReturnValue:
    person = _own_participant()
    form = BackgroundForm()
    if not form.validate_on_submit():
        return render_template("progress/mapping_background.html", form=form), 400
    languages = [x for x in form.languages.data.replace(";", ",").split(",") if x.strip()]
    mapping_svc.save_background(
        db_session,
        person,
        languages=languages,
        education=form.education.data,
        previous_occupation=form.previous_occupation.data,
        wanted_work=form.wanted_work.data,
        now=_now(),
    )
    db_session.commit()
    return redirect(url_for("progress.mapping"))


@bp.post("/kartlegging/ord")
@require(roles=PARTICIPANT)
def mapping_answer() -> ResponseReturnValue:
    person = _own_participant()
    row = mapping_svc.mapping_for(db_session, person.id)
    answer = request.form.get("answer")
    word = request.form.get("word", "")
    if row is None or row.status != "started" or answer not in ("ja", "nei"):
        return redirect(url_for("progress.mapping"))
    mapping_svc.answer_word(db_session, row, word=word, knows=answer == "ja", now=_now())
    db_session.commit()
    return redirect(url_for("progress.mapping"))


@bp.post("/kartlegging/hopp-over")
@require(roles=PARTICIPANT)
def mapping_skip() -> ResponseReturnValue:
    person = _own_participant()
    mapping_svc.skip_mapping(db_session, person, now=_now())
    db_session.commit()
    flash(_("Greit! Læreren din kan hjelpe deg med kartleggingen senere."), "success")
    return redirect(url_for("main.home"))


# --- teacher -----------------------------------------------------------------------------------


@bp.get("/klasser")
@require(roles=STAFF)
def classes() -> ResponseReturnValue:
    """Pick a class to follow."""
    rows = list_classes(db_session, current_user.organisation_id, today=_today())
    return render_template("progress/classes.html", classes=rows)


@bp.get("/klasse/<int:class_id>")
@require(roles=STAFF, row={"class_id": scope.class_in_org})
def class_dashboard(class_id: int) -> ResponseReturnValue:
    """The class at a glance, sortable; who has been inactive; words the class lacks."""
    school_class = _row(SchoolClass, class_id)
    sort = request.args.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    descending = request.args.get("dir", "desc" if sort != "name" else "asc") == "desc"
    data = svc.class_progress(
        db_session, school_class, now=_now(), sort=sort, descending=descending
    )
    db_session.commit()
    th = data.thresholds
    form = ThresholdsForm(
        data={
            "coverage": round(th.coverage * 100),
            "safety_share": round(th.safety_share * 100),
            "interview_sessions": th.interview_sessions,
            **{s: th.skill_levels.get(s, "") for s in SKILLS},
        }
    )
    employer_ids = {
        r.published.employer_id
        for r in data.rows
        if r.published is not None and r.published.employer_id is not None
    }
    return render_template(
        "progress/class.html",
        data=data,
        sort=sort,
        descending=descending,
        form=form,
        skill_names={s: skill_name_nb(s).capitalize() for s in SKILLS},
        suggestions=mentor_svc.open_suggestions(db_session, employer_ids),
        alert_labels=ALERT_LABELS,
    )


@bp.post("/klasse/<int:class_id>/terskler")
@require(roles=STAFF, row={"class_id": scope.class_in_org})
def thresholds(class_id: int) -> ResponseReturnValue:
    """The teacher's "Klar for praksis" thresholds for the class."""
    form = ThresholdsForm()
    if form.validate_on_submit():
        try:
            svc.save_class_thresholds(
                db_session,
                class_id,
                coverage=form.coverage.data / 100,
                safety_share=form.safety_share.data / 100,
                interview_sessions=form.interview_sessions.data,
                skill_levels=form.levels(),
                now=_now(),
            )
        except svc.ProgressServiceError:
            flash(_("Kravene kunne ikke lagres."), "error")
        else:
            db_session.commit()
            flash(_("Kravene for «Klar for praksis» er lagret."), "success")
    else:
        flash(_("Sjekk tallene: prosent fra 0 til 100."), "error")
    return redirect(url_for("progress.class_dashboard", class_id=class_id) + "#krav")


@bp.get("/deltaker/<int:participant_id>")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def participant(participant_id: int) -> ResponseReturnValue:
    """One participant over time: coverage, skills, readiness, mapping, mentor notes, outcome."""
    person = _row(Participant, participant_id)
    progress = svc.participant_progress(db_session, participant_id, now=_now())
    db_session.commit()
    snapshots = [s for s in progress.snapshots if s.coverage is not None]
    coverage_chart = _svg(
        charts.sparkline(
            [s.coverage or 0.0 for s in snapshots],
            label=_("Arbeidsplassens ord over tid"),
            width=320,
            height=64,
            id_prefix="dekning-tid",
        )
    )
    skill_history = []
    for skill in SKILLS:
        values = [s.skills[skill] for s in progress.snapshots if skill in (s.skills or {})]
        skill_history.append(
            {
                "name": skill_name_nb(skill).capitalize(),
                "svg": _svg(
                    charts.sparkline(
                        values,
                        label=_("%(skill)s over tid", skill=skill_name_nb(skill).capitalize()),
                        min_value=-2.5,
                        max_value=2.5,
                        value_format="number",
                        width=200,
                        height=40,
                        id_prefix=f"tid-{skill}",
                    )
                ),
            }
        )
    targets = progress.targets
    teacher_levels = svc.participant_target_levels(db_session, participant_id)
    row = mapping_svc.mapping_for(db_session, participant_id)
    outcome = outcome_svc.outcome_for(db_session, participant_id)
    school_class = svc.current_class(db_session, participant_id, today=_today())
    placement = current_placement(db_session, participant_id)
    return render_template(
        "progress/participant.html",
        person=person,
        progress=progress,
        summary=progress.summary,
        skills=_skill_charts(progress, prefix="p"),
        coverage_chart=coverage_chart,
        skill_history=skill_history,
        targets=targets,
        targets_form=TargetsForm(data=teacher_levels),
        employer_form=TargetsForm(
            prefix="krav",
            data=svc.employer_requirement(db_session, placement.employer_id) if placement else {},
        ),
        mapping=row,
        mapping_result=mapping_svc.result_of(row),
        mapping_sectors=[mapping_svc.SECTOR_NAMES.get(s, s) for s in mapping_svc.sectors_of(row)],
        mapping_form=MappingCorrectionForm(
            data={"sectors": mapping_svc.sectors_of(row), "note": row.teacher_note if row else ""}
        ),
        notes=mentor_svc.notes_for_participant(db_session, participant_id),
        outcome=outcome,
        outcome_labels=OUTCOME_LABELS,
        outcome_form=OutcomeForm(
            data={
                "category": outcome.category if outcome else None,
                "exit_date": outcome.exit_date if outcome else _today(),
                "site": outcome.site
                if outcome
                else outcome_svc.default_site(db_session, person.organisation_id),
            }
        ),
        school_class=school_class,
        placement=placement,
    )


@bp.post("/deltaker/<int:participant_id>/mal")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def targets(participant_id: int) -> ResponseReturnValue:
    """The teacher's target level per skill for this participant."""
    form = TargetsForm()
    if form.validate_on_submit():
        svc.save_participant_targets(
            db_session, participant_id, form.levels(), set_by_id=current_user.id, now=_now()
        )
        db_session.commit()
        flash(_("Målene er lagret."), "success")
    else:
        flash(_("Velg et nivå for hver ferdighet."), "error")
    return redirect(url_for("progress.participant", participant_id=participant_id) + "#mal")


@bp.post("/deltaker/<int:participant_id>/kartlegging")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def correct_mapping(participant_id: int) -> ResponseReturnValue:
    """The teacher corrects the starting level and sectors."""
    person = _row(Participant, participant_id)
    form = MappingCorrectionForm()
    if form.validate_on_submit():
        try:
            mapping_svc.correct_mapping(
                db_session,
                person,
                level=form.level.data or None,
                sectors=form.sectors.data or [],
                note=form.note.data,
                user_id=current_user.id,
                now=_now(),
            )
        except mapping_svc.MappingError as e:
            flash(str(e), "error")
        else:
            db_session.commit()
            flash(_("Kartleggingen er oppdatert."), "success")
    else:
        flash(_("Sjekk feltene i kartleggingen."), "error")
    return redirect(url_for("progress.participant", participant_id=participant_id) + "#kartlegging")


@bp.post("/deltaker/<int:participant_id>/utkast")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def note_to_draft(participant_id: int) -> ResponseReturnValue:
    """ "Legg til i utkast": words a mentor heard missing go into the profile's draft."""
    note = db_session.get(PlacementNote, request.form.get("note_id", type=int) or 0)
    target = url_for("progress.participant", participant_id=participant_id) + "#mentor"
    if note is None or note.participant_id != participant_id:
        flash(_("Fant ikke notatet."), "error")
        return redirect(target)
    try:
        added = mentor_svc.add_note_words_to_draft(
            db_session, note, request.form.getlist("word"), now=_now()
        )
    except mentor_svc.MentorError as e:
        flash(str(e), "error")
        return redirect(target)
    db_session.commit()
    if added:
        flash(_("Lagt til i utkastet: %(words)s", words=", ".join(added)), "success")
    else:
        flash(_("Ordene finnes allerede i utkastet."), "success")
    return redirect(target)


@bp.post("/deltaker/<int:participant_id>/utfall")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def record_outcome(participant_id: int) -> ResponseReturnValue:
    """The outcome at exit (fast jobb, midlertidig jobb, praksis, utdanning, avbrutt, annet)."""
    person = _row(Participant, participant_id)
    form = OutcomeForm()
    target = url_for("progress.participant", participant_id=participant_id) + "#utfall"
    if not form.validate_on_submit():
        flash(_("Velg utfall og sluttdato."), "error")
        return redirect(target)
    try:
        outcome_svc.record_outcome(
            db_session,
            person,
            category=form.category.data,
            exit_date=form.exit_date.data,
            school_class=svc.current_class(db_session, participant_id, today=_today()),
            site=form.site.data or outcome_svc.default_site(db_session, person.organisation_id),
            recorded_by_id=current_user.id,
            today=_today(),
        )
    except outcome_svc.OutcomeError as e:
        flash(str(e), "error")
        return redirect(target)
    db_session.commit()
    flash(_("Utfallet er lagret."), "success")
    return redirect(target)


@bp.post("/arbeidsgiver/<int:employer_id>/krav")
@require(roles=STAFF, row={"employer_id": scope.employer_in_org})
def employer_requirement(employer_id: int) -> ResponseReturnValue:
    """The employer's language requirement per skill (e.g. B1 muntlig, A2 skriftlig)."""
    form = TargetsForm(prefix="krav")
    back = request.form.get("back_participant", type=int)
    if form.validate_on_submit():
        svc.save_employer_requirement(db_session, employer_id, form.levels(), now=_now())
        db_session.commit()
        employer = _row(Employer, employer_id)
        flash(_("Kravet til %(name)s er lagret.", name=employer.name), "success")
    else:
        flash(_("Velg et nivå for hver ferdighet."), "error")
    if back and scope.participant_visible(db_session, current_user, back):
        return redirect(url_for("progress.participant", participant_id=back) + "#mal")
    return redirect(url_for("progress.classes"))


# --- outcomes ----------------------------------------------------------------------------------


def _report_args() -> tuple[str, str, dt.date | None, dt.date | None]:
    by = request.args.get("by", "class")
    period = request.args.get("period", "year")
    if by not in GROUP_BY:
        by = "class"
    if period not in PERIODS:
        period = "year"

    def day(name: str) -> dt.date | None:
        raw = request.args.get(name) or ""
        try:
            return dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    return by, period, day("fra"), day("til")


@bp.get("/utfall")
@require(roles=STAFF)
def outcomes() -> ResponseReturnValue:
    """Outcomes per class, site or period: the share into work or education (target 80 %)."""
    by, period, start, end = _report_args()
    report = outcome_svc.outcome_report(
        db_session, current_user.organisation_id, by=by, period=period, start=start, end=end
    )
    bars = {
        g.key: _svg(
            charts.bar_toward_target(
                g.share,
                target=TARGET_SHARE,
                label=_("%(group)s: andel i arbeid eller utdanning", group=g.key),
                width=200,
                id_prefix=f"utfall-{i}",
            )
        )
        for i, g in enumerate((*report.groups, *([report.total] if report.total else [])))
    }
    return render_template(
        "progress/outcomes.html",
        report=report,
        bars=bars,
        by=by,
        period=period,
        start=start,
        end=end,
        target=TARGET_SHARE,
        outcome_labels=OUTCOME_LABELS,
    )


@bp.get("/utfall.csv")
@require(roles=STAFF)
def outcomes_csv() -> ResponseReturnValue:
    """The outcome report as CSV (semicolons and decimal comma, for Norwegian Excel)."""
    by, period, start, end = _report_args()
    report = outcome_svc.outcome_report(
        db_session, current_user.organisation_id, by=by, period=period, start=start, end=end
    )
    body = "\ufeff" + outcome_svc.report_csv(report)
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="utfall-{by}.csv"'},
    )
