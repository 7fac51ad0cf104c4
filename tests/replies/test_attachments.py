"""A respondent's attachments: PDFs only, checked as a plan's documents are (size, type by
content, damage), kept out of the plan's documents, downloadable only once the reply is published
(before, by their own organisation and the reviewers), and listed with the published reply on the
critique's page, in the API and in the admin."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from documents.models import Document
from replies import services
from replies.models import Reply, ReplyAttachment
from reviewing import services as workflow
from tests.documents.builders import raw_pdf
from tests.replies.conftest import run_mail

pytestmark = pytest.mark.django_db

FORM = "/en/respond/critique/counts-events/reply/"
HOSTILE_NAME = '<img src=x onerror=alert(1)>"informe.pdf'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pdf(text: bytes = b"Respuesta") -> bytes:
    return raw_pdf(b"BT /F1 12 Tf 50 500 Td (" + text + b") Tj ET")


def upload(name: str, data: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def send(client, *files, body="Hemos **avanzado**."):
    return client.post(FORM, {"language": "es", "body": body, "attachments": list(files)})


@pytest.fixture
def attached(respondent, critique, client):
    """The respondent's reply to the critique with one PDF, sent for review (not published)."""
    client.force_login(respondent)
    response = send(client, upload("informe anual.pdf", pdf()))
    assert response.status_code == 302
    return Reply.objects.get()


def publish(reply, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    run_mail(queued)


def test_a_pdf_is_attached_to_the_reply_and_never_becomes_a_plan_document(attached):
    [attachment] = attached.attachments.all()
    assert attachment.original_name == "informe anual.pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == len(pdf())
    assert attachment.file.name.startswith("reply-attachments/")
    assert attachment.file.read() == pdf()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "Only PDF files can be attached"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf at all", "Only PDF files can be attached"),
        ("cut.pdf", pdf()[:-40], "This PDF is damaged"),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_a_bad_file_is_refused_with_a_field_error_and_the_text_is_kept(
    respondent, critique, client, name, data, said
):
    client.force_login(respondent)
    response = send(client, upload(name, data), body="Nuestro texto *entero*.")
    html = response.content.decode()
    assert response.status_code == 400
    assert said in html
    assert 'id="id_attachments_errors"' in html
    assert "Nuestro texto *entero*." in html  # nothing the respondent wrote is lost
    assert not Reply.objects.exists()
    assert not ReplyAttachment.objects.exists()


@override_settings(NAPWATCH_DOCUMENT_MAX_BYTES=1000)
def test_an_oversized_file_is_refused_at_the_documents_limit(respondent, critique, client):
    client.force_login(respondent)
    html = send(client, upload("big.pdf", pdf(b"x" * 2000))).content.decode()
    assert "over the limit of 1,000 bytes" in html
    assert not ReplyAttachment.objects.exists()


def test_at_most_three_files_per_reply(respondent, critique, client):
    client.force_login(respondent)
    files = [upload(f"f{n}.pdf", pdf(b"n%d" % n)) for n in range(4)]
    html = send(client, *files).content.decode()
    assert "A reply holds at most 3 attachments." in html
    assert not ReplyAttachment.objects.exists()


def test_spanish_respondents_read_the_refusal_in_spanish(respondent, critique, client):
    client.force_login(respondent)
    response = client.post(
        FORM.replace("/en/", "/es/"),
        {"language": "es", "body": "Texto.", "attachments": [upload("a.html", b"<p>x</p>")]},
    )
    assert "Solo se pueden adjuntar archivos PDF" in response.content.decode()


def test_a_draft_attachment_is_a_404_to_the_public_and_to_other_respondents(
    attached, invite, client, django_user_model
):
    url = attached.attachments.get().get_absolute_url()
    client.logout()
    assert client.get(url).status_code == 404
    other, _ = invite(organisation="Red de Mujeres", email="red@example.org")
    stranger = services.accept(
        invitation=other, email=other.contact_email, password="x-Long-pass-91"
    )
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_the_respondent_downloads_their_own_draft_attachment(attached, respondent, client):
    client.force_login(respondent)
    response = client.get(attached.attachments.get().get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf()


def test_a_published_attachment_is_a_download_for_anyone(
    attached, reviewer, client, django_capture_on_commit_callbacks
):
    publish(attached, reviewer, django_capture_on_commit_callbacks)
    client.logout()
    response = client.get(attached.attachments.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "informe" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf()


def test_the_reviewer_sees_and_opens_the_attachment_in_the_admin(attached, reviewer, client):
    client.force_login(reviewer)
    attachment = attached.attachments.get()
    admin = client.get(f"/admin/replies/reply/{attached.pk}/change/").content.decode()
    assert "informe anual.pdf" in admin
    assert attachment.get_absolute_url() in admin
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_the_published_reply_lists_its_attachments_escaped(
    respondent, critique, reviewer, client, django_capture_on_commit_callbacks
):
    client.force_login(respondent)
    assert send(client, upload(HOSTILE_NAME, pdf())).status_code == 302
    reply = Reply.objects.get()
    publish(reply, reviewer, django_capture_on_commit_callbacks)
    client.logout()
    attachment = reply.attachments.get()
    for language in ("en", "es"):
        html = client.get(
            f"/{language}/plans/testland-2024/critiques/counts-events/"
        ).content.decode()
        assert attachment.get_absolute_url().replace("/en/", f"/{language}/") in html
        assert "&lt;img src=x onerror=alert(1)&gt;&quot;informe.pdf" in html
        assert "<img src=x" not in html
    api = client.get("/api/v1/plans/testland-2024/critiques/counts-events/").json()
    [listed] = api["replies"][0]["attachments"]
    assert listed["name"] == HOSTILE_NAME
    assert listed["media_type"] == "application/pdf"
    assert listed["size"] == len(pdf())
    assert listed["url"] == settings.NAPWATCH_SITE_URL.rstrip("/") + attachment.get_absolute_url()
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_attachment_whose_file_is_gone_is_a_404_not_a_500(attached, respondent, client):
    row = attached.attachments.get()
    row.file.storage.delete(row.file.name)
    client.force_login(respondent)
    assert client.get(row.get_absolute_url()).status_code == 404
