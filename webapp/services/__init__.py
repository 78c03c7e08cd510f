"""Use cases.  Every function takes a ``Session``; they add/flush, the caller commits.

No flask imports here.  Modules that register personal-data handlers are imported below so the
registry is complete whenever services are used (later features: add your module to this list).
"""

from __future__ import annotations

from webapp.services import (
    applications,  # noqa: F401
    interviews,  # noqa: F401
    mapping,  # noqa: F401
    mentor,  # noqa: F401
    outcomes,  # noqa: F401
    personal_data,  # noqa: F401
    practice,  # noqa: F401
    progress,  # noqa: F401
)
