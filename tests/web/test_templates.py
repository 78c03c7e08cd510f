"""Templates keep the CSP promise: no inline script, event handlers or style attributes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "webapp" / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_no_inline_script_handlers_or_styles(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "inline style attribute"
    assert "//cdn" not in html and "googleapis" not in html


def test_upload_too_large_gives_norwegian_413(app: Flask, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/logg-inn", data={"username": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "Filen er for stor" in response.get_data(as_text=True)


def test_about_page_credits_the_dictionary(client: FlaskClient) -> None:
    html = client.get("/om").get_data(as_text=True)
    assert "Bokmålsordboka" in html and "CC BY 4.0" in html and "Språkrådet" in html
