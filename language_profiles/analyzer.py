"""Text → sentences → tokens with lemma, POS, morphology, articles, paradigms and compounds.

The trained pipeline (``language_profiles.nlp``) tags, lemmatises and finds entities; the
Bokmålsordboka lexicon decides articles and paradigms (the tagger only breaks ties between
homographs such as *bord* et/en), and simplemma breaks ties between dictionary lemmas.
Unknown compounds take their article(s) and paradigm from their last part
(*hyllekanten* → lemma *hyllekant*, ``("en",)``).

Real-world input is cleaned by ``normalize_text`` first; ALL-CAPS headings are tagged in
lower case (the token text keeps the original spelling).
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

import spacy.about
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from language_profiles.compounds import CompoundAnalysis, analyze_compound, split_compound
from language_profiles.lexicon import ARTICLE_OF_GENDER, LexEntry, Lexicon, load_lexicon
from language_profiles.nlp import is_fallback, load_pipeline
from language_profiles.normalize import is_caps_line, normalize_text

__all__ = [
    "Analysis",
    "Analyzer",
    "AnalyzerError",
    "Entity",
    "Sentence",
    "Token",
    "get_analyzer",
    "normalize_text",
]

logger = logging.getLogger(__name__)

_EMPTY_FORMS: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_CHUNK = 100_000  # characters per spaCy call for long texts

_NUMBER_RE = re.compile(
    r"^[+-]?\d+(?:[.,:]\d+)*(?:[.,]-)?%?$"  # 1.500  15,5  07.30  14:00  50%  100,-
    r"|^\d+(?:[.,:]\d+)*(?:[-–/]\d+(?:[.,:]\d+)*)+$"  # 3-4  07.30–15.30  12/3
    r"|^\d+\.$"  # ordinal "3."
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.-]+\.(?:no|com|org|net|se|dk|eu|io)(?:/\S*)?$")
_EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_PHONE_RE = re.compile(r"^(?:(?:\+|00)47 ?)?\d{2,3}(?: \d{2,3}){2,3}$|^(?:\+|00)47 ?\d{8}$")
_SYMBOLS = frozenset("%&§$€£+=<>/@#~^|°×÷±©®™")

#: Tagger UPOS → dictionary parts of speech accepted as its lemma source.
_COMPATIBLE: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "NOUN": frozenset({"NOUN"}),
        "VERB": frozenset({"VERB"}),
        "AUX": frozenset({"VERB"}),
        "ADJ": frozenset({"ADJ", "VERB"}),
        "ADV": frozenset({"ADV", "ADJ"}),
    }
)
#: Parts of speech whose lemma comes from the dictionary; closed classes keep the trained
#: lemma (the treebank's conventions: "meg" → "jeg", "det" → "den").
_OPEN_CLASSES = frozenset(_COMPATIBLE)
_FORM_POS = {"NOUN": "NOUN", "VERB": "VERB", "AUX": "VERB", "ADJ": "ADJ"}
#: UD Norwegian's auxiliaries (a closed class).
UD_AUXILIARIES = frozenset(
    {"være", "ha", "kunne", "ville", "bli", "skulle", "måtte", "få", "burde", "tørre"}
)
#: Words after which the fallback prefers a noun reading ("på hylla", "en pall").
_NOUN_CONTEXT = frozenset(
    "en ei et den det de denne dette disse min mi mitt mine din di ditt dine sin si sitt sine "
    "vår vårt våre hver alle noen flere på i til av med fra for under over om mot ved".split()
)
_GENDER_OF_ARTICLE = {v: k for k, v in ARTICLE_OF_GENDER.items()}


class AnalyzerError(RuntimeError):
    """The analysis could not be run."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its lexical analysis."""

    text: str
    idx: int
    lemma: str
    pos: str
    morph: str
    kind: str  # "word" | "number" | "email" | "url" | "phone" | "punct" | "symbol" | "space"
    is_stop: bool
    is_punct: bool
    ent_type: str = ""
    articles: tuple[str, ...] = ()
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY_FORMS)
    compound_parts: tuple[str, ...] = ()
    in_dictionary: bool = False

    def feat(self, name: str) -> str | None:
        """Return one morphological feature (``tok.feat("VerbForm")``) or ``None``."""
        for item in self.morph.split("|"):
            key, _, value = item.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text, character span in ``Analysis.text`` and tokens."""

    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity (NorNE label) with its character span."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """The analysis of one text; offsets refer to the normalised ``text``."""

    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        """All tokens of all sentences, in order."""
        return tuple(tok for sent in self.sentences for tok in sent.tokens)


@dataclass(frozen=True, slots=True)
class _Lexical:
    """The cached dictionary-side analysis of one (form, tag) combination."""

    lemma: str
    morph: str
    articles: tuple[str, ...]
    forms: Mapping[str, tuple[str, ...]]
    compound_parts: tuple[str, ...]
    in_dictionary: bool
    pos: str


def _token_kind(token: SpacyToken) -> str:
    text = token.text
    if token.is_space:
        return "space"
    if " " in text and _PHONE_RE.match(text):
        return "phone"
    if token.like_email or _EMAIL_RE.match(text):
        return "email"
    if _URL_RE.match(text) or (token.like_url and "/" in text):
        return "url"
    if _NUMBER_RE.match(text) or (token.like_num and any(ch.isdigit() for ch in text)):
        return "number" if not _PHONE_RE.match(text) else "phone"
    if text in _SYMBOLS or token.is_currency:
        return "symbol"
    if token.is_punct or (len(text) == 1 and not text.isalnum()):
        return "punct"
    return "word"


def _morph_with_gender(morph: str, gender: str) -> str:
    feats = dict(item.split("=", 1) for item in morph.split("|") if "=" in item)
    feats["Gender"] = gender
    return "|".join(f"{k}={feats[k]}" for k in sorted(feats, key=str.lower))


def _prefixed_forms(
    prefix: str, forms: Mapping[str, tuple[str, ...]]
) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(prefix + v for v in values) for k, values in forms.items()})


class Analyzer:
    """Analyse Norwegian Bokmål text with the shipped pipeline and the dictionary."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.fallback = is_fallback(nlp)
        # Without a trained lemmatizer the treebank lemma table gives the "trained" lemma.
        self.has_lemmatizer = any(
            name in nlp.pipe_names for name in ("trainable_lemmatizer", "lemmatizer")
        )
        self.model_name = f"{nlp.meta.get('lang', 'nb')}_{nlp.meta.get('name', '')}"
        self.model_version = str(nlp.meta.get("version", ""))
        self.spacy_version = spacy.about.__version__
        self.dictionary_version = lexicon.version
        self._lexical = lru_cache(maxsize=200_000)(self._lexical_uncached)
        self._split = lru_cache(maxsize=100_000)(self._split_uncached)
        self._compound = lru_cache(maxsize=100_000)(self._compound_uncached)

    # ------------------------------------------------------------------ public API

    def analyze(self, text: str) -> Analysis:
        """Analyse one text (it is normalised first; see ``normalize_text``)."""
        return next(self.analyze_many([text]))

    def analyze_many(self, texts: Iterable[str]) -> Iterator[Analysis]:
        """Analyse many texts, batching them through spaCy."""
        normalized: list[str] = []
        jobs: list[tuple[str, tuple[int, int]]] = []
        for number, text in enumerate(texts):
            clean = normalize_text(text)
            normalized.append(clean)
            for start, chunk in _chunks(clean):
                jobs.append((_tagging_text(chunk, self.lexicon), (number, start)))
        per_text: dict[int, list[tuple[int, Doc]]] = {i: [] for i in range(len(normalized))}
        for doc, (number, start) in self.nlp.pipe(
            jobs, as_tuples=True, batch_size=_batch_size(jobs)
        ):
            per_text[number].append((start, doc))
        for number, clean in enumerate(normalized):
            sentences: list[Sentence] = []
            entities: list[Entity] = []
            for start, doc in per_text[number]:
                self._collect(doc, clean, start, sentences, entities)
            yield Analysis(text=clean, sentences=tuple(sentences), entities=tuple(entities))

    def analyze_words(
        self, sentences: Iterable[tuple[list[str], list[bool]]]
    ) -> Iterator[Analysis]:
        """Analyse pre-tokenised sentences (words, trailing-space flags), e.g. a treebank.

        The tokenisation is kept exactly (no normalisation, no merging), so results align
        one to one with the input words.
        """
        docs = (Doc(self.nlp.vocab, words=words, spaces=spaces) for words, spaces in sentences)
        with self.nlp.select_pipes(disable=["nvl_special_tokens"]):
            for doc in self.nlp.pipe(docs, batch_size=64):
                collected: list[Sentence] = []
                entities: list[Entity] = []
                self._collect(doc, doc.text, 0, collected, entities)
                yield Analysis(text=doc.text, sentences=tuple(collected), entities=tuple(entities))

    # ------------------------------------------------------------------ internals

    def _collect(
        self,
        doc: Doc,
        original: str,
        offset: int,
        sentences: list[Sentence],
        entities: list[Entity],
    ) -> None:
        by_index: dict[int, Token] = {}
        toks = list(doc)  # one spaCy Token object per token (neighbours are looked up here)
        for sent in doc.sents:
            tokens = self._imperative_first(
                tuple(self._token(toks, i, original, offset) for i in range(sent.start, sent.end))
            )
            tokens = self._imperative_later(tokens)
            by_index.update(zip(range(sent.start, sent.end), tokens, strict=True))
            if all(t.kind == "space" for t in tokens):
                continue
            words = [t for t in tokens if t.kind != "space"]
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            sentences.append(Sentence(original[start:end], start, end, tokens))
        for ent in doc.ents:
            # Keep only entities with a proper noun (or an e-mail/URL) in them: the tagger's
            # correction of sentence-initial imperatives ("Send", "Ta") removes false names.
            if not any(
                by_index[i].pos == "PROPN" or by_index[i].kind in {"email", "url"}
                for i in range(ent.start, ent.end)
            ):
                continue
            start, end = offset + ent.start_char, offset + ent.end_char
            entities.append(Entity(original[start:end], ent.label_, start, end))

    def _imperative_first(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """Read a sentence-initial imperative as a verb ("Bruk hansker", "Sett på maskinen").

        News-trained taggers rarely see instructions; a first word with an imperative
        reading in the dictionary becomes the imperative when the main clause has no other
        finite verb and no preposition follows it ("Bruk av hansker er påbudt" stays a noun).
        A dictionary adjective before an indefinite noun stays an adjective ("Norsk
        autorisasjon", not the verb *norske*); before a definite noun, a word read as a far
        more common noun is still the verb ("Teip esken": a noun does not take a definite noun).
        """
        # Quote marks are skipped: "Skriv «trist»" is an instruction too.
        words = [i for i, t in enumerate(tokens) if t.kind != "space" and t.text not in _QUOTES]
        if len(words) < 2:
            return tokens
        first = tokens[words[0]]
        if first.kind != "word" or not first.text[:1].isupper() or first.feat("Mood") == "Imp":
            return tokens
        # Only open-class misreadings ("Bruk" NOUN, "Vask" ADJ, "Sett" participle of "se"),
        # never function words ("Men", "For", "En") and never questions.
        if first.pos not in {"NOUN", "ADJ", "PROPN"} and not (
            first.pos == "VERB" and first.feat("VerbForm") in {"Part", "Inf"}
        ):
            return tokens
        # A sentence, not a headline fragment or a name ("Finn Hansen", "Brei front"); an
        # abbreviation may follow ("Skann QR-koden").
        if tokens[words[-1]].text not in {".", "!"} or _name_like(tokens[words[1]].text):
            return tokens
        lower = first.text.lower()
        analyses = self.lexicon.analyses(lower)
        verbs = [e for e, _ in analyses if e.pos == "VERB" and lower in e.forms.get("imp", ())]
        if not verbs or tokens[words[1]].pos in {"PUNCT", "AUX", "VERB"}:
            return tokens
        second = tokens[words[1]]
        if (
            first.pos == "ADJ"
            and any(e.pos == "ADJ" for e, _ in analyses)
            and second.pos == "NOUN"
            and second.feat("Definite") != "Def"
        ):
            return tokens  # an adjective before its noun: "Norsk autorisasjon", "Høy lønn"
        for i in words[1:]:
            token = tokens[i]
            if token.pos in {"SCONJ", "PUNCT"} or token.text in {",", ":", ";"}:
                break
            if token.pos in {"VERB", "AUX"} and token.feat("VerbForm") == "Fin":
                return tokens
        verb = verbs[0]
        others = [e.lemma for e, _ in analyses if e.pos != "VERB"]
        # A noun directly followed by a definite noun is no noun phrase: "Teip esken".
        definite_object = second.pos == "NOUN" and second.feat("Definite") == "Def"
        if (
            others
            and not definite_object
            and _zipf(verb.lemma) + 0.5 < max(_zipf(o) for o in others)
        ):
            return tokens  # "Lønn etter avtale": the noun is far more common than "lønne"
        fixed = _as_imperative(first, verb)
        return (*tokens[: words[0]], fixed, *tokens[words[0] + 1 :])

    def _imperative_later(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """Read an imperative inside an instruction as a verb, not a noun ("skann" ≠ *et skann*).

        Two places, where the tagger often takes an imperative for a noun or a participle:

        * joined to a sentence-initial imperative by "og", "eller" or a comma, before any
          subordinate clause: "Gå til hylla og skann varen.";
        * right after the comma that ends an opening subordinate clause, where the main
          clause's verb stands: "Når kunden kommer, skann varene.", "Hvis du trenger hjelp,
          ring på alarmen."

        The word must have an imperative reading in the dictionary, start in lower case and not
        be followed by a conjunction ("Hvis du har feber, oppkast eller diaré, ..." lists
        nouns).  After "og", "eller" or a comma it must also be followed by what an imperative
        takes (an object, a particle), so "Hent bøtte og mopp." and "... og mopp fra
        bøttekottet" keep the noun.  As for sentence-initial imperatives, a noun far more
        common than the verb stays a noun ("Kjøp brød og melk hver dag").
        """
        words = [i for i, t in enumerate(tokens) if t.kind != "space"]
        if len(words) < 4 or tokens[words[-1]].text not in {".", "!"}:
            return tokens
        first = tokens[words[0]]
        slots: list[tuple[int, bool]] = []  # (word number, after a subordinate clause)
        if first.feat("Mood") == "Imp":
            for n in range(1, len(words) - 1):
                token = tokens[words[n]]
                if token.pos == "SCONJ" or (
                    token.feat("VerbForm") == "Fin" and token.feat("Mood") != "Imp"
                ):
                    break  # a subordinate clause or another main clause begins
                if tokens[words[n - 1]].text.lower() in {"og", "eller", ","}:
                    slots.append((n, False))
        elif first.pos == "SCONJ" or first.text.lower() in {"hvis", "dersom", "fordi"}:
            comma = next((n for n in range(1, len(words)) if tokens[words[n]].text == ","), 0)
            if comma and comma + 2 < len(words):
                slots.append((comma + 1, True))
        if not slots:
            return tokens
        fixed = list(tokens)
        for n, main_clause in slots:
            token, following = tokens[words[n]], tokens[words[n + 1]]
            if (
                token.kind != "word"
                or not token.text[:1].islower()
                or token.feat("Mood") == "Imp"
                or token.feat("VerbForm") == "Fin"
                or following.kind != "word"
                or following.pos in {"CCONJ", "SCONJ"}  # "..., oppkast eller diaré"
                or not (main_clause or following.pos in _OBJECT_POS)
            ):
                continue
            lower = token.text.lower()
            verbs = [
                e
                for e, _ in self.lexicon.analyses(lower)
                if e.pos == "VERB" and lower in e.forms.get("imp", ())
            ]
            if not verbs:
                continue
            verb = verbs[0]
            if token.pos != "VERB":
                others = [e.lemma for e, _ in self.lexicon.analyses(lower) if e.pos != "VERB"]
                if others and _zipf(verb.lemma) + 0.5 < max(_zipf(o) for o in others):
                    continue
            fixed[words[n]] = _as_imperative(token, verb)
        return tuple(fixed)

    def _token(self, toks: list[SpacyToken], i: int, original: str, offset: int) -> Token:
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        idx = offset + tok.idx
        text = original[idx : idx + len(tok.text)]
        kind = _token_kind(tok)
        pos = tok.pos_
        morph = str(tok.morph)
        if kind != "word":
            if kind == "space":
                pos = "SPACE"
            elif kind == "punct":
                pos = "PUNCT"
            elif kind in {"number", "phone"}:
                if pos not in {"NUM", "ADJ"}:
                    pos, morph = "NUM", ""
            elif kind == "symbol":
                pos = pos if pos and not self.fallback else "SYM"  # "§" is a NOUN in UD
            else:
                pos = pos if pos in {"PROPN", "NOUN", "X"} else "X"
            lemma = tok.lemma_ if kind == "punct" and tok.lemma_ else text
            return Token(
                text=text,
                idx=idx,
                lemma=lemma,
                pos=pos,
                morph=morph if kind in {"number", "symbol", "punct"} else "",
                kind=kind,
                is_stop=False,
                is_punct=kind == "punct",
                ent_type=tok.ent_type_,
            )
        sent_start = bool(i == 0 or tok.is_sent_start)
        # A capitalised next word makes "Finn Hansen" a name, not the imperative "finn".
        name_follows = sent_start and nxt is not None and nxt.text[:1].isupper()
        prev = toks[i - 1].lower_ if self.fallback and i > 0 else ""
        if pos == "PROPN" and sent_start and not name_follows:
            label_colon = nxt is not None and nxt.text == ":"
            single_ent = tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")
            if not tok.ent_type_ or (single_ent and label_colon):
                # A capitalised first word that is no entity ("Arbeidstid:"): maybe a noun.
                pos = "PROPN?"
        table_pos = "PROPN" if pos == "PROPN?" else pos
        trained = tok.lemma_ if self.has_lemmatizer else _table_lemma(tok.lower_, table_pos)
        lexical = self._lexical(
            tok.text, pos, trained, morph, sent_start and not name_follows, prev
        )
        return Token(
            text=text,
            idx=idx,
            lemma=lexical.lemma,
            pos=lexical.pos,
            morph=lexical.morph,
            kind=kind,
            is_stop=tok.is_stop,
            is_punct=False,
            ent_type=tok.ent_type_ if lexical.pos == "PROPN" or not tok.ent_type_ else "",
            articles=lexical.articles,
            forms=lexical.forms,
            compound_parts=lexical.compound_parts,
            in_dictionary=lexical.in_dictionary,
        )

    def _lexical_uncached(
        self, text: str, pos: str, trained: str, morph: str, sent_start: bool, prev: str = ""
    ) -> _Lexical:
        lower = text.lower()
        analyses = self.lexicon.analyses(lower)
        if self.fallback or not pos:
            pos = self._guess_pos(text, analyses, sent_start=sent_start, prev=prev)
        if pos == "PROPN" and sent_start:
            # Instructions start with an imperative the news-trained tagger reads as a name
            # ("Ta imot varene", "Send e-post").
            imperative = [
                e for e, _ in analyses if e.pos == "VERB" and lower in e.forms.get("imp", ())
            ]
            if imperative:
                pos, morph, trained = "VERB", "Mood=Imp|VerbForm=Fin", imperative[0].lemma
        if pos == "PROPN?":
            known = {e.pos for e, _ in analyses}
            if not analyses and lower.isalpha():
                compound = self._compound(lower, "NOUN", None)
                known = {compound.head.pos} if compound is not None else known
            nouns = [e.lemma for e, _ in analyses if e.pos == "NOUN"]
            others = [e.lemma for e, _ in analyses if e.pos != "NOUN"]
            common_noun = known == {"NOUN"} or (
                bool(nouns) and max(map(_zipf, nouns)) >= max(map(_zipf, others), default=0.0)
            )
            pos = "NOUN" if PROPN_TO_NOUN and common_noun else "PROPN"
            keys = {k for _, k in analyses if k in _NOUN_MORPH}
            if pos == "NOUN" and len(keys) == 1:
                morph = _NOUN_MORPH[keys.pop()]
        if analyses and not self.fallback:
            pos, morph = _dictionary_pos(pos, morph, analyses)
        if pos == "PROPN":
            lemma = trained if trained and not self.fallback else text
            return _Lexical(lemma, morph, (), _EMPTY_FORMS, (), bool(analyses), pos)
        if pos == "NOUN" and not analyses and len(lower) > 3 and lower.endswith("s"):
            # Genitive of a known noun ("regjeringens", "kundens").
            genitive = [(e, k) for e, k in self.lexicon.analyses(lower[:-1]) if e.pos == "NOUN"]
            if genitive:
                analyses = tuple(genitive)
                lower = lower[:-1]
        if not analyses and pos in {"ADV", "X", "INTJ", "ADP"} and lower.isalpha():
            # An unknown word the tagger could not place: a compound gets its head's POS.
            compound = self._compound(lower, None, None)
            if compound is not None:
                pos = compound.head.pos
                morph = "" if pos != "NOUN" else morph
        compatible = _COMPATIBLE.get(pos)
        candidates = [(e, k) for e, k in analyses if compatible is None or e.pos in compatible]
        lemma = self._choose_lemma(lower, pos, trained, candidates)
        if pos == "AUX" and lemma not in UD_AUXILIARIES:
            pos = "VERB"  # AUX is a closed class ("henter", "vasker" are main verbs)
        in_dictionary = bool(candidates)
        articles: tuple[str, ...] = ()
        forms: Mapping[str, tuple[str, ...]] = _EMPTY_FORMS
        parts: tuple[str, ...] = ()
        form_pos = _FORM_POS.get(pos)
        if form_pos is not None:
            entry = self._choose_entry(lemma, form_pos, lower, morph, candidates)
            if entry is not None:
                articles, forms = entry.articles, entry.forms
                parts = self._split(entry.lemma)
            elif not in_dictionary:
                compound = self._compound(
                    text if "-" in text else lower,
                    form_pos,
                    _noun_key(morph) if form_pos == "NOUN" else None,
                )
                if compound is None and len(lower) > 5 and lower.endswith("s"):
                    # Genitive of an unknown compound ("rettsforhandlingers").
                    compound = self._compound(lower[:-1], form_pos, None)
                if compound is not None and len(compound.parts) > 1:
                    lemma = compound.lemma
                    prefix = compound.lemma[: len(compound.lemma) - len(compound.head.lemma)]
                    prefix = prefix if "-" in prefix else prefix.lower()
                    articles = compound.head.articles
                    forms = _prefixed_forms(prefix, compound.head.forms)
                    parts = compound.parts
        if pos == "NOUN":
            if not articles:
                # Unknown, not a compound: the dictionary's nouns with the same ending
                # (-ing → ei/en), else the tagger's gender.
                guessed = self.lexicon.guess_genders(lemma) if len(lemma) > 3 else ()
                gender = _feat(morph, "Gender")
                if guessed:
                    articles = tuple(ARTICLE_OF_GENDER[g] for g in guessed)
                elif gender is not None and gender in ARTICLE_OF_GENDER and not self.fallback:
                    articles = (ARTICLE_OF_GENDER[gender],)
            if len(articles) == 1:
                morph = _morph_with_gender(morph, _GENDER_OF_ARTICLE[articles[0]])
        return _Lexical(lemma, morph, articles, forms, parts, in_dictionary, pos)

    def _split_uncached(self, lemma: str) -> tuple[str, ...]:
        return split_compound(lemma, self.lexicon)

    def _compound_uncached(
        self, text: str, pos: str | None, key: str | None
    ) -> CompoundAnalysis | None:
        return analyze_compound(text, self.lexicon, pos=pos, key=key)

    def _guess_pos(
        self,
        text: str,
        analyses: tuple[tuple[LexEntry, str | None], ...],
        *,
        sent_start: bool,
        prev: str = "",
    ) -> str:
        """Part of speech without a tagger: the most frequent dictionary reading."""
        if analyses:
            if text[:1].isupper() and not sent_start and not text.isupper():
                return "PROPN"
            if prev in _NOUN_CONTEXT and any(e.pos == "NOUN" for e, _ in analyses):
                return "NOUN"
            return analyses[0][0].pos
        compound = self._compound(text, None, None)
        if compound is not None and (text.islower() or "-" in text or sent_start):
            return compound.head.pos
        if text[:1].isupper() and not sent_start:
            return "PROPN"
        return "X" if not text[:1].isupper() else "PROPN"

    def _choose_lemma(
        self,
        lower: str,
        pos: str,
        trained: str,
        candidates: list[tuple[LexEntry, str | None]],
    ) -> str:
        trained_lc = trained.lower() if trained else ""
        if pos not in _OPEN_CLASSES:
            table = _table_lemma(lower, pos)
            if table and (FUNCTION_TABLE_FIRST or not trained_lc):
                return table.lower() if pos != "PROPN" else table
            if trained_lc and not self.fallback:
                return trained_lc
        lemmas = list(dict.fromkeys(_lemma_case(e.lemma) for e, _ in candidates))
        if len(lemmas) > 1 and LEMMA_STRATEGY == "frequency":
            # Several dictionary lemmas (hyllene: hylle or hyll?): the trained lemmatizer
            # decides unless its choice is a much rarer word than the alternative.
            # ``lemmas`` is in dictionary rank order (most frequent reading first).
            top = lemmas[0]
            if trained_lc in lemmas and (
                trained_lc == top or _zipf(trained_lc) >= _zipf(top) - TRAINED_LEMMA_MARGIN
            ):
                return trained_lc
            return top if trained_lc in lemmas else max(lemmas, key=_zipf)
        if trained_lc and trained_lc in lemmas:
            return trained_lc
        if (
            pos in {"ADJ", "ADV"}
            and trained_lc == lower
            and not self.fallback
            and self.lexicon.has_lemma(lower)
        ):
            return trained_lc  # the treebank's own convention ("litt", "vilt")
        if len(lemmas) == 1:
            return lemmas[0]
        helper = _simplemma(lower)
        if lemmas:
            return helper if helper in lemmas else lemmas[0]
        if self.fallback or not trained_lc:
            return helper
        if pos == "NOUN" and helper != lower and self.lexicon.is_word(helper):
            return helper
        return trained_lc

    def _choose_entry(
        self,
        lemma: str,
        form_pos: str,
        lower: str,
        morph: str,
        candidates: list[tuple[LexEntry, str | None]],
    ) -> LexEntry | None:
        entries = [e for e in self.lexicon.entries(lemma, form_pos)]
        if not entries:
            return None
        if len(entries) == 1:
            return entries[0]
        # Readings whose paradigm contains this very form (bordet → et bord).
        with_form = [e for e, _ in candidates if e.lemma.lower() == lemma and e.pos == form_pos]
        pool = with_form or entries
        if form_pos == "NOUN":
            gender = _feat(morph, "Gender")
            if gender and gender not in pool[0].genders:
                # The tagger breaks the tie only between readings of similar frequency:
                # "bordene" stays et bord (furniture) even when tagged masculine.
                matching = [e for e in pool if gender in e.genders]
                top = self.lexicon.frequency_rank(pool[0])
                if matching and self.lexicon.frequency_rank(matching[0]) >= TIE_SHARE * top:
                    return matching[0]
        return pool[0]


_VERB_MORPH = {
    "inf": "VerbForm=Inf",
    "pres": "Mood=Ind|Tense=Pres|VerbForm=Fin",
    "past": "Mood=Ind|Tense=Past|VerbForm=Fin",
    "perf_part": "VerbForm=Part",
    "imp": "Mood=Imp|VerbForm=Fin",
}


_NOUN_MORPH = {
    "sg_indef": "Definite=Ind|Number=Sing",
    "sg_def": "Definite=Def|Number=Sing",
    "pl_indef": "Definite=Ind|Number=Plur",
    "pl_def": "Definite=Def|Number=Plur",
}


def _dictionary_pos(
    pos: str, morph: str, analyses: tuple[tuple[LexEntry, str | None], ...]
) -> tuple[str, str]:
    """Correct a noun/adjective tag the dictionary rules out for this form.

    Only the reliable cases (measured on the UD dev split): a "noun" the dictionary knows
    only as an adjective or only as a verb, an "adjective" it knows only as a noun, and a
    "verb" it knows only as a noun or only as an adjective.
    """
    readings = {e.pos for e, _ in analyses}
    if len(readings) != 1 or pos not in {"NOUN", "ADJ", "VERB", "AUX"}:
        return pos, morph
    (only,) = readings
    if pos in {"VERB", "AUX"} and only == "NOUN":
        keys = {k for _, k in analyses if k in _NOUN_MORPH}
        return "NOUN", _NOUN_MORPH[keys.pop()] if len(keys) == 1 else ""
    if pos in {"VERB", "AUX"} and only == "ADJ":
        return "ADJ", ""
    if pos == "NOUN" and only == "ADJ":
        return "ADJ", morph
    if pos == "NOUN" and only == "VERB":
        keys = {k for _, k in analyses if k in _VERB_MORPH}
        return "VERB", _VERB_MORPH[keys.pop()] if len(keys) == 1 else ""
    if pos == "ADJ" and only == "NOUN":
        return "NOUN", morph
    return pos, morph


_QUOTES = frozenset("«»\"“”„'‘’")
#: What may follow an imperative: its object or a particle ("skann varen", "skann inn").
_OBJECT_POS = frozenset({"NOUN", "PROPN", "DET", "PRON", "ADV", "NUM", "ADJ"})


def _name_like(text: str) -> bool:
    """A capitalised word that may be a name ("Hansen"), not an abbreviation ("QR-koden")."""
    return text[:1].isupper() and not text[:2].isupper()


def _feat(morph: str, name: str) -> str | None:
    prefix = name + "="
    return next((f[len(prefix) :] for f in morph.split("|") if f.startswith(prefix)), None)


def _noun_key(morph: str) -> str | None:
    number, definite = _feat(morph, "Number"), _feat(morph, "Definite")
    if number is None or definite is None:
        return None
    return ("sg_" if number == "Sing" else "pl_") + ("def" if definite == "Def" else "indef")


#: "frequency": among several dictionary lemmas, keep the trained lemmatizer's choice unless
#: the dictionary's first reading is much more common (zipf margin; tuned on UD dev).
LEMMA_STRATEGY = "frequency"
#: A sentence-initial "proper noun" outside any entity that the dictionary knows only as a
#: common noun ("Gasskraft er dyrt") is read as a noun.
PROPN_TO_NOUN = True
#: A homograph the tagger's gender points to must have at least this share of the most
#: frequent reading's frequency to be chosen over it.
TIE_SHARE = 0.2
TRAINED_LEMMA_MARGIN = 1.0


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "nb"))


