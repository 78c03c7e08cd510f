"""Background jobs: the API every feature uses, and the runners behind it.

    from webapp.jobs import JobFailure, ProgressReporter, enqueue, job

    @job("build_profile")
    def build_profile_job(session, job_row, report_progress): ...

    row = enqueue(db.session, "build_profile", {"profile_id": 7},
                  organisation_id=org.id, created_by_id=current_user.id)
    db.session.commit()          # the runner gets the job only after this commit

The use cases live in ``webapp.services.jobs`` (no Flask); the runners in ``webapp.jobs.runners``.
"""

from __future__ import annotations

from webapp.jobs.runners import get_runner, init_app
from webapp.models.jobs import BackgroundJob
from webapp.services.jobs import (
    JobError,
    JobFailure,
    JobNotRetryable,
    ProgressReporter,
    UnknownJobKind,
    enqueue,
    get_job,
    job,
    retry,
)

__all__ = [
    "BackgroundJob",
    "JobError",
    "JobFailure",
    "JobNotRetryable",
    "ProgressReporter",
    "UnknownJobKind",
    "enqueue",
    "get_job",
    "get_runner",
    "init_app",
    "job",
    "retry",
]
