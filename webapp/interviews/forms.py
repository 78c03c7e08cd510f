"""Interview forms: start a session, answer, and the teacher's scenario and assignment forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from interviews.scenarios import SECTOR_PLACES
from webapp.formhelpers import choices

#: Turn slots on the scenario form (blank slots are ignored).
TURN_SLOTS = 6
SECTOR_CHOICES = choices(
    [("", _l("Alle bransjer"))]
    + [(key, f"{key.capitalize()} ({place})") for key, place in SECTOR_PLACES.items()]
)


class StartForm(FlaskForm):  # type: ignore[misc]
    key = HiddenField(validators=[DataRequired(), Length(max=120)])
    mode = HiddenField(validators=[DataRequired()])


class AnswerForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Ditt svar"),
        validators=[DataRequired(_l("Skriv eller si et svar først.")), Length(max=3000)],
    )
    turn_index = HiddenField(validators=[DataRequired()])
    client_id = HiddenField(validators=[DataRequired(), Length(max=64)])
    spoken = HiddenField(default="0")


class FinishForm(FlaskForm):  # type: ignore[misc]
    pass


class TurnForm(Form):  # type: ignore[misc]
    prompt = TextAreaField(_l("Spørsmål eller replikk"), validators=[Optional(), Length(max=500)])
    key_points = TextAreaField(
        _l("Hovedpunkter (ett per linje: «Punkt: ord, ord»)"),
        validators=[Optional(), Length(max=2000)],
    )
    terms = StringField(
        _l("Ord som passer (skill med komma)"), validators=[Optional(), Length(max=500)]
    )
    model_a2 = TextAreaField(_l("Modellsvar A2"), validators=[Optional(), Length(max=1000)])
    model_b1 = TextAreaField(_l("Modellsvar B1"), validators=[Optional(), Length(max=1000)])


class ScenarioForm(FlaskForm):  # type: ignore[misc]
    title = StringField(
        _l("Tittel"), validators=[DataRequired(_l("Skriv en tittel.")), Length(max=200)]
    )
    kind = SelectField(
        _l("Type"),
        choices=choices(
            [("interview", _l("Jobbintervju")), ("workplace", _l("Situasjon på jobben"))]
        ),
    )
    sector = SelectField(_l("Bransje"), choices=SECTOR_CHOICES, validators=[Optional()])
    description = TextAreaField(
        _l("Kort beskrivelse (valgfritt)"), validators=[Optional(), Length(max=500)]
    )
    turns = FieldList(FormField(TurnForm), min_entries=TURN_SLOTS, max_entries=TURN_SLOTS)


class AssignForm(FlaskForm):  # type: ignore[misc]
    scenario_key = SelectField(_l("Scenario"), validators=[DataRequired()])
    class_id = SelectField(_l("Til en klasse"), validators=[Optional()])
    participant_id = SelectField(_l("… eller til en deltaker"), validators=[Optional()])
