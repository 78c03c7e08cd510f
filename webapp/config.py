"""Configuration: DefaultConfig → instance/config.py → HURTIGSPOR_* env → overrides."""

from __future__ import annotations

import os
from datetime import timedelta

DEV_SECRET_KEY = "dev-insecure-change-me"  # noqa: S105 - the placeholder production refuses


def normalise_database_url(url: str) -> str:
    """Make ``postgres://`` and ``postgresql://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class DefaultConfig:
    """Safe defaults for local development."""

    ENV_NAME = "development"  # "production" turns on the production checks
    SECRET_KEY = DEV_SECRET_KEY
    SQLALCHEMY_DATABASE_URI: str | None = None  # None: DATABASE_URL or instance/hurtigspor.db
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # forced on in production
    SESSION_COOKIE_NAME = "hurtigspor_session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    INVITE_VALID_DAYS = 14
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    LOGIN_MAX_FAILURES_PER_IP = 50


class TestConfig(DefaultConfig):
    """Common test settings (tests pass these as overrides)."""

    TESTING = True
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SECRET_KEY = "test-secret"  # noqa: S105


def database_url_from_env() -> str | None:
    """Return the normalised ``DATABASE_URL`` environment variable, if set."""
    url = os.environ.get("DATABASE_URL")
    return normalise_database_url(url) if url else None
