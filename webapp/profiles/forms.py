"""Forms of the language profile pages (teacher-facing, plain Norwegian)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from webapp.formhelpers import choices

LEVEL_CHOICES = [(level, level) for level in ("A1", "A2", "B1", "B2", "B2+")]
STATUS_CHOICES = [
    ("proposed", _l("Forslag")),
    ("accepted", _l("Godkjent")),
    ("rejected", _l("Avvist")),
]
POS_CHOICES = [
    ("", _l("Finn ut selv (ordboka)")),
    ("NOUN", _l("Substantiv")),
    ("VERB", _l("Verb")),
    ("ADJ", _l("Adjektiv")),
    ("ADV", _l("Adverb")),
    ("X", _l("Uttrykk")),
]


class ProfileForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Navn på profilen"),
        validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)],
    )
    employer_id = SelectField(_l("Arbeidsgiver"), coerce=int, validators=[Optional()])
    starter_sector = SelectField(
        _l("Start fra en bransjeprofil (valgfritt)"), validators=[Optional()]
    )


class RenameForm(FlaskForm):  # type: ignore[misc]
    name = StringField(
        _l("Nytt navn"),
        validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)],
    )


class PasteForm(FlaskForm):  # type: ignore[misc]
    title = StringField(_l("Navn på teksten (valgfritt)"), validators=[Optional(), Length(max=200)])
    text = TextAreaField(_l("Lim inn tekst"), validators=[DataRequired(_l("Lim inn en tekst."))])


class AddTermForm(FlaskForm):  # type: ignore[misc]
    lemma = StringField(
        _l("Nytt ord eller uttrykk"),
        validators=[DataRequired(_l("Skriv et ord.")), Length(max=200)],
    )
    pos = SelectField(_l("Ordklasse"), choices=choices(POS_CHOICES), validators=[Optional()])
    theme = StringField(_l("Tema (valgfritt)"), validators=[Optional(), Length(max=100)])


class AddPhraseForm(FlaskForm):  # type: ignore[misc]
    text = StringField(
        _l("Ny frase"), validators=[DataRequired(_l("Skriv en frase.")), Length(max=500)]
    )
    situation = StringField(_l("Når sier man det? (valgfritt)"), validators=[Optional()])
    theme = StringField(_l("Tema (valgfritt)"), validators=[Optional(), Length(max=100)])
    safety = BooleanField(_l("Viktig for sikkerheten (HMS)"))


class TermEditForm(FlaskForm):  # type: ignore[misc]
    lemma = StringField(_l("Ord"), validators=[DataRequired(_l("Skriv ordet.")), Length(max=200)])
    articles = StringField(
        _l("Artikkel (en, ei, et – skill med mellomrom)"), validators=[Optional(), Length(max=20)]
    )
    definition = TextAreaField(_l("Forklaring"), validators=[Optional(), Length(max=1000)])
    level = SelectField(_l("Nivå"), choices=choices(LEVEL_CHOICES))
    theme = StringField(_l("Tema"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), choices=choices(STATUS_CHOICES))
    safety = BooleanField(_l("Viktig for sikkerheten (HMS)"))
    examples = TextAreaField(
        _l("Eksempelsetninger (én per linje, høyst tre)"), validators=[Optional()]
    )
    gloss_en = StringField(_l("Engelsk"), validators=[Optional(), Length(max=200)])
    gloss_ar = StringField(_l("Arabisk"), validators=[Optional(), Length(max=200)])
    gloss_uk = StringField(_l("Ukrainsk"), validators=[Optional(), Length(max=200)])
    gloss_ti = StringField(_l("Tigrinja"), validators=[Optional(), Length(max=200)])
    gloss_so = StringField(_l("Somali"), validators=[Optional(), Length(max=200)])
    gloss_prs = StringField(_l("Dari"), validators=[Optional(), Length(max=200)])


class PhraseEditForm(FlaskForm):  # type: ignore[misc]
    text = StringField(_l("Frase"), validators=[DataRequired(_l("Skriv frasen.")), Length(max=500)])
    situation = StringField(_l("Når sier man det?"), validators=[Optional(), Length(max=500)])
    theme = StringField(_l("Tema"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), choices=choices(STATUS_CHOICES))
    safety = BooleanField(_l("Viktig for sikkerheten (HMS)"))
    gloss_en = StringField(_l("Engelsk"), validators=[Optional(), Length(max=300)])
    gloss_ar = StringField(_l("Arabisk"), validators=[Optional(), Length(max=300)])
    gloss_uk = StringField(_l("Ukrainsk"), validators=[Optional(), Length(max=300)])
    gloss_ti = StringField(_l("Tigrinja"), validators=[Optional(), Length(max=300)])
    gloss_so = StringField(_l("Somali"), validators=[Optional(), Length(max=300)])
    gloss_prs = StringField(_l("Dari"), validators=[Optional(), Length(max=300)])


class ImportForm(FlaskForm):  # type: ignore[misc]
    file = FileField(_l("CSV-fil"))


class CheckTextForm(FlaskForm):  # type: ignore[misc]
    text = TextAreaField(
        _l("Lim inn teksten du vil sjekke"),
        validators=[DataRequired(_l("Lim inn en tekst.")), Length(max=200_000)],
    )


GLOSS_FIELDS = ("en", "ar", "uk", "ti", "so", "prs")
