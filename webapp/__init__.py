"""Hurtigspor web application: the Flask app factory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

__version__ = "0.1.0"


class InsecureConfigError(RuntimeError):
    """The configuration is not safe for production."""


def create_app(config_overrides: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the application (cheap: no migrations, no model loading)."""
    app = Flask(__name__, instance_relative_config=True)

    from webapp.config import DefaultConfig, database_url_from_env, normalise_database_url

    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("HURTIGSPOR")
    if config_overrides:
        app.config.update(config_overrides)

    uri = app.config.get("SQLALCHEMY_DATABASE_URI") or database_url_from_env()
    if not uri:
        os.makedirs(app.instance_path, exist_ok=True)
        uri = "sqlite:///" + os.path.join(app.instance_path, "hurtigspor.db")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(uri)
    if uri.startswith("sqlite"):
        from webapp import sqlite_setup

        sqlite_setup.install()
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            k: v for k, v in app.config["SQLALCHEMY_ENGINE_OPTIONS"].items() if k != "pool_pre_ping"
        }

    _check_production(app)

    from webapp import models  # noqa: F401  (register every model with the metadata)
    from webapp.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "migrations")),
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=lambda: app.config["BABEL_DEFAULT_LOCALE"])

    from webapp import access, auth, errors, security
    from webapp.cli import register_commands
    from webapp.navigation import register_navigation

    auth.init_login(login_manager)
    errors.register(app)
    security.register(app)
    register_navigation(app)
    register_commands(app)
    _register_blueprints(app)
    access.register(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Register every feature blueprint.  Later features: add yours to this list."""
    from webapp.admin.routes import bp as admin_bp
    from webapp.api.routes import bp as api_bp
    from webapp.applications.routes import bp as applications_bp
    from webapp.auth.routes import bp as auth_bp
    from webapp.classes.routes import bp as classes_bp
    from webapp.employers.routes import bp as employers_bp
    from webapp.interviews.routes import bp as interviews_bp
    from webapp.main.routes import bp as main_bp
    from webapp.me.routes import bp as me_bp
    from webapp.mentor.routes import bp as mentor_bp
    from webapp.ops.routes import bp as ops_bp
    from webapp.participants.routes import bp as participants_bp
    from webapp.placements.routes import bp as placements_bp
    from webapp.practice.routes import bp as practice_bp
    from webapp.profiles.routes import bp as profiles_bp
    from webapp.progress.routes import bp as progress_bp

    for bp in (
        ops_bp,
        main_bp,
        auth_bp,
        admin_bp,
        classes_bp,
        participants_bp,
        employers_bp,
        placements_bp,
        me_bp,
        mentor_bp,
        practice_bp,
        api_bp,
        interviews_bp,
        applications_bp,
        progress_bp,
        profiles_bp,
    ):
        app.register_blueprint(bp)


def _check_production(app: Flask) -> None:
    """Refuse to start in production with the development secret key or insecure cookies."""
    from webapp.config import DEV_SECRET_KEY

    if app.config.get("ENV_NAME") != "production":
        return
    if not app.config.get("SECRET_KEY") or app.config["SECRET_KEY"] == DEV_SECRET_KEY:
        raise InsecureConfigError(
            "Refusing to start in production with the development SECRET_KEY; "
            "set HURTIGSPOR_SECRET_KEY or instance/config.py."
        )
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True
