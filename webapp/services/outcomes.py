"""Programme outcomes at exit: record per participant, report per class, site and period, CSV.

Outcome rows survive the participant's deletion without the person (``participant_id`` emptied),
so the programme's figures for NAV stay right after personal data is erased.

Every function takes a ``Session``; it flushes but never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from progress.errors import ProgressError
from progress.outcomes import (
    OUTCOME_LABELS,
    OUTCOMES,
    OutcomeGroup,
    OutcomeRecord,
    aggregate_outcomes,
    check_outcome,
    outcomes_csv,
)
from webapp.models import Organisation, Participant, ProgrammeOutcome, SchoolClass
from webapp.services.personal_data import register_personal_data

__all__ = [
    "OUTCOMES",
    "OUTCOME_LABELS",
    "OutcomeError",
    "OutcomeReport",
    "outcome_for",
    "outcome_report",
    "record_outcome",
    "report_csv",
]


class OutcomeError(Exception):
    """The outcome cannot be recorded (unknown category, date in the future, ...)."""


def outcome_for(session: Session, participant_id: int) -> ProgrammeOutcome | None:
    """The participant's recorded outcome, if any."""
    return session.scalar(
        select(ProgrammeOutcome)
        .where(ProgrammeOutcome.participant_id == participant_id)
        .order_by(ProgrammeOutcome.id.desc())
        .limit(1)
    )


def record_outcome(
    session: Session,
    participant: Participant,
    *,
    category: str,
    exit_date: dt.date,
    school_class: SchoolClass | None,
    site: str,
    recorded_by_id: int | None,
    today: dt.date,
) -> ProgrammeOutcome:
    """Record (or correct) the participant's outcome at exit."""
    try:
        key = check_outcome(category)
    except ProgressError as e:
        raise OutcomeError("Velg et utfall fra listen.") from e
    if exit_date > today + dt.timedelta(days=31):
        raise OutcomeError("Sluttdatoen kan ikke være langt fram i tid.")
    row = outcome_for(session, participant.id)
    if row is None:
        row = ProgrammeOutcome(
            organisation_id=participant.organisation_id, participant_id=participant.id
        )
        session.add(row)
    row.category = key
    row.exit_date = exit_date
    row.class_id = school_class.id if school_class else None
    row.class_name = school_class.name if school_class else ""
    row.site = " ".join(site.split())[:200]
    row.recorded_by_id = recorded_by_id
    session.flush()
    return row


def default_site(session: Session, organisation_id: int) -> str:
    """The organisation's name, the default site of an outcome."""
    org = session.get(Organisation, organisation_id)
    return org.name if org else ""


@dataclass(frozen=True)
class OutcomeReport:
    """Outcomes of one organisation grouped for the report."""

    by: str
    period: str
    groups: tuple[OutcomeGroup, ...]
    total: OutcomeGroup | None
    records: int


def _records(
    session: Session, organisation_id: int, *, class_id: int | None = None
) -> list[OutcomeRecord]:
    query = select(ProgrammeOutcome).where(ProgrammeOutcome.organisation_id == organisation_id)
    if class_id is not None:
        query = query.where(ProgrammeOutcome.class_id == class_id)
    return [
        OutcomeRecord(
            participant=str(row.id),  # never the name: reports are anonymous
            category=row.category,
            exit_date=row.exit_date,
            class_name=row.class_name,
            site=row.site,
        )
        for row in session.scalars(query.order_by(ProgrammeOutcome.exit_date))
    ]


def outcome_report(
    session: Session,
    organisation_id: int,
    *,
    by: str = "class",
    period: str = "year",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> OutcomeReport:
    """Group the organisation's outcomes by class, site or period within ``start..end``."""
    records = _records(session, organisation_id)
    try:
        groups = aggregate_outcomes(records, by=by, period=period, start=start, end=end)
        total = aggregate_outcomes(records, by="all", start=start, end=end)
    except ProgressError as e:
        raise OutcomeError(str(e)) from e
    return OutcomeReport(
        by=by,
        period=period,
        groups=tuple(groups),
        total=total[0] if total else None,
        records=sum(g.total for g in groups),
    )


def report_csv(report: OutcomeReport) -> str:
    """The report as CSV for a spreadsheet (semicolons, decimal comma), total row last."""
    groups: Sequence[OutcomeGroup] = (
        (*report.groups, report.total) if report.total else report.groups
    )
    return outcomes_csv(groups)


# --- personal data -------------------------------------------------------------------------------


def _export(session: Session, participant: Participant) -> dict[str, Any] | None:
    row = outcome_for(session, participant.id)
    if row is None:
        return None
    return {
        "outcome": OUTCOME_LABELS.get(row.category, row.category),
        "exit_date": row.exit_date.isoformat(),
        "class": row.class_name,
        "site": row.site,
    }


def _anonymise(session: Session, participant: Participant) -> None:
    # Kept for the programme's statistics, without the person.
    for row in session.scalars(
        select(ProgrammeOutcome).where(ProgrammeOutcome.participant_id == participant.id)
    ):
        row.participant_id = None
    session.flush()


register_personal_data("outcomes", export=_export, erase=_anonymise, order=3)
