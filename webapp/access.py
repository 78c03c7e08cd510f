"""Declarative access control: every endpoint declares who may call it, by role and by row.

    @bp.get("/<int:participant_id>")
    @require(roles=STAFF, row={"participant_id": scope.participant_visible})
    def detail(participant_id): ...

``register`` installs a ``before_request`` hook that enforces the rule of the matched endpoint.
An endpoint without a rule is refused (403) and makes ``tests/web/test_access_matrix.py`` fail.
Wrong role → 403; a row outside the caller's scope → 404 (its existence is not revealed);
anonymous → redirect to the login page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user
from sqlalchemy.orm import Session

from webapp.extensions import db_session, login_manager
from webapp.models import Role

RowCheck = Callable[[Session, Any, Any], bool]
F = TypeVar("F", bound=Callable[..., Any])

PARTICIPANT = frozenset({Role.PARTICIPANT.value})
TEACHER = frozenset({Role.TEACHER.value})
MENTOR = frozenset({Role.MENTOR.value})
ADMIN = frozenset({Role.ADMIN.value})
STAFF = TEACHER | ADMIN
ANY_ROLE = frozenset(r.value for r in Role)
#: Endpoints Flask adds itself that need no rule.
EXEMPT_ENDPOINTS = frozenset({"static"})


@dataclass(frozen=True)
class Rule:
    """Who may call an endpoint: ``roles=None`` means public (anonymous too)."""

    roles: frozenset[str] | None
    rows: Mapping[str, RowCheck] = field(default_factory=dict)

    @property
    def public(self) -> bool:
        return self.roles is None


def require(*, roles: Iterable[str], row: Mapping[str, RowCheck] | None = None) -> Callable[[F], F]:
    """Declare that only ``roles`` may call the view, and only for rows passing ``row`` checks.

    ``row`` maps a URL argument name to ``check(session, user, value) -> bool``.
    """
    rule = Rule(roles=frozenset(roles), rows=dict(row or {}))

    def decorate(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


def public(view: F) -> F:
    """Declare a view open to everyone, logged in or not."""
    view.access_rule = Rule(roles=None)  # type: ignore[attr-defined]
    return view


def rule_for(app: Flask, endpoint: str) -> Rule | None:
    """The declared rule of an endpoint, or ``None``."""
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def rules(app: Flask) -> dict[str, Rule | None]:
    """Every endpoint (except exempt ones) with its rule, ``None`` where missing."""
    return {ep: rule_for(app, ep) for ep in app.view_functions if ep not in EXEMPT_ENDPOINTS}


def _enforce() -> Any:
    endpoint = request.endpoint
    if endpoint is None or endpoint in EXEMPT_ENDPOINTS:
        return None
    rule = rule_for(current_app, endpoint)
    if rule is None:
        current_app.logger.error("endpoint %s has no access rule; refusing", endpoint)
        abort(403)
    if rule.public:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    assert rule.roles is not None
    if current_user.role not in rule.roles:
        abort(403)
    args = request.view_args or {}
    for name, check in rule.rows.items():
        if name not in args or not check(db_session, current_user, args[name]):
            abort(404)
    return None


def register(app: Flask) -> None:
    """Install enforcement and log endpoints that have no rule (they answer 403).

    It does not raise: one unfinished route must not stop everyone's tests; the access-matrix
    test fails instead.
    """
    app.before_request(_enforce)
    missing = [ep for ep, rule in rules(app).items() if rule is None]
    if missing:
        app.logger.warning(
            "endpoints without an access rule (refused): %s", ", ".join(sorted(missing))
        )
