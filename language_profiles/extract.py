"""Turn uploaded workplace documents (bytes) or pasted text into clean, scrubbed plain text.

Supported: ``.txt`` (UTF-8/UTF-16/cp1252/latin-1 detection), ``.docx`` (python-docx, guarded
against zip bombs before parsing), ``.pdf`` (pypdf; encrypted and image-only files are refused
with a clear message; page, size and time bounds), ``.html``/``.htm`` (stdlib ``html.parser``;
scripts and styles stripped; bounded nesting) and pasted text.

Every failure is a subclass of :class:`ExtractionError` whose ``str()`` is a plain Norwegian
message naming the file and the reason, ready to show to a teacher.  E-mail addresses and
phone numbers are removed (:func:`scrub_personal_data`) before the text is returned, so nothing
downstream ever stores or shows them.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_EXTENSIONS",
    "BrokenFileError",
    "EmptyFileError",
    "EncryptedFileError",
    "ExtractedText",
    "ExtractionError",
    "ExtractionLimits",
    "FileTooLargeError",
    "ImageOnlyFileError",
    "UnsupportedFileTypeError",
    "detect_kind",
    "extract_pasted",
    "extract_text",
    "scrub_personal_data",
]

logger = logging.getLogger(__name__)

#: File name endings we can read, mapped to our kind names.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".csv": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_CONTENT_TYPES: dict[str, str] = {
    "text/plain": "txt",
    "text/markdown": "txt",
    "text/csv": "txt",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/html": "html",
    "application/xhtml+xml": "html",
}

_KIND_LABEL: dict[str, str] = {
    "txt": "tekstfil",
    "docx": "Word-fil (.docx)",
    "pdf": "PDF-fil",
    "html": "nettside (HTML)",
    "paste": "innlimt tekst",
}


@dataclass(frozen=True)
class ExtractionLimits:
    """Bounds that keep a hostile or huge upload from exhausting the server."""

    max_bytes: int = 25 * 1024 * 1024
    max_chars: int = 3_000_000
    max_pdf_pages: int = 400
    max_seconds: float = 60.0
    max_docx_uncompressed: int = 80 * 1024 * 1024
    max_docx_members: int = 2_000
    max_docx_ratio: float = 200.0
    max_html_depth: int = 512


DEFAULT_LIMITS = ExtractionLimits()


# ---------------------------------------------------------------------------------------------
# Errors (plain Norwegian messages)
# ---------------------------------------------------------------------------------------------


class ExtractionError(Exception):
    """A source could not be turned into text; ``str(err)`` is a Norwegian message for users."""

    reason = "error"

    def __init__(self, filename: str, message: str) -> None:
        super().__init__(message)
        self.filename = filename
        self.message = message


class UnsupportedFileTypeError(ExtractionError):
    """The file type is not one we can read."""

    reason = "unsupported"

    def __init__(self, filename: str, detail: str = "") -> None:
        extra = f" {detail}" if detail else ""
        super().__init__(
            filename,
            f"«{filename}» har en filtype vi ikke kan lese.{extra} "
            "Bruk .txt, .docx, .pdf eller .html, eller lim inn teksten.",
        )


class BrokenFileError(ExtractionError):
    """The file is damaged or is not what its name says."""

    reason = "broken"

    def __init__(self, filename: str, kind: str) -> None:
        label = _KIND_LABEL.get(kind, "fil")
        super().__init__(
            filename,
            f"«{filename}» er skadet eller ikke en gyldig {label} og kan ikke leses. "
            "Åpne den og lagre den på nytt, og prøv igjen.",
        )


class EncryptedFileError(ExtractionError):
    """The file is password protected."""

    reason = "encrypted"

    def __init__(self, filename: str) -> None:
        super().__init__(
            filename,
            f"«{filename}» er kryptert og kan ikke leses. Lagre den uten passord og prøv igjen.",
        )


class ImageOnlyFileError(ExtractionError):
    """The file holds only images (typically a scan) and no text layer."""

    reason = "image_only"

    def __init__(self, filename: str) -> None:
        super().__init__(
            filename,
            f"«{filename}» inneholder bare bilder (for eksempel en skannet side) og ingen tekst "
            "vi kan lese. Last opp en fil med tekst, eller lim inn teksten.",
        )


class EmptyFileError(ExtractionError):
    """The file (or pasted text) contains no text."""

    reason = "empty"

    def __init__(self, filename: str) -> None:
        super().__init__(filename, f"«{filename}» inneholder ingen tekst.")


class FileTooLargeError(ExtractionError):
    """The file exceeds a size, page, time or unpacked-size bound."""

    reason = "too_big"

    def __init__(self, filename: str, detail: str) -> None:
        super().__init__(
            filename,
            f"«{filename}» er for stor: {detail}. Del den opp i mindre filer og prøv igjen.",
        )


# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtractedText:
    """Clean text from one source, with what was found on the way."""

    filename: str
    kind: str  # "txt" | "docx" | "pdf" | "html" | "paste"
    text: str
    pages: int | None = None  # PDF pages
    encoding: str | None = None  # detected encoding for text/HTML files
    removed_personal: int = 0  # e-mail addresses and phone numbers removed
    words: int = 0


# ---------------------------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])", re.UNICODE
)
# Norwegian phone numbers: 8 digits as 8, 2+2+2+2, 3+2+3, 4+4 or 3+3+2 groups, optionally
# after +47/0047; and any 5-15 digit number right after "tlf", "telefon", "mobil" or "ring".
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?47[\s.-]?)?"
    r"(?:\d{8}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}|\d{3}[ .-]\d{2}[ .-]\d{3}"
    r"|\d{4}[ .-]\d{4}|\d{3}[ .-]\d{3}[ .-]\d{2})(?![\w])"
    r"|(?<![\w+])(?:\+|00)\s?\d{1,3}(?:[ .-]?\d){6,12}(?![\w])"
)
_PHONE_CUE_RE = re.compile(
    r"(?i)\b(tlf\.?|telefon(?:nummer|nr\.?)?|mobil(?:nummer|nr\.?)?|mob\.?|ring)"
    r"(\s*(?:nr\.?)?[:.]?\s*)(\+?\d[\d .-]{3,16}\d)"
)


def _scrub_counted(text: str) -> tuple[str, int]:
    removed = 0

    def _drop(match: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    def _drop_cue(match: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return match.group(1)

    text = _EMAIL_RE.sub(_drop, text)
    text = _PHONE_CUE_RE.sub(_drop_cue, text)
    text = _PHONE_RE.sub(_drop, text)
    if removed:
        text = re.sub(r"[ \t]{2,}", " ", text)
        text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    return text, removed


def scrub_personal_data(text: str) -> str:
    """Remove e-mail addresses and phone numbers from ``text``."""
    return _scrub_counted(text)[0]


# ---------------------------------------------------------------------------------------------
# Kind detection
# ---------------------------------------------------------------------------------------------


def _extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def detect_kind(filename: str, content_type: str | None = None, data: bytes = b"") -> str:
    """Return ``"txt"``, ``"docx"``, ``"pdf"`` or ``"html"`` for an upload.

    The file name ending decides; the content type and the first bytes are used when the
    name has no known ending.

    Raises:
        UnsupportedFileTypeError: for anything else (old .doc, images, spreadsheets, ...).
    """
    ext = _extension(filename)
    if ext in SUPPORTED_EXTENSIONS:
        return SUPPORTED_EXTENSIONS[ext]
    if ext == ".doc":
        raise UnsupportedFileTypeError(
            filename, "Det gamle Word-formatet (.doc) støttes ikke; lagre filen som .docx."
        )
    if content_type:
        base = content_type.split(";", 1)[0].strip().lower()
        if base in _CONTENT_TYPES:
            return _CONTENT_TYPES[base]
    if not ext:
        head = data[:1024].lstrip()
        if head.startswith(b"%PDF"):
            return "pdf"
        if head[:5].lower() in (b"<!doc", b"<html"):
            return "html"
        if head.startswith(b"PK\x03\x04"):
            return "docx"
        if head and _looks_like_text(data[:4096]):
            return "txt"
    raise UnsupportedFileTypeError(filename)


def _looks_like_text(sample: bytes) -> bool:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control <= len(sample) // 100


# ---------------------------------------------------------------------------------------------
# Text cleanup shared by all kinds
# ---------------------------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_RE.sub("", text)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _finish(
    filename: str,
    kind: str,
    raw: str,
    limits: ExtractionLimits,
    *,
    pages: int | None = None,
    encoding: str | None = None,
) -> ExtractedText:
    text = _clean(raw)
    if len(text) > limits.max_chars:
        raise FileTooLargeError(
            filename, f"over {limits.max_chars:,} tegn tekst".replace(",", " ")
        )
    text, removed = _scrub_counted(text)
    if not re.search(r"[^\W\d_]{2,}", text):
        raise EmptyFileError(filename)
    words = len(re.findall(r"[^\W\d_]+", text))
    return ExtractedText(
        filename=filename,
        kind=kind,
        text=text,
        pages=pages,
        encoding=encoding,
        removed_personal=removed,
        words=words,
    )


# ---------------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------------

# Bytes that are undefined in cp1252: their presence means latin-1 (or something else).
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with/without BOM), UTF-16, cp1252 or latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("latin-1"), "latin-1"
    return data.decode("cp1252"), "cp1252"


def _extract_txt(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractedText:
    text, encoding = _decode_text(data)
    if "\x00" in text[:4096]:
        raise BrokenFileError(filename, "txt")
    return _finish(filename, "txt", text, limits, encoding=encoding)


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_HTML_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
)
_HTML_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
_HTML_BLOCK = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "li", "ul",
     "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "h1", "h2", "h3", "h4",
     "h5", "h6", "blockquote", "pre", "form", "fieldset", "figure", "figcaption", "title", "br",
     "hr", "caption", "details", "summary"}
)
_HTML_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


class _HtmlDepthError(Exception):
    pass


class _HtmlText(HTMLParser):
    """Collects visible text; tracks an explicit element stack to bound nesting."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.skip_depth = 0
        self.max_depth = max_depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_VOID:
            if tag in ("br", "hr"):
                self.parts.append("\n")
            return
        if tag in _HTML_SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1] == tag:
            self._close(tag)
        self.stack.append(tag)
        if len(self.stack) > self.max_depth:
            raise _HtmlDepthError
        if tag in _HTML_SKIP:
            self.skip_depth += 1
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            self._close(tag)
        if tag in _HTML_BLOCK:
            self.parts.append("\n")

    def _close(self, tag: str) -> None:
        while self.stack:
            top = self.stack.pop()
            if top in _HTML_SKIP:
                self.skip_depth -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes) -> tuple[str, str]:
    match = _META_CHARSET_RE.search(data[:4096])
    if match and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        charset = match.group(1).decode("ascii", errors="ignore").lower()
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode_text(data)


