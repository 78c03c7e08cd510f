"""Tests for progress.outcomes: categories, aggregation and CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from progress.errors import UnknownOptionError, UnknownOutcomeError
from progress.outcomes import (
    OUTCOMES,
    OutcomeRecord,
    aggregate_outcomes,
    outcomes_csv,
    period_key,
    records_csv,
    to_csv,
)

RECORDS = [
    OutcomeRecord("a", "fast_jobb", date(2026, 1, 15), class_name="Lager vår", site="Oslo"),
    OutcomeRecord("b", "Midlertidig jobb", date(2026, 2, 1), class_name="Lager vår", site="Oslo"),
    OutcomeRecord("c", "utdanning", date(2026, 4, 3), class_name="Lager vår", site="Bergen"),
    OutcomeRecord("d", "avbrutt", date(2026, 5, 20), class_name="Lager vår", site="Bergen"),
    OutcomeRecord("e", "praksis", date(2026, 8, 9), class_name="Helse høst", site="Oslo"),
    OutcomeRecord("f", "fast_jobb", date(2025, 11, 30), class_name="Helse høst", site="Oslo"),
]


def test_categories() -> None:
    assert OUTCOMES == (
        "fast_jobb",
        "midlertidig_jobb",
        "praksis",
        "utdanning",
        "avbrutt",
        "annet",
    )
    assert RECORDS[1].category == "midlertidig_jobb"
    with pytest.raises(UnknownOutcomeError):
        OutcomeRecord("x", "pensjon", date(2026, 1, 1))


def test_aggregate_by_class_share_into_work_or_education() -> None:
    groups = {g.key: g for g in aggregate_outcomes(RECORDS, by="class")}
    lager = groups["Lager vår"]
    assert lager.total == 4 and lager.work_or_education == 3
    assert lager.share == pytest.approx(0.75) and not lager.meets_target
    helse = groups["Helse høst"]
    assert helse.work_or_education == 1 and helse.share == pytest.approx(0.5)


def test_practice_is_not_work() -> None:
    only_practice = aggregate_outcomes(RECORDS[4:5], by="all")[0]
    assert only_practice.share == 0.0


def test_aggregate_by_site_period_and_date_range() -> None:
    sites = {g.key: g.total for g in aggregate_outcomes(RECORDS, by="site")}
    assert sites == {"Bergen": 2, "Oslo": 4}
    quarters = [g.key for g in aggregate_outcomes(RECORDS, by="period", period="quarter")]
    assert quarters == ["2025-K4", "2026-K1", "2026-K2", "2026-K3"]
    in_2026_h1 = aggregate_outcomes(
        RECORDS, by="all", start=date(2026, 1, 1), end=date(2026, 6, 30)
    )[0]
    assert in_2026_h1.total == 4
    target_met = aggregate_outcomes(RECORDS[:3], by="all")[0]
    assert target_met.meets_target and target_met.share == 1.0
    assert aggregate_outcomes([], by="class") == []
    with pytest.raises(UnknownOptionError):
        aggregate_outcomes(RECORDS, by="week")
    assert period_key(date(2026, 7, 1), period="half") == "2026-H2"
    assert period_key(date(2026, 7, 1), period="month") == "2026-07"


def test_outcomes_csv_parses_back() -> None:
    text = outcomes_csv(aggregate_outcomes(RECORDS, by="class"))
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["gruppe"] for r in rows] == ["Helse høst", "Lager vår"]
    assert rows[1]["Andel arbeid/utdanning (%)"] == "75,0"
    english = outcomes_csv(
        aggregate_outcomes(RECORDS, by="all"), delimiter=",", decimal_comma=False
    )
    assert "66.7" in english
    assert rows[1]["Fast jobb"] == "1" and rows[1]["Mål nådd"] == "nei"


def test_records_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(records_csv(RECORDS[:2])), delimiter=";"))
    assert rows[0] == {
        "deltaker": "a",
        "klasse": "Lager vår",
        "sted": "Oslo",
        "utfall": "Fast jobb",
        "sluttdato": "2026-01-15",
    }


def test_to_csv_quotes_and_defuses_formulas() -> None:
    text = to_csv(
        [{"navn": "Ola; Nordmann", "notat": '=HYPERLINK("x")'}, {"navn": "Kari", "ekstra": 1}],
        delimiter=";",
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["navn", "notat", "ekstra"]
    assert rows[1] == ["Ola; Nordmann", '\'=HYPERLINK("x")', ""]
    assert rows[2] == ["Kari", "", "1"]
    assert to_csv([], columns=("a", "b")) == "a;b\r\n"
