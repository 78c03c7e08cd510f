"""Workplace coverage: how much of the words used at the workplace a participant knows.

Two numbers, always shown together so they do not seem to disagree: how many of a
published profile's terms ("ord fra jobben") are known, and the share of the words used
at the workplace that this covers, weighted by how often each term occurs in the
workplace's documents (``Term.count``): "Du kan 11 av 40 ord fra jobben. Av 100 ord du
hører på jobben, kan du 54."  A term is known when its recall probability (from the FSRS
scheduler, computed by the caller for ``now``) is at least 0.9.  Safety words are
counted separately and unweighted: every one of them matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from language_profiles.profile import Term
from progress.errors import InvalidStateError

#: Recall probability from which a term counts as known.
KNOWN_THRESHOLD = 0.9

#: Sector -> how to say "at the workplace" in a summary ("på lageret").
SECTOR_PLACES: Mapping[str, str] = {
    "lager": "på lageret",
    "butikk": "i butikken",
    "kjøkken": "på kjøkkenet",
    "helse": "i helsetjenesten",
    "barnehage": "i barnehagen",
    "skole": "på skolen",
    "renhold": "i renholdsarbeidet",
    "transport": "i transportarbeidet",
    "bygg": "på byggeplassen",
}
DEFAULT_PLACE = "på arbeidsplassen din"


def term_key(term: Term) -> str:
    """Return the key recall probabilities are looked up by (the lemma, lower-cased)."""
    return term.lemma.casefold()


def term_weight(term: Term) -> int:
    """Return a term's weight: its count at the workplace, at least 1."""
    return max(int(term.count), 1)


@dataclass(frozen=True)
class Coverage:
    """Coverage of one profile for one participant at one moment."""

    share: float  # 0..1, weighted by Term.count
    known_terms: int
    total_terms: int
    safety_known: int
    safety_total: int
    unknown: tuple[str, ...] = ()  # lemmas not yet known, most frequent first
    unknown_safety: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        """The share as a whole percent, rounded down (never claims 100 % too early)."""
        return int(self.share * 100 + 1e-9)

    @property
    def safety_share(self) -> float:
        """Share of safety words known (1.0 when the profile has none)."""
        return 1.0 if self.safety_total == 0 else self.safety_known / self.safety_total

    @property
    def all_safety_known(self) -> bool:
        """True when every safety word is known."""
        return self.safety_known == self.safety_total


def is_known(probability: float | None, *, threshold: float = KNOWN_THRESHOLD) -> bool:
    """Return True when a recall probability counts as known."""
    return probability is not None and probability >= threshold


def workplace_coverage(
    terms: Iterable[Term],
    recall: Mapping[str, float],
    *,
    threshold: float = KNOWN_THRESHOLD,
) -> Coverage:
    """Compute coverage of ``terms`` given recall probabilities ``lemma -> p`` (now).

    Terms missing from ``recall`` (never practised) count as unknown.  Keys are
    matched case-insensitively on the lemma.
    """
    probs = {k.casefold(): v for k, v in recall.items()}
    seen: set[str] = set()
    known_weight = total_weight = 0
    known_terms = total_terms = safety_known = safety_total = 0
    unknown: list[tuple[int, str]] = []
    unknown_safety: list[tuple[int, str]] = []
    for term in terms:
        key = term_key(term)
        if key in seen:
            continue
        seen.add(key)
        weight = term_weight(term)
        known = is_known(probs.get(key), threshold=threshold)
        total_weight += weight
        total_terms += 1
        if known:
            known_weight += weight
            known_terms += 1
        else:
            unknown.append((weight, term.lemma))
        if term.safety:
            safety_total += 1
            if known:
                safety_known += 1
            else:
                unknown_safety.append((weight, term.lemma))
    unknown.sort(key=lambda wl: (-wl[0], wl[1]))
    unknown_safety.sort(key=lambda wl: (-wl[0], wl[1]))
    return Coverage(
        share=known_weight / total_weight if total_weight else 0.0,
        known_terms=known_terms,
        total_terms=total_terms,
        safety_known=safety_known,
        safety_total=safety_total,
        unknown=tuple(lemma for _, lemma in unknown),
        unknown_safety=tuple(lemma for _, lemma in unknown_safety),
    )


def place_phrase(sector: str | None) -> str:
    """Return "på lageret"-style wording for a sector, or a neutral default."""
    if sector is None:
        return DEFAULT_PLACE
    return SECTOR_PLACES.get(sector.strip().lower(), DEFAULT_PLACE)


def coverage_summary(coverage: Coverage) -> str:
    """Both numbers for the participant, in plain words and without "%".

    E.g. "Du kan 11 av 40 ord fra jobben. Av 100 ord du hører på jobben, kan du 54."
    """
    if coverage.total_terms == 0:
        return "Det er ingen ord fra jobben her ennå."
    return (
        f"Du kan {coverage.known_terms} av {coverage.total_terms} ord fra jobben. "
        f"Av 100 ord du hører på jobben, kan du {coverage.percent}."
    )


