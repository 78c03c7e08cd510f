"""Build an employer language profile from workplace texts: ranked terms and phrases.

``build_profile(sources, name=...)`` analyses every source with the project's analyzer (in
batches, via ``Analyzer.analyze_many``), collects candidate terms and phrases, and ranks them
(see :mod:`language_profiles.ranking` for the maths).  One bad source never stops the others:
its problem is recorded, in plain Norwegian, in ``Profile.warnings``.

What becomes a term
    * Single words: nouns, verbs, adjectives and some adverbs, by dictionary lemma, with
      article(s), paradigm and definition from Bokmålsordboka, and compound parts.
    * Multiword terms: ADJ+NOUN ("tunge løft"), NOUN+PREP+NOUN ("førstehjelp på
      arbeidsplassen"), verb + particle ("rydde opp", "ta imot", "fylle på") and fixed
      expressions the dictionary lists ("ta vare på").
    * Never: person or place names (NER, capitalisation + not in the dictionary), numbers,
      codes, URLs, e-mail addresses, phone numbers, function/stop words, auxiliaries, and
      words neither the dictionary nor the compound splitter recognise.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from language_profiles.expressions import Expression, ExpressionIndex, load_expressions
from language_profiles.extract import scrub_personal_data
from language_profiles.phrases import PhraseMiner, SentenceInfo
from language_profiles.profile import Phrase, Profile, ProfileVersions, Term
from language_profiles.ranking import (
    ReferenceCorpus,
    dispersion,
    estimate_level,
    general_zipf,
    keyness,
    load_workplace_reference,
    multiword_zipf,
    reference_keyness,
    reference_keyness_lower,
    score_term,
)
from language_profiles.senses import choose_sense
from language_profiles.themes import is_safety_term, suggest_theme

if TYPE_CHECKING:
    from language_profiles.analyzer import Analysis, Analyzer, Sentence, Token
    from language_profiles.lexicon import LexEntry, Lexicon

__all__ = [
    "PHASES",
    "BuildOptions",
    "ProfileBuildError",
    "Source",
    "build_profile",
    "compound_head",
    "is_term_token",
    "reference_from_sources",
]

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]

#: Progress phases, in order, with the fraction of the bar where each starts.
PHASES: tuple[tuple[float, str], ...] = (
    (0.0, "Leser filer"),
    (0.05, "Analyserer tekst"),
    (0.80, "Finner ord"),
    (0.92, "Rangerer"),
)


class ProfileBuildError(Exception):
    """No source could be used; ``str(err)`` is a Norwegian message for the user."""


@dataclass(frozen=True)
class Source:
    """One source text (already extracted and cleaned) with a display name."""

    name: str
    text: str


@dataclass(frozen=True)
class BuildOptions:
    """Tuning knobs for :func:`build_profile` (defaults suit teacher uploads)."""

    max_terms: int = 400
    max_phrases: int = 60
    max_multiword_share: float = 0.3
    max_source_chars: int = 3_000_000
    chunk_chars: int = 20_000
    part_words: int = 500
    examples_per_term: int = 3
    min_count_large: int = 2  # minimum count for single words once a profile has >= 3000 words
    min_count_multiword: int = 2
    min_documents: int = 1  # e.g. 2 for starter profiles: no term from a single source
    adverb_max_zipf: float = 4.6


DEFAULT_OPTIONS = BuildOptions()

_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "GPE", "PROD", "EVT", "MISC"})
_TERM_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
# Auxiliaries, modals and semantically empty verbs that are never workplace terms.
_EXCLUDED_LEMMAS = frozenset(
    {"være", "ha", "bli", "kunne", "skulle", "ville", "måtte", "burde", "få", "gjøre", "gå",
     "komme", "si", "se", "ta", "gi", "like", "vite", "tro", "synes",
     "annen", "egen", "mange", "mye", "flere", "hel", "samme", "slik", "sånn", "ny", "stor",
     "liten", "god", "lang", "gammel", "rekke", "del", "ting", "måte", "gang", "år", "dag",
     "tid", "fordel", "ønske", "ønskelig", "mulighet", "behov", "grunn", "hverandre",
     "enkelte", "ulik", "viss", "rett", "eneste", "siste", "neste", "først", "også",
     "følgende", "tilsvarende", "nevnte", "øvrig", "bestemt", "enkelt", "hei", "hallo",
     "hils"}
)
# English function words: sentences full of them are English (job ads mix languages).
_ENGLISH_FUNCTION_WORDS = frozenset(
    {"the", "and", "of", "are", "has", "have", "with", "we", "our", "you", "your", "will",
     "this", "that", "in", "an", "from", "it", "who", "would", "should", "their"}
)
# Number words (cardinal and ordinal) are numbers: never terms.
_NUMBER_WORDS = frozenset(
    {"null", "én", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti", "elleve",
     "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tjue",
     "tjuefem", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti", "hundre",
     "tusen", "million", "milliard", "første", "andre", "annen", "tredje", "fjerde", "femte",
     "sjette", "sjuende", "syvende", "åttende", "niende", "tiende", "ellevte", "tolvte",
     "trettende", "fjortende", "femtende", "sekstende", "syttende", "attende", "nittende",
     "tjuende", "trettiende", "hundrede", "tusende", "halv", "halvannen", "dusin"}
)
_ADV_ALLOWED_MIN_LEN = 5
#: A term must be 3x as frequent here as in the workplace reference (log2 3) to rank freely.
REFERENCE_RATIO_LOG2 = 1.585
#: Score factor for terms below that ratio (they stay in the list, lower down).
REFERENCE_PENALTY = 0.3
_PARTICLES = frozenset(
    {"opp", "ut", "inn", "ned", "igjen", "imot", "fram", "frem", "bort", "sammen", "tilbake",
     "unna", "vekk", "hjem", "av", "på", "til", "over", "om", "med", "etter"}
)
# Prepositions that are particles only when stranded (followed by punctuation or nothing).
_PREPOSITION_PARTICLES = frozenset({"av", "på", "til", "over", "om", "med", "etter"})
# Verb + preposition pairs that work as particle verbs even before an object ("fylle på hyllene").
_PARTICLE_VERBS = frozenset(
    {("fylle", "på"), ("slå", "av"), ("slå", "på"), ("skru", "av"), ("skru", "på"),
     ("passe", "på"), ("ta", "på"), ("ta", "av"), ("kle", "på"), ("kle", "av"),
     ("legge", "på"), ("tørke", "av"), ("vaske", "av"), ("ta", "med"), ("følge", "med"),
     ("melde", "fra"), ("si", "fra"), ("ringe", "til"), ("logge", "på"), ("logge", "av"),
     ("sette", "på"), ("koble", "til"), ("koble", "av"), ("holde", "på"), ("passe", "til")}
)
_LITERAL_PREPOSITIONS = _PREPOSITION_PARTICLES | {"i", "for", "fra", "ved", "under"}
_NPN_PREPOSITIONS = frozenset({"på", "i", "til", "av", "for", "med", "om", "under", "ved", "fra"})
_WORD_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


# ---------------------------------------------------------------------------------------------
# Accumulators
# ---------------------------------------------------------------------------------------------


@dataclass
class _Acc:
    """Counts for one candidate term."""

    lemma: str
    pos: str
    multi: str = ""  # "" | "adj_noun" | "npn" | "particle" | "expression"
    count: int = 0
    sources: set[int] = field(default_factory=set)
    parts: set[int] = field(default_factory=set)
    surfaces: Counter[str] = field(default_factory=Counter)
    articles: Counter[tuple[str, ...]] = field(default_factory=Counter)
    compound_parts: tuple[str, ...] = ()
    forms: Mapping[str, tuple[str, ...]] | None = None
    words: tuple[str, ...] = ()  # lemmas of the words of a multiword term
    head: str = ""  # head lemma for multiword (noun or verb)
    particle: str = ""
    definition: str | None = None
    examples: list[tuple[float, int, int]] = field(default_factory=list)  # heap of (q, -id, id)
    inside: int = 0  # occurrences not at the start of a sentence
    capital_inside: int = 0  # ... of which capitalised (brands and names: "Jysk", "Rema")
    lowercase: int = 0  # occurrences written in lower case


@dataclass
class _Sent:
    text: str
    source: int
    quality: float


# ---------------------------------------------------------------------------------------------
# Token filters
# ---------------------------------------------------------------------------------------------


def _stop_words() -> frozenset[str]:
    from spacy.lang.nb.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP: frozenset[str] | None = None


def _stops() -> frozenset[str]:
    global _STOP  # noqa: PLW0603 - immutable process-wide cache
    if _STOP is None:
        _STOP = _stop_words()
    return _STOP


def is_term_token(token: Token, *, sentence_initial: bool, lexicon: Lexicon) -> bool:
    """True when ``token`` may be counted as (part of) a single-word term."""
    if token.kind != "word" or token.is_punct:
        return False
    if token.pos not in _TERM_POS:
        return False
    text = token.text
    if len(text) < 2 or not _WORD_RE.match(text):
        return False
    lemma = token.lemma.lower()
    if token.is_stop or lemma in _stops() or text.lower() in _stops():
        return False
    if lemma in _EXCLUDED_LEMMAS:
        return False
    if token.ent_type in _NAME_LABELS:
        return False
    known = token.in_dictionary or lexicon.is_word(text)
    if text[:1].isupper() and not sentence_initial and not known:
        return False  # a capitalised unknown word inside a sentence: a name
    if text.isupper() and len(text) <= 6 and (len(text) <= 4 or not lexicon.has_lemma(lemma)):
        return False  # abbreviations and codes (NAV, FUS, ID); all-caps headings are handled
        # by the analyzer's normalisation before tagging
    return known or bool(token.compound_parts)


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper() and not text.isupper()


def _name_sequence_indices(tokens: Sequence[Token], lexicon: Lexicon) -> set[int]:
    """Indices of runs of 2+ capitalised words with an unknown or proper-noun member
    ("Kari Nordby", "Furuset Møbler"): names even at the start of a sentence."""
    names: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and any(
            tokens[j].pos == "PROPN" or tokens[j].ent_type or not lexicon.is_word(tokens[j].text)
            for j in run
        ):
            names.update(run)
        run.clear()

    for index, tok in enumerate(tokens):
        if tok.kind == "word" and _is_capitalised(tok.text):
            run.append(index)
        elif tok.kind != "space":
            close()
    close()
    return names


_ARTICLE_WORDS = frozenset({"en", "ei", "et", "ein", "eit"})


def _shows_gender(tokens: Sequence[Token], index: int, lemma: str, lexicon: Lexicon) -> bool:
    """Whether this occurrence of a noun can tell homographs of different gender apart.

    "sikt" in "på sikt" is a form of both *en sikt* (view) and *ei/en sikt* (sieve), and
    "talenter" of both *et talent* and *en talent*: the tagger's pick between them is a guess,
    so such occurrences leave the choice to the dictionary's usual reading.  "sikta", or an
    article right before the noun, does tell.  Nouns the dictionary lacks (new compounds) keep
    the tagger's guess from their last part.
    """
    tok = tokens[index]
    readings = {
        tuple(entry.articles)
        for entry, _key in lexicon.analyses(tok.text)
        if entry.pos == "NOUN" and entry.lemma.lower() == lemma
    }
    if len(readings) <= 1:
        return True
    for prev in reversed(tokens[:index]):
        if prev.kind == "space":
            continue
        return prev.kind == "word" and prev.text.lower() in _ARTICLE_WORDS
    return False


@lru_cache(maxsize=50_000)
def _english_word(word: str) -> bool:
    """A common English word that is much rarer in Norwegian (wordfreq): "report", "sales".

    Only asked for words Bokmålsordboka does not know, so loanwords it lists ("team",
    "design", "catering", "truck") stay terms.
    """
    from wordfreq import zipf_frequency

    english = zipf_frequency(word, "en")
    return english >= 4.0 and english >= zipf_frequency(word, "nb") + 1.0


_URL_STARTS = frozenset({"www", "http", "https"})
_TOP_LEVEL_DOMAINS = frozenset({"no", "com", "org", "net", "se", "dk", "eu", "info"})


def _broken_url_indices(tokens: Sequence[Token]) -> set[int]:
    """Words of web addresses the text broke apart ("www. bravida. no", "https: www. ikea. no",
    "www. kirken. no meldal."): never terms, and never evidence that a brand is written in
    lower case."""
    words = [(i, t.text) for i, t in enumerate(tokens) if t.kind != "space"]
    found: set[int] = set()
    # The sentence splitter may cut an address at its dots ("kirken. no meldal." after
    # "www."): a "sentence" that starts in lower case and has ". no" in it is one.
    fragment = bool(words) and words[0][1][:1].islower() and any(
        words[k][1] == "." and words[k + 1][1] in _TOP_LEVEL_DOMAINS for k in range(len(words) - 1)
    )
    for n, (index, text) in enumerate(words):
        if not (text.isalnum() and text.islower()):  # addresses are written in lower case
            continue
        before = [w.lower() for _, w in words[max(0, n - 6) : n]]
        after = [w for _, w in words[n + 1 : n + 3]]
        in_address = fragment or any(w in _URL_STARTS for w in before)  # "www" just before
        if not in_address:
            continue
        if (before and before[-1] == ".") or (
            len(after) == 2 and after[0] == "." and after[1] in _TOP_LEVEL_DOMAINS
        ):
            found.add(index)
        elif (
            len(before) >= 2
            and before[-1] in _TOP_LEVEL_DOMAINS
            and before[-2] == "."
            and words[n - 1][1].islower()
            and (n + 1 >= len(words) or words[n + 1][1] in {".", "/"})
        ):
            # A path after the domain ("www. kirken. no meldal."): the slash became a space.
            found.add(index)
    return found


_POS_PREFERENCE = ("NOUN", "ADJ", "VERB", "ADV")


def _resolve_reading(
    token: Token, lexicon: Lexicon, *, sentence_initial: bool
) -> tuple[str, str] | None:
    """The (lemma, UPOS) reading to count, checked against the dictionary, or None.

    The tagger's reading is kept when the dictionary has the token's form in that lemma's
    paradigm.  A reading that only explains the form as an imperative inside a sentence
    ("lønn" → lønne, "krav" → krave, "mat" → mate), or not at all ("spennende" → spenne), is
    replaced by the dictionary's best other reading (lønn NOUN, krav NOUN, spennende ADJ).
    """
    lemma = token.lemma.lower()
    pos = token.pos
    analyses = lexicon.analyses(token.text)
    if analyses:
        claimed = {key for entry, key in analyses
                   if entry.lemma.lower() == lemma and entry.pos == pos}
        if claimed - {None, "imp"} or ("imp" in claimed and sentence_initial):
            # Same form, same part of speech, a much more common lemma: "hyllene" is far more
            # often "hylle" than "hyll" (tie-break by general frequency, 1 Zipf = 10x).
            best, best_zipf = lemma, general_zipf(lemma)
            for entry, key in analyses:
                other = entry.lemma.lower()
                # A lemma spelled like a function word ("var", "er") owes its frequency to
                # that word: "varer" stays "vare", not the noun "var".
                if (
                    entry.pos == pos
                    and key not in (None, "imp")
                    and other != best
                    and other not in _stops()
                ):
                    other_zipf = general_zipf(other)
                    if other_zipf >= best_zipf + 1.0:
                        best, best_zipf = other, other_zipf
            return best, pos
        others = [(entry.lemma.lower(), entry.pos) for entry, key in analyses
                  if entry.pos in _TERM_POS and key not in (None, "imp")]
        if others:
            for wanted in (pos, *_POS_PREFERENCE):
                for cand in others:
                    if cand[1] == wanted:
                        return cand
        if claimed:
            return lemma, pos
        return None
    if lexicon.has_lemma(lemma, pos):
        return lemma, pos
    if token.compound_parts and pos == "NOUN" and _WORD_RE.match(lemma):
        # A compound the dictionary lacks: lemma = prefix + the head noun's lemma, where the
        # head is the longest dictionary noun form the word ends with and, among homographs,
        # the most frequent noun ("produksjonsledere" → leder, not lede).
        fixed = compound_head(token.text.lower(), lexicon)
        if fixed is not None:
            return fixed[0] + fixed[1].lemma.lower(), "NOUN"
        head = token.compound_parts[-1].lower()
        if lemma.endswith(head) and lexicon.has_lemma(head, "NOUN"):
            return lemma, pos
    return None


def _joined_imperative(tokens: Sequence[Token], index: int) -> bool:
    """An imperative that starts a clause of an instruction, like a sentence-initial one.

    "Gå til hylla og skann varen.", "Når kunden kommer, skann varene.": the analyzer reads
    such a word as an imperative (``Analyzer._imperative_later``), so it is the verb
    (*skanne*), not the dictionary's other reading (*et skann*).
    """
    if tokens[index].feat("Mood") != "Imp":
        return False
    before = [t for t in tokens[:index] if t.kind != "space"]
    if len(before) < 2 or before[-1].text.lower() not in {"og", "eller", ","}:
        return False
    first = before[0]
    return first.feat("Mood") == "Imp" or (first.pos == "SCONJ" and before[-1].text == ",")


@lru_cache(maxsize=100_000)
def _compound_head_cached(word: str, lexicon: Lexicon) -> tuple[str, LexEntry] | None:
    found: tuple[str, LexEntry] | None = None
    for start in range(2, len(word) - 2):
        prefix, rest = word[:start], word[start:]
        nouns = [entry for entry, key in lexicon.analyses(rest)
                 if entry.pos == "NOUN" and key is not None]
        if not nouns or not lexicon.is_word(prefix.rstrip("s")):
            continue
        best = max(nouns, key=lambda e: general_zipf(e.lemma))
        if found is None:
            found = (prefix, best)
            if not rest.startswith("s"):
                return found
            continue
        # The longest head began with a linking -s- ("renhold|sleder"): take the head without
        # it when that is a much more common noun ("renholds|leder").
        if start == len(found[0]) + 1 and general_zipf(best.lemma) >= general_zipf(
            found[1].lemma
        ) + 1.0:
            return prefix, best
        return found
    return found


def compound_head(word: str, lexicon: Lexicon) -> tuple[str, LexEntry] | None:
    """Split an unknown compound noun form into (prefix, head noun entry) using the longest
    dictionary noun form it ends with ("familiesentre" → ("familie", senter))."""
    return _compound_head_cached(word.lower(), lexicon)


# ---------------------------------------------------------------------------------------------
# Sentence quality (for examples)
# ---------------------------------------------------------------------------------------------


def _sentence_quality(sentence: Sentence) -> float:
    """Higher is a better example: 5-15 words, clean, no names or numbers, ends properly."""
    words = [t for t in sentence.tokens if t.kind == "word"]
    n = len(words)
    if n < 3 or n > 30:
        return -10.0
    text = sentence.text.strip()
    quality = 0.0
    if 5 <= n <= 15:
        quality += 2.0
    else:
        quality -= min(abs(n - 10) / 5.0, 3.0)
    if any(t.kind in {"email", "url", "phone"} for t in sentence.tokens):
        return -10.0
    if any(t.kind == "number" or any(c.isdigit() for c in t.text) for t in sentence.tokens):
        quality -= 2.0
    if any(t.ent_type == "PER" for t in sentence.tokens):
        quality -= 4.0
    elif any(
        t.text[:1].isupper() and not t.in_dictionary for t in words[1:]
    ):
        quality -= 3.0  # capitalised unknown words inside the sentence: probably names
    elif any(t.ent_type for t in sentence.tokens):
        quality -= 1.0
    if text.endswith((".", "!", "?")):
        quality += 1.0
    else:
        quality -= 1.0
    if text[:1].isupper():
        quality += 0.5
    if re.search(r"[:;()\[\]/|•]", text):
        quality -= 1.0
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.3 * len(letters):
        quality -= 3.0
    if len(text) > 180:
        quality -= 2.0
    return quality


# ---------------------------------------------------------------------------------------------
# Builder
# ---------------------------------------------------------------------------------------------


class _Progress:
    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.last = 0.0
        self.message = ""

    def __call__(self, fraction: float, message: str) -> None:
        if self.callback is None:
            return
        fraction = max(self.last, min(1.0, fraction))
        if message != self.message or fraction - self.last >= 0.01 or fraction >= 1.0:
            self.last = fraction
            self.message = message
            self.callback(fraction, message)


def _chunks(text: str, size: int) -> Iterator[str]:
    """Split text at paragraph (or line, or sentence) boundaries into pieces of ~size chars.

    A line break is cut at only after a sentence end when there is one in reach: text from a
    PDF breaks lines inside sentences, and a sentence cut in two becomes two fragments.
    """
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            low = start + size // 2
            for seps in (("\n\n",), (".\n", "!\n", "?\n"), ("\n",), (". ",)):
                cut = max(text.rfind(sep, low, end) for sep in seps)
                if cut > start:
                    end = cut + len(seps[0])
                    break
        piece = text[start:end]
        if piece.strip():
            yield piece
        start = end


class _Collector:
    """Walks analysed sentences and accumulates candidate terms, examples and phrases."""

    def __init__(
        self,
        lexicon: Lexicon,
        expressions: ExpressionIndex,
        options: BuildOptions,
        sector: str | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.expressions = expressions
        self.options = options
        self.sector = sector  # the profile's sector: phrase and verb themes depend on it
        self.accs: dict[tuple[str, str, str], _Acc] = {}
        self.sentences: list[_Sent] = []
        self.miner = PhraseMiner(lexicon_is_word=lexicon.is_word, sector=sector)
        self.words = 0
        self.words_per_source: Counter[int] = Counter()
        # Lemmas of every content word, names included ("Universitetet i Bergen"): how often a
        # reader meets the word at all, for reference corpora.
        self.all_lemmas: Counter[str] = Counter()
        self.part = 0
        self.part_words = 0

    # -- helpers

    def _acc(self, key: tuple[str, str, str], **init: Any) -> _Acc:
        acc = self.accs.get(key)
        if acc is None:
            acc = _Acc(lemma=key[0], pos=key[1], multi=key[2], **init)
            self.accs[key] = acc
        return acc

    def _hit(self, acc: _Acc, source: int, sent_id: int, quality: float, surface: str) -> None:
        acc.count += 1
        acc.sources.add(source)
        acc.parts.add(self.part)
        acc.surfaces[surface] += 1
        if quality > -5.0:
            item = (quality, -sent_id, sent_id)
            if len(acc.examples) < 8:
                heapq.heappush(acc.examples, item)
            elif item > acc.examples[0]:
                heapq.heapreplace(acc.examples, item)

    def start_source(self) -> None:
        if self.part_words:
            self.part += 1
            self.part_words = 0

    # -- main

    def add_sentence(self, sentence: Sentence, source: int) -> None:
        tokens = sentence.tokens
        words = [t for t in tokens if t.kind == "word"]
        self.words += len(words)
        self.words_per_source[source] += len(words)
        self.part_words += len(words)
        if self.part_words >= self.options.part_words:
            self.part += 1
            self.part_words = 0
        english = sum(1 for t in words if t.text.lower() in _ENGLISH_FUNCTION_WORDS)
        if english >= 2 and english >= 0.15 * len(words):
            return  # an English sentence in a Norwegian text: no terms, phrases or examples
        for t in words:
            if not t.is_stop:
                self.all_lemmas[(t.lemma or t.text).lower()] += 1
        quality = _sentence_quality(sentence)
        sent_id = len(self.sentences)
        self.sentences.append(_Sent(sentence.text.strip(), source, quality))
        self.miner.add(SentenceInfo(text=sentence.text, source=source, tokens=tokens))

        lex = self.lexicon
        first_word_seen = False
        resolved: list[str | None] = []
        poses: dict[int, str] = {}
        names = _name_sequence_indices(tokens, lex) | _broken_url_indices(tokens)
        for index, tok in enumerate(tokens):
            lemma: str | None = None
            initial = False
            if tok.kind == "word":
                initial = not first_word_seen
                first_word_seen = True
                if index in names:
                    pass
                elif is_term_token(tok, sentence_initial=initial, lexicon=lex):
                    reading = _resolve_reading(
                        tok, lex, sentence_initial=initial or _joined_imperative(tokens, index)
                    )
                    if reading is not None:
                        lemma, pos = reading
                        if (
                            lemma in _EXCLUDED_LEMMAS
                            or lemma in _stops()
                            or lemma in _NUMBER_WORDS
                            or tok.text.lower() in _NUMBER_WORDS
                        ):
                            lemma = None
                        elif len(lemma) < 3:
                            lemma = None
                        elif pos == "ADV" and (
                            len(lemma) < _ADV_ALLOWED_MIN_LEN
                            or general_zipf(lemma) > self.options.adverb_max_zipf
                        ):
                            lemma = None
            resolved.append(lemma)
            if lemma is None:
                continue
            changed = pos != tok.pos or lemma != tok.lemma.lower()
            acc = self._acc((lemma, pos, ""))
            if acc.forms is None:
                if changed:
                    entries = lex.entries(lemma, pos)
                    acc.forms = entries[0].forms if entries else {}
                    if pos == "NOUN" and entries:
                        acc.articles[tuple(entries[0].articles)] += 1
                    elif pos == "NOUN":
                        fixed = compound_head(tok.text.lower(), lex)
                        if fixed is not None:
                            prefix, head_entry = fixed
                            acc.forms = {
                                k: tuple(prefix + v for v in values)
                                for k, values in head_entry.forms.items()
                            }
                            acc.articles[tuple(head_entry.articles)] += 1
                else:
                    acc.forms = tok.forms
                acc.compound_parts = tuple(tok.compound_parts)
            if (
                pos == "NOUN"
                and tok.articles
                and not changed
                and _shows_gender(tokens, index, lemma, lex)
            ):
                acc.articles[tuple(tok.articles)] += 1
            self._hit(acc, source, sent_id, quality, tok.text.lower())
            if tok.text[:1].islower():
                acc.lowercase += 1
            if not initial:
                acc.inside += 1
                if tok.text[:1].isupper():
                    acc.capital_inside += 1
            poses[index] = pos

        self._multiword(tokens, resolved, poses, source, sent_id, quality)

    def _multiword(
        self,
        tokens: Sequence[Token],
        resolved: Sequence[str | None],
        poses: Mapping[int, str],
        source: int,
        sent_id: int,
        quality: float,
    ) -> None:
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok.kind != "word":
                continue
            lemma = resolved[i]
            nxt = tokens[i + 1] if i + 1 < n else None
            # ADJ + NOUN
            if lemma and poses.get(i) == "ADJ" and nxt is not None and resolved[i + 1] \
                    and poses.get(i + 1) == "NOUN":
                noun = resolved[i + 1] or ""
                acc = self._acc((f"{lemma} {noun}", "NOUN", "adj_noun"))
                acc.words = (lemma, noun)
                acc.head = noun
                # Shown as written when indefinite ("tunge løft"); a definite phrase
                # ("skandinaviske språkene") lacks its article, so it is shown by lemmas.
                plain = nxt.feat("Definite") != "Def" and nxt.text.lower() in {
                    form for forms in nxt.forms.values() for form in forms
                }  # not definite, not a genitive ("enkelte elevs")
                surface = f"{tok.text} {nxt.text}".lower() if plain else f"{lemma} {noun}"
                self._hit(acc, source, sent_id, quality, surface)
            # NOUN + PREP + NOUN
            if (
                lemma and poses.get(i) == "NOUN" and i + 2 < n and nxt is not None
                and nxt.text.lower() in _NPN_PREPOSITIONS and nxt.pos == "ADP"
                and poses.get(i + 2) == "NOUN" and resolved[i + 2]
            ):
                noun2 = resolved[i + 2] or ""
                prep = nxt.text.lower()
                acc = self._acc((f"{lemma} {prep} {noun2}", "NOUN", "npn"))
                acc.words = (lemma, prep, noun2)
                acc.head = lemma
                self._hit(
                    acc, source, sent_id, quality,
                    f"{tok.text} {nxt.text} {tokens[i + 2].text}".lower(),
                )
            # Dictionary expressions (first word by lemma or surface)
            matched = self._expression(tokens, i, source, sent_id, quality)
            # VERB + particle
            if matched or tok.pos != "VERB" or nxt is None:
                continue
            verb = tok.lemma.lower()
            if verb in {"være", "ha", "bli", "kunne", "skulle", "ville", "måtte", "burde"}:
                continue
            if not self.lexicon.has_lemma(verb, "VERB"):
                continue
            particle = nxt.text.lower()
            if particle not in _PARTICLES or nxt.kind != "word":
                continue
            after = tokens[i + 2] if i + 2 < n else None
            stranded = after is None or after.is_punct or after.kind == "punct"
            if (
                particle in _PREPOSITION_PARTICLES
                and not stranded
                and (verb, particle) not in _PARTICLE_VERBS
            ):
                continue
            acc = self._acc((f"{verb} {particle}", "VERB", "particle"))
            acc.words = (verb, particle)
            acc.head = verb
            acc.particle = particle
            if acc.forms is None:
                acc.forms = tok.forms
            self._hit(acc, source, sent_id, quality, f"{tok.text} {nxt.text}".lower())

    def _expression(
        self, tokens: Sequence[Token], i: int, source: int, sent_id: int, quality: float
    ) -> bool:
        tok = tokens[i]
        if i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1]
        firsts = {tok.lemma.lower(), tok.text.lower()}
        seconds = {nxt.text.lower(), nxt.lemma.lower()}
        for first in firsts:
            for second in seconds:
                for expr in self.expressions.candidates(first, second):
                    if self._expression_match(tokens, i, expr, source, sent_id, quality):
                        return True
        return False

    def _expression_match(
        self,
        tokens: Sequence[Token],
        i: int,
        expr: Expression,
        source: int,
        sent_id: int,
        quality: float,
    ) -> bool:
        size = len(expr.words)
        if i + size > len(tokens):
            return False
        window = tokens[i: i + size]
        if any(t.kind != "word" for t in window):
            return False
        if not all(
            w in (t.text.lower(), t.lemma.lower())
            for w, t in zip(expr.words[2:], window[2:], strict=True)
        ):
            return False
        if all(w in _stops() for w in expr.words) or expr.words[0] in _stops():
            return False
        if size == 2 and expr.words[1] in _LITERAL_PREPOSITIONS:
            # "stå på", "sette i": as a particle only when stranded ("Fyll på!") or listed;
            # "står på pauserommet" is the verb and a preposition.
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            stranded = after is None or after.is_punct or after.kind == "punct"
            if not stranded and tuple(expr.words) not in _PARTICLE_VERBS:
                return False
        tok = tokens[i]
        pos = "VERB" if tok.pos == "VERB" else "EXPR"
        acc = self._acc((expr.text, pos, "expression"))
        acc.words = expr.words
        acc.head = expr.words[0]
        acc.definition = expr.definition
        if pos == "VERB" and acc.forms is None:
            acc.forms = tok.forms
            acc.particle = " ".join(expr.words[1:])
        surface = " ".join(t.text for t in window).lower()
        self._hit(acc, source, sent_id, quality, surface)
        return True


def _choose_articles(
    observed: Counter[tuple[str, ...]], entries: Sequence[LexEntry]
) -> tuple[str, ...]:
    """Articles for a noun term: the analyzer's choice per occurrence, but the dictionary's
    most frequent reading wins unless the analyzer clearly (>70 %) chose another homograph
    ("et senter" vs the football "en senter")."""
    total = sum(observed.values())
    if entries:
        usual = tuple(entries[0].articles)
        if not total or observed.get(usual, 0) >= 0.3 * total:
            return usual
    if total:
        return observed.most_common(1)[0][0]
    return ()


def _verb_phrase_forms(
    forms: Mapping[str, tuple[str, ...]] | None, rest: str
) -> dict[str, tuple[str, ...]]:
    if not forms or not rest:
        return {}
    return {k: tuple(f"{v} {rest}" for v in values) for k, values in forms.items()}


#: How many of the profile's best single-word terms are the evidence for word senses.
SENSE_EVIDENCE_TERMS = 40


def _choose_senses(
    chosen: list[Term], accs: Mapping[str, _Acc], lexicon: Lexicon
) -> list[Term]:
    """Give each single-word noun the dictionary sense its workplace means.

    The evidence is the profile's own best terms (the top ``SENSE_EVIDENCE_TERMS`` single
    words, with every form seen, weighing log2(1 + count)): a sense that uses them
    ("liten plattform ... lagring av *varer*" for *pall* in a warehouse) beats the dictionary's
    first sense; everyday words in a definition ("fast", "sende") are never evidence.
    """
    context: dict[str, float] = {}
    for term in [t for t in chosen if not t.is_multiword][:SENSE_EVIDENCE_TERMS]:
        acc = accs.get(term.lemma)
        weight = math.log2(1 + term.count)
        for word in (term.lemma.lower(), *(acc.surfaces if acc else ())):
            context[word] = max(weight, context.get(word, 0.0))
    result: list[Term] = []
    for term in chosen:
        # Nouns only: the senses of verbs and adjectives differ in everyday words ("holde i
        # gang; drive" for *kjøre*), which no workplace text settles (measured on the starter
        # profiles: nouns mostly improved, verbs and adjectives mostly got worse).
        if not term.is_multiword and term.pos == "NOUN" and term.definition:
            entries = lexicon.entries(term.lemma, term.pos)
            senses = lexicon.senses(entries[0].article_id) if entries else ()
            if len(senses) > 1:
                pick = choose_sense(senses, context, lemma=term.lemma)
                if senses[pick] != term.definition:
                    term = dataclasses.replace(term, definition=senses[pick])
        result.append(term)
    return result


def _finalise_terms(
    collector: _Collector,
    n_sources: int,
    options: BuildOptions,
    reference: ReferenceCorpus | None,
) -> list[Term]:
    lex = collector.lexicon
    total = max(1, collector.words)
    n_parts = collector.part + (1 if collector.part_words else 0)
    min_single = options.min_count_large if total >= 3000 else 1
    sentences = collector.sentences
    terms: list[Term] = []
    for acc in collector.accs.values():
        multi = bool(acc.multi)
        if multi:
            minimum = 1 if acc.multi == "expression" else options.min_count_multiword
            if acc.multi == "particle" and (
                acc.particle not in _PREPOSITION_PARTICLES or tuple(acc.words) in _PARTICLE_VERBS
            ):
                minimum = 1 if total < 3000 else 2
        else:
            minimum = min_single
        if acc.count < minimum or len(acc.sources) < options.min_documents:
            continue
        if not multi and acc.capital_inside >= 2 and acc.capital_inside >= 0.8 * acc.inside:
            continue  # written with a capital inside sentences: a name or a brand
        if not multi and not acc.lowercase and not lex.has_lemma(acc.lemma):
            continue  # never written in lower case and not in the dictionary: a name
        if not multi and _english_word(acc.lemma) and not lex.has_lemma(acc.lemma):
            continue  # an English word in a Norwegian text ("report", "support")
        if multi and (
            all(w in _stops() for w in acc.words)
            or (acc.multi == "expression" and acc.words[0] in _stops())
        ):
            continue
        # Names that slipped through: mostly capitalised and unknown to the dictionary.
        display = acc.lemma
        if multi:
            display = acc.surfaces.most_common(1)[0][0] if acc.multi in {"adj_noun", "npn"} \
                else acc.lemma
        if multi:
            zipf = multiword_zipf([w for w in acc.words if w not in _stops()])
        else:
            zipf = general_zipf(acc.lemma)
        key_value = keyness(acc.count, total, zipf)
        ref_key: float | None = None
        if reference is not None:
            ref_key = reference_keyness(acc.count, total, reference, acc.lemma)
            key_value = min(key_value, ref_key)
        disp = dispersion(len(acc.sources), n_sources, len(acc.parts), n_parts)
        parts = acc.compound_parts if not multi else ()
        safety = is_safety_term(acc.lemma, parts)
        if multi:
            safety = safety or any(is_safety_term(w) for w in acc.words)
        theme = suggest_theme(
            (acc.head or acc.lemma) if multi else acc.lemma,
            parts,
            pos=acc.pos,
            sector=collector.sector,
        )
        score = score_term(
            count=acc.count, keyness_value=key_value, dispersion_value=disp, safety=safety,
            expression=acc.multi == "expression",
        )
        if (
            reference is not None
            and not safety
            and reference_keyness_lower(acc.count, total, reference, acc.lemma)
            < REFERENCE_RATIO_LOG2
        ):
            # Not surely 3x as frequent here as in workplace language in general.
            score = round(score * REFERENCE_PENALTY, 4)
        articles: tuple[str, ...] = ()
        forms: Mapping[str, tuple[str, ...]] = {}
        definition = acc.definition
        if not multi:
            entries = lex.entries(acc.lemma, acc.pos)
            if entries:
                senses = lex.senses(entries[0].article_id)
                definition = senses[0] if senses else entries[0].definition
            if acc.pos == "NOUN":
                articles = _choose_articles(acc.articles, entries)
            forms = dict(acc.forms or {}) or (dict(entries[0].forms) if entries else {})
        elif acc.multi in {"particle", "expression"} and acc.pos == "VERB":
            rest = acc.particle or " ".join(acc.words[1:])
            forms = _verb_phrase_forms(acc.forms, rest)
        elif acc.multi in {"adj_noun", "npn"}:
            head_entries = lex.entries(acc.head, "NOUN")
            if head_entries:
                articles = head_entries[0].articles
        best = sorted(acc.examples, reverse=True)
        examples: list[str] = []
        used_sources: set[int] = set()
        for _q, _neg, sid in best:
            sent = sentences[sid]
            if sent.text in examples:
                continue
            if sent.source in used_sources and len(best) > options.examples_per_term:
                continue
            examples.append(sent.text)
            used_sources.add(sent.source)
            if len(examples) >= options.examples_per_term:
                break
        if len(examples) < options.examples_per_term:
            for _q, _neg, sid in best:
                text = sentences[sid].text
                if text not in examples:
                    examples.append(text)
                if len(examples) >= options.examples_per_term:
                    break
        terms.append(
            Term(
                lemma=display,
                pos=acc.pos,
                articles=articles,
                forms=forms,
                compound_parts=parts,
                definition=definition,
                count=acc.count,
                documents=len(acc.sources),
                keyness=round(key_value, 4),
                level=estimate_level(acc.lemma if not multi else " ".join(acc.words), parts),
                examples=tuple(examples),
                score=score,
                is_multiword=multi,
                safety=safety,
                theme=theme,
            )
        )
    terms.sort(key=lambda t: (-t.score, -t.count, t.lemma))
    limit_multi = int(options.max_terms * options.max_multiword_share)
    chosen: list[Term] = []
    n_multi = 0
    for term in terms:
        if term.is_multiword:
            if n_multi >= limit_multi:
                continue
            n_multi += 1
        chosen.append(term)
        if len(chosen) >= options.max_terms:
            break
    singles = {a.lemma: a for a in collector.accs.values() if not a.multi}
    return _choose_senses(chosen, singles, lex)


def _collect(
    sources: Sequence[Source],
    analyzer: Analyzer,
    lexicon: Lexicon,
    options: BuildOptions,
    report: _Progress,
    sector: str | None = None,
) -> tuple[_Collector, list[str], list[str]]:
    """Analyse the sources and collect candidates; returns (collector, used names, warnings)."""
    warnings: list[str] = []
    chunks: list[tuple[int, str]] = []
    used_sources: list[str] = []
    for source in sources:
        text = scrub_personal_data(source.text or "")
        if not re.search(r"[^\W\d_]{2,}", text):
            warnings.append(f"«{source.name}» inneholder ingen tekst og ble hoppet over.")
            continue
        if len(text) > options.max_source_chars:
            warnings.append(
                f"«{source.name}» er svært lang; bare de første "
                f"{options.max_source_chars // 1000} 000 tegnene ble brukt."
            )
            text = text[: options.max_source_chars]
        index = len(used_sources)
        used_sources.append(source.name)
        chunks.extend((index, piece) for piece in _chunks(text, options.chunk_chars))
    if not used_sources:
        raise ProfileBuildError(
            "Ingen av kildene inneholder tekst som kan brukes. " + " ".join(warnings)
        )
    report(PHASES[1][0], "Analyserer tekst")

    collector = _Collector(lexicon, load_expressions(), options, sector)
    total_chars = sum(len(piece) for _, piece in chunks) or 1
    done_chars = 0
    failed: set[int] = set()
    current_source = -1
    analyses = _safe_analyze(analyzer, [piece for _, piece in chunks])
    for (source_index, piece), analysis in zip(chunks, analyses, strict=True):
        done_chars += len(piece)
        if analysis is None:
            if source_index not in failed:
                failed.add(source_index)
                warnings.append(
                    f"«{used_sources[source_index]}» kunne ikke analyseres helt; "
                    "en del av teksten ble hoppet over."
                )
            continue
        if source_index != current_source:
            collector.start_source()
            current_source = source_index
        for sentence in analysis.sentences:
            collector.add_sentence(sentence, source_index)
        report(
            PHASES[1][0] + (PHASES[2][0] - PHASES[1][0]) * done_chars / total_chars,
            "Analyserer tekst",
        )
    return collector, used_sources, warnings


def _defaults(
    analyzer: Analyzer | None, lexicon: Lexicon | None
) -> tuple[Analyzer, Lexicon]:
    if analyzer is None:
        from language_profiles.analyzer import get_analyzer

        analyzer = get_analyzer()
    if lexicon is None:
        from language_profiles.lexicon import load_lexicon

        lexicon = load_lexicon()
    return analyzer, lexicon


def build_profile(
    sources: Sequence[Source],
    *,
    name: str,
    sector: str | None = None,
    analyzer: Analyzer | None = None,
    lexicon: Lexicon | None = None,
    progress: ProgressCallback | None = None,
    reference: ReferenceCorpus | Literal["workplace"] | None = "workplace",
    options: BuildOptions = DEFAULT_OPTIONS,
) -> Profile:
    """Build a language profile from source texts.

    Args:
        sources: extracted texts (use :mod:`language_profiles.extract` for files).
        name: the profile's display name ("IKEA Furuset – lager").
        sector: optional sector label stored on the profile; when it names a known sector
            (key, alias or name: "helse", "Lager"), themes from other sectors are not
            suggested for its verbs and phrases (see :mod:`language_profiles.themes`).
        analyzer: defaults to ``language_profiles.analyzer.get_analyzer()``.
        lexicon: defaults to ``language_profiles.lexicon.load_lexicon()``.
        progress: called with (fraction 0-1, Norwegian phase name) as work proceeds.
        reference: workplace reference corpus for keyness ("workplace" = the shipped one,
            None = compare with general Norwegian only); see :mod:`language_profiles.ranking`.
        options: limits and thresholds.

    Raises:
        ProfileBuildError: when no source has any usable text.
    """
    started = time.perf_counter()
    report = _Progress(progress)
    report(0.0, "Leser filer")
    analyzer, lexicon = _defaults(analyzer, lexicon)
    ref: ReferenceCorpus | None = None
    if isinstance(reference, ReferenceCorpus):
        ref = reference
    elif reference == "workplace":
        ref = load_workplace_reference()
    collector, used_sources, warnings = _collect(
        sources, analyzer, lexicon, options, report, sector
    )

    report(PHASES[2][0], "Finner ord")
    n_sources = len(used_sources)
    terms = _finalise_terms(collector, n_sources, options, ref)
    report(PHASES[3][0], "Rangerer")
    phrases: list[Phrase] = collector.miner.phrases(
        n_sources=n_sources, limit=options.max_phrases
    )
    seconds = round(time.perf_counter() - started, 3)
    stats: dict[str, Any] = {
        "words": collector.words,
        "sentences": len(collector.sentences),
        "sources": n_sources,
        "sources_skipped": len(sources) - n_sources,
        "source_words": {
            used_sources[i]: collector.words_per_source.get(i, 0) for i in range(n_sources)
        },
        "terms": len(terms),
        "multiword_terms": sum(1 for t in terms if t.is_multiword),
        "phrases": len(phrases),
        "safety_terms": sum(1 for t in terms if t.safety),
        "reference": ref.name if ref is not None else None,
        "seconds": seconds,
    }
    versions = ProfileVersions(
        spacy_version=getattr(analyzer, "spacy_version", ""),
        model_name=getattr(analyzer, "model_name", ""),
        model_version=getattr(analyzer, "model_version", ""),
        dictionary=getattr(analyzer, "dictionary_version", "") or lexicon.version,
    )
    report(1.0, "Ferdig")
    return Profile(
        name=name,
        terms=tuple(terms),
        phrases=tuple(phrases),
        sector=sector,
        stats=stats,
        versions=versions,
        warnings=tuple(warnings),
    )


def reference_from_sources(
    sources: Sequence[Source],
    *,
    name: str,
    analyzer: Analyzer | None = None,
    lexicon: Lexicon | None = None,
    options: BuildOptions = DEFAULT_OPTIONS,
) -> ReferenceCorpus:
    """Count term candidates in texts, to serve as a reference corpus for other profiles."""
    analyzer, lexicon = _defaults(analyzer, lexicon)
    collector, _, _ = _collect(sources, analyzer, lexicon, options, _Progress(None))
    counts: Counter[str] = Counter()
    for acc in collector.accs.values():
        counts[acc.lemma] += acc.count
    # A word also counts where it is no term candidate (inside names, sentence-initial
    # capitals): a reference measures how often readers meet it elsewhere.
    for lemma, n in collector.all_lemmas.items():
        if n > counts.get(lemma, 0):
            counts[lemma] = n
    return ReferenceCorpus(name=name, words=collector.words, counts=dict(counts))


def _batches(texts: list[str], *, max_texts: int = 64, max_chars: int = 60_000
             ) -> Iterator[list[str]]:
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) >= max_texts or size + len(text) > max_chars):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


def _safe_analyze(analyzer: Analyzer, texts: list[str]) -> Iterator[Analysis | None]:
    """Analyse in batches; if a batch fails, retry its texts one by one (None on failure)."""
    for group in _batches(texts):
        try:
            results = list(analyzer.analyze_many(group))
        except Exception:  # an analyzer bug on one text must not lose the others
            logger.exception("batch analysis failed; retrying one by one")
            results_single: list[Analysis | None] = []
            for text in group:
                try:
                    results_single.append(analyzer.analyze(text))
                except Exception:
                    logger.exception("analysis of one chunk failed")
                    results_single.append(None)
            yield from results_single
            continue
        yield from results
