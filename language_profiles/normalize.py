"""Clean real-world text before analysis: Unicode, bullets, line-end hyphens, PDF line breaks.

``normalize_text`` returns the text that analyser offsets refer to.  It

* normalises to NFC (æ/ø/å typed as ``a`` + combining ring become one character), removes
  soft hyphens and zero-width characters and turns exotic spaces into plain spaces;
* removes bullet markers (•, -, *, ▪, …) at the start of lines; every bullet item stays
  on its own line, so it becomes its own sentence;
* joins words hyphenated at a line end (``vare-\\nmottak`` → ``varemottak``) but keeps real
  hyphen compounds (``HMS-\\nrutiner`` → ``HMS-rutiner``, ``Nord-\\nNorge``, ``e-\\npost``);
* joins hard line breaks inside sentences (PDF extraction) with a space, and keeps line
  breaks after headings, sentence ends and list items; paragraphs stay separated by a blank line.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BULLET_CHARS", "is_caps_line", "normalize_text"]

#: Characters treated as list bullets at the start of a line.
BULLET_CHARS = "•●▪■◦‣∙○□➢►▶✓✔☐➤◆◇⁃"
_BULLET_RE = re.compile(rf"^[ \t]*(?:[{BULLET_CHARS}*]|[-–—](?=[ \t]))[ \t]*")
_NUMBERED_RE = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[a-zA-Z][.)])[ \t]+(?=\S)")
_SPACES = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\t": " ",
    "\u000b": " ",
    "\u000c": "\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
}
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_TRANSLATE = str.maketrans({**_SPACES, **_LIGATURES}) | _DROP
_END_PUNCT = tuple('.!?:;»”"')
_HYPHEN_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)(.*)$", re.DOTALL)
_CONJUNCTIONS = frozenset({"og", "eller", "til", "samt", "som", "enn"})


def is_caps_line(line: str) -> bool:
    """True for an ALL-CAPS heading line (at least four letters, no lower-case letters)."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _dehyphenate(left_word: str, right_word: str) -> str:
    """Return the joiner for ``left_word-`` at a line end followed by ``right_word``."""
    if not right_word or not right_word[0].isalpha():
        return "-"
    if right_word.lower() in _CONJUNCTIONS:
        return "- "  # "inn- og utgang"
    if left_word.isupper() or any(ch.isdigit() for ch in left_word) or right_word[0].isupper():
        return "-"  # HMS-rutiner, A4-ark, Nord-Norge
    if len(left_word) == 1:
        return "-"  # e-post
    from language_profiles.lexicon import LexiconError, load_lexicon

    try:
        lexicon = load_lexicon()
    except LexiconError:
        return ""
    if lexicon.is_word(f"{left_word}-{right_word}"):
        return "-"
    return ""


def _is_list_item(line: str) -> bool:
    return bool(_NUMBERED_RE.match(line))


def _should_join(prev: str, nxt: str, *, nxt_is_item: bool) -> bool:
    """Decide whether a single line break between two lines is a PDF break inside a sentence."""
    if not prev or not nxt or nxt_is_item:
        return False
    if is_caps_line(prev) or is_caps_line(nxt):
        return False
    if prev.endswith(_END_PUNCT):
        return False
    first = nxt[0]
    if first.islower() or first in "(,":
        return True
    last_word = prev.rsplit(" ", 1)[-1].lower()
    return prev.endswith(",") or last_word in _CONJUNCTIONS or last_word in {"i", "på", "av"}


def _clean_lines(text: str) -> list[tuple[str, bool]]:
    """Return (line, starts_item) pairs with bullets removed and spaces collapsed."""
    lines: list[tuple[str, bool]] = []
    for raw in text.split("\n"):
        line = re.sub(r" {2,}", " ", raw).strip()
        bullet = _BULLET_RE.match(line)
        is_item = False
        if bullet and bullet.end() < len(line):
            line = line[bullet.end() :].strip()
            is_item = True
        elif bullet:
            line = ""
        elif _is_list_item(line):
            is_item = True
        lines.append((line, is_item))
    return lines


def normalize_text(text: str) -> str:
    """NFC, de-hyphenation at line ends, PDF line joins and bullet removal (see module doc)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    paragraphs: list[str] = []
    current: list[tuple[str, bool]] = []

    def flush() -> None:
        if current:
            paragraphs.append(_join_paragraph(current))
            current.clear()

    for line, is_item in _clean_lines(text):
        if not line:
            flush()
            continue
        current.append((line, is_item))
    flush()
    return "\n\n".join(p for p in paragraphs if p)


def _join_paragraph(lines: list[tuple[str, bool]]) -> str:
    """Join one paragraph's lines in linear time (PDF paragraphs can have thousands)."""
    done: list[str] = []  # finished output lines
    pieces = [lines[0][0]]  # pieces of the output line being built
    caps = is_caps_line(pieces[0])
    for line, is_item in lines[1:]:
        tail = pieces[-1]
        hyphen = _HYPHEN_END.search(tail)
        first = _FIRST_WORD.match(line)
        if hyphen and first and not is_item and not caps:
            joiner = _dehyphenate(hyphen.group(1), first.group(1))
            pieces[-1] = tail[:-1] + joiner.rstrip() + (" " if joiner.endswith(" ") else "")
            pieces.append(line)
        elif not caps and _should_join(tail, line, nxt_is_item=is_item):
            pieces.append(" " + line)
        else:
            done.append("".join(pieces))
            pieces = [line]
            caps = is_caps_line(line)
    done.append("".join(pieces))
    return "\n".join(done)
