"""Printable invite cards: code, link and QR code (inline SVG made locally with segno)."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from flask import url_for
from markupsafe import Markup

from webapp.models import User
from webapp.services.accounts import format_invite_code


@dataclass(frozen=True)
class InviteCard:
    """What is printed or shown for one person."""

    name: str
    username: str
    code: str
    url: str
    qr_svg: Markup


def invite_card(user: User, code: str) -> InviteCard:
    """Build the card for a freshly issued ``code`` (the only time the code is known)."""
    url = url_for("auth.redeem", code=code, _external=True)
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=True)
    return InviteCard(
        name=user.display_name,
        username=user.username,
        code=format_invite_code(code),
        url=url,
        qr_svg=Markup(svg),  # noqa: S704 - segno output, no user input in markup
    )