def _defuse_unclosed_tags(html: str) -> str:
    """Escape every ``<`` whose tag is not closed by a ``>`` before the next ``<``.

    Python 3.11's ``html.parser`` rescans an unclosed tag to the end of the input for every
    ``<`` it meets (CVE-2025-6069), so 250 KB of ``<a<a<a…`` took close to a minute.  After this
    linear pass every tag the parser sees ends within its own segment.
    """
    segments = html.split("<")
    out = [segments[0]]
    for segment in segments[1:]:
        out.append(("<" if ">" in segment else "&lt;") + segment)
    return "".join(out)


def _html_to_text(html: str, *, max_depth: int) -> str:
    parser = _HtmlText(max_depth)
    parser.feed(_defuse_unclosed_tags(html))
    parser.close()
    return "".join(parser.parts)


def _extract_html(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractedText:
    html, encoding = _decode_html(data)
    try:
        text = _html_to_text(html, max_depth=limits.max_html_depth)
    except _HtmlDepthError as e:
        raise FileTooLargeError(
            filename, f"HTML-koden er nestet dypere enn {limits.max_html_depth} nivåer"
        ) from e
    return _finish(filename, "html", text, limits, encoding=encoding)


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _repack_zip(data: bytes, filename: str, limits: ExtractionLimits) -> bytes:
    """Unpack every member in bounded chunks and pack the archive again with honest sizes.

    The central directory can lie about sizes, and ``zipfile``'s one-shot ``read()`` (used by
    python-docx) inflates up to 2 GiB before cutting to the declared size.  Reading in 64 KiB
    chunks keeps memory bounded, a total over the limit is refused, a member whose data does not
    match its CRC is refused as broken, and python-docx only ever sees the re-packed copy.
    """
    budget = limits.max_docx_uncompressed
    out = io.BytesIO()
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                if info.is_dir():
                    continue
                chunks: list[bytes] = []
                with source.open(info) as member:
                    while chunk := member.read(64 * 1024):
                        budget -= len(chunk)
                        if budget < 0:
                            raise FileTooLargeError(
                                filename,
                                "utpakket er den over "
                                f"{limits.max_docx_uncompressed // (1024 * 1024)} MB",
                            )
                        chunks.append(chunk)
                target.writestr(info.filename, b"".join(chunks))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as e:
        raise BrokenFileError(filename, "docx") from e
    return out.getvalue()


def _check_zip(data: bytes, filename: str, limits: ExtractionLimits) -> None:
    """Refuse zip bombs before any XML is parsed (sizes come from the central directory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.max_docx_members:
                raise FileTooLargeError(
                    filename, f"den inneholder over {limits.max_docx_members} deler"
                )
            total = sum(info.file_size for info in members)
            packed = sum(info.compress_size for info in members) or 1
            if total > limits.max_docx_uncompressed:
                raise FileTooLargeError(
                    filename,
                    f"utpakket er den over {limits.max_docx_uncompressed // (1024 * 1024)} MB",
                )
            if total > 10 * 1024 * 1024 and total / packed > limits.max_docx_ratio:
                raise FileTooLargeError(filename, "den pakker seg ut til en mistenkelig stor fil")
            names = {info.filename for info in members}
    except zipfile.BadZipFile as e:
        raise BrokenFileError(filename, "docx") from e
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names:
            raise EncryptedFileError(filename)
        raise BrokenFileError(filename, "docx")


def _docx_block_texts(document: Any) -> list[str]:
    """Paragraphs and table cells of the body, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                cells: list[str] = []
                for cell in row.cells:
                    # Merged cells repeat the same XML element: keep the first only.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    text = cell.text.strip()
                    if text:
                        cells.append(text)
                lines.append("\n".join(cells))
            lines.append("")
    return lines


def _extract_docx(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractedText:
    if data.startswith(_OLE_MAGIC):
        # Password-protected .docx files are OLE containers holding an EncryptedPackage.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise EncryptedFileError(filename)
        raise UnsupportedFileTypeError(
            filename, "Det gamle Word-formatet (.doc) støttes ikke; lagre filen som .docx."
        )
    _check_zip(data, filename, limits)
    data = _repack_zip(data, filename, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_block_texts(document)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise BrokenFileError(filename, "docx") from e
    except Exception as e:  # lxml and python-docx raise many types on damaged XML
        logger.info("docx parse failed for %s: %r", filename, e)
        raise BrokenFileError(filename, "docx") from e
    return _finish(filename, "docx", "\n".join(lines), limits)


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------


def _page_has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        if resources is None:
            return False
        resources = resources.get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") in ("/Image", "/Form"):
                return True
    except Exception:  # a damaged resource dictionary just means "no images we can see"
        return False
    return False


def _extract_pdf(data: bytes, filename: str, limits: ExtractionLimits) -> ExtractedText:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    started = time.monotonic()
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise BrokenFileError(filename, "pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Files with only an owner password open with an empty user password.
                if not reader.decrypt(""):
                    raise EncryptedFileError(filename)
            except (FileNotDecryptedError, DependencyError, NotImplementedError) as e:
                raise EncryptedFileError(filename) from e
        pages = reader.pages
        n_pages = len(pages)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise BrokenFileError(filename, "pdf") from e
    except Exception as e:  # pypdf raises many internal types on damaged files
        logger.info("pdf open failed for %s: %r", filename, e)
        raise BrokenFileError(filename, "pdf") from e
    if n_pages > limits.max_pdf_pages:
        raise FileTooLargeError(
            filename, f"den har {n_pages} sider, og grensen er {limits.max_pdf_pages}"
        )
    texts: list[str] = []
    chars = 0
    images = False
    for number in range(n_pages):
        if time.monotonic() - started > limits.max_seconds:
            raise FileTooLargeError(
                filename, f"det tok over {int(limits.max_seconds)} sekunder å lese den"
            )
        try:
            page = pages[number]
            text = page.extract_text() or ""
        except (FileNotDecryptedError, DependencyError) as e:
            raise EncryptedFileError(filename) from e
        except Exception as e:  # one damaged page should not lose the rest
            logger.info("pdf page %d of %s failed: %r", number + 1, filename, e)
            text = ""
        if not text.strip() and not images:
            images = _page_has_images(page)
        texts.append(text)
        chars += len(text)
        if chars > limits.max_chars:
            raise FileTooLargeError(
                filename, f"over {limits.max_chars:,} tegn tekst".replace(",", " ")
            )
    joined = "\n\n".join(texts)
    if not re.search(r"[^\W\d_]{2,}", joined):
        if images or n_pages:
            if images:
                raise ImageOnlyFileError(filename)
        raise EmptyFileError(filename)
    return _finish(filename, "pdf", joined, limits, pages=n_pages)


# ---------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------

_EXTRACTORS: dict[str, Callable[[bytes, str, ExtractionLimits], ExtractedText]] = {
    "txt": _extract_txt,
    "docx": _extract_docx,
    "pdf": _extract_pdf,
    "html": _extract_html,
}


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def extract_text(
    data: bytes,
    *,
    filename: str,
    content_type: str | None = None,
    limits: ExtractionLimits = DEFAULT_LIMITS,
) -> ExtractedText:
    """Extract clean, scrubbed text from an uploaded file.

    Raises:
        ExtractionError: a subclass naming the reason (unsupported type, broken, encrypted,
            image-only, empty, too big); ``str(err)`` is a Norwegian message for the user.
    """
    if len(data) > limits.max_bytes:
        raise FileTooLargeError(
            filename,
            f"{_megabytes(len(data))} MB, og grensen er {_megabytes(limits.max_bytes)} MB",
        )
    kind = detect_kind(filename, content_type, data)
    if not data.strip():
        raise EmptyFileError(filename)
    return _EXTRACTORS[kind](data, filename, limits)


def extract_pasted(
    text: str, *, name: str = "Innlimt tekst", limits: ExtractionLimits = DEFAULT_LIMITS
) -> ExtractedText:
    """Clean and scrub pasted text (HTML pasted from a browser is reduced to its text)."""
    if len(text) > limits.max_chars:
        raise FileTooLargeError(name, f"over {limits.max_chars:,} tegn tekst".replace(",", " "))
    stripped = text.lstrip()
    if stripped[:15].lower().startswith(("<!doctype html", "<html")):
        try:
            text = _html_to_text(text, max_depth=limits.max_html_depth)
        except _HtmlDepthError as e:
            raise FileTooLargeError(
                name, f"HTML-koden er nestet dypere enn {limits.max_html_depth} nivåer"
            ) from e
    return _finish(name, "paste", text, limits)
