"""Participant forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional


class ParticipantForm(FlaskForm):  # type: ignore[misc]
    full_name = StringField(
        _l("Fullt navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)]
    )
    phone = StringField(_l("Telefon (valgfritt)"), validators=[Optional(), Length(max=40)])
    email = StringField(_l("E-post (valgfritt)"), validators=[Optional(), Length(max=254)])
    first_language = StringField(_l("Førstespråk"), validators=[Optional(), Length(max=100)])
    previous_occupation = StringField(
        _l("Tidligere yrke"), validators=[Optional(), Length(max=200)]
    )
    education = StringField(_l("Utdanning"), validators=[Optional(), Length(max=200)])
    class_id = SelectField(_l("Klasse"), coerce=int, validators=[Optional()])
    joined_on = DateField(_l("Startet i klassen"), validators=[Optional()])


class DeleteForm(FlaskForm):  # type: ignore[misc]
    confirm_name = StringField(
        _l("Skriv deltakerens fulle navn for å bekrefte"),
        validators=[DataRequired(_l("Skriv navnet."))],
    )
