"""Extraction from every supported file type, the bad-file cases and personal-data scrubbing."""

from __future__ import annotations

import io
import zipfile

import pytest

from language_profiles.extract import (
    BrokenFileError,
    EmptyFileError,
    EncryptedFileError,
    ExtractionLimits,
    FileTooLargeError,
    ImageOnlyFileError,
    UnsupportedFileTypeError,
    detect_kind,
    extract_pasted,
    extract_text,
    scrub_personal_data,
)

ROUTINE = (
    "Rutiner på lageret\n\n"
    "Husk å bruke vernesko og hansker. Nødutgangen må alltid være fri.\n"
    "Meld fra om avvik til lagersjefen før du går hjem."
)


def _docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(lines: list[str]) -> bytes:
    from importlib import resources

    from fpdf import FPDF

    pdf = FPDF()
    font = resources.files("language_profiles").joinpath("data", "fonts", "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "", str(font))
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _image_only_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (200, 100), (240, 240, 240))
    for x in range(20, 180):
        image.putpixel((x, 50), (0, 0, 0))
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    return bytes(pdf.output())


# ----------------------------------------------------------------------------- good files


def test_txt_utf8() -> None:
    result = extract_text(ROUTINE.encode("utf-8"), filename="rutiner.txt")
    assert result.kind == "txt"
    assert "Nødutgangen må alltid være fri." in result.text
    assert result.encoding == "utf-8"
    assert result.words > 10


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"])
def test_txt_encodings_keep_norwegian_letters(encoding: str) -> None:
    text = "Ærlig talt: søppel på gulvet må ryddes før åpning. Større æøå ÆØÅ."
    result = extract_text(text.encode(encoding), filename="skilt.txt")
    assert "søppel på gulvet" in result.text
    assert "ÆØÅ" in result.text


def test_cp1252_typographic_quotes() -> None:
    text = "Kunden sa «takk» – og gikk. Prisen er 20 €."
    result = extract_text(text.encode("cp1252"), filename="kasse.txt")
    assert "«takk» –" in result.text
    assert result.encoding == "cp1252"


def test_docx_paragraphs_and_tables_in_order() -> None:
    data = _docx_bytes(
        ["Rutiner for renhold", "Vask gulvet hver kveld."],
        table=[["Oppgave", "Ansvar"], ["Tømme søppel", "Renholder"]],
    )
    result = extract_text(data, filename="renhold.docx")
    assert result.kind == "docx"
    assert result.text.index("Rutiner for renhold") < result.text.index("Tømme søppel")
    assert "Renholder" in result.text


def test_pdf_text() -> None:
    data = _pdf_bytes(["Husk å bruke hjelm på byggeplassen.", "Stillaset skal sjekkes daglig."])
    result = extract_text(data, filename="bygg.pdf")
    assert result.kind == "pdf"
    assert result.pages == 1
    assert "hjelm på byggeplassen" in result.text
    assert "Stillaset" in result.text


def test_html_strips_script_style_and_entities() -> None:
    html = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<script>alert('hei')</script><h1>Kjøkken</h1><p>Vask hendene &amp; bruk forkle.</p>"
        "<ul><li>Kjøleskapet skal holde 4 grader<li>Merk maten med dato</ul></body></html>"
    )
    result = extract_text(html.encode("utf-8"), filename="kjokken.html")
    assert "alert" not in result.text
    assert "color" not in result.text
    assert "Vask hendene & bruk forkle." in result.text
    assert "Merk maten med dato" in result.text.splitlines()


def test_html_meta_charset_latin1() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Gå på møtet.</p></body></html>'
    result = extract_text(html.encode("latin-1"), filename="side.htm")
    assert "Gå på møtet." in result.text


def test_pasted_text_is_cleaned() -> None:
    result = extract_pasted("  Hei!\r\n\r\n\r\n\r\nKan jeg hjelpe deg?\u200b  ")
    assert result.text == "Hei!\n\nKan jeg hjelpe deg?"
    assert result.kind == "paste"


def test_detect_kind_by_content_type_and_magic() -> None:
    assert detect_kind("upload", "application/pdf") == "pdf"
    assert detect_kind("upload", None, b"%PDF-1.7 ...") == "pdf"
    assert detect_kind("NOTAT.TXT") == "txt"


# ----------------------------------------------------------------------------- bad files


