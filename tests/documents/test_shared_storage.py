"""Uploaded documents are read and written only through Django's storage API, so the machines of a
deployment share them by sharing that storage (docs/deploying.md: a network file system mounted
at MEDIA_ROOT on every app server and task worker).

Here the storage is Django's InMemoryStorage, which has no file on any disk: a document uploaded
on the admin, extracted by the task and offered to readers works with it only if nothing opens a
path under MEDIA_ROOT behind the storage's back.
"""

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def diskless_storage(settings, media_root):
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }
    yield storages["default"]
    assert not media_root.exists()  # nothing was written beside the storage


def test_a_document_goes_from_upload_to_extraction_to_readers_through_the_storage_alone(
    client,
    maintainer,
    minimal_plan,
    nap_pdf,
    diskless_storage,
    django_capture_on_commit_callbacks,
):
    client.force_login(maintainer)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's extraction
        response = client.post(
            "/admin/documents/document/add/",
            {"plan": minimal_plan.pk, "upload": SimpleUploadedFile("pna.pdf", nap_pdf)},
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.status, document.pages_done) == ("done", 6)
    assert diskless_storage.exists(document.file.name)

    Document.objects.filter(pk=document.pk).update(is_public=True)
    client.logout()
    download = client.get("/en/plans/testland-2024/document/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == nap_pdf
