"""Forms of the progress pages: mapping background, targets, readiness thresholds, outcomes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from progress.outcomes import OUTCOME_LABELS, OUTCOMES
from progress.skills import SKILLS
from webapp.formhelpers import choices
from webapp.services.mapping import SECTOR_NAMES

LEVEL_CHOICES = (("", _l("Standard")), ("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("B2", "B2"))
SKILL_LABELS = {
    "listening": _l("Lytting"),
    "reading": _l("Lesing"),
    "writing": _l("Skriving"),
    "oral": _l("Muntlig"),
}


class BackgroundForm(FlaskForm):  # type: ignore[misc]
    languages = StringField(
        _l("Hvilke språk snakker du?"),
        validators=[InputRequired(_l("Skriv minst ett språk.")), Length(max=300)],
    )
    education = StringField(_l("Skole og utdanning"), validators=[Optional(), Length(max=200)])
    previous_occupation = StringField(
        _l("Hva har du jobbet med før?"), validators=[Optional(), Length(max=200)]
    )
    wanted_work = StringField(
        _l("Hva vil du jobbe med i Norge?"), validators=[Optional(), Length(max=300)]
    )


class TargetsForm(FlaskForm):  # type: ignore[misc]
    listening = SelectField(SKILL_LABELS["listening"], choices=choices(LEVEL_CHOICES), default="")
    reading = SelectField(SKILL_LABELS["reading"], choices=choices(LEVEL_CHOICES), default="")
    writing = SelectField(SKILL_LABELS["writing"], choices=choices(LEVEL_CHOICES), default="")
    oral = SelectField(SKILL_LABELS["oral"], choices=choices(LEVEL_CHOICES), default="")

    def levels(self) -> dict[str, str]:
        return {skill: self[skill].data or "" for skill in SKILLS}


NO_REQUIREMENT = (("", _l("Ikke krav")), ("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("B2", "B2"))


class ThresholdsForm(FlaskForm):  # type: ignore[misc]
    coverage = IntegerField(
        _l("Arbeidsplassens ord (prosent)"),
        validators=[InputRequired(_l("Skriv et tall.")), NumberRange(0, 100)],
    )
    safety_share = IntegerField(
        _l("Sikkerhetsord (prosent)"),
        validators=[InputRequired(_l("Skriv et tall.")), NumberRange(0, 100)],
    )
    interview_sessions = IntegerField(
        _l("Fullførte intervjutreninger"),
        validators=[InputRequired(_l("Skriv et tall.")), NumberRange(0, 50)],
    )
    listening = SelectField(SKILL_LABELS["listening"], choices=choices(NO_REQUIREMENT), default="")
    reading = SelectField(SKILL_LABELS["reading"], choices=choices(NO_REQUIREMENT), default="")
    writing = SelectField(SKILL_LABELS["writing"], choices=choices(NO_REQUIREMENT), default="")
    oral = SelectField(SKILL_LABELS["oral"], choices=choices(NO_REQUIREMENT), default="")

    def levels(self) -> dict[str, str]:
        return {skill: self[skill].data for skill in SKILLS if self[skill].data}


class MappingCorrectionForm(FlaskForm):  # type: ignore[misc]
    level = SelectField(
        _l("Startnivå"),
        choices=choices(
            (("", _l("Ikke endre")), ("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("B2", "B2"))
        ),
    )
    sectors = SelectMultipleField(_l("Bransjer"), choices=choices(SECTOR_NAMES.items()))
    note = TextAreaField(_l("Notat"), validators=[Optional(), Length(max=1000)])


class OutcomeForm(FlaskForm):  # type: ignore[misc]
    category = SelectField(
        _l("Utfall"),
        choices=choices([("", _l("Velg utfall")), *((k, OUTCOME_LABELS[k]) for k in OUTCOMES)]),
        validators=[InputRequired(_l("Velg et utfall."))],
        default="",
    )
    exit_date = DateField(_l("Sluttdato"), validators=[InputRequired(_l("Skriv en dato."))])
    site = StringField(_l("Sted"), validators=[Optional(), Length(max=200)])
