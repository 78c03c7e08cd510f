"""Intervju: practise job interviews and workplace conversations; teachers' scenarios and overviews.

Participant flow: the index lists scenarios → ``start`` makes a session → ``run`` shows one turn at
a time (typed, or spoken through the browser's speech recognition — audio never reaches us) →
``answer`` scores it → in practice mode the feedback page follows each answer; in interview mode
(timed) the result page follows the last one.  Mentors see none of this.
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from interviews.scenarios import Scenario
from webapp.access import PARTICIPANT, STAFF, require
from webapp.extensions import db_session
from webapp.formhelpers import choices
from webapp.interviews.forms import AnswerForm, AssignForm, FinishForm, ScenarioForm, StartForm
from webapp.models import (
    InterviewAnswer,
    InterviewScenario,
    InterviewSession,
    Participant,
    SchoolClass,
)
from webapp.practice import media
from webapp.services import applications as app_svc
from webapp.services import interviews as svc
from webapp.services import scope
from webapp.services.classes import list_classes
from webapp.services.errors import NotFound, ServiceError
from webapp.services.participants import list_participants
from webapp.timeutil import today_local

bp = Blueprint("interviews", __name__, url_prefix="/intervju")

PARTICIPANT_OR_STAFF = PARTICIPANT | STAFF


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _my_participant_id() -> int:
    pid = svc.participant_id_for_user(db_session, current_user.id)
    if pid is None:
        abort(404)
    return pid


def _session_or_404(session_id: int) -> InterviewSession:
    row = db_session.get(InterviewSession, session_id)
    if row is None:
        abort(404)
    return row


def _is_participant() -> bool:
    return bool(current_user.role == "participant")


# --------------------------------------------------------------------------- participant


@bp.get("/")
@require(roles=PARTICIPANT)
def index() -> ResponseReturnValue:
    pid = _my_participant_id()
    choices = svc.available_scenarios(db_session, pid, today=today_local())
    history, _errors = svc.participant_history(db_session, pid)
    return render_template(
        "interviews/index.html",
        choices=choices,
        history=history[:5],
        drafts=app_svc.drafts_of(db_session, pid)[:3],
        start_form=StartForm(),
    )


@bp.post("/start")
@require(roles=PARTICIPANT)
def start() -> ResponseReturnValue:
    pid = _my_participant_id()
    form = StartForm()
    if not form.validate_on_submit() or form.mode.data not in svc.MODES:
        flash(_("Velg en øvelse på nytt."), "error")
        return redirect(url_for("interviews.index"))
    try:
        row = svc.start_session(db_session, pid, form.key.data, mode=form.mode.data, now=_now())
    except NotFound:
        abort(404)
    db_session.commit()
    return redirect(url_for("interviews.run", session_id=row.id))


def _turn_view(scenario: Scenario, index: int) -> dict[str, object]:
    turn = scenario.turns[index]
    return {
        "turn": turn,
        "audio_url": media.speech_url(turn.prompt),
        "number": index + 1,
        "total": len(scenario.turns),
    }


@bp.get("/okt/<int:session_id>")
@require(roles=PARTICIPANT, row={"session_id": svc.interview_session_visible})
def run(session_id: int) -> ResponseReturnValue:
    row = _session_or_404(session_id)
    index = svc.current_turn(db_session, row)
    if index is None or row.finished_at is not None:
        return redirect(url_for("interviews.result", session_id=row.id))
    form = AnswerForm(data={"turn_index": str(index), "client_id": secrets.token_hex(16)})
    return _render_run(row, index, form)


def _render_run(row: InterviewSession, index: int, form: AnswerForm) -> str:
    scenario = svc.session_scenario(row)
    words, words_from_turn = svc.hint_terms(db_session, row, scenario.turns[index])
    return render_template(
        "interviews/run.html",
        hint_words=words,
        hint_words_from_turn=words_from_turn,
        session=row,
        scenario=scenario,
        form=form,
        finish_form=FinishForm(),
        **_turn_view(scenario, index),
    )


@bp.post("/okt/<int:session_id>/svar")
@require(roles=PARTICIPANT, row={"session_id": svc.interview_session_visible})
def answer(session_id: int) -> ResponseReturnValue:
    row = _session_or_404(session_id)
    form = AnswerForm()
    index = svc.current_turn(db_session, row)
    if index is None or row.finished_at is not None:
        return redirect(url_for("interviews.result", session_id=row.id))
    if not form.validate_on_submit():
        if not form.client_id.data:
            form.client_id.data = secrets.token_hex(16)
        form.turn_index.data = str(index)
        return _render_run(row, index, form), 400
    try:
        turn_index = int(form.turn_index.data)
        stored = svc.submit_answer(
            db_session,
            row,
            turn_index=turn_index,
            text=form.text.data or "",
            spoken=form.spoken.data == "1",
            client_id=form.client_id.data,
            now=_now(),
        )
    except (ValueError, svc.AnswerRejected) as exc:
        db_session.rollback()
        form.text.errors = [str(exc) if isinstance(exc, svc.AnswerRejected) else _("Prøv igjen.")]
        return _render_run(row, index, form), 400
    db_session.commit()
    if row.mode == "practice":
        return redirect(url_for("interviews.feedback", answer_id=stored.id))
    if svc.current_turn(db_session, row) is None:
        return redirect(url_for("interviews.result", session_id=row.id))
    return redirect(url_for("interviews.run", session_id=row.id))


@bp.post("/okt/<int:session_id>/avslutt")
@require(roles=PARTICIPANT, row={"session_id": svc.interview_session_visible})
def finish(session_id: int) -> ResponseReturnValue:
    row = _session_or_404(session_id)
    svc.finish_session(db_session, row, now=_now())
    db_session.commit()
    return redirect(url_for("interviews.result", session_id=row.id))


@bp.get("/okt/<int:session_id>/resultat")
@require(roles=PARTICIPANT_OR_STAFF, row={"session_id": svc.interview_session_visible})
def result(session_id: int) -> ResponseReturnValue:
    row = _session_or_404(session_id)
    if _is_participant() and row.finished_at is None and row.mode == "interview":
        return redirect(url_for("interviews.run", session_id=row.id))
    scenario = svc.session_scenario(row)
    answers = svc.session_answers(db_session, row)
    return render_template(
        "interviews/result.html",
        session=row,
        scenario=scenario,
        answers=answers,
        participant=db_session.get(Participant, row.participant_id),
        highlight=svc.highlight,
        check_label=svc.check_label,
        next_turn=svc.current_turn(db_session, row),
    )


@bp.get("/svar/<int:answer_id>")
@require(roles=PARTICIPANT_OR_STAFF, row={"answer_id": svc.answer_visible})
def feedback(answer_id: int) -> ResponseReturnValue:
    stored = db_session.get(InterviewAnswer, answer_id)
    if stored is None:
        abort(404)
    row = _session_or_404(stored.session_id)
    if _is_participant() and row.mode == "interview" and row.finished_at is None:
        return redirect(url_for("interviews.run", session_id=row.id))
    scenario = svc.session_scenario(row)
    turn = scenario.turns[stored.turn_index] if stored.turn_index < len(scenario.turns) else None
    data = stored.feedback or {}
    return render_template(
        "interviews/feedback.html",
        session=row,
        answer=stored,
        turn=turn,
        data=data,
        segments=svc.highlight(data.get("text") or stored.text, data.get("problems") or []),
        check_label=svc.check_label,
        next_turn=svc.current_turn(db_session, row),
        total=len(scenario.turns),
    )


# --------------------------------------------------------------------------- teachers


@bp.get("/laerer")
@require(roles=STAFF)
def teacher() -> ResponseReturnValue:
    org = current_user.organisation_id
    return render_template(
        "interviews/teacher.html",
        scenarios=svc.org_scenarios(db_session, org),
        assignments=svc.assignments(db_session, org),
        classes=list_classes(db_session, org, today=today_local()),
        participants=list_participants(db_session, org),
    )


def _turn_inputs(form: ScenarioForm) -> list[svc.TurnInput]:
    turns: list[svc.TurnInput] = []
    for entry in form.turns.entries:
        data = entry.form
        prompt = (data.prompt.data or "").strip()
        if not prompt:
            continue
        turns.append(
            svc.TurnInput(
                prompt=prompt,
                key_points=svc.parse_key_points(data.key_points.data or ""),
                terms=tuple(t.strip() for t in (data.terms.data or "").split(",") if t.strip()),
                model_a2=(data.model_a2.data or "").strip(),
                model_b1=(data.model_b1.data or "").strip(),
            )
        )
    return turns


def _save_scenario(form: ScenarioForm, row: InterviewScenario | None) -> InterviewScenario | None:
    turns = _turn_inputs(form)
    if not turns:
        form.turns.entries[0].form.prompt.errors = [_("Skriv minst ett spørsmål.")]
        return None
    fields = {
        "title": form.title.data or "",
        "kind": form.kind.data,
        "sector": form.sector.data or None,
        "description": form.description.data or "",
        "turns": turns,
        "now": _now(),
    }
    try:
        if row is None:
            row = svc.create_scenario(
                db_session,
                organisation_id=current_user.organisation_id,
                created_by_id=current_user.id,
                **fields,
            )
        else:
            svc.update_scenario(db_session, row, **fields)
    except ServiceError as exc:
        db_session.rollback()
        form.title.errors = [str(exc)]
        return None
    db_session.commit()
    return row


@bp.route("/scenario/ny", methods=["GET", "POST"])
@require(roles=STAFF)
def scenario_new() -> ResponseReturnValue:
    form = ScenarioForm()
    if form.validate_on_submit():
        row = _save_scenario(form, None)
        if row is not None:
            flash(_("Scenarioet er lagret."), "success")
            return redirect(url_for("interviews.scenario_edit", scenario_id=row.id))
    return render_template("interviews/scenario_form.html", form=form, scenario=None)


@bp.route("/scenario/<int:scenario_id>", methods=["GET", "POST"])
@require(roles=STAFF, row={"scenario_id": svc.scenario_in_org})
def scenario_edit(scenario_id: int) -> ResponseReturnValue:
    row = db_session.get(InterviewScenario, scenario_id)
    if row is None:
        abort(404)
    if request.method == "GET":
        turns = [
            {
                "prompt": t.get("prompt", ""),
                "key_points": svc.format_key_points(t.get("key_points") or ()),
                "terms": ", ".join(t.get("terms") or ()),
                "model_a2": (t.get("model_answers") or {}).get("A2", ""),
                "model_b1": (t.get("model_answers") or {}).get("B1", ""),
            }
            for t in (row.data or {}).get("turns") or ()
        ]
        form = ScenarioForm(
            data={
                "title": row.title,
                "kind": row.kind,
                "sector": row.sector or "",
                "description": (row.data or {}).get("description", ""),
                "turns": turns,
            }
        )
    else:
        form = ScenarioForm()
        if form.validate_on_submit() and _save_scenario(form, row) is not None:
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("interviews.scenario_edit", scenario_id=row.id))
    return render_template("interviews/scenario_form.html", form=form, scenario=row)


@bp.route("/tildel", methods=["GET", "POST"])
@require(roles=STAFF)
def assign() -> ResponseReturnValue:
    org = current_user.organisation_id
    form = AssignForm()
    form.scenario_key.choices = choices(svc.scenario_choices_for_staff(db_session, org))
    form.class_id.choices = choices(
        [("", _("Ingen klasse"))]
        + [(str(c.id), c.name) for c, _n in list_classes(db_session, org, today=today_local())]
    )
    form.participant_id.choices = choices(
        [("", _("Ingen deltaker"))]
        + [(str(p.id), p.full_name) for p in list_participants(db_session, org)]
    )
    if request.method == "GET":
        form.scenario_key.data = request.args.get("scenario", svc.INTERVIEW_KEY)
    if form.validate_on_submit():
        class_id = int(form.class_id.data) if form.class_id.data else None
        participant_id = int(form.participant_id.data) if form.participant_id.data else None
        try:
            svc.assign_scenario(
                db_session,
                organisation_id=org,
                scenario_key=form.scenario_key.data,
                class_id=class_id,
                participant_id=participant_id,
                assigned_by_id=current_user.id,
                now=_now(),
            )
        except ServiceError as exc:
            db_session.rollback()
            form.class_id.errors = [
                _("Velg enten en klasse eller en deltaker.")
                if not isinstance(exc, NotFound)
                else _("Finner ikke det du valgte.")
            ]
        else:
            db_session.commit()
            flash(_("Scenarioet er tildelt."), "success")
            return redirect(url_for("interviews.teacher"))
    return render_template("interviews/assign.html", form=form)


@bp.get("/deltaker/<int:participant_id>")
@require(roles=STAFF, row={"participant_id": scope.participant_visible})
def participant(participant_id: int) -> ResponseReturnValue:
    person = db_session.get(Participant, participant_id)
    history, errors = svc.participant_history(db_session, participant_id)
    return render_template(
        "interviews/participant.html",
        participant=person,
        history=history,
        errors=errors,
        drafts=app_svc.drafts_of(db_session, participant_id),
    )


@bp.get("/klasse/<int:class_id>")
@require(roles=STAFF, row={"class_id": scope.class_in_org})
def class_errors(class_id: int) -> ResponseReturnValue:
    return render_template(
        "interviews/class_errors.html",
        school_class=db_session.get(SchoolClass, class_id),
        errors=svc.class_common_errors(db_session, class_id),
    )
