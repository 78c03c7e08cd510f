"""Placement form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import DataRequired, Optional

from webapp.formhelpers import choices

PHASE_CHOICES = [("classroom", _l("Klasserom")), ("praksis", _l("Praksis"))]
STATUS_CHOICES = [
    ("planned", _l("Planlagt")),
    ("active", _l("Pågår")),
    ("completed", _l("Fullført")),
    ("cancelled", _l("Avbrutt")),
]


class PlacementForm(FlaskForm):  # type: ignore[misc]
    participant_id = SelectField(
        _l("Deltaker"), coerce=int, validators=[DataRequired(_l("Velg en deltaker."))]
    )
    employer_id = SelectField(
        _l("Arbeidsgiver"), coerce=int, validators=[DataRequired(_l("Velg en arbeidsgiver."))]
    )
    workplace_id = SelectField(_l("Avdeling"), coerce=int, validators=[Optional()])
    mentor_id = SelectField(_l("Mentor"), coerce=int, validators=[Optional()])
    phase = SelectField(_l("Fase"), choices=choices(PHASE_CHOICES))
    status = SelectField(_l("Status"), choices=choices(STATUS_CHOICES))
    planned_start = DateField(_l("Planlagt start"), validators=[Optional()])
    planned_end = DateField(_l("Planlagt slutt"), validators=[Optional()])
