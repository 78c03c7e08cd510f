"""Norwegian messages for CSV row errors (codes come from the participants service)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from webapp.services.participants import RowError

FIELD_NAMES = {
    "full_name": _l("navn"),
    "phone": _l("telefon"),
    "email": _l("e-post"),
    "first_language": _l("førstespråk"),
    "previous_occupation": _l("tidligere yrke"),
    "education": _l("utdanning"),
}


def row_error_message(error: RowError) -> str:
    """One clear sentence per problem, naming the line."""
    field = FIELD_NAMES.get(error.field, error.field)
    value = error.value
    texts = {
        "empty": _("Tabellen er tom. Lim inn minst én linje med et navn."),
        "too_many_rows": _(
            "Tabellen har for mange linjer. Del den opp (høyst %(n)s linjer).", n=value
        ),
        "too_many_columns": _("Linje %(line)d har for mange kolonner.", line=error.line),
        "name_missing": _("Linje %(line)d mangler navn.", line=error.line),
        "name_length": _("Linje %(line)d: navnet må ha mellom 2 og 200 tegn.", line=error.line),
        "phone_invalid": _(
            "Linje %(line)d: «%(value)s» er ikke et telefonnummer. Bruk 8 sifre, gjerne med +47.",
            line=error.line,
            value=value,
        ),
        "email_invalid": _(
            "Linje %(line)d: «%(value)s» er ikke en e-postadresse.", line=error.line, value=value
        ),
        "too_long": _(
            "Linje %(line)d: %(field)s er for lang (høyst 200 tegn).", line=error.line, field=field
        ),
    }
    fallback = _("Linje %(line)d: feil i %(field)s.", line=error.line, field=field)
    return str(texts.get(error.code, fallback))
