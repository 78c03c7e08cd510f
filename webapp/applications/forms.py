"""Job application forms: a new draft, the letter, and a teacher's comment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from webapp.formhelpers import choices


class NewDraftForm(FlaskForm):  # type: ignore[misc]
    source = RadioField(
        _l("Hvilken jobb søker du?"),
        choices=choices(
            [
                ("profile", _l("Jobben på praksisplassen min")),
                ("pasted", _l("En annen jobb: jeg limer inn annonsen")),
            ]
        ),
        default="profile",
    )
    title = StringField(
        _l("Navn på søknaden (valgfritt)"), validators=[Optional(), Length(max=200)]
    )
    ad_text = TextAreaField(_l("Annonsen"), validators=[Optional(), Length(max=8000)])


class AssignAdForm(FlaskForm):  # type: ignore[misc]
    """A teacher pastes a real ad and gives a participant the task of applying for it."""

    title = StringField(
        _l("Navn på oppgaven (valgfritt)"), validators=[Optional(), Length(max=200)]
    )
    ad_text = TextAreaField(
        _l("Annonsen"),
        validators=[DataRequired(_l("Lim inn annonsen.")), Length(max=8000)],
    )


class LetterForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Søknaden din"), validators=[DataRequired(_l("Skriv søknaden først.")), Length(max=8000)]
    )


class CommentForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Kommentar til deltakeren"),
        validators=[DataRequired(_l("Skriv en kommentar.")), Length(max=4000)],
    )
