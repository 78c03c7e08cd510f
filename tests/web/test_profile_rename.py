"""A teacher renames a profile; other organisations cannot."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests import factories
from tests.conftest import AuthActions
from tests.web.helpers import in_db, query
from webapp.models import LanguageProfile, Role


def test_teacher_renames_a_profile(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    def build(s: Any) -> dict[str, int]:
        org = factories.make_organisation(s, name="Skole A")
        other = factories.make_organisation(s, name="Skole B")
        employer = factories.make_employer(s, org, name="Nordlager AS", sector="lager")
        version = factories.make_published_profile(s, employer, name="Nordlager – lager")
        return {
            "teacher": factories.make_user(s, org, role=Role.TEACHER).id,
            "other_teacher": factories.make_user(s, other, role=Role.TEACHER).id,
            "profile": version.profile_id,
        }

    ids = in_db(app, build)
    url = f"/sprakprofiler/{ids['profile']}/navn"
    auth.login_as(ids["teacher"])
    detail = client.get(f"/sprakprofiler/{ids['profile']}").get_data(as_text=True)
    assert url in detail
    page = client.get(url)
    assert page.status_code == 200 and "Nordlager – lager" in page.get_data(as_text=True)
    empty = client.post(url, data={"name": "   "})
    assert empty.status_code == 200 and "Skriv et navn" in empty.get_data(as_text=True)
    done = client.post(url, data={"name": "  Nordlager Furuset – lager "})
    assert done.status_code == 302
    name = query(app, lambda s: s.get(LanguageProfile, ids["profile"]).name)
    assert name == "Nordlager Furuset – lager"

    auth.login_as(ids["other_teacher"])
    assert client.post(url, data={"name": "Kapret"}).status_code == 404
    assert query(app, lambda s: s.get(LanguageProfile, ids["profile"]).name) == name
