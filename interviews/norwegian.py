"""Closed-class Norwegian Bokmål words the sentence checks rely on.

Pronouns, subjunctions, fronted adverbials, auxiliaries and fillers are a small, fixed
set; listing them here keeps the checks independent of rare dictionary homographs
("jeg" is also a noun in Bokmålsordboka, "i" a letter).
"""

from __future__ import annotations

#: Personal pronouns in the subject form.
SUBJECT_PRONOUNS: frozenset[str] = frozenset({"jeg", "du", "han", "hun", "vi", "dere", "de", "man"})
#: Pronouns that are subjects only in some uses ("det regner" / "det huset").
WEAK_SUBJECTS: frozenset[str] = frozenset({"det", "den", "dette"})
#: Object forms (allowed inside a fronted prepositional phrase: "for meg").
OBJECT_PRONOUNS: frozenset[str] = frozenset({"meg", "deg", "ham", "henne", "seg", "oss", "dem"})
#: Every pronoun, determiner or function word that is never a content word in these checks.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        *SUBJECT_PRONOUNS, *WEAK_SUBJECTS, *OBJECT_PRONOUNS,
        "og", "eller", "men", "så", "at", "som", "om", "fordi", "når", "hvis", "dersom", "da",
        "mens", "selv", "enn", "ikke", "også", "bare", "jo", "nok", "vel", "visst", "å",
        "hva", "hvem", "hvor", "hvordan", "hvorfor", "hvilken", "hvilket", "hvilke",
        "en", "ei", "et", "noen", "noe", "ingen", "intet", "alle", "alt", "hver", "hvert",
        "siden",
    }
)

#: Possessives before a noun and the genders they agree with ("min hylle" and "mi hylle").
POSSESSIVE_GENDERS: dict[str, tuple[str, ...]] = {
    "min": ("Masc", "Fem"), "mi": ("Fem",), "mitt": ("Neut",),
    "din": ("Masc", "Fem"), "di": ("Fem",), "ditt": ("Neut",),
    "sin": ("Masc", "Fem"), "si": ("Fem",), "sitt": ("Neut",),
    "vår": ("Masc", "Fem"), "vårt": ("Neut",),
}
#: The possessive for each (stem, gender): ("m", "Neut") -> "mitt".
POSSESSIVE_FORMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("m", "Masc"): ("min",), ("m", "Fem"): ("mi", "min"), ("m", "Neut"): ("mitt",),
    ("d", "Masc"): ("din",), ("d", "Fem"): ("di", "din"), ("d", "Neut"): ("ditt",),
    ("s", "Masc"): ("sin",), ("s", "Fem"): ("si", "sin"), ("s", "Neut"): ("sitt",),
    ("v", "Masc"): ("vår",), ("v", "Fem"): ("vår",), ("v", "Neut"): ("vårt",),
}

#: Articles and the gender each one marks.
ARTICLE_GENDER: dict[str, str] = {"en": "Masc", "ei": "Fem", "et": "Neut"}

#: Subjunctions that open a fronted subordinate clause ("Når jeg kommer hjem, lager jeg mat.").
CLAUSE_SUBJUNCTIONS: frozenset[str] = frozenset(
    {"når", "hvis", "dersom", "fordi", "da", "mens", "ettersom", "idet", "straks", "at",
     "selv om", "etter at", "før", "siden", "om", "til", "inntil", "så snart", "uten at"}
)
#: Prepositions that can also open a clause ("Før jeg begynte her, ...").
PREPOSITION_SUBJUNCTIONS: frozenset[str] = frozenset(
    {"før", "etter", "siden", "om", "til", "inntil"}
)

#: Single adverbs that, fronted, demand verb-second ("Derfor søker jeg ...").  Adverbs that
#: may be followed by subject-first order ("kanskje", "så", "bare") are deliberately absent.
FRONTING_ADVERBS: frozenset[str] = frozenset(
    {
        "nå", "derfor", "deretter", "etterpå", "senere", "tidligere", "først", "ofte", "alltid",
        "aldri", "heldigvis", "dessverre", "vanligvis", "egentlig", "likevel", "dessuten",
        "allerede", "snart", "fortsatt", "ellers", "plutselig", "endelig", "hjemme", "her",
        "nylig", "sjelden", "iblant", "daglig", "tilbake", "fremme", "oppe", "nede", "ute",
        "inne", "borte", "overalt", "allikevel", "riktignok", "gradvis", "dermed", "imidlertid",
        "samtidig",
    }
)
#: Fixed multiword adverbials (lower case, space separated).
FRONTED_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "i dag", "i går", "i morgen", "i kveld", "i natt", "i fjor", "i år", "i helgen",
        "i sommer", "i vinter", "i høst", "i vår", "i forrige uke", "i neste uke", "i ettermiddag",
        "i morges", "i tillegg", "etter hvert", "til slutt", "for eksempel", "noen ganger",
        "hver dag", "hver uke", "hver morgen", "hver kveld", "hver gang", "av og til",
        "om morgenen", "om kvelden", "om dagen", "om natten", "om sommeren", "om vinteren",
        "neste uke", "neste år", "forrige uke", "forrige år", "denne uken", "hele dagen",
        "for to år siden", "for ett år siden", "for tre år siden", "på mandag", "på tirsdag",
        "på onsdag", "på torsdag", "på fredag", "på lørdag", "på søndag", "i hjemlandet",
        "i hjemlandet mitt", "i Norge", "blant annet", "i det siste", "aldri før", "til nå",
        "hittil",
    )
)
#: Time nouns that form a fronted adverbial with a determiner ("Hver dag", "Neste uke").
TIME_NOUNS: frozenset[str] = frozenset(
    {
        "dag", "dagen", "uke", "uka", "uken", "måned", "måneden", "år", "året", "morgen",
        "morgenen", "kveld", "kvelden", "natt", "natta", "natten", "helg", "helga", "helgen",
        "gang", "sommer", "sommeren", "vinter", "vinteren", "høst", "høsten", "vår", "våren",
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "time", "timen",
        "vakt", "vakta", "vakten", "periode", "perioden", "stund",
    }
)
#: Determiners that open such a time adverbial.
TIME_DETERMINERS: frozenset[str] = frozenset(
    {"hver", "hvert", "neste", "forrige", "denne", "dette", "hele", "samme", "sist", "siste",
     "første", "noen", "mange", "alle"}
)
#: Words for clock time ("Klokka sju åpner vi").
CLOCK_WORDS: frozenset[str] = frozenset({"klokka", "klokken", "kl.", "kl"})

