"""Exports of a profile: CSV (round-trips through :func:`profile_from_csv`), an Anki deck
(.apkg, via genanki) and a printable A4 phrase sheet for mentors (PDF, via fpdf2).

All functions return bytes, so the web layer can stream them without touching the disk.
The PDF uses DejaVu Sans, bundled in ``language_profiles/data/fonts`` (covers æ, ø, å).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from pathlib import Path

from language_profiles.profile import Phrase, Profile, Term

__all__ = [
    "CSV_COLUMNS",
    "CsvImportError",
    "describe_forms",
    "display_word",
    "profile_from_csv",
    "profile_to_anki",
    "profile_to_csv",
    "profile_to_pdf",
]

#: Column order of the CSV export.  ``kind`` is "term" or "phrase".
CSV_COLUMNS: tuple[str, ...] = (
    "kind",
    "lemma",
    "pos",
    "articles",
    "forms",
    "compound_parts",
    "definition",
    "count",
    "documents",
    "keyness",
    "level",
    "examples",
    "score",
    "is_multiword",
    "safety",
    "theme",
    "gloss",
    "situation",
    "definition_by_teacher",
)
_REQUIRED_COLUMNS = frozenset({"lemma"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LIST_SEP = " | "


class CsvImportError(ValueError):
    """The CSV file cannot be read as a profile; ``str(err)`` is a Norwegian message."""


# ---------------------------------------------------------------------------------------------
# Display helpers (shared by the Anki deck and the PDF)
# ---------------------------------------------------------------------------------------------


def display_word(term: Term) -> str:
    """The word as a learner should see it: "ei/en hylle", "å plukke", "rydde opp"."""
    if term.pos == "NOUN" and term.articles and not term.is_multiword:
        return f"{'/'.join(term.articles)} {term.lemma}"
    if term.pos == "VERB":
        return f"å {term.lemma}"
    return term.lemma


def describe_forms(term: Term) -> str:
    """A one-line inflection summary: "hylla/hyllen – hyller – hyllene"."""
    forms = term.forms
    if not forms:
        return ""

    def cell(key: str) -> str:
        return "/".join(forms.get(key, ()))

    if term.pos == "NOUN":
        keys: tuple[str, ...] = ("sg_def", "pl_indef", "pl_def")
        parts = [cell(k) for k in keys if forms.get(k)]
        return " – ".join(parts)
    if term.pos == "VERB":
        parts = [cell(k) for k in ("pres", "past") if forms.get(k)]
        if forms.get("perf_part"):
            parts.append("har " + cell("perf_part"))
        return " – ".join(parts)
    if term.pos == "ADJ":
        parts = [cell(k) for k in ("pos_n", "pos_pl", "comp", "sup") if forms.get(k)]
        return " – ".join(parts)
    return ""


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def _escape_item(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _join(values: Iterable[str]) -> str:
    return _LIST_SEP.join(_escape_item(v) for v in values)


def _split(value: str) -> tuple[str, ...]:
    if not value.strip():
        return ()
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i + 1])
            i += 2
            continue
        if ch == "|":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current).strip())
    return tuple(item for item in items if item)


def _forms_cell(forms: Mapping[str, Sequence[str]]) -> str:
    simple = all(
        all(ch not in "=;/\\|" for ch in spelling)
        for values in forms.values()
        for spelling in values
    )
    if not simple:
        return json.dumps({k: list(v) for k, v in forms.items()}, ensure_ascii=False)
    return "; ".join(f"{key}={'/'.join(values)}" for key, values in forms.items())


def _parse_forms(value: str) -> dict[str, tuple[str, ...]]:
    value = value.strip()
    if not value:
        return {}
    if value.startswith("{"):
        data = json.loads(value)
        return {str(k): tuple(str(x) for x in v) for k, v in data.items()}
    forms: dict[str, tuple[str, ...]] = {}
    for chunk in value.split(";"):
        if "=" not in chunk:
            continue
        key, _, spellings = chunk.partition("=")
        forms[key.strip()] = tuple(s.strip() for s in spellings.split("/") if s.strip())
    return forms


def _gloss_cell(gloss: Mapping[str, str]) -> str:
    return json.dumps(dict(gloss), ensure_ascii=False) if gloss else ""


def _protect(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) with a leading apostrophe."""
    if value.startswith(_FORMULA_START) or value.startswith("'"):
        return "'" + value
    return value


