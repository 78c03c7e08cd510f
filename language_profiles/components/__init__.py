"""spaCy components of the project (factories prefixed ``nvl_``), registered on import.

``nvl_special_tokens`` runs right after the tokenizer, before the trained components:
it merges Norwegian phone numbers written with spaces (``22 33 44 55``, ``+47 912 34 567``)
into one token and starts a new sentence after every line break, so that headings and
list items that ``normalize_text`` kept on their own lines are never glued to the next
sentence.  The trained sentence recogniser only fills in the remaining boundaries.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PHONE_RE", "SpecialTokens"]

#: Norwegian phone numbers: 8 digits written 2-2-2-2 or 3-2-3, optionally +47 / 0047 first,
#: or 8 digits in one block after +47.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)47[ ]?)?(?:\d{2}[ ]\d{2}[ ]\d{2}[ ]\d{2}|\d{3}[ ]\d{2}[ ]\d{3})(?![\w])"
    r"|(?<![\w+])(?:\+|00)47[ ]?\d{8}(?!\w)"
)


class SpecialTokens:
    """Merge phone numbers and mark sentence starts after line breaks."""

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        matches = [m.span() for m in PHONE_RE.finditer(doc.text)]
        if matches:
            self._split_overhangs(doc, matches)
        spans = []
        for start, end in matches:
            span = doc.char_span(start, end, alignment_mode="strict")
            if span is not None and len(span) > 1:
                spans.append(span)
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spans:
                    retokenizer.merge(span, attrs={"NORM": span.text.replace(" ", "")})
        if "\n" not in doc.text:
            return doc
        after_break = False
        for token in doc:
            if token.is_space:
                if "\n" in token.text:
                    after_break = True
                continue
            if after_break and token.i > 0:
                token.is_sent_start = True
            after_break = "\n" in token.whitespace_
        return doc

    @staticmethod
    def _split_overhangs(doc: Doc, matches: list[tuple[int, int]]) -> None:
        """Split tokens such as "55." that run past the end of a phone number."""
        to_split = []
        for _, end in matches:
            for token in doc:
                if token.idx < end < token.idx + len(token.text):
                    to_split.append((token, end - token.idx))
        if not to_split:
            return
        with doc.retokenize() as retokenizer:
            for token, cut in to_split:
                orths = [token.text[:cut], token.text[cut:]]
                retokenizer.split(token, orths, heads=[(token, 0), (token, 0)])


@Language.factory("nvl_special_tokens")
def make_special_tokens(nlp: Language, name: str) -> SpecialTokens:
    """Factory for :class:`SpecialTokens`."""
    return SpecialTokens()
