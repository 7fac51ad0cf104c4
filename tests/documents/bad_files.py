"""Files a plan's document must not be, each with the words its refusal says."""

from __future__ import annotations

import io
import zlib


def png_named_pdf() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="PNG")
    return out.getvalue()


def encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="secreto", owner_password="secreto")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated(pdf: bytes) -> bytes:
    return pdf[: len(pdf) // 2]


def garbled(pdf: bytes) -> bytes:
    """Starts and ends as a PDF does, with nothing readable between."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\nstartxref\n999999\n%%EOF\n"


def bomb(inflated_bytes: int) -> bytes:
    """A one-page PDF whose content stream is small compressed and `inflated_bytes` inflated."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(b" " * inflated_bytes)
    stream = stream.flate_encode()
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert len(data) < inflated_bytes // 100, len(data)
    assert zlib  # (the stream is FlateDecode)
    return data
