"""Benchmark the profile builder: quality against baselines, and speed/memory.

(a) Quality.  For every NAV occupation group in ``nav_job_ads/ads_dev.jsonl`` with at least 20
    ads, 20 ads (fixed seed) are turned into a profile by this builder and, side by side, by
    plain lemma frequency (stop words removed), TF-IDF across the sector groups and YAKE.  For
    each method's top 30 per sector it prints the list and two shares:

    * noise: entries an automatic judge flags (function words, names, numbers/codes/URLs,
      broken or unknown tokens, wrong lemmas, wrong articles) — see ``judge_noise``;
    * distinctive: entries whose relative frequency in the sector's ads is at least 3 x their
      relative frequency in the other sectors' ads (entries are matched word by word on the
      token text or lemma, so every method is counted the same way).

    Target: noise <= 3 % and distinctiveness above every baseline in every sector.  The top-30
    lists go to ``benchmarks/results/profiles_top30.txt``.

(b) Speed.  100,000 and 200,000 words of mixed sources (job ads + Lovtidend texts) → profile;
    wall time (model already loaded) and peak RSS.  Target: <= 15 s and <= 1.5 GB for 100k,
    200k <= 2.1 x the 100k time.

Results: ``benchmarks/results/profiles.json``.  Usage: ``python scripts/bench_profiles.py
[--json] [--skip-speed] [--skip-quality]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from language_profiles.analyzer import Analysis, get_analyzer  # noqa: E402
from language_profiles.builder import (  # noqa: E402
    Source,
    build_profile,
    reference_from_sources,
)
from language_profiles.compounds import split_compound  # noqa: E402
from language_profiles.corpora import corpus_path  # noqa: E402
from language_profiles.lexicon import load_lexicon  # noqa: E402
from language_profiles.ranking import ReferenceCorpus, general_zipf  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
ADS_PER_SECTOR = 20
TOP = 30
SEED = 4

#: What was changed after reading the top-30 lists (kept in the output and the JSON).
CHANGES_AFTER_READING = [
    "1st reading: job-ad boilerplate (stilling, søknad, søker, erfaring, arbeidsmiljø, "
    "elektronisk søknadsskjema) topped every sector (builder distinctive 24 %): added a "
    "workplace reference corpus; keyness = min(vs general Norwegian, vs the reference) and a "
    "0.3 score factor below 3x the reference frequency (shipped reference: derived counts from "
    "all NAV groups; in this benchmark: the other sectors' sampled ads, as TF-IDF gets). "
    "Distinctive 24 % -> 94 %.",
    "2nd reading: fallback-lemma errors ('lønn'->lønne, 'krav'->krave, 'mat'->mate, "
    "'spennende'->spenne, 'to'->toe): a reading that explains the form only as a mid-sentence "
    "imperative, or not at all, is replaced by the dictionary's best other reading; and of "
    "two lemmas with the same form and POS the much more frequent one wins ('hyllene' -> "
    "hylle, not hyll).",
    "2nd reading: acronyms (NAV, FUS, ID, OR) and 2-letter words became terms: all-caps tokens "
    "of <= 4 letters and lemmas < 3 letters are never terms; number words (tredje, sjette) "
    "are numbers.",
    "2nd reading: brands/names written with a capital inside sentences (Jysk) and unknown "
    "words never written in lower case are dropped; dictionary expressions starting with a "
    "function word (på sikt, i sommer, på vegne av) and all-stop-word particle verbs "
    "(ta med) are not terms.",
    "Judge spot-check: 'universitet', 'maskin', 'region' were flagged as names because they "
    "occur inside organisation names; everyday dictionary words (Zipf >= 3) are no longer "
    "called names by capitalisation/NER share alone.  Compound article check uses the "
    "longest dictionary noun the word ends with (arbeidsverktøy -> et verktøy).",
    "3rd reading (trained model): compound lemmas like 'produksjonslede', 'renholdslede', "
    "'familiesentre' (head taken with the linking -s-, or a plural as lemma): unknown "
    "compounds are re-lemmatised as prefix + the most frequent dictionary noun they end with "
    "(renholds|leder); English sentences in ads ('has', 'strong') are skipped; genitive or "
    "definite ADJ+NOUN surfaces ('enkelte elevs', 'skandinaviske språkene') are shown by lemma.",
    "4th reading (2026-11-26): 'bravid' came from 'Bravida' written in lower case only inside "
    "web addresses the ads' text had broken apart ('www. bravida. no'): words of such "
    "addresses are now never terms nor evidence of lower-case use.  'et universitet' "
    "(Akademiske yrker) was not distinctive because other sectors' ads name universities "
    "('Universitetet i Bergen'): a reference corpus now counts a lemma everywhere it occurs, "
    "names included.  Definitions: the dictionary's first sense was often not the "
    "workplace's (pall = podium, ordre = befaling): the sense whose words the profile's texts "
    "use is chosen for nouns (language_profiles.senses; for verbs and adjectives it picked worse "
    "senses on the starter profiles, so they keep the first), and abbreviations (e l, o l, "
    "bl a) are written out.  Reading the starter lists also showed 'vare' missing from the "
    "warehouse and shop profiles: 'varer' was re-lemmatised to the noun 'var' because the "
    "frequency tie-break counted 'var' (was); lemmas spelled like function words no longer win "
    "that tie-break.",
    "4th reading: 'report' (an English word in Norwegian ads): words Bokmålsordboka does not "
    "know that are common in English and much rarer in Norwegian (wordfreq) are not terms; "
    "loanwords the dictionary lists (team, design, truck) stay.",
    "4th reading: 'en søker' (Helse) and 'kvalifisert' (Akademiske) were 3.3x and 4.5x as "
    "frequent as in the other sectors by lemma count, but from 21 and 5 occurrences.  The "
    "3x test now uses Hardie's conservative Log Ratio (log2 ratio minus one standard error, "
    "sqrt(1/a + 1/b)): a ratio must be surely 3x, not by chance of a few counts.  On the "
    "starter profiles (small sector samples against a large reference) some mid-frequency "
    "words move down the list (butikk: vare 22nd -> 84th of 150, produkt, telefon), all "
    "still listed.  'www. kirken. no meldal.' (a path in a broken address, split across "
    "'sentences') is an address too.",
    "4th reading: 'ei/en sikt' from 'på sikt' (the tagger picked the sieve homograph): an "
    "occurrence whose form fits homographs of different gender ('sikt', 'talenter') is no "
    "evidence for either, so the dictionary's usual reading stands; 'sikta', 'ei sikt' and "
    "nouns the dictionary lacks still count.",
    "Still seen on reading (not fixed): judge false positives 'brannkonstabel', 'baseleder' "
    "(job titles written capitalised, so the judge calls them names).",
]

_STOP: frozenset[str] | None = None
_PARTICLES = frozenset({"opp", "ut", "inn", "ned", "igjen", "imot", "fram", "frem", "bort",
                        "sammen", "tilbake", "unna", "vekk", "hjem", "av", "på", "til", "over",
                        "om", "med", "etter", "fra"})
_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
_NAME_LABELS = {"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "GPE", "PROD", "EVT"}


def stops() -> frozenset[str]:
    global _STOP  # noqa: PLW0603 - script-level cache
    if _STOP is None:
        from spacy.lang.nb.stop_words import STOP_WORDS

        _STOP = frozenset(STOP_WORDS)
    return _STOP


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def load_ads() -> list[dict[str, Any]]:
    path = corpus_path("nav_job_ads", "ads_dev.jsonl")
    if path is None:
        raise SystemExit("nav_job_ads is not available (set HURTIGSPOR_CORPORA_DIR)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sector_samples(ads: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ad in ads:
        groups[ad["nav_occupation_group"]].append(ad)
    rng = random.Random(SEED)
    samples: dict[str, list[dict[str, Any]]] = {}
    for group in sorted(groups):
        members = sorted(groups[group], key=lambda a: a["id"])
        if len(members) >= ADS_PER_SECTOR:
            samples[group] = rng.sample(members, ADS_PER_SECTOR)
    return samples


# ---------------------------------------------------------------------------------------------
# Token statistics per sector (for distinctiveness and the noise judge)
# ---------------------------------------------------------------------------------------------


@dataclass
class SectorTokens:
    sentences: list[list[tuple[str, str]]]  # (text_lc, lemma_lc) per word token
    words: int


@dataclass
class SurfaceStats:
    total: Counter[str]
    capital_inside: Counter[str]
    inside: Counter[str]
    named: Counter[str]


def sector_tokens(analyses: Sequence[Analysis]) -> SectorTokens:
    sentences: list[list[tuple[str, str]]] = []
    words = 0
    for analysis in analyses:
        for sentence in analysis.sentences:
            row = [(t.text.lower(), t.lemma.lower()) for t in sentence.tokens
                   if t.kind not in {"space", "punct"} and not t.is_punct]
            words += len(row)
            sentences.append(row)
    return SectorTokens(sentences, words)


def surface_stats(all_analyses: Sequence[Analysis]) -> SurfaceStats:
    stats = SurfaceStats(Counter(), Counter(), Counter(), Counter())
    for analysis in all_analyses:
        for sentence in analysis.sentences:
            first = True
            for tok in sentence.tokens:
                if tok.kind != "word":
                    continue
                key = tok.text.lower()
                stats.total[key] += 1
                if tok.ent_type in _NAME_LABELS:
                    stats.named[key] += 1
                    stats.named[tok.lemma.lower()] += 1
                if not first:
                    stats.inside[key] += 1
                    if tok.text[:1].isupper():
                        stats.capital_inside[key] += 1
                first = False
    return stats


class Counts:
    """Occurrence counts of word sequences, matched on token text or lemma."""

    def __init__(self, sectors: dict[str, SectorTokens]) -> None:
        self.sectors = sectors
        self.first: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for name, data in sectors.items():
            for s_index, sentence in enumerate(data.sentences):
                for position, (text, lemma) in enumerate(sentence):
                    self.first[text].append((name, s_index, position))
                    if lemma != text:
                        self.first[lemma].append((name, s_index, position))

    def count(self, entry: str) -> Counter[str]:
        words = entry.lower().split()
        result: Counter[str] = Counter()
        seen: set[tuple[str, int, int]] = set()
        for name, s_index, position in self.first.get(words[0], ()):
            if (name, s_index, position) in seen:
                continue
            seen.add((name, s_index, position))
            sentence = self.sectors[name].sentences[s_index]
            if position + len(words) > len(sentence):
                continue
            if all(w in sentence[position + k] for k, w in enumerate(words[1:], start=1)):
                result[name] += 1
        return result

    def distinctive(self, entry: str, sector: str) -> bool:
        counts = self.count(entry)
        here = counts[sector] / max(1, self.sectors[sector].words)
        other_words = sum(d.words for n, d in self.sectors.items() if n != sector)
        other = sum(c for n, c in counts.items() if n != sector) / max(1, other_words)
        return here > 0 and here >= 3 * other


# ---------------------------------------------------------------------------------------------
# Noise judge
# ---------------------------------------------------------------------------------------------


def judge_noise(
    entry: str,
    *,
    stats: SurfaceStats,
    lemma_based: bool,
    pos: str | None = None,
    articles: Sequence[str] = (),
) -> str | None:
    """Why an entry is noise, or None.  Automatic; spot-checked by reading the lists."""
    lexicon = load_lexicon()
    words = entry.split()
    lowered = [w.lower() for w in words]
    if not words:
        return "empty"
    if any(any(ch.isdigit() for ch in w) for w in words):
        return "number/code"
    if any("@" in w or w.startswith(("http", "www.")) or ".no" in w for w in lowered):
        return "url/e-mail"
    if any(not _WORD.match(w) for w in words):
        return "broken token"
    if len(words) == 1 and lowered[0] in stops():
        return "function word"
    if len(words) > 1:
        if all(w in stops() for w in lowered):
            return "function words"
        if lowered[0] in stops() or (lowered[-1] in stops() and lowered[-1] not in _PARTICLES):
            return "function-word edge"
    for w in lowered:
        named = stats.named.get(w, 0)
        total = max(1, stats.total.get(w, 0))
        inside = stats.inside.get(w, 0)
        capital = stats.capital_inside.get(w, 0)
        known = lexicon.is_word(w) or bool(split_compound(w, lexicon))
        everyday = known and general_zipf(w) >= 3.0
        if named / total >= 0.5 and not everyday:
            return "name"
        # Capitalised inside sentences: a name or brand ("Jysk") unless it is an everyday
        # dictionary word that merely occurs inside names ("Universitetet i Bergen").
        if inside >= 2 and capital / inside >= 0.8 and not everyday:
            return "name"
    content = [w for w in lowered if w not in stops()]
    for w in content:
        if not lexicon.is_word(w) and not split_compound(w, lexicon):
            return "unknown/broken word"
    if lemma_based and len(words) == 1:
        lemma = lowered[0]
        if not lexicon.entries(lemma) and not split_compound(lemma, lexicon):
            readings = {lem.lower() for lem, _ in lexicon.lemmas_of(lemma)}
            if readings and lemma not in readings:
                return "wrong lemma"
        elif lexicon.entries(lemma) == () and lexicon.lemmas_of(lemma):
            return "wrong lemma"
        if pos in {"NOUN", "VERB", "ADJ"}:
            entries = lexicon.entries(lemma, pos)
            if not entries and not split_compound(lemma, lexicon):
                return "wrong lemma/pos"
            if pos == "NOUN" and articles:
                expected = set(lexicon.articles(lemma)) if entries else set()
                if not expected:
                    # Unknown compound: the longest dictionary noun it ends with is its head.
                    for start in range(1, len(lemma) - 2):
                        head = lexicon.articles(lemma[start:])
                        if head:
                            expected = set(head)
                            break
                if expected and set(articles) != expected:
                    return "wrong article"
    return None


# ---------------------------------------------------------------------------------------------
# Methods
# ---------------------------------------------------------------------------------------------


@dataclass
class Entry:
    text: str
    pos: str | None = None
    articles: tuple[str, ...] = ()


def baseline_tokens(analyses: Sequence[Analysis]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for analysis in analyses:
        for tok in analysis.tokens:
            if tok.kind in {"space", "punct", "symbol"} or tok.is_punct:
                continue
            lemma = tok.lemma.lower()
            if tok.text.lower() in stops() or lemma in stops():
                continue
            counts[lemma] += 1
    return counts


def frequency_top(counts: Counter[str]) -> list[Entry]:
    return [Entry(w) for w, _ in counts.most_common(TOP)]


def tfidf_top(all_counts: dict[str, Counter[str]], sector: str) -> list[Entry]:
    n = len(all_counts)
    df: Counter[str] = Counter()
    for counts in all_counts.values():
        df.update(counts.keys())
    counts = all_counts[sector]
    total = sum(counts.values()) or 1
    scored = {w: (c / total) * math.log(n / df[w]) for w, c in counts.items()}
    best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return [Entry(w) for w, _ in best]


def yake_top(texts: Sequence[str]) -> list[Entry]:
    import yake

    extractor = yake.KeywordExtractor(lan="no", n=2, top=TOP, dedupLim=0.9)
    return [Entry(k) for k, _ in extractor.extract_keywords("\n".join(texts))]


def ad_sources(ads: Sequence[dict[str, Any]]) -> list[Source]:
    return [Source(f"annonse-{ad['id']}", ad["text"]) for ad in ads]


def builder_top(
    ads: Sequence[dict[str, Any]], sector: str, reference: ReferenceCorpus
) -> list[Entry]:
    profile = build_profile(ad_sources(ads), name=sector, sector=sector, reference=reference)
    return [Entry(t.lemma, t.pos if not t.is_multiword else None,
                  t.articles if not t.is_multiword else ()) for t in profile.terms[:TOP]]


# ---------------------------------------------------------------------------------------------
# Quality run
# ---------------------------------------------------------------------------------------------


def run_quality(out: list[str]) -> dict[str, Any]:
    analyzer = get_analyzer()
    ads = load_ads()
    samples = sector_samples(ads)
    analyses: dict[str, list[Analysis]] = {}
    for sector, members in samples.items():
        analyses[sector] = list(analyzer.analyze_many(ad["text"] for ad in members))
    tokens = {s: sector_tokens(a) for s, a in analyses.items()}
    stats = surface_stats([a for group in analyses.values() for a in group])
    counts = Counts(tokens)
    base_counts = {s: baseline_tokens(a) for s, a in analyses.items()}

    # The builder's workplace reference for a sector = the other sectors' sampled ads (the same
    # information TF-IDF gets), so the shipped reference (built from all dev ads) never leaks.
    per_sector_refs = {
        sector: reference_from_sources(ad_sources(members), name=sector)
        for sector, members in samples.items()
    }
    methods = ("builder", "frequency", "tfidf", "yake")
    per_sector: dict[str, dict[str, Any]] = {}
    lists: list[str] = []
    for sector, members in samples.items():
        tops = {
            "builder": builder_top(
                members, sector,
                ReferenceCorpus.merge(
                    f"other sectors than {sector}",
                    (r for s, r in per_sector_refs.items() if s != sector),
                ),
            ),
            "frequency": frequency_top(base_counts[sector]),
            "tfidf": tfidf_top(base_counts, sector),
            "yake": yake_top([ad["text"] for ad in members]),
        }
        per_sector[sector] = {}
        lists.append(f"=== {sector} ({len(members)} ads, {tokens[sector].words} words) ===")
        for method in methods:
            rows = []
            noise = distinctive = 0
            for entry in tops[method]:
                reason = judge_noise(
                    entry.text, stats=stats, lemma_based=method != "yake", pos=entry.pos,
                    articles=entry.articles,
                )
                is_distinctive = counts.distinctive(entry.text, sector)
                noise += reason is not None
                distinctive += is_distinctive
                label = entry.text
                if entry.articles:
                    label = f"{'/'.join(entry.articles)} {entry.text}"
                flag = ("D" if is_distinctive else "-") + (f" NOISE:{reason}" if reason else "")
                rows.append(f"{label} [{flag}]")
            n = max(1, len(tops[method]))
            per_sector[sector][method] = {
                "noise": round(noise / n, 4),
                "distinctive": round(distinctive / n, 4),
                "top": [e.text for e in tops[method]],
            }
            lists.append(f"--- {method}: noise {noise}/{n}, distinctive {distinctive}/{n}")
            lists.append("  " + "; ".join(rows))
        lists.append("")

    summary: dict[str, Any] = {}
    for method in methods:
        noise_values = [per_sector[s][method]["noise"] for s in per_sector]
        dist_values = [per_sector[s][method]["distinctive"] for s in per_sector]
        summary[method] = {
            "noise_mean": round(sum(noise_values) / len(noise_values), 4),
            "noise_max": max(noise_values),
            "distinctive_mean": round(sum(dist_values) / len(dist_values), 4),
            "distinctive_min": min(dist_values),
        }
    wins = {
        sector: all(
            per_sector[sector]["builder"]["distinctive"] > per_sector[sector][m]["distinctive"]
            for m in methods[1:]
        )
        for sector in per_sector
    }
    ties_or_wins = {
        sector: all(
            per_sector[sector]["builder"]["distinctive"] >= per_sector[sector][m]["distinctive"]
            for m in methods[1:]
        )
        for sector in per_sector
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    header = [
        "Top-30 per sector and method.  [D] = distinctive (rel. freq >= 3x other sectors); "
        "NOISE:<reason> = flagged by the automatic judge.",
        "Changes made after reading these lists:",
        *(f"  - {c}" for c in CHANGES_AFTER_READING),
        "",
    ]
    (RESULTS / "profiles_top30.txt").write_text("\n".join(header + lists), "utf-8")
    out.append("Quality (top-30 per sector, 20 ads each):")
    out.append(f"{'method':<10} {'noise mean':>10} {'noise max':>10} {'dist mean':>10} "
               f"{'dist min':>9}")
    for method in methods:
        row = summary[method]
        out.append(
            f"{method:<10} {row['noise_mean']:>10.1%} {row['noise_max']:>10.1%} "
            f"{row['distinctive_mean']:>10.1%} {row['distinctive_min']:>9.1%}"
        )
    out.append("Per sector (noise / distinctive):")
    for sector in per_sector:
        cells = "  ".join(
            f"{m}: {per_sector[sector][m]['noise']:.0%}/{per_sector[sector][m]['distinctive']:.0%}"
            for m in methods
        )
        verdict = "WIN" if wins[sector] else ("TIE" if ties_or_wins[sector] else "LOSS")
        out.append(f"  {sector:<32} {cells}  {verdict}")
    out.append(
        f"Builder beats every baseline on distinctiveness in {sum(wins.values())}/{len(wins)} "
        f"sectors, ties or beats in {sum(ties_or_wins.values())}/{len(wins)} (TF-IDF reaches "
        f"100 % in some sectors by construction: it ranks words absent from the other "
        f"sectors first; a tie at 100 % cannot be beaten); builder noise max "
        f"{summary['builder']['noise_max']:.1%} (target <= 3 %)."
    )
    out.append("Changes after reading the lists:")
    out.extend(f"  - {c}" for c in CHANGES_AFTER_READING)
    return {"sectors": per_sector, "summary": summary, "wins": wins,
            "ties_or_wins": ties_or_wins,
            "changes_after_reading": CHANGES_AFTER_READING}


# ---------------------------------------------------------------------------------------------
# Speed run
# ---------------------------------------------------------------------------------------------


def mixed_sources(target_words: int) -> list[Source]:
    ads = load_ads()
    laws_dir = corpus_path("lovtidend_2025_arbeid_hms")
    laws: list[Source] = []
    if laws_dir is not None:
        for path in sorted(laws_dir.glob("*.txt")):
            laws.append(Source(path.name, path.read_text("utf-8")))
    sources: list[Source] = []
    words = 0
    law_index = 0
    for number, ad in enumerate(ads):
        if words >= target_words:
            break
        sources.append(Source(f"annonse-{ad['id']}", ad["text"]))
        words += len(ad["text"].split())
        if number % 12 == 0 and laws and law_index < len(laws):
            sources.append(laws[law_index])
            words += len(laws[law_index].text.split())
            law_index += 1
    return sources


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_speed(out: list[str]) -> dict[str, Any]:
    analyzer = get_analyzer()
    build_profile([Source("oppvarming", "Husk å bruke vernesko på lageret.")], name="warm-up")
    results: dict[str, Any] = {"model": analyzer.model_name}
    for target in (100_000, 200_000):
        sources = mixed_sources(target)
        words = sum(len(s.text.split()) for s in sources)
        started = time.perf_counter()
        cpu_started = time.process_time()
        profile = build_profile(sources, name=f"bench {target}")
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        results[str(target)] = {
            "sources": len(sources),
            "words_whitespace": words,
            "words_analyzed": profile.stats["words"],
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu_seconds, 2),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "terms": len(profile.terms),
            "phrases": len(profile.phrases),
        }
        out.append(
            f"{target:>7} words target: {len(sources)} sources, {words} words → "
            f"{seconds:.2f} s wall ({cpu_seconds:.2f} s CPU, load avg {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} cores), peak RSS {peak_rss_mb():.0f} MB, "
            f"{len(profile.terms)} terms"
        )
    ratio = results["200000"]["seconds"] / max(0.001, results["100000"]["seconds"])
    cpu_ratio = results["200000"]["cpu_seconds"] / max(0.001, results["100000"]["cpu_seconds"])
    results["ratio_200k_100k"] = round(ratio, 3)
    results["cpu_ratio_200k_100k"] = round(cpu_ratio, 3)
    results["targets_met"] = {
        "100k_le_15s": results["100000"]["seconds"] <= 15,
        "peak_le_1500mb": results["100000"]["peak_rss_mb"] <= 1500,
        "ratio_le_2.1": ratio <= 2.1,
    }
    out.append(f"200k / 100k time ratio: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (target <= 2.1); "
               f"targets met (wall): {results['targets_met']}")
    out.append("Note: the machine is shared (spaCy training, other engineers' jobs); CPU "
               "seconds approximate the wall time of an idle machine for this single-process "
               "build.")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    out: list[str] = []
    results: dict[str, Any] = {"analyzer": get_analyzer().model_name}
    if not args.skip_quality:
        results["quality"] = run_quality(out)
    if not args.skip_speed:
        results["speed"] = run_speed(out)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "profiles.json"
    previous: dict[str, Any] = {}
    if path.is_file():
        previous = json.loads(path.read_text("utf-8"))
    previous.update(results)
    path.write_text(json.dumps(previous, ensure_ascii=False, indent=2), "utf-8")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print("\n".join(out))
        print(f"Results: {path.relative_to(ROOT)}; lists: benchmarks/results/profiles_top30.txt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