def _unprotect(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _term_row(term: Term) -> dict[str, str]:
    return {
        "kind": "term",
        "lemma": term.lemma,
        "pos": term.pos,
        "articles": _join(term.articles),
        "forms": _forms_cell(term.forms),
        "compound_parts": _join(term.compound_parts),
        "definition": term.definition or "",
        "count": str(term.count),
        "documents": str(term.documents),
        "keyness": repr(float(term.keyness)),
        "level": term.level,
        "examples": _join(term.examples),
        "score": repr(float(term.score)),
        "is_multiword": "1" if term.is_multiword else "0",
        "safety": "1" if term.safety else "0",
        "theme": term.theme or "",
        "gloss": _gloss_cell(term.gloss),
        "situation": "",
        "definition_by_teacher": "1" if term.definition_by_teacher else "0",
    }


def _phrase_row(phrase: Phrase) -> dict[str, str]:
    return {
        "kind": "phrase",
        "lemma": phrase.text,
        "count": str(phrase.count),
        "documents": str(phrase.documents),
        "examples": _join(phrase.examples),
        "score": repr(float(phrase.score)),
        "safety": "1" if phrase.safety else "0",
        "theme": phrase.theme or "",
        "situation": phrase.situation or "",
    }


def profile_to_csv(profile: Profile, *, delimiter: str = ",") -> bytes:
    """Export terms and phrases as UTF-8 CSV (with BOM, so Excel shows æøå)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(CSV_COLUMNS), delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    rows = [_term_row(t) for t in profile.terms] + [_phrase_row(p) for p in profile.phrases]
    for row in rows:
        writer.writerow({k: _protect(row.get(k, "")) for k in CSV_COLUMNS})
    return buffer.getvalue().encode("utf-8-sig")


def _int(value: str, line: int, column: str) -> int:
    value = value.strip()
    if not value:
        return 0
    try:
        return int(float(value.replace(",", ".")))
    except ValueError as e:
        raise CsvImportError(f"Linje {line}: «{value}» i kolonnen {column} er ikke et tall.") from e


def _float(value: str, line: int, column: str) -> float:
    value = value.strip()
    if not value:
        return 0.0
    try:
        return (
            float(value.replace(",", "."))
            if value.count(",") == 1 and "." not in value
            else float(value)
        )
    except ValueError as e:
        raise CsvImportError(f"Linje {line}: «{value}» i kolonnen {column} er ikke et tall.") from e


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "ja", "yes", "x"}


def profile_from_csv(data: bytes | str, *, name: str, sector: str | None = None) -> Profile:
    """Read a CSV written by :func:`profile_to_csv` (or edited in a spreadsheet).

    Accepts ``,`` or ``;`` as delimiter, with or without BOM.  Only ``lemma`` is required; a
    missing ``kind`` column means every row is a term.

    Raises:
        CsvImportError: with a Norwegian message naming the line and the problem.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    else:
        text = data.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = {h.strip() for h in (reader.fieldnames or [])}
    if not _REQUIRED_COLUMNS <= header:
        raise CsvImportError("CSV-filen mangler kolonnen «lemma».")
    terms: list[Term] = []
    phrases: list[Phrase] = []
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): _unprotect(v or "") for k, v in raw.items()}
        lemma = row.get("lemma", "").strip()
        if not lemma:
            continue
        kind = row.get("kind", "term").strip().lower() or "term"
        if kind == "phrase":
            phrases.append(
                Phrase(
                    text=lemma,
                    count=_int(row.get("count", ""), line, "count"),
                    documents=_int(row.get("documents", ""), line, "documents"),
                    examples=_split(row.get("examples", "")),
                    score=_float(row.get("score", ""), line, "score"),
                    safety=_flag(row.get("safety", "")),
                    theme=row.get("theme", "").strip() or None,
                    situation=row.get("situation", "").strip() or None,
                )
            )
            continue
        if kind != "term":
            raise CsvImportError(f"Linje {line}: ukjent type «{kind}» (bruk term eller phrase).")
        try:
            forms = _parse_forms(row.get("forms", ""))
            gloss_raw = row.get("gloss", "").strip()
            gloss = {str(k): str(v) for k, v in json.loads(gloss_raw).items()} if gloss_raw else {}
        except (json.JSONDecodeError, AttributeError) as e:
            raise CsvImportError(f"Linje {line}: kolonnen forms eller gloss kan ikke leses.") from e
        level = row.get("level", "").strip() or "B1"
        terms.append(
            Term(
                lemma=lemma,
                pos=row.get("pos", "").strip() or ("NOUN" if row.get("articles") else "X"),
                articles=_split(row.get("articles", "")),
                forms=forms,
                compound_parts=_split(row.get("compound_parts", "")),
                definition=row.get("definition", "").strip() or None,
                count=_int(row.get("count", ""), line, "count"),
                documents=_int(row.get("documents", ""), line, "documents"),
                keyness=_float(row.get("keyness", ""), line, "keyness"),
                level=level,
                examples=_split(row.get("examples", "")),
                score=_float(row.get("score", ""), line, "score"),
                is_multiword=_flag(row.get("is_multiword", "")) or " " in lemma,
                safety=_flag(row.get("safety", "")),
                theme=row.get("theme", "").strip() or None,
                gloss=gloss,
                definition_by_teacher=_flag(row.get("definition_by_teacher", "")),
            )
        )
    return Profile(name=name, sector=sector, terms=tuple(terms), phrases=tuple(phrases))


# ---------------------------------------------------------------------------------------------
# Anki (.apkg)
# ---------------------------------------------------------------------------------------------

_ANKI_MODEL_ID = 1_607_392_411  # fixed, so re-imports update the same note type
_ANKI_CSS = """
.card { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 26px; text-align: center;
        color: #1b1b1b; background: #ffffff; }
.word { font-size: 34px; font-weight: bold; }
.def { margin-top: 12px; }
.forms { margin-top: 10px; color: #444; font-size: 22px; }
.ex { margin-top: 14px; font-style: italic; font-size: 22px; }
.safety { color: #b00020; font-size: 18px; }
"""