def test_encrypted_pdf() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf_bytes(["Hemmelig rutine."]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="hemmelig", owner_password="eier", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(EncryptedFileError) as info:
        extract_text(buffer.getvalue(), filename="rutiner.pdf")
    assert str(info.value) == (
        "«rutiner.pdf» er kryptert og kan ikke leses. Lagre den uten passord og prøv igjen."
    )


def test_image_only_pdf() -> None:
    with pytest.raises(ImageOnlyFileError) as info:
        extract_text(_image_only_pdf(), filename="skannet.pdf")
    assert "«skannet.pdf»" in str(info.value)
    assert "bilder" in str(info.value)


def test_empty_pdf_page() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(EmptyFileError):
        extract_text(bytes(pdf.output()), filename="tom.pdf")


def test_broken_pdf() -> None:
    with pytest.raises(BrokenFileError) as info:
        extract_text(b"%PDF-1.4\n this is not really a pdf", filename="ødelagt.pdf")
    assert "«ødelagt.pdf» er skadet" in str(info.value)


def test_pdf_page_limit() -> None:
    data = _pdf_bytes(["Side en."])
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    page = PdfReader(io.BytesIO(data)).pages[0]
    for _ in range(6):
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(FileTooLargeError) as info:
        extract_text(buffer.getvalue(), filename="manual.pdf",
                     limits=ExtractionLimits(max_pdf_pages=5))
    assert "6 sider" in str(info.value)


def test_docx_zip_bomb_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (90 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on disk, huge unpacked
    with pytest.raises(FileTooLargeError) as info:
        extract_text(data, filename="bombe.docx")
    assert "utpakket" in str(info.value)


def test_docx_too_many_members() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(30):
            archive.writestr(f"word/part{i}.xml", "<x/>")
    with pytest.raises(FileTooLargeError):
        extract_text(buffer.getvalue(), filename="mange.docx",
                     limits=ExtractionLimits(max_docx_members=20))


def test_docx_not_a_zip() -> None:
    with pytest.raises(BrokenFileError):
        extract_text(b"PK\x03\x04 garbage garbage", filename="rot.docx")


def test_docx_zip_without_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hei")
    with pytest.raises(BrokenFileError):
        extract_text(buffer.getvalue(), filename="feil.docx")


def test_encrypted_docx_ole_container() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(EncryptedFileError):
        extract_text(ole, filename="passord.docx")


def test_old_doc_is_unsupported() -> None:
    with pytest.raises(UnsupportedFileTypeError) as info:
        extract_text(b"\xd0\xcf\x11\xe0", filename="gammel.doc")
    assert ".docx" in str(info.value)


def test_unknown_type() -> None:
    with pytest.raises(UnsupportedFileTypeError) as info:
        extract_text(b"\x89PNG\r\n\x1a\n", filename="bilde.png")
    assert str(info.value).startswith("«bilde.png» har en filtype vi ikke kan lese.")


def test_empty_file() -> None:
    with pytest.raises(EmptyFileError) as info:
        extract_text(b"   \n\n ", filename="tom.txt")
    assert str(info.value) == "«tom.txt» inneholder ingen tekst."


def test_only_numbers_counts_as_empty() -> None:
    with pytest.raises(EmptyFileError):
        extract_text(b"12 34 56 -- 7", filename="tall.txt")


def test_file_too_big() -> None:
    with pytest.raises(FileTooLargeError) as info:
        extract_text(b"a" * 2048, filename="stor.txt", limits=ExtractionLimits(max_bytes=1024))
    assert "«stor.txt» er for stor" in str(info.value)


def test_html_nesting_bounded() -> None:
    html = "<div>" * 2000 + "tekst" + "</div>" * 2000
    with pytest.raises(FileTooLargeError):
        extract_text(html.encode(), filename="dyp.html")


def test_html_unclosed_paragraphs_are_not_deep_nesting() -> None:
    html = "<body>" + "<p>Avsnitt om lageret" * 2000 + "</body>"
    result = extract_text(html.encode(), filename="mange.html")
    assert result.text.count("Avsnitt om lageret") == 2000


# ----------------------------------------------------------------------------- personal data


@pytest.mark.parametrize(
    "raw",
    [
        "Send til ola.nordmann@firma.no i dag.",
        "Ring 22 33 44 55 ved brann.",
        "Ring +47 912 34 567 ved brann.",
        "Mobil: 91234567.",
        "Tlf. 0047 22334455.",
        "Kontakt kari-anne@eksempel.com eller 4000 1234.",
    ],
)
def test_scrub_removes_emails_and_phone_numbers(raw: str) -> None:
    cleaned = scrub_personal_data(raw)
    assert "@" not in cleaned
    assert not any(ch.isdigit() for ch in cleaned)


@pytest.mark.parametrize(
    "raw",
    ["Vi åpner kl. 07.30 den 12.03.2025.", "Pris: kr 1 500 for 3 stk.", "Stillingen er 100 %."],
)
def test_scrub_keeps_times_dates_and_amounts(raw: str) -> None:
    assert scrub_personal_data(raw) == raw


def test_extraction_scrubs_and_counts() -> None:
    result = extract_text(
        "Spørsmål? Skriv til leder@butikk.no eller ring 98 76 54 32.".encode(),
        filename="info.txt",
    )
    assert "@" not in result.text and "98" not in result.text
    assert result.removed_personal == 2