def coverage_summary_staff(coverage: Coverage, *, place: str = DEFAULT_PLACE) -> str:
    """Both numbers for a teacher or mentor, in the words of ``coverage_summary``.

    E.g. "Kan 11 av 40 ord fra jobben. De dekker 54 % av ordene som brukes på lageret."
    """
    if coverage.total_terms == 0:
        return "Profilen har ingen ord ennå."
    they = "Det" if coverage.known_terms == 1 else "De"
    return (
        f"Kan {coverage.known_terms} av {coverage.total_terms} ord fra jobben. "
        f"{they} dekker {coverage.percent} % av ordene som brukes {place}."
    )


def safety_summary(coverage: Coverage) -> str:
    """Return e.g. "Du kan 8 av 10 sikkerhetsord"."""
    if coverage.safety_total == 0:
        return "Profilen har ingen sikkerhetsord ennå"
    if coverage.all_safety_known:
        if coverage.safety_total == 1:
            return "Du kan sikkerhetsordet"
        return f"Du kan alle de {coverage.safety_total} sikkerhetsordene"
    return f"Du kan {coverage.safety_known} av {coverage.safety_total} sikkerhetsord"


@dataclass(frozen=True)
class CoverageSnapshot:
    """Coverage stored at one moment, for the trend."""

    at: datetime  # timezone-aware
    share: float
    safety_known: int = 0
    safety_total: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "at": self.at.isoformat(),
            "share": round(self.share, 4),
            "safety_known": self.safety_known,
            "safety_total": self.safety_total,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CoverageSnapshot:
        """Build a snapshot from ``to_dict`` output."""
        try:
            at = datetime.fromisoformat(str(data["at"]))
            return cls(
                at=at,
                share=float(data["share"]),
                safety_known=int(data.get("safety_known", 0)),
                safety_total=int(data.get("safety_total", 0)),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise InvalidStateError(f"not a coverage snapshot: {e}") from e

    @classmethod
    def of(cls, coverage: Coverage, *, at: datetime) -> CoverageSnapshot:
        """Take a snapshot of a computed coverage."""
        return cls(
            at=at,
            share=coverage.share,
            safety_known=coverage.safety_known,
            safety_total=coverage.safety_total,
        )


@dataclass(frozen=True)
class CoverageTrend:
    """Coverage over time: points for a sparkline and the recent change."""

    points: tuple[tuple[datetime, float], ...]  # oldest first
    change: float  # share now minus share ``window`` ago (0 if unknown)
    window_days: int

    @property
    def direction(self) -> str:
        """Return "up", "down" or "flat" (less than one percentage point of change)."""
        if self.change >= 0.01:
            return "up"
        if self.change <= -0.01:
            return "down"
        return "flat"

    def summary_nb(self) -> str:
        """Return e.g. "+6 prosentpoeng siste 7 dager"."""
        points = round(self.change * 100)
        if points == 0:
            return f"Uendret siste {self.window_days} dager"
        sign = "+" if points > 0 else "−"
        return f"{sign}{abs(points)} prosentpoeng siste {self.window_days} dager"

    def summary_learner_nb(self) -> str:
        """The change for the participant, in the words of ``coverage_summary`` (no "prosent").

        E.g. "Siste 7 dager: du kan 6 flere av 100 ord på jobben."
        """
        points = round(self.change * 100)
        if points == 0:
            return f"Siste {self.window_days} dager: like mange som før."
        more = "flere" if points > 0 else "færre"
        return f"Siste {self.window_days} dager: du kan {abs(points)} {more} av 100 ord på jobben."


def coverage_trend(
    snapshots: Sequence[CoverageSnapshot],
    *,
    now: datetime,
    window_days: int = 7,
) -> CoverageTrend:
    """Return the trend: snapshots in time order and the change over ``window_days``.

    The change compares the latest snapshot with the latest one taken at or
    before ``now - window_days`` (or the oldest, if all are newer).
    """
    ordered = sorted((s for s in snapshots if s.at <= now), key=lambda s: s.at)
    points = tuple((s.at, s.share) for s in ordered)
    if len(ordered) < 2:
        return CoverageTrend(points=points, change=0.0, window_days=window_days)
    cutoff = now - timedelta(days=window_days)
    before = [s for s in ordered if s.at <= cutoff]
    base = before[-1] if before else ordered[0]
    return CoverageTrend(
        points=points, change=ordered[-1].share - base.share, window_days=window_days
    )


def class_unknown_terms(
    terms: Iterable[Term],
    recalls: Iterable[Mapping[str, float]],
    *,
    threshold: float = KNOWN_THRESHOLD,
    limit: int = 20,
) -> list[tuple[str, float]]:
    """Return the terms the class as a whole knows least: ``(lemma, share who know it)``.

    Ordered by share of participants who know it (lowest first), then by
    workplace frequency; for the teacher's "words the class has not learned yet".
    """
    recall_list = [{k.casefold(): v for k, v in r.items()} for r in recalls]
    if not recall_list:
        return []
    rows: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for term in terms:
        key = term_key(term)
        if key in seen:
            continue
        seen.add(key)
        known = sum(is_known(r.get(key), threshold=threshold) for r in recall_list)
        rows.append((known / len(recall_list), -term_weight(term), term.lemma))
    rows.sort()
    return [(lemma, share) for share, _, lemma in rows[:limit]]