def _stable_id(text: str) -> int:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return 1 << 30 | int.from_bytes(digest[:4], "big") >> 2


def profile_to_anki(profile: Profile, *, max_terms: int | None = None) -> bytes:
    """Build an Anki deck (.apkg bytes): front = article + word, back = definition, forms,
    example.  No audio."""
    from html import escape

    import genanki

    model = genanki.Model(
        _ANKI_MODEL_ID,
        "Hurtigspor ord",
        fields=[
            {"name": "Ord"},
            {"name": "Betydning"},
            {"name": "Bøying"},
            {"name": "Eksempel"},
            {"name": "HMS"},
            {"name": "Tema"},
        ],
        templates=[
            {
                "name": "Ord → betydning",
                "qfmt": '<div class="word">{{Ord}}</div>'
                '{{#HMS}}<div class="safety">{{HMS}}</div>{{/HMS}}',
                "afmt": '{{FrontSide}}<hr id="answer"><div class="def">{{Betydning}}</div>'
                '<div class="forms">{{Bøying}}</div><div class="ex">{{Eksempel}}</div>',
            }
        ],
        css=_ANKI_CSS,
    )
    deck = genanki.Deck(_stable_id("deck:" + profile.name), f"Hurtigspor::{profile.name}")
    terms = profile.terms if max_terms is None else profile.terms[:max_terms]
    for term in terms:
        note = genanki.Note(
            model=model,
            fields=[
                escape(display_word(term)),
                escape(term.definition or ""),
                escape(describe_forms(term)),
                escape(term.examples[0] if term.examples else ""),
                "Sikkerhet (HMS)" if term.safety else "",
                escape(term.theme or ""),
            ],
            guid=genanki.guid_for(profile.name, term.lemma, term.pos),
            tags=[
                t for t in ((term.theme or "").replace(" ", "_"), "HMS" if term.safety else "") if t
            ],
        )
        deck.add_note(note)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


# ---------------------------------------------------------------------------------------------
# PDF phrase sheet
# ---------------------------------------------------------------------------------------------


def _font_path(name: str) -> str:
    return str(resources.files("language_profiles").joinpath("data", "fonts", name))


def profile_to_pdf(
    profile: Profile,
    *,
    max_phrases: int = 40,
    max_terms: int = 80,
    today: date | None = None,
) -> bytes:
    """Render an A4 phrase sheet for mentors: phrases, safety words, terms with inflection."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(16, 16, 16)
    pdf.add_font("DejaVu", "", _font_path("DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", _font_path("DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Språkprofil: {profile.name}")
    pdf.set_creator("Hurtigspor")
    stamp = (today or date.today()).strftime("%d.%m.%Y")

    def footer() -> None:
        pdf.set_y(-12)
        pdf.set_font("DejaVu", "", 7)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(
            0,
            4,
            f"Hurtigspor · {profile.name} · {stamp} · side {pdf.page_no()} · Ordbokdata: "
            "Bokmålsordboka (UiB og Språkrådet), CC BY 4.0",
            align="C",
        )
        pdf.set_text_color(0, 0, 0)

    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(width, 9, f"Språkprofil: {profile.name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 10)
    intro = "Fraser og ord for mentorer. Si frasene tydelig og la deltakeren gjenta dem."
    if profile.sector:
        intro = f"Bransje: {profile.sector}. " + intro
    pdf.multi_cell(width, 5, intro, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)

    def heading(text: str) -> None:
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.set_font("DejaVu", "B", 13)
        pdf.set_fill_color(230, 238, 247)
        pdf.cell(width, 8, text, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)

    phrases = list(profile.phrases[:max_phrases])
    if phrases:
        heading("Nyttige fraser")
        for phrase in phrases:
            pdf.set_font("DejaVu", "B" if phrase.safety else "", 11)
            mark = "⚠ " if phrase.safety else "• "
            pdf.multi_cell(width, 6, mark + phrase.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    terms = list(profile.terms[:max_terms])
    safety = [t for t in terms if t.safety]
    others = [t for t in terms if not t.safety]

    def term_table(title: str, rows: Sequence[Term]) -> None:
        if not rows:
            return
        heading(title)
        col = (width * 0.30, width * 0.34, width * 0.36)
        pdf.set_font("DejaVu", "", 9)
        with pdf.table(
            col_widths=col,
            borders_layout="HORIZONTAL_LINES",
            line_height=4.8,
            padding=1,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=(245, 245, 245)),
        ) as table:
            header = table.row()
            for label in ("Ord", "Bøying", "Betydning"):
                header.cell(label)
            for term in rows:
                row = table.row()
                row.cell(display_word(term))
                row.cell(describe_forms(term))
                row.cell(_shorten(term.definition or "", 140))
        pdf.ln(3)

    term_table("Sikkerhet (HMS) – lær disse først", safety)
    term_table("Viktige ord", others)
    out = pdf.output()
    return bytes(out)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
