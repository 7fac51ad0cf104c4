"""Hostile documents (tests/documents/hostile.py) are read, or refused saying why, cheaply."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from documents import filters
from documents.extraction import RefusedDocument, inspect
from documents.models import Document
from documents.services import start_extraction
from tests.documents import hostile

pytestmark = pytest.mark.django_db


def extracted(document) -> Document:
    start_extraction(document)  # as the commit would
    document.refresh_from_db()
    return document


def test_an_aes_pdf_with_an_owner_password_only_is_read(minimal_plan, tmp_path):
    path = tmp_path / "restringido.pdf"
    path.write_bytes(hostile.encrypted(hostile.raw_pdf(), user=""))
    call_command("add_document", minimal_plan.slug, str(path))
    document = extracted(Document.objects.get())
    assert document.status == Document.Status.DONE, document.error
    assert "Plan Nacional de Accion 1325" in document.pages.get().text


def test_the_admin_accepts_an_owner_password_only_pdf(client, maintainer, minimal_plan):
    client.force_login(maintainer)
    response = client.post(
        "/admin/documents/document/add/",
        {
            "plan": minimal_plan.pk,
            "upload": SimpleUploadedFile("plan.pdf", hostile.encrypted(hostile.raw_pdf(), user="")),
            "language": "es",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Document.objects.get().page_count == 1


@pytest.mark.parametrize(
    "filters_, encode",
    [
        (["/ASCIIHexDecode", "/FlateDecode"], lambda d: d.hex().encode() + b">"),
        (["/ASCII85Decode", "/FlateDecode"], lambda d: __import__("base64").a85encode(d) + b"~>"),
    ],
)
def test_the_size_is_counted_through_the_whole_chain(filters_, encode):
    raw = encode(hostile.zeros_deflated(5_000_000))
    assert filters.decoded_size(raw, filters_, at_most=10_000_000) == 5_000_000
    assert filters.decoded_size(raw, filters_, at_most=1_000_000) <= 1_000_000 + filters.CHUNK


def test_run_length_decodes_as_the_pdf_reference_says():
    from pypdf.filters import RunLengthDecode

    raw = b"\x02abc\xfdz\x00q\x80"  # "abc", "z" × 4, "q"
    assert RunLengthDecode.decode(raw) == b"abczzzzq"
    assert filters.decoded_size(raw, ["/RunLengthDecode"], at_most=100) == 8


def test_a_text_file_of_form_feeds_is_refused_by_its_page_count(settings):
    settings.NAPWATCH_DOCUMENT_MAX_PAGES = 2000
    with pytest.raises(RefusedDocument, match="has 1,000,001 pages"):
        inspect(hostile.form_feeds(1_000_001), name="plan.txt")


def test_text_pages_are_written_in_batches(minimal_plan, settings, django_assert_max_num_queries):
    settings.NAPWATCH_DOCUMENT_MAX_PAGES = 2000
    from documents.services import add_document

    document = add_document(plan=minimal_plan, data=hostile.form_feeds(2000), name="plan.txt")
    with django_assert_max_num_queries(30):
        document = extracted(document)
    assert (document.status, document.pages.count()) == (Document.Status.DONE, 2000)


@pytest.mark.parametrize(
    "pdf, words",
    [
        (lambda: hostile.huge_page(4000), "Page 1 is too large to read by OCR: 4,000 × 4,000"),
        (lambda: hostile.huge_page(14400), "Page 1 is too large to read by OCR: 14,400 × 14,400"),
        (
            lambda: hostile.huge_page(1440, user_unit=10),
            "Page 1 is too large to read by OCR: 14,400 × 14,400",
        ),
    ],
)
@pytest.mark.django_db(transaction=True)  # the command's commit runs the extraction, as in use
def test_a_page_too_large_to_render_is_refused_saying_so(minimal_plan, tmp_path, pdf, words):
    path = tmp_path / "grande.pdf"
    path.write_bytes(pdf())
    with pytest.raises(CommandError) as refused:
        call_command("add_document", minimal_plan.slug, str(path))
    message = str(refused.value)
    assert message.startswith(f"{path}: attached, but extraction failed: {words}")
    assert "million pixels at 150 dpi, over the limit of 36 million." in message
    assert "\n" not in message
    assert Document.objects.get().status == Document.Status.FAILED


@pytest.mark.parametrize("chunk", [1, 3, 7, 64])
def test_each_filter_decodes_across_chunk_boundaries_as_pypdf_does(chunk):
    import base64
    import random

    from pypdf.filters import RunLengthDecode

    rng = random.Random(chunk)
    data = bytes(rng.choice([0, 0, 0, 0, 1, 65, 255]) for _ in range(2000))
    runs = b"\x02abc\xfdz" * 50 + b"\x81\x00" * 300 + b"\x00q\x80"
    cases = [
        (filters.ascii85, base64.a85encode(data, wrapcol=75) + b"~>", data),
        (filters.ascii_hex, data.hex().encode() + b">", data),
        (filters.run_length, runs, RunLengthDecode.decode(runs)),
    ]
    for decoder, raw, want in cases:
        pieces = iter([raw[i : i + chunk] for i in range(0, len(raw), chunk)])
        assert b"".join(decoder(pieces)) == want, decoder.__name__
