"""Build the shipped starter sector profiles and the workplace reference from real NAV job ads.

Reads ``nav_job_ads/ads_dev.jsonl`` (via ``language_profiles.corpora``), selects the ads of each
sector strictly (the sector's ``keyword_tags`` tag AND its core words, no ad whose
``nav_occupation_group`` belongs to another sector, no multi-vacancy lists), builds each profile
with the same builder teachers use, and drops terms that are far more frequent in another
sector's ads (the tags overlap: "barnevernpedagog" must not end up in the cleaning profile).
Only derived data is written:

* ``language_profiles/data/workplace_reference.json`` — lemma/term counts from ads of all NAV
  groups (at most 40 ads per group, fixed seed), used as the keyness reference;
* ``language_profiles/data/starter/<sector>.json`` (keys of ``language_profiles.sectors``) —
  terms (no example sentences from the ads) and statistics, plus a few phrases written by the
  Hurtigspor team (not from the ads).

Usage: ``python scripts/build_starter_profiles.py [--terms 150] [--keep-reference]``.
Re-run after the model or the dictionary changes; the files record the versions that produced them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from language_profiles.builder import (  # noqa: E402
    BuildOptions,
    Source,
    build_profile,
    reference_from_sources,
)
from language_profiles.corpora import corpus_path  # noqa: E402
from language_profiles.profile import Phrase, Profile, Term  # noqa: E402
from language_profiles.ranking import ReferenceCorpus, load_workplace_reference  # noqa: E402
from language_profiles.sectors import SECTORS  # noqa: E402
from language_profiles.starter import starter_file  # noqa: E402

DATA = ROOT / "language_profiles" / "data"
SEED = 2026
REFERENCE_ADS_PER_GROUP = 40

#: Sector key (language_profiles.sectors) → keyword tag in the ads.
SECTOR_TAGS: dict[str, str] = {
    "butikk": "butikk_handel",
    "lager": "lager_logistikk",
    "helse": "helse_omsorg",
    "renhold": "renhold",
    "barnehage": "barnehage",
    "kjøkken": "kjokken_kantine",
    "bygg": "bygg_handverk",
    "transport": "transport",
}
#: Core words of each sector; an ad must mention them at least 3 times (the keyword tags are
#: loose regexes: "lager" also tags fire-brigade ads about equipment stores).
CORE_WORDS: dict[str, re.Pattern[str]] = {
    "butikk": re.compile(r"butikk|salgsmedarbeider|\bkasse|selger|varehandel|kundeservice", re.I),
    "lager": re.compile(r"\blager|truck|plukk|logistikk|varemottak|pakking", re.I),
    "helse": re.compile(r"pasient|pleie|omsorg|sykepleie|helsefag|sykehjem|beboer", re.I),
    "renhold": re.compile(r"renhold|rengjøring|renholder", re.I),
    "barnehage": re.compile(r"barnehage|\bbarn\b|\bbarna\b", re.I),
    "kjøkken": re.compile(r"kjøkken|\bkokk|kantine|matlaging|servering", re.I),
    "bygg": re.compile(r"\bbygg|tømrer|snekker|elektriker|rørlegger|\bmaler|anlegg|betong", re.I),
    "transport": re.compile(r"sjåfør|førerkort|lastebil|transport|kjøring|\bbuss|varelevering",
                            re.I),
}
MIN_CORE_MATCHES = 2
#: Fire-service ads mention driving licences and equipment stores but belong to no sector here.
EXCLUDE_RE = re.compile(r"brannkonstabel|brannmester|brann\. og redning|feiar|feier", re.I)

#: NAV groups whose ads are not about hands-on work in these sectors (managers, engineers...).
EXCLUDED_GROUPS = frozenset(
    {"Akademiske yrker", "Ingeniør- og ikt-fag", "Ledere", "Meglere og konsulenter"}
)

#: NAV groups that clearly belong to some sectors: an ad in such a group is only taken for those
#: sectors (a municipal "Helse, pleie og omsorg" ad that mentions a kitchen is not a kitchen ad).
GROUP_SECTORS: dict[str, frozenset[str]] = {
    "Helse, pleie og omsorg": frozenset({"helse"}),
    "Barne- og ungdomsarbeid": frozenset({"barnehage"}),
    "Undervisning": frozenset({"barnehage"}),
    "Bygg og anlegg": frozenset({"bygg", "transport"}),
    "Butikk- og salgsarbeid": frozenset({"butikk", "lager"}),
    "Reiseliv og transport": frozenset({"transport", "kjøkken", "lager"}),
}
#: An ad listing vacancies in this many other sectors (core words of each at least
#: ``MIN_CORE_MATCHES`` times) is a multi-vacancy list, not an ad for one workplace.
MAX_OTHER_SECTORS = 1
#: A term is dropped from a sector when the share of another sector's ads using it is at least
#: this many times the share of the sector's own ads, and at least ``MIN_OTHER_DOCUMENTS`` of
#: the other sector's ads use it.
OTHER_SECTOR_RATIO = 3.0
MIN_OTHER_DOCUMENTS = 3

#: Useful phrases per sector, written by the Hurtigspor team in Bokmål (not taken from ads).
PHRASES: dict[str, list[tuple[str, bool]]] = {
    "butikk": [
        ("Kan jeg hjelpe deg med noe?", False),
        ("Vil du ha kvittering?", False),
        ("Vil du ha en pose?", False),
        ("Det koster 149 kroner.", False),
        ("Vi har dessverre ikke flere igjen.", False),
        ("Jeg skal sjekke på lageret.", False),
        ("Skal du betale med kort eller kontanter?", False),
        ("Ha en fin dag!", False),
    ],
    "lager": [
        ("Husk å bruke vernesko.", True),
        ("Hvor skal denne pallen stå?", False),
        ("Jeg er ferdig med plukklisten.", False),
        ("Det mangler to kolli i denne leveransen.", False),
        ("Pass deg, trucken rygger!", True),
        ("Jeg må melde fra om et avvik.", True),
        ("Kan du hjelpe meg å løfte denne?", False),
    ],
    "helse": [
        ("Hvordan har du det i dag?", False),
        ("Har du sovet godt?", False),
        ("Nå skal jeg hjelpe deg med å dusje.", False),
        ("Husk å vaske hendene før og etter stell.", True),
        ("Har du tatt medisinene dine?", False),
        ("Jeg skriver det i rapporten.", False),
        ("Si fra hvis du har vondt.", False),
    ],
    "renhold": [
        ("Husk å bruke hansker.", True),
        ("Hvilket rengjøringsmiddel skal jeg bruke her?", False),
        ("Gulvet er vått – pass deg så du ikke sklir.", True),
        ("Jeg har tømt søpla og vasket toalettene.", False),
        ("Søppelet skal kildesorteres.", False),
        ("Når kan jeg vaske dette rommet?", False),
    ],
    "barnehage": [
        ("God morgen! Så fint at du er her.", False),
        ("Nå skal vi gå ut og leke.", False),
        ("Husk å ta på deg votter.", False),
        ("Hvem skal hente deg i dag?", False),
        ("Nå er det tid for samlingsstund.", False),
        ("Kan du rydde bort lekene?", False),
        ("Vi vasker hendene før vi spiser.", True),
    ],
    "kjøkken": [
        ("Husk å vaske hendene.", True),
        ("Maten skal merkes med dato.", True),
        ("Kjøleskapet skal holde under fire grader.", True),
        ("Inneholder denne retten nøtter?", True),
        ("Hvor mange porsjoner skal vi lage?", False),
        ("Kan du ta oppvasken?", False),
        ("Lunsjen serveres klokka elleve.", False),
    ],
    "bygg": [
        ("Husk hjelm og vernesko på byggeplassen.", True),
        ("Har du sjekket stillaset i dag?", True),
        ("Kan du gi meg hammeren?", False),
        ("Hvor skal materialene ligge?", False),
        ("Vi må sikre området før vi begynner.", True),
        ("Jeg trenger flere skruer.", False),
    ],
    "transport": [
        ("Husk å sjekke bilen før du kjører.", True),
        ("Hvor skal varene leveres?", False),
        ("Jeg er forsinket på grunn av trafikken.", False),
        ("Kan du signere her?", False),
        ("Husk hviletiden.", True),
        ("Lasten må sikres før avgang.", True),
    ],
}


def load_ads() -> list[dict[str, Any]]:
    path = corpus_path("nav_job_ads", "ads_dev.jsonl")
    if path is None:
        raise SystemExit("nav_job_ads is not available (set HURTIGSPOR_CORPORA_DIR)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def core_matches(text: str) -> dict[str, int]:
    """How often each sector's core words occur in ``text``."""
    return {sector: len(pattern.findall(text)) for sector, pattern in CORE_WORDS.items()}