#: Prepositions that open a fronted adverbial phrase ("Etter jobben ...").
FRONT_PREPOSITIONS: frozenset[str] = frozenset(
    {
        "i", "på", "etter", "før", "om", "for", "under", "med", "fra", "til", "hos", "ved",
        "uten", "gjennom", "mellom", "innen", "over", "blant", "foran", "bak", "rundt",
        "utenfor", "innenfor", "mot", "langs",
    }
)
#: Determiners and quantifiers that may stand inside a fronted noun phrase.
NP_DETERMINERS: frozenset[str] = frozenset(
    {
        "en", "ei", "et", "den", "det", "de", "denne", "dette", "disse", "hver", "hvert", "alle",
        "noen", "mange", "flere", "få", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte",
        "ni", "ti", "ett", "min", "mi", "mitt", "mine", "din", "di", "ditt", "dine", "hans",
        "hennes", "vår", "vårt", "våre", "deres", "sin", "si", "sitt", "sine", "første", "andre",
        "siste", "neste", "forrige", "hele", "samme", "annen", "annet", "begge",
    }
)

#: Question words; a direct question has verb-second: "Hvor kan jeg ...?".
QUESTION_WORDS: frozenset[str] = frozenset(
    {"hva", "hvem", "hvor", "hvordan", "hvorfor", "når", "hvilken", "hvilket", "hvilke"}
)
#: Second words of two-word question phrases ("hvor mye", "hvor lenge").
QUESTION_SECOND: frozenset[str] = frozenset(
    {"mye", "mange", "lenge", "ofte", "gammel", "langt", "sent", "tidlig"}
)

#: Finite auxiliaries and very frequent finite verbs (present and past).
FINITE_AUX: frozenset[str] = frozenset(
    {
        "er", "var", "har", "hadde", "kan", "kunne", "skal", "skulle", "vil", "ville", "må",
        "måtte", "bør", "burde", "får", "fikk", "blir", "ble", "gjør", "gjorde", "tør", "torde",
        "vet", "visste", "går", "gikk", "kom", "kommer", "sier", "sa",
    }
)
#: Present forms used as fixed expressions without a subject ("Beklager, ...").
SUBJECTLESS_OK: frozenset[str] = frozenset(
    {"beklager", "takker", "gratulerer", "velkommen", "takk", "unnskyld", "stemmer", "gjelder"}
)
#: Place adverbs that follow a verb and cannot be its subject ("Etter jobben drar hjem.").
PLACE_ADVERBS: frozenset[str] = frozenset({"hjem", "hjemme", "ut", "inn", "opp", "ned", "bort"})

#: Adverbs that can follow a verb ("Jobber ikke ...") and are never subjects.
NON_SUBJECT_ADVERBS: frozenset[str] = frozenset(
    {
        "ikke", "også", "gjerne", "alltid", "aldri", "ofte", "mye", "godt", "bra", "veldig", "litt",
        "hjem", "hjemme", "her", "der", "allerede", "fortsatt", "nå", "bare", "sammen", "mest",
        "helst", "fort", "tidlig", "sent", "snart", "dessverre", "heldigvis", "vanligvis", "da",
    }
)

#: Hesitation sounds that are fillers in a written answer.
FILLERS: frozenset[str] = frozenset(
    {"eh", "ehm", "eeh", "ehh", "øh", "øhm", "øhh", "æh", "æhm", "hm", "hmm", "ehem", "eh:"}
)
#: Words that often work as fillers in speech ("liksom", "typ"); counted, not flagged.
SOFT_FILLERS: frozenset[str] = frozenset({"liksom", "typ", "altså", "på en måte", "sånn"})

#: Subordinating conjunctions counted as signs of complex sentences.
SUBORDINATORS: frozenset[str] = frozenset(
    {"at", "som", "fordi", "når", "hvis", "dersom", "mens", "selv om", "etter at", "før",
     "siden", "da", "slik at", "for at", "om", "hvor", "hva", "ettersom"}
)
#: Connectors and discourse markers counted for text cohesion.
CONNECTORS: frozenset[str] = frozenset(
    {"og", "men", "eller", "så", "derfor", "likevel", "dessuten", "i tillegg", "først",
     "deretter", "etterpå", "til slutt", "for eksempel", "blant annet", "fordi", "altså",
     "samtidig", "for det første", "for det andre", "ellers", "i stedet"}
)

#: Lower-case abbreviations and short words the spelling check accepts as they are.
ACCEPTED_ABBREVIATIONS: frozenset[str] = frozenset(
    {"mvh", "osv", "ca", "kl", "bl.a", "f.eks", "dvs", "evt", "inkl", "ifm", "nr", "tlf", "mht",
     "pga", "ift", "o.l", "etc", "mm", "cm", "kg", "km", "t", "min", "sek", "stk", "e-post"}
)
