"""Employer, workplace and mentor forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from webapp.formhelpers import choices

SECTORS = [
    ("", _l("Velg bransje")),
    ("handel", _l("Butikk og handel")),
    ("lager", _l("Lager og logistikk")),
    ("helse", _l("Helse og omsorg")),
    ("renhold", _l("Renhold")),
    ("kantine", _l("Kantine og kjøkken")),
    ("barnehage", _l("Barnehage og skole/SFO")),
    ("transport", _l("Transport")),
    ("bygg", _l("Bygg og anlegg")),
    ("annet", _l("Annet")),
]


class EmployerForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Navn på arbeidsgiveren"),
        validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)],
    )
    sector = SelectField(_l("Bransje"), choices=choices(SECTORS), validators=[Optional()])
    address = StringField(_l("Adresse eller sted"), validators=[Optional(), Length(max=300)])


class WorkplaceForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Avdeling eller sted"), validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)]
    )
    address = StringField(_l("Adresse (valgfritt)"), validators=[Optional(), Length(max=300)])


class MentorForm(FlaskForm):  # type: ignore[misc]
    display_name = StringField(
        _l("Navn på mentoren"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)]
    )
    email = EmailField(
        _l("E-post (valgfritt)"),
        validators=[Optional(), Email(_l("Skriv en gyldig e-postadresse."))],
    )
    phone = StringField(_l("Telefon (valgfritt)"), validators=[Optional(), Length(max=40)])
    workplace_id = SelectField(_l("Avdeling"), coerce=int, validators=[Optional()])