def select_ads(ads: list[dict[str, Any]], sector: str) -> list[dict[str, Any]]:
    """The ads of one sector: tagged for it, in a group that fits, about this sector mainly."""
    tag = SECTOR_TAGS[sector]
    chosen: list[dict[str, Any]] = []
    for ad in ads:
        group = ad["nav_occupation_group"]
        if tag not in ad["keyword_tags"] or group in EXCLUDED_GROUPS:
            continue
        if sector not in GROUP_SECTORS.get(group, frozenset({sector})):
            continue
        if EXCLUDE_RE.search(ad["text"]):
            continue
        matches = core_matches(ad["text"])
        own = matches[sector]
        if own < MIN_CORE_MATCHES:
            continue
        others = [s for s, n in matches.items() if s != sector and n >= MIN_CORE_MATCHES]
        if len(others) > MAX_OTHER_SECTORS or any(matches[s] > own for s in others):
            continue
        chosen.append(ad)
    return chosen


def drop_other_sector_terms(
    profiles: dict[str, Profile],
    ads: dict[str, int],
    *,
    ratio: float = OTHER_SECTOR_RATIO,
    min_documents: int = MIN_OTHER_DOCUMENTS,
) -> dict[str, tuple[tuple[Term, ...], tuple[str, ...]]]:
    """Split each sector's terms into kept and dropped.

    A term is dropped when the share of another sector's ads that use it is at least ``ratio``
    times the share of this sector's ads, and at least ``min_documents`` of the other sector's
    ads use it (so one odd ad in a small sector does not remove words from the others).
    """
    share: dict[str, dict[str, tuple[float, int]]] = {}
    for sector, profile in profiles.items():
        n_ads = max(ads[sector], 1)
        share[sector] = {t.lemma: (t.documents / n_ads, t.documents) for t in profile.terms}
    split: dict[str, tuple[tuple[Term, ...], tuple[str, ...]]] = {}
    for sector, profile in profiles.items():
        keep: list[Term] = []
        dropped: list[str] = []
        for term in profile.terms:
            own = share[sector][term.lemma][0]
            elsewhere = [
                share[other][term.lemma] for other in profiles
                if other != sector and term.lemma in share[other]
            ]
            if any(s >= ratio * own and docs >= min_documents for s, docs in elsewhere):
                dropped.append(term.lemma)
            else:
                keep.append(term)
        split[sector] = (tuple(keep), tuple(dropped))
    return split


