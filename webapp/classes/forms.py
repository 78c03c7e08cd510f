"""Class forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ClassForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Navn på klassen"), validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)]
    )
    start_date = DateField(_l("Startdato"), validators=[DataRequired(_l("Velg en dato."))])


class ImportForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Lim inn tabellen her"), validators=[Optional()], render_kw={"class": "mono"}
    )
    file = FileField(_l("… eller velg en CSV-fil"))
    joined_on = DateField(_l("Startet i klassen"), validators=[DataRequired(_l("Velg en dato."))])


class EnrolForm(FlaskForm):  # type: ignore[misc]
    participant_id = SelectField(_l("Deltaker"), coerce=int, validators=[DataRequired()])
    joined_on = DateField(_l("Startet i klassen"), validators=[DataRequired(_l("Velg en dato."))])


class LeaveForm(FlaskForm):  # type: ignore[misc]
    left_on = DateField(_l("Sluttet"), validators=[Optional()])
