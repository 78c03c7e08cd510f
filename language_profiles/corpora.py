"""Where the development corpora live (``../shared/corpora`` next to the repository by default).

The corpora are used by scripts, benchmarks and tests only, never at run time, and nothing
from them is copied into the project.  Set ``HURTIGSPOR_CORPORA_DIR`` to point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "HURTIGSPOR_CORPORA_DIR"


def corpora_dir() -> Path | None:
    """Return the corpora folder if it exists, else ``None``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
    else:
        path = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
    return path if path.is_dir() else None


def corpus_path(*parts: str) -> Path | None:
    """Return a path inside the corpora folder if it exists, else ``None``."""
    base = corpora_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None
