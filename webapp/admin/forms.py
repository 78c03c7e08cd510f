"""Organisation admin forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional


class OrganisationForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Navn på organisasjonen"),
        validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)],
    )
    allow_pin = BooleanField(
        _l("Deltakere kan logge inn med PIN-kode (6 tall) i stedet for passord")
    )


class TeacherForm(FlaskForm):  # type: ignore[misc]
    display_name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)]
    )
    email = EmailField(
        _l("E-post (valgfritt)"),
        validators=[Optional(), Email(_l("Skriv en gyldig e-postadresse."))],
    )
