"""Attacks the second hardening round tried (issue 24): e-mail headers from names and titles,
and editors writing reference data (rubric criteria, recommendations, sources) in the admin."""

import email
import email.policy

import pytest
from django.core import mail

from critiques import services
from critiques.models import Critique, Recommendation
from plans.models import Source
from scorecards.models import Criterion

pytestmark = pytest.mark.django_db


def test_cr_lf_in_a_title_and_a_name_cannot_add_email_headers(
    django_capture_on_commit_callbacks, editor, reviewer, write_critique
):
    reviewer.email = "rita@example.org"
    reviewer.save()
    editor.first_name = "Erin\r\nBcc: victim@example.org"
    editor.last_name = "Editor"
    editor.save()
    critique = write_critique(editor)
    # Stored as an older load or a direct update could have left it (the form refuses it now).
    Critique.objects.filter(pk=critique.pk).update(title_en="Title\r\nBcc: evil@example.org")
    critique.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(critique=critique, user=editor)
    (sent,) = mail.outbox
    assert sent.subject == "Waiting for your review: “Title Bcc: evil@example.org”"
    assert sent.bcc == [] and sent.recipients() == ["rita@example.org"]
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["To"] == "rita@example.org"
    assert parsed["Subject"] == "Waiting for your review: “Title Bcc: evil@example.org”"


def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "model, url",
    [
        (Criterion, "/admin/scorecards/criterion/{pk}/change/"),
        (Recommendation, "/admin/critiques/recommendation/{pk}/change/"),
        (Source, "/admin/plans/source/{pk}/change/"),
    ],
)
def test_an_editor_posting_changes_to_reference_data_gets_403(client, mexico, editor, model, url):
    obj = model.objects.first()
    before = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    response = as_editor(client, editor).post(url.format(pk=obj.pk), {"title": "Hijacked"})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields} == before
    add = url.format(pk=obj.pk).replace(f"{obj.pk}/change/", "add/")
    assert client.post(add, {"title": "New"}).status_code == 403
    delete = url.format(pk=obj.pk).replace("change/", "delete/")
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
