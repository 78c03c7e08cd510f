"""Small helpers for web tests: build rows in a short-lived app context and return ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from sqlalchemy.orm import Session

from webapp.extensions import db

T = TypeVar("T")


def in_db(app: Flask, build: Callable[[Session], T]) -> T:
    """Run ``build(session)`` in its own app context, commit, and return its (plain) result."""
    with app.app_context():
        result = build(db.session)
        db.session.commit()
        return result


def query(app: Flask, fn: Callable[[Session], Any]) -> Any:
    """Read from the database in a fresh app context."""
    with app.app_context():
        return fn(db.session)
