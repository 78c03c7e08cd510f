"""Programme outcomes at exit, aggregated per class, site and period, and exported as CSV.

Categories follow the programmes' reporting: fast jobb, midlertidig jobb,
praksis, utdanning, avbrutt, annet.  "Into work or education" is fast jobb,
midlertidig jobb and utdanning; the programmes' target is 80 %.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from progress.errors import UnknownOptionError, UnknownOutcomeError

#: Outcome categories (keys stored in the DB), in report order.
OUTCOMES: tuple[str, ...] = (
    "fast_jobb",
    "midlertidig_jobb",
    "praksis",
    "utdanning",
    "avbrutt",
    "annet",
)
OUTCOME_LABELS: Mapping[str, str] = {
    "fast_jobb": "Fast jobb",
    "midlertidig_jobb": "Midlertidig jobb",
    "praksis": "Praksis",
    "utdanning": "Utdanning",
    "avbrutt": "Avbrutt",
    "annet": "Annet",
}
#: Categories that count as "into work or education".
WORK_OR_EDUCATION: frozenset[str] = frozenset({"fast_jobb", "midlertidig_jobb", "utdanning"})
#: The programmes' target share into work or education.
TARGET_SHARE = 0.8

GROUP_BY: tuple[str, ...] = ("class", "site", "period", "all")
PERIODS: tuple[str, ...] = ("month", "quarter", "half", "year")


def check_outcome(category: str) -> str:
    """Return a category key, accepting the Norwegian label too ("Fast jobb" -> "fast_jobb")."""
    key = category.strip().lower().replace(" ", "_")
    if key not in OUTCOMES:
        raise UnknownOutcomeError(f"unknown outcome: {category!r} (expected one of {OUTCOMES})")
    return key


@dataclass(frozen=True)
class OutcomeRecord:
    """One participant's outcome at exit."""

    participant: str  # an id or display name, as the caller decides
    category: str
    exit_date: date
    class_name: str = ""
    site: str = ""

    def __post_init__(self) -> None:
        """Normalise and check the category."""
        object.__setattr__(self, "category", check_outcome(self.category))


def period_key(day: date, *, period: str = "year") -> str:
    """Return the period a date belongs to: "2026", "2026-K2", "2026-H1" or "2026-05"."""
    if period == "year":
        return f"{day.year}"
    if period == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if period == "quarter":
        return f"{day.year}-K{(day.month - 1) // 3 + 1}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    raise UnknownOptionError(f"unknown period {period!r} (expected one of {PERIODS})")


@dataclass(frozen=True)
class OutcomeGroup:
    """Counts for one class, site or period."""

    key: str
    counts: Mapping[str, int] = field(default_factory=dict)  # every category, 0 when none

    @property
    def total(self) -> int:
        """Number of participants with an outcome."""
        return sum(self.counts.values())

    @property
    def work_or_education(self) -> int:
        """Number who went into work or education."""
        return sum(self.counts.get(c, 0) for c in WORK_OR_EDUCATION)

    @property
    def share(self) -> float:
        """Share into work or education (0 when the group is empty)."""
        return self.work_or_education / self.total if self.total else 0.0

    @property
    def meets_target(self) -> bool:
        """True when the share reaches ``TARGET_SHARE``."""
        return self.total > 0 and self.share + 1e-9 >= TARGET_SHARE

    def to_row(self) -> dict[str, Any]:
        """Return a flat row for a table or CSV (share in percent, one decimal)."""
        row: dict[str, Any] = {"gruppe": self.key, "antall": self.total}
        for category in OUTCOMES:
            row[OUTCOME_LABELS[category]] = self.counts.get(category, 0)
        row["Arbeid eller utdanning"] = self.work_or_education
        row["Andel arbeid/utdanning (%)"] = round(self.share * 100, 1)
        row["Mål nådd"] = "ja" if self.meets_target else "nei"
        return row


def aggregate_outcomes(
    records: Iterable[OutcomeRecord],
    *,
    by: str = "class",
    period: str = "year",
    start: date | None = None,
    end: date | None = None,
) -> list[OutcomeGroup]:
    """Group outcomes by class, site, period (or "all") within ``start..end`` (inclusive).

    Groups are sorted by key; an empty class/site name is grouped as "(ukjent)".
    """
    if by not in GROUP_BY:
        raise UnknownOptionError(f"unknown grouping {by!r} (expected one of {GROUP_BY})")
    keys: dict[str, Callable[[OutcomeRecord], str]] = {
        "class": lambda r: r.class_name or "(ukjent)",
        "site": lambda r: r.site or "(ukjent)",
        "period": lambda r: period_key(r.exit_date, period=period),
        "all": lambda r: "Alle",
    }
    key_of = keys[by]
    groups: dict[str, dict[str, int]] = {}
    for record in records:
        if start is not None and record.exit_date < start:
            continue
        if end is not None and record.exit_date > end:
            continue
        counts = groups.setdefault(key_of(record), dict.fromkeys(OUTCOMES, 0))
        counts[record.category] += 1
    return [OutcomeGroup(key=k, counts=groups[k]) for k in sorted(groups)]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, float) and decimal_comma:
        return repr(value).replace(".", ",")
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text  # keep spreadsheets from running it as a formula
    return text


def to_csv(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    delimiter: str = ";",
    decimal_comma: bool = True,
) -> str:
    """Serialise rows (dicts) as CSV text for a spreadsheet.

    ``columns`` defaults to the keys of the first row (then any new keys of later
    rows, in order of appearance).  Semicolons are the default delimiter, as
    Norwegian Excel expects; cells that would start a formula are prefixed
    with an apostrophe.  Floats get a decimal comma (Norwegian spreadsheets)
    unless ``decimal_comma`` is False.  Prepend a BOM when serving it, if Excel must detect UTF-8.
    """
    materialised = [dict(r) for r in rows]
    if columns is None:
        seen: dict[str, None] = {}
        for row in materialised:
            for key in row:
                seen.setdefault(key, None)
        header = list(seen)
    else:
        header = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in materialised:
        writer.writerow([_csv_cell(row.get(col), decimal_comma) for col in header])
    return buffer.getvalue()


def outcomes_csv(
    groups: Iterable[OutcomeGroup], *, delimiter: str = ";", decimal_comma: bool = True
) -> str:
    """Return the aggregated report as CSV (one row per group)."""
    return to_csv([g.to_row() for g in groups], delimiter=delimiter, decimal_comma=decimal_comma)


def records_csv(records: Iterable[OutcomeRecord], *, delimiter: str = ";") -> str:
    """Return the individual outcomes as CSV (one row per participant)."""
    rows = [
        {
            "deltaker": r.participant,
            "klasse": r.class_name,
            "sted": r.site,
            "utfall": OUTCOME_LABELS[r.category],
            "sluttdato": r.exit_date.isoformat(),
        }
        for r in records
    ]
    return to_csv(
        rows, columns=("deltaker", "klasse", "sted", "utfall", "sluttdato"), delimiter=delimiter
    )
