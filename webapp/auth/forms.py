"""Forms for login, invites and passwords."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):  # type: ignore[misc]
    username = StringField(
        _l("Brukernavn"), validators=[DataRequired(_l("Skriv brukernavnet ditt."))]
    )
    password = PasswordField(
        _l("Passord eller PIN"), validators=[DataRequired(_l("Skriv passordet ditt."))]
    )


class InviteCodeForm(FlaskForm):  # type: ignore[misc]
    code = StringField(
        _l("Kode"), validators=[DataRequired(_l("Skriv koden fra lappen.")), Length(max=20)]
    )


class SetSecretForm(FlaskForm):  # type: ignore[misc]
    use_pin = BooleanField(_l("Jeg vil bruke en PIN-kode med 6 tall"))
    secret = PasswordField(_l("Nytt passord"), validators=[DataRequired(_l("Skriv et passord."))])
    confirm = PasswordField(
        _l("Skriv det samme en gang til"),
        validators=[
            DataRequired(_l("Skriv passordet en gang til.")),
            EqualTo("secret", _l("De to er ikke like.")),
        ],
    )


class ChangeSecretForm(SetSecretForm):
    current = PasswordField(
        _l("Passordet du har nå"), validators=[DataRequired(_l("Skriv passordet du har nå."))]
    )