def build_reference(ads: list[dict[str, Any]]) -> ReferenceCorpus:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ad in ads:
        groups[ad["nav_occupation_group"]].append(ad)
    rng = random.Random(SEED)
    chosen: list[dict[str, Any]] = []
    for group in sorted(groups):
        members = sorted(groups[group], key=lambda a: a["id"])
        chosen.extend(rng.sample(members, min(REFERENCE_ADS_PER_GROUP, len(members))))
    sources = [Source(f"annonse-{ad['id']}", ad["text"]) for ad in chosen]
    return reference_from_sources(
        sources, name=f"nav_job_ads dev ({len(chosen)} ads, all NAV groups)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=150, help="terms kept per sector")
    parser.add_argument(
        "--keep-reference", action="store_true",
        help="use the shipped workplace_reference.json instead of rebuilding it",
    )
    args = parser.parse_args()
    ads = load_ads()
    if args.keep_reference:
        shipped_reference = load_workplace_reference()
        if shipped_reference is None:
            raise SystemExit("no shipped workplace_reference.json; run without --keep-reference")
        reference = shipped_reference
    else:
        reference = build_reference(ads)
        (DATA / "workplace_reference.json").write_text(
            json.dumps(reference.to_dict(min_count=2), ensure_ascii=False, separators=(",", ":")),
            "utf-8",
        )
    print(f"reference: {reference.words} words, {len(reference.counts)} keys")
    out_dir = DATA / "starter"
    out_dir.mkdir(parents=True, exist_ok=True)
    members: dict[str, list[dict[str, Any]]] = {}
    profiles: dict[str, Profile] = {}
    for sector in SECTOR_TAGS:
        members[sector] = select_ads(ads, sector)
        sources = [Source(f"annonse-{ad['id']}", ad["text"]) for ad in members[sector]]
        label = SECTORS[sector]
        profiles[sector] = build_profile(
            sources, name=f"Startprofil: {label}", sector=label, reference=reference,
            options=BuildOptions(min_documents=2),
        )
    split = drop_other_sector_terms(profiles, {s: len(m) for s, m in members.items()})
    for sector, tag in SECTOR_TAGS.items():
        profile = profiles[sector]
        kept, dropped = split[sector]
        # Ship only derived data: no sentences from the ads.
        terms = tuple(dataclasses.replace(t, examples=()) for t in kept[: args.terms])
        phrases = tuple(
            Phrase(text=text, safety=safety, situation="Skrevet av Hurtigspor-teamet")
            for text, safety in PHRASES[sector]
        )
        stats = {
            "ads": len(members[sector]),
            "words": profile.stats["words"],
            "terms": len(terms),
            "source": "nav_job_ads ads_dev.jsonl (NAV, CC BY 4.0), derived term statistics only",
            "selection": (
                f"keyword_tags contains {tag!r}, >= {MIN_CORE_MATCHES} core-word matches, the "
                "sector's core words at least as frequent as any other sector's, at most "
                f"{MAX_OTHER_SECTORS} other sector mentioned (multi-vacancy lists dropped), NAV "
                "group not owned by another sector, no fire-service ads; groups excluded: "
                + ", ".join(sorted(EXCLUDED_GROUPS))
                + f"; terms dropped when the share of another sector's ads using them is >= "
                f"{OTHER_SECTOR_RATIO:g}x this sector's (and >= {MIN_OTHER_DOCUMENTS} ads there; "
                f"{len(dropped)} dropped)"
            ),
            "reference": reference.name,
        }
        shipped = dataclasses.replace(profile, terms=terms, phrases=phrases, stats=stats,
                                      warnings=())
        path = out_dir / starter_file(sector)
        path.write_text(json.dumps(shipped.to_dict(), ensure_ascii=False, indent=1), "utf-8")
        top = ", ".join(t.lemma for t in terms[:40])
        print(f"{sector:<13} {len(members[sector]):>4} ads {profile.stats['words']:>7} words, "
              f"{len(dropped)} terms dropped ({', '.join(dropped[:8])}) → {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
