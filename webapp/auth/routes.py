"""Auth views: thin wrappers around ``webapp.services.accounts``."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from webapp.access import ANY_ROLE, public, require
from webapp.auth.forms import ChangeSecretForm, InviteCodeForm, LoginForm, SetSecretForm
from webapp.extensions import db_session
from webapp.models import User
from webapp.navigation import HOME
from webapp.services import accounts
from webapp.services.errors import InvalidSecret, InviteInvalid, LoginLocked

bp = Blueprint("auth", __name__)

SECRET_ERRORS = {
    "pin_not_allowed": _l("Skolen din bruker ikke PIN-kode. Velg et passord."),
    "pin_format": _l("PIN-koden må ha nøyaktig 6 tall."),
    "pin_too_simple": _l("PIN-koden er for enkel. Ikke bruk like tall eller tall på rad."),
    "password_too_short": _l("Passordet må ha minst 8 tegn."),
    "wrong_current": _l("Passordet du har nå, er feil."),
}


def _policy() -> accounts.ThrottlePolicy:
    cfg = current_app.config
    return accounts.ThrottlePolicy(
        max_failures=cfg["LOGIN_MAX_FAILURES"],
        lock_minutes=cfg["LOGIN_LOCK_MINUTES"],
        max_failures_per_ip=cfg["LOGIN_MAX_FAILURES_PER_IP"],
    )


def _start_session(user: User) -> None:
    """Rotate the session: drop everything from before login, then log in."""
    session.clear()
    login_user(user)
    session.permanent = True


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/logg-inn", methods=["GET", "POST"])
@public
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for(HOME[current_user.role]))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db_session,
                form.username.data or "",
                form.password.data or "",
                ip=request.remote_addr or "unknown",
                policy=_policy(),
            )
        except LoginLocked:
            db_session.commit()
            flash(_("For mange forsøk. Vent 15 minutter og prøv igjen."), "error")
            return render_template("auth/login.html", form=form), 429
        db_session.commit()
        if user is None:
            flash(_("Feil brukernavn eller passord."), "error")
            return render_template("auth/login.html", form=form), 200
        _start_session(user)
        return redirect(_safe_next(request.args.get("next")) or url_for(HOME[user.role]))
    return render_template("auth/login.html", form=form)


@bp.post("/logg-ut")
@require(roles=ANY_ROLE)
def logout() -> Response:
    # A signed cookie copied before logout must not log in again: bump the session version
    # (this also ends the account's sessions on other devices).
    user = db_session.get(User, current_user.id)
    if user is not None:
        user.session_version += 1
        db_session.commit()
    logout_user()
    session.clear()
    flash(_("Du er logget ut."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/invitasjon", methods=["GET", "POST"])
@public
def redeem_start() -> str | Response:
    form = InviteCodeForm()
    if form.validate_on_submit():
        return redirect(
            url_for("auth.redeem", code=accounts.normalise_invite_code(form.code.data or ""))
        )
    return render_template("auth/redeem_start.html", form=form)


@bp.route("/invitasjon/<code>", methods=["GET", "POST"])
@public
def redeem(code: str) -> str | Response | tuple[str, int]:
    try:
        invite = accounts.check_invite(db_session, code, ip=request.remote_addr or "unknown")
    except LoginLocked:
        return render_template(
            "errors/error.html",
            code=429,
            title=_("For mange forsøk"),
            text=_("Vent 15 minutter og prøv igjen."),
        ), 429
    except InviteInvalid:
        db_session.commit()
        return render_template("auth/redeem_invalid.html"), 404
    user = invite.user
    form = SetSecretForm()
    if form.validate_on_submit():
        try:
            user = accounts.redeem_invite(
                db_session, code, form.secret.data or "", pin=bool(form.use_pin.data)
            )
        except InvalidSecret as e:
            form.secret.errors = [SECRET_ERRORS[str(e)]]
        else:
            db_session.commit()
            _start_session(user)
            flash(_("Velkommen! Brukernavnet ditt er %(name)s.", name=user.username), "success")
            return redirect(url_for(HOME[user.role]))
    return render_template(
        "auth/redeem.html", form=form, user=user, allow_pin=user.organisation.allow_pin
    )


@bp.route("/passord", methods=["GET", "POST"])
@require(roles=ANY_ROLE)
def change_password() -> str | Response:
    form = ChangeSecretForm()
    if form.validate_on_submit():
        try:
            accounts.change_secret(
                db_session,
                current_user,
                current=form.current.data or "",
                new=form.secret.data or "",
                pin=bool(form.use_pin.data),
            )
        except InvalidSecret as e:
            field = form.current if str(e) == "wrong_current" else form.secret
            field.errors = [SECRET_ERRORS[str(e)]]
        else:
            db_session.commit()
            _start_session(current_user._get_current_object())
            flash(_("Passordet er endret."), "success")
            return redirect(url_for(HOME[current_user.role]))
    return render_template(
        "auth/change_password.html", form=form, allow_pin=current_user.organisation.allow_pin
    )
