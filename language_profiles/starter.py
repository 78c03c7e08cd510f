"""Shipped starter profiles per sector, so a teacher never starts from zero.

The files in ``language_profiles/data/starter/<sector>.json`` are built by
``scripts/build_starter_profiles.py`` with the same builder from real NAV job ads; they hold
only derived term lists and statistics (no sentences from the ads).  Phrases in them are
written by the Hurtigspor team.  Sector keys are those of :mod:`language_profiles.sectors`
(aliases such as "retail" or "warehouse" are accepted).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from language_profiles.profile import Profile
from language_profiles.sectors import SECTORS, normalize_sector

__all__ = ["UnknownSectorError", "list_starter_sectors", "load_starter_profile", "starter_file"]


class UnknownSectorError(KeyError):
    """No starter profile exists for this sector."""


def starter_file(sector_key: str) -> str:
    """The file name of a sector's starter profile (ASCII: "kjøkken" → "kjokken.json")."""
    ascii_key = sector_key.replace("ø", "o").replace("æ", "ae").replace("å", "a")
    return f"{ascii_key}.json"


def _folder() -> Traversable:
    return resources.files("language_profiles").joinpath("data", "starter")


def list_starter_sectors() -> dict[str, str]:
    """Sector keys with a shipped starter profile, mapped to their Norwegian names."""
    folder = _folder()
    return {k: v for k, v in SECTORS.items() if folder.joinpath(starter_file(k)).is_file()}


@cache
def _load(key: str) -> Profile:
    path = _folder().joinpath(starter_file(key))
    if not path.is_file():
        raise UnknownSectorError(key)
    return Profile.from_dict(json.loads(path.read_text("utf-8")))


def load_starter_profile(sector: str) -> Profile:
    """Return the shipped starter profile for a sector key or alias ("lager", "warehouse").

    Raises:
        UnknownSectorError: for an unknown sector or a missing file.
    """
    key = normalize_sector(sector)
    if key is None:
        raise UnknownSectorError(sector)
    return _load(key)
