"""Login, logout, invite redemption and password change."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from webapp.extensions import db_session
from webapp.models import User


def init_login(login_manager: LoginManager) -> None:
    """Configure Flask-Login: ids carry the session version so old sessions die on rotation."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Logg inn for å se denne siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader  # type: ignore[untyped-decorator]
    def load_user(user_id: str) -> User | None:
        try:
            raw_id, raw_version = user_id.split(":", 1)
            uid, version = int(raw_id), int(raw_version)
        except ValueError:
            return None
        user = db_session.get(User, uid)
        if user is None or user.session_version != version or not user.active:
            return None
        return user
