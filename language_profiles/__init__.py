"""Pure Norwegian language analysis and employer language profiles (no Flask, no SQLAlchemy)."""

from __future__ import annotations

__all__ = ["PROFILE_SCHEMA_VERSION"]

PROFILE_SCHEMA_VERSION = 1
