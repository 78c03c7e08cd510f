"""Error pages in plain Norwegian, and mapping of service exceptions to HTTP responses."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from webapp.services.errors import NotFound

MESSAGES = {
    400: (_l("Noe gikk galt med skjemaet"), _l("Gå tilbake og prøv en gang til.")),
    403: (_l("Du har ikke tilgang"), _l("Denne siden er ikke for deg. Gå til forsiden.")),
    404: (_l("Vi finner ikke siden"), _l("Siden finnes ikke, eller du har ikke tilgang til den.")),
    405: (_l("Det gikk ikke"), _l("Gå tilbake og prøv en gang til.")),
    413: (_l("Filen er for stor"), _l("Velg en mindre fil (høyst 5 MB).")),
    429: (_l("For mange forsøk"), _l("Vent litt og prøv igjen senere.")),
    500: (_l("Det oppstod en feil hos oss"), _l("Prøv igjen om litt. Feilen er ikke din.")),
    503: (
        _l("Systemet er opptatt akkurat nå"),
        _l("Ingenting er borte. Prøv igjen om litt, eller last siden på nytt."),
    ),
}

logger = logging.getLogger("hurtigspor.errors")


def _render(code: int) -> tuple[str, int]:
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, text=text), code


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return _render(error.code or 500)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "errors/error.html",
            code=400,
            title=_l("Skjemaet er for gammelt"),
            text=_l("Last siden på nytt og prøv igjen."),
        ), 400

    @app.errorhandler(NotFound)
    def not_found(error: NotFound) -> tuple[str, int]:
        return _render(404)

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(error: Exception) -> ResponseReturnValue:
        # The database dropped the connection or is locked: roll back, do not touch the
        # database again while rendering (no user lookup), and say so in plain Norwegian.
        # The pool's pre-ping replaces dead connections, so the next request recovers.
        from webapp.extensions import db, login_manager

        logger.warning("database unavailable: %s", type(error).__name__)
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001 - the connection may be gone entirely
            db.session.remove()
        g._login_user = login_manager.anonymous_user()
        if request.path.startswith("/api/"):
            return jsonify(error="database_unavailable", message=str(MESSAGES[503][1])), 503
        return _render(503)

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        return _render(500)
