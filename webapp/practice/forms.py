"""Practice forms (teacher settings)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange


class PracticeSettingsForm(FlaskForm):  # type: ignore[misc]
    new_items_per_day = IntegerField(
        _l("Nye øvelser per dag"),
        validators=[
            InputRequired(_l("Skriv et tall.")),
            NumberRange(0, 100, _l("Velg et tall fra 0 til 100.")),
        ],
    )
    session_minutes = IntegerField(
        _l("Minutter per økt"),
        validators=[
            InputRequired(_l("Skriv et tall.")),
            NumberRange(3, 20, _l("Velg et tall fra 3 til 20.")),
        ],
    )