#: Function words take the treebank's lemma from the table before any other source.
FUNCTION_TABLE_FIRST = True
_LEMMA_TABLE = Path(__file__).resolve().parent / "data" / "treebank_lemmas.tsv.gz"


@cache
def _treebank_lemmas() -> Mapping[tuple[str, str], str]:
    """(lower-case form, UPOS) → the treebank's most frequent lemma (train split)."""
    table: dict[tuple[str, str], str] = {}
    if not _LEMMA_TABLE.is_file():
        logger.warning("treebank lemma table missing: %s", _LEMMA_TABLE)
        return MappingProxyType(table)
    with gzip.open(_LEMMA_TABLE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            form, upos, lemma, _count = line.rstrip("\n").split("\t")
            table[(form, upos)] = lemma
    return MappingProxyType(table)


def _table_lemma(lower: str, pos: str) -> str:
    table = _treebank_lemmas()
    found = table.get((lower, pos))
    if found is None and pos == "AUX":
        found = table.get((lower, "VERB"))
    return found or ""


def _lemma_case(lemma: str) -> str:
    return lemma if lemma.isupper() and len(lemma) > 1 else lemma.lower()


@lru_cache(maxsize=100_000)
def _simplemma(word: str) -> str:
    import simplemma

    if not word.strip():
        return word
    return str(simplemma.lemmatize(word, lang="nb")).lower()


def _batch_size(jobs: list[tuple[str, tuple[int, int]]]) -> int:
    """Docs per spaCy batch: ~16k characters (long documents run faster in small batches)."""
    if not jobs:
        return 1
    average = sum(len(text) for text, _ in jobs) / len(jobs)
    return max(4, min(64, int(16_000 / max(average, 1.0))))


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split long texts at paragraph or line breaks into pieces spaCy handles well."""
    start = 0
    while len(text) - start > _CHUNK:
        cut = text.rfind("\n\n", start, start + _CHUNK)
        if cut <= start:
            cut = text.rfind("\n", start, start + _CHUNK)
        if cut <= start:
            cut = text.rfind(". ", start, start + _CHUNK)
            cut = cut + 1 if cut > start else text.rfind(" ", start, start + _CHUNK)
        if cut <= start:
            cut = start + _CHUNK
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _tagging_text(text: str, lexicon: Lexicon) -> str:
    """Return ``text`` with ALL-CAPS headings in sentence case (same length) for the tagger."""
    if not any(ch.isupper() for ch in text):
        return text
    lines = text.split("\n")
    changed = False
    for number, line in enumerate(lines):
        if not is_caps_line(line):
            continue
        words = re.split(r"(\W+)", line)
        out = []
        for word in words:
            keep = word.isupper() and len(word) <= 3 and not lexicon.is_word(word.lower())
            keep = keep or bool(lexicon.entries(word)) and lexicon.entries(word)[0].lemma == word
            out.append(word if keep else word.lower())
        new = "".join(out)
        first = next((i for i, ch in enumerate(new) if ch.isalpha()), None)
        if first is not None and new[first].islower():
            new = new[:first] + new[first].upper() + new[first + 1 :]
        if len(new) == len(line):
            lines[number] = new
            changed = True
    return "\n".join(lines) if changed else text


@cache
def get_analyzer() -> Analyzer:
    """Return the process-wide analyzer (shipped model, or the logged fallback)."""
    return Analyzer(load_pipeline(), load_lexicon())


def _as_imperative(token: Token, verb: LexEntry) -> Token:
    """``token`` read as the imperative of the dictionary verb ``verb`` ("Skann", "teip")."""
    return replace(
        token,
        lemma=verb.lemma,
        pos="VERB",
        morph="Mood=Imp|VerbForm=Fin",
        ent_type="",
        articles=(),
        forms=verb.forms,
        compound_parts=(),
        in_dictionary=True,
    )
