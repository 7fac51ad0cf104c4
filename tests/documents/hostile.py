"""Hostile documents, built here byte by byte (never checked in as files): the tests and
bench/hostile_documents.py use them.

Each builder returns the file's bytes. `raw_pdf()` writes a PDF from its objects' source, with a
correct cross-reference table, so a test can say exactly what a stream's filters are.
"""

from __future__ import annotations

import base64
import io
import zlib

TEXT = b"BT /F1 12 Tf 72 720 Td (Plan Nacional de Accion 1325, pagina de prueba.) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def raw_pdf(
    *, content: bytes = TEXT, content_dict: bytes = b"", page_extra: bytes = b"", size=(612, 792)
) -> bytes:
    """A one-page PDF whose content stream is `content` as written (already encoded as its
    `content_dict`'s /Filter says), the page dictionary with `page_extra` in it."""
    width, height = size
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> %s >>"
        % (width, height, page_extra),
        b"<< /Length %d %s >>\nstream\n" % (len(content), content_dict) + content + b"\nendstream",
        FONT,
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
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


# ---- Encryption ---------------------------------------------------------------------------------


def encrypted(pdf: bytes, *, user: str, owner: str = "owner") -> bytes:
    """AES-256 (what `qpdf --encrypt USER OWNER 256` writes): an empty `user` password opens it
    without asking (printing or copying restricted by the owner password only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- Decompression bombs behind other filters ---------------------------------------------------


def zeros_deflated(inflated_bytes: int) -> bytes:
    compressor = zlib.compressobj(1)
    chunk = b"\0" * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(inflated_bytes >> 20)]
    parts.append(compressor.compress(b"\0" * (inflated_bytes & ((1 << 20) - 1))))
    parts.append(compressor.flush())
    return b"".join(parts)


def hex_flate_bomb(inflated_bytes: int) -> bytes:
    """[/ASCIIHexDecode /FlateDecode]: hex of a deflated run of zeros."""
    data = zeros_deflated(inflated_bytes).hex().encode() + b">"
    return raw_pdf(content=data, content_dict=b"/Filter [/ASCIIHexDecode /FlateDecode]")


def ascii85_flate_bomb(inflated_bytes: int) -> bytes:
    """[/ASCII85Decode /FlateDecode]."""
    data = base64.a85encode(zeros_deflated(inflated_bytes)) + b"~>"
    return raw_pdf(content=data, content_dict=b"/Filter [/ASCII85Decode /FlateDecode]")


def runlength_bomb(decoded_bytes: int) -> bytes:
    """/RunLengthDecode: each two bytes (129, 0) stand for 128 zeros."""
    data = b"\x81\x00" * (decoded_bytes // 128) + b"\x80"
    return raw_pdf(content=data, content_dict=b"/Filter /RunLengthDecode")


# ---- Pages too large to render ------------------------------------------------------------------


def huge_page(points: int = 4000, *, user_unit: float | None = None) -> bytes:
    """A `points` × `points` page showing only a 1×1 image (so it is read by OCR), optionally
    with /UserUnit (each unit that many points)."""
    extra = b"/UserUnit %g" % user_unit if user_unit else b""
    content = b"q 1 0 0 1 0 0 cm /Im1 Do Q"
    return raw_pdf(content=content, page_extra=extra, size=(points, points))


# ---- Text ---------------------------------------------------------------------------------------


def form_feeds(pages: int) -> bytes:
    """A text file of `pages` pages: 'x' and a form feed, again and again."""
    return b"x\f" * pages


HOSTILE = {
    # name: (bytes builder, file name)
    "aes-owner-password-only": (lambda: encrypted(raw_pdf(), user=""), "plan.pdf"),
    "aes-user-password": (lambda: encrypted(raw_pdf(), user="user"), "plan.pdf"),
    "hex-flate-bomb": (lambda: hex_flate_bomb(1_000_000_000), "plan.pdf"),
    "ascii85-flate-bomb": (lambda: ascii85_flate_bomb(1_000_000_000), "plan.pdf"),
    "runlength-bomb": (lambda: runlength_bomb(1_000_000_000), "plan.pdf"),
    "page-4000pt": (lambda: huge_page(4000), "plan.pdf"),
    "page-14400pt": (lambda: huge_page(14400), "plan.pdf"),
    "page-userunit-10": (lambda: huge_page(1440, user_unit=10), "plan.pdf"),
    "form-feeds-1000001": (lambda: form_feeds(1_000_001), "plan.txt"),
}
