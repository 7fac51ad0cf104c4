"""Documents the tests build themselves: a Spanish NAP-like PDF rendered by WeasyPrint, with
accents, hyphenated words, a two-column page and printed page labels (roman front matter i–ii,
then 1, 2, …, added with pypdf since WeasyPrint cannot write /PageLabels), and a scanned copy
of two of its pages (rendered to images with pypdfium2 and put back in an image-only PDF)."""

from __future__ import annotations

import io

# The passages the tests encode, each with the page label it is printed on.
OBJECTIVE = (
    "Garantizar la participación plena e igualitaria de las mujeres en los procesos de "
    "prevención de conflictos y construcción de la paz."
)
LINE = (
    "Impulsar la capacitación de las mujeres integrantes de las Fuerzas Armadas para su "
    "despliegue en operaciones de mantenimiento de la paz."
)
INDICATOR = (
    "Porcentaje de mujeres desplegadas en operaciones de paz respecto del total del personal."
)
LEFT_COLUMN = (
    "Fortalecer los mecanismos de atención a mujeres y niñas sobrevivientes de violencia sexual "
    "en situaciones de conflicto."
)
RIGHT_COLUMN = (
    "Promover la coordinación interinstitucional para el seguimiento y la evaluación del plan."
)
SCANNED = "Establecer un sistema de monitoreo con indicadores desagregados por sexo y edad."
# Label of the page each passage is on.
PAGES = {OBJECTIVE: "1", LINE: "2", INDICATOR: "2", LEFT_COLUMN: "3", RIGHT_COLUMN: "3"}

FILLER = (
    "El Estado reconoce que la agenda de Mujeres, Paz y Seguridad requiere la acción coordinada "
    "de todas las instituciones, con enfoque de derechos humanos, interseccionalidad y "
    "perspectiva de género, así como la participación de la sociedad civil organizada. "
)

CSS = """
@page { size: A5; margin: 15mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.3; }
p { text-align: justify; hyphens: auto; margin: 0 0 0.6em; }
.page { break-after: page; }
.columns { columns: 2; column-gap: 8mm; }
h1, h2 { font-size: 13pt; }
"""


def plan_html(pages_of_filler: int = 0) -> str:
    front = [
        "<section class='page' lang='es'><h1>Plan Nacional de Acción 1325 de Testlandia</h1>"
        f"<p>Presentación.</p><p>{FILLER}</p></section>",
        f"<section class='page' lang='es'><h2>Índice</h2><p>{FILLER}</p></section>",
    ]
    body = [
        f"<section class='page' lang='es'><h2>Objetivo estratégico 1</h2><p>{FILLER}</p>"
        f"<p>{OBJECTIVE}</p><p>{FILLER}</p></section>",
        f"<section class='page' lang='es'><h2>Líneas de acción</h2><p>{LINE}</p>"
        f"<p>Indicador: {INDICATOR}</p><p>{FILLER * 2}</p></section>",
        f"<section class='page columns' lang='es'><p>{LEFT_COLUMN}</p><p>{FILLER * 3}</p>"
        f"<p>{RIGHT_COLUMN}</p><p>{FILLER * 2}</p></section>",
        f"<section class='page' lang='es'><h2>Seguimiento</h2><p>{SCANNED}</p>"
        f"<p>{FILLER}</p></section>",
    ]
    body += [
        f"<section class='page' lang='es'><h2>Anexo {n}</h2><p>{FILLER * 4}</p></section>"
        for n in range(1, pages_of_filler + 1)
    ]
    return (
        "<!doctype html><html lang='es'><head><meta charset='utf-8'><style>"
        + CSS
        + "</style></head><body>"
        + "".join(front + body)
        + "</body></html>"
    )


def with_page_labels(pdf: bytes, *, roman_pages: int = 2) -> bytes:
    """Front matter numbered i, ii…, the rest 1, 2… (/PageLabels)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.set_page_label(0, roman_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(roman_pages, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nap_pdf(pages_of_filler: int = 0) -> bytes:
    """The test plan's document: pages i, ii, 1 (objective), 2 (line, indicator), 3 (two
    columns), 4 (monitoring), then `pages_of_filler` annex pages."""
    from weasyprint import HTML

    return with_page_labels(HTML(string=plan_html(pages_of_filler)).write_pdf())


def scanned_pdf(pdf: bytes, pages: tuple[int, ...] = (3, 5)) -> bytes:
    """An image-only PDF of the given pages (0-based), as a scanner makes it: no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for index in pages:
            page = document[index]
            images.append(page.render(scale=200 / 72).to_pil().convert("L"))
            page.close()
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


# How secondary sources reconstruct each passage (shortened, reworded, in the plan's language):
# the suggestions should find the true passage from these.
RECONSTRUCTIONS = {
    OBJECTIVE: "participación plena e igualitaria de las mujeres en la prevención de conflictos y "
    "la construcción de paz",
    LINE: "capacitar a mujeres de las Fuerzas Armadas para operaciones de paz",
    INDICATOR: "porcentaje de mujeres desplegadas en operaciones de paz",
    LEFT_COLUMN: "atención a sobrevivientes de violencia sexual en conflictos",
    RIGHT_COLUMN: "coordinación interinstitucional para el seguimiento y evaluación",
    SCANNED: "un sistema de monitoreo con indicadores desagregados por sexo",
}


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF with the given content stream, in Helvetica (WinAnsi): for text placed
    glyph by glyph as TeX places it (an accent drawn over the next letter, a raised footnote
    number right against its first word)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


# TeX's way: "Fundici", an acute accent, then "on" moved back under it (333 = the accent's
# width); a footnote's number raised and small, right against its text.
TEX_LIKE = (
    b"BT /F1 10 Tf 40 500 Td [(Fundici\264) 333 (on de tipos)] TJ ET "
    b"BT /F1 6 Tf 40 460 Td 4 Ts (1) Tj /F1 10 Tf 0 Ts (Nota al pie) Tj ET"
)
