"""Rows of another organisation: every route, every method, every role of organisation B (issue 8).

Complements ``tests/web/test_access_matrix.py``: that test asks "who of organisation A may call
this"; this one walks ``app.url_map`` (new routes are picked up by themselves), fills every URL
argument with a row id of organisation A (``ROW_ARGS`` of the matrix) and calls each method as a
teacher, an admin, a participant and a mentor of organisation B.  Every answer must be 403 or 404
— never a page, a redirect into the app, or a server error.  The JSON API has no row ids in its
URLs; the last test sends organisation A's item ids from a participant of organisation B.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from flask import Flask, url_for
from sqlalchemy import func, select

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from tests.web.test_access_matrix import ROW_ARGS, World, build_world
from webapp import create_app
from webapp.access import rule_for
from webapp.models import Answer, Organisation, Role

#: URL arguments that carry no row (a signed token); endpoints with only these are not row-scoped.
NOT_ROWS = frozenset({"token"})
IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


def _row_scoped_routes() -> list[tuple[str, str, tuple[str, ...]]]:
    """(endpoint, rule, methods) of every non-public route with a row id in its URL."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not (set(rule.arguments) - NOT_ROWS):
            continue
        access = rule_for(app, rule.endpoint)
        if access is not None and access.public:
            continue  # e.g. invite redemption: the code itself is the credential
        methods = tuple(sorted((rule.methods or set()) - IGNORED_METHODS))
        routes.append((rule.endpoint, rule.rule, methods))
    return sorted(routes)


ROUTES = _row_scoped_routes()


def _org_b_actors(app: Flask, world: World) -> dict[str, int]:
    """Users of organisation B in every role (the matrix world has its teacher only)."""

    def build(s: Any) -> dict[str, int]:
        org_b = s.scalar(select(Organisation).where(Organisation.name == "Skole B"))
        admin = factories.make_user(s, org_b, role=Role.ADMIN)
        person = factories.make_participant(s, org_b, full_name="Jonas Berg")
        employer = factories.make_employer(s, org_b, name="Fjordkjøkken AS")
        mentor = factories.make_mentor(s, org_b, employer)
        factories.make_placement(s, person, employer, mentor=mentor)
        return {
            "b_teacher": world.users["other_org_teacher"],
            "b_admin": admin.id,
            "b_participant": person.user_id,
            "b_mentor": mentor.user_id,
        }

    return in_db(app, build)


def test_routes_were_found() -> None:
    endpoints = {endpoint for endpoint, _rule, _m in ROUTES}
    assert {"participants.detail", "classes.detail", "employers.detail"} <= endpoints


@pytest.mark.parametrize(("endpoint", "rule", "methods"), ROUTES, ids=[r[0] for r in ROUTES])
def test_other_organisation_gets_403_or_404(
    app: Flask, endpoint: str, rule: str, methods: tuple[str, ...]
) -> None:
    world = build_world(app)
    with app.test_request_context():
        args = app.url_map._rules_by_endpoint[endpoint][0].arguments  # noqa: SLF001
        missing = sorted(set(args) - set(ROW_ARGS))
        if missing:
            pytest.skip(
                f"{endpoint}: URL argument(s) {missing} have no row in test_access_matrix.ROW_ARGS"
                " (the matrix test fails for this route until they do)"
            )
        url = url_for(endpoint, **{name: ROW_ARGS[name](world) for name in args})
    actors = _org_b_actors(app, world)
    failures = []
    for actor, user_id in actors.items():
        client = app.test_client()
        AuthActions(app, client).login_as(user_id)
        for method in methods:
            response = client.open(url, method=method, data={})
            if response.status_code not in (403, 404):
                where = response.location or ""
                failures.append(f"{actor} {method}: {response.status_code} {where}")
    assert failures == [], f"{rule} -> {url}"


def test_api_answers_for_items_of_another_organisation_are_not_stored(app: Flask) -> None:
    from webapp.services import practice as svc
    from webapp.services.classes import enrol

    def build(s: Any) -> tuple[int, int]:
        org_a = factories.make_organisation(s, name="Skole A")
        org_b = factories.make_organisation(s, name="Skole B")
        amina = factories.make_participant(s, org_a, full_name="Amina Yusuf")
        jonas = factories.make_participant(s, org_b, full_name="Jonas Berg")
        kull = factories.make_class(s, org_a)
        enrol(s, kull, amina, joined_on=dt.date(2026, 8, 17))
        employer = factories.make_employer(s, org_a, name="Nordlager AS")
        factories.make_placement(s, amina, employer)
        factories.make_published_profile(s, employer)
        return amina.user_id, jonas.user_id

    svc.clear_generation_cache()
    amina_user, jonas_user = in_db(app, build)
    a_client = app.test_client()
    AuthActions(app, a_client).login_as(amina_user)
    items = a_client.get("/api/v1/session").get_json()["items"]
    assert items
    b_client = app.test_client()
    AuthActions(app, b_client).login_as(jonas_user)
    batch = [
        {
            "client_id": str(uuid.uuid4()),
            "item_id": item["id"],
            "response": item["expected"] or "kan_det",
            "answered_at": dt.datetime.now(dt.UTC).isoformat(),
            "duration_ms": 2000,
        }
        for item in items[:5]
    ]
    response = b_client.post("/api/v1/answers", json={"answers": batch})
    assert response.status_code in (200, 400, 403, 404)
    if response.status_code == 200:
        assert {r["status"] for r in response.get_json()["results"]} == {"rejected"}
    assert query(app, lambda s: s.scalar(select(func.count(Answer.id)))) == 0
