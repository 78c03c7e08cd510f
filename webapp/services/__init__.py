"""Use cases.  Every function takes a ``Session``; they add/flush, the caller commits.

No flask imports here.  Modules that register personal-data handlers are imported below so the
registry is complete whenever services are used (later features: add your module to this list).
"""

from __future__ import annotations

from webapp.services import personal_data  # noqa: F401
from webapp.services import practice  # noqa: F401
