"""Bad files are refused with a clear reason and leave nothing behind: no file in storage, no
Document, no Source. Each in the admin's upload form and in `add_document`."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from documents.models import Document
from documents.services import add_document
from plans.models import Source
from tests.documents import bad_files, hostile
from tests.documents.conftest import stored_files

pytestmark = pytest.mark.django_db

CASES = {
    "not-a-pdf": (lambda pdf: bad_files.png_named_pdf(), "plan.pdf", "This is not a PDF"),
    "binary-named-txt": (lambda pdf: b"\x00\x01" * 10, "plan.txt", "not a text file"),
    "encrypted": (bad_files.encrypted, "plan.pdf", "This PDF needs a password to open"),
    "aes-user-password": (
        lambda pdf: hostile.encrypted(pdf, user="user"),
        "plan.pdf",
        "This PDF needs a password to open",
    ),
    "truncated": (bad_files.truncated, "plan.pdf", "This PDF is damaged"),
    "garbled": (bad_files.garbled, "plan.pdf", "This PDF"),
    "too-big": (lambda pdf: pdf, "plan.pdf", "over the limit of 5,000 bytes"),
    "too-many-pages": (lambda pdf: pdf, "plan.pdf", "This PDF has 6 pages, over the limit of 3"),
    "bomb": (lambda pdf: bad_files.bomb(3_000_000), "plan.pdf", "decompress to more than"),
    "hex-flate-bomb": (lambda pdf: hostile.hex_flate_bomb(3_000_000), "plan.pdf", "decompress to"),
    "a85-flate-bomb": (lambda pdf: hostile.ascii85_flate_bomb(3_000_000), "plan.pdf", "decompress"),
    "runlength-bomb": (lambda pdf: hostile.runlength_bomb(3_000_000), "plan.pdf", "decompress to"),
    "form-feeds": (
        lambda pdf: hostile.form_feeds(4),
        "plan.txt",
        "This text file has 4 pages (parts between form feeds), over the limit of 3.",
    ),
}


@pytest.fixture
def limits(settings, request):
    name = request.node.callspec.params["case"]
    if name == "too-big":
        settings.NAPWATCH_DOCUMENT_MAX_BYTES = 5000
    if name in ("too-many-pages", "form-feeds"):
        settings.NAPWATCH_DOCUMENT_MAX_PAGES = 3
    if name.endswith("bomb"):
        settings.NAPWATCH_DOCUMENT_MAX_DECOMPRESSED_BYTES = 1_000_000


def nothing_left(media_root, sources_before: int) -> None:
    assert Document.objects.count() == 0
    assert Source.objects.count() == sources_before
    assert stored_files(media_root) == [] if media_root.exists() else True


@pytest.mark.parametrize("case", CASES)
def test_add_document_refuses(case, limits, minimal_plan, nap_pdf, tmp_path, media_root):
    make, name, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(make(nap_pdf))
    sources = Source.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("add_document", minimal_plan.slug, str(path))
    assert message in str(refused.value)
    assert str(refused.value).startswith(f"{path}: refused: ")
    assert refused.value.returncode == 2
    nothing_left(media_root, sources)


@pytest.mark.parametrize("case", CASES)
def test_admin_upload_refuses(case, limits, client, maintainer, minimal_plan, nap_pdf, media_root):
    make, name, message = CASES[case]
    client.force_login(maintainer)
    sources = Source.objects.count()
    response = client.post(
        "/admin/documents/document/add/",
        {
            "plan": minimal_plan.pk,
            "upload": SimpleUploadedFile(name, make(nap_pdf)),
            "language": "es",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["upload"]
    assert any(message in error for error in errors), errors
    nothing_left(media_root, sources)


def test_duplicate_is_refused_in_both(
    client, maintainer, minimal_plan, nap_pdf, tmp_path, media_root
):
    first = add_document(plan=minimal_plan, data=nap_pdf, name="pna.pdf")
    files, sources = stored_files(media_root), Source.objects.count()
    path = tmp_path / "copia.pdf"
    path.write_bytes(nap_pdf)
    with pytest.raises(CommandError, match=re.escape("already attached to testland-2024")):
        call_command("add_document", minimal_plan.slug, str(path))
    client.force_login(maintainer)
    response = client.post(
        "/admin/documents/document/add/",
        {"plan": minimal_plan.pk, "upload": SimpleUploadedFile("copia.pdf", nap_pdf)},
    )
    assert "already attached" in str(response.context["adminform"].form.errors["upload"])
    assert list(Document.objects.all()) == [first]
    assert (stored_files(media_root), Source.objects.count()) == (files, sources)


def test_command_names_an_unknown_plan_and_a_missing_file(minimal_plan, tmp_path):
    with pytest.raises(CommandError, match="No plan 'nowhere'"):
        call_command("add_document", "nowhere", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("add_document", minimal_plan.slug, str(tmp_path / "x.pdf"))
