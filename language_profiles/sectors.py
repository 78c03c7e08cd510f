"""The sectors the product knows (keys shared by starter profiles, scenarios and progress)."""

from __future__ import annotations

#: key -> Norwegian display name.  Keys are stable identifiers stored in the database.
SECTORS: dict[str, str] = {
    "butikk": "Butikk og salg",
    "lager": "Lager og logistikk",
    "helse": "Helse og omsorg",
    "renhold": "Renhold",
    "barnehage": "Barnehage og SFO",
    "kjøkken": "Kjøkken og kantine",
    "bygg": "Bygg og håndverk",
    "transport": "Transport",
}

#: Aliases (English and other spellings) -> key.
_ALIASES: dict[str, str] = {
    "retail": "butikk", "shop": "butikk", "handel": "butikk",
    "warehouse": "lager", "logistics": "lager", "logistikk": "lager",
    "health": "helse", "healthcare": "helse", "health_care": "helse", "omsorg": "helse",
    "cleaning": "renhold",
    "kindergarten": "barnehage", "sfo": "barnehage", "skole": "barnehage",
    "kitchen": "kjøkken", "canteen": "kjøkken", "kjokken": "kjøkken", "kantine": "kjøkken",
    "construction": "bygg", "bygg_handverk": "bygg", "håndverk": "bygg",
}


def normalize_sector(value: str | None) -> str | None:
    """Map a sector name or alias to its key; ``None`` if unknown or empty."""
    if not value:
        return None
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in SECTORS:
        return key
    return _ALIASES.get(key)
