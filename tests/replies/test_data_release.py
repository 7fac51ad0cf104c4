"""The data release's tables of the right of reply: invitations (never the contact's address)
and published replies only, in a package that frictionless validates."""

import csv
import datetime
import json

import pytest

from documents.extraction import inspect_pdf
from replies import services
from replies.models import Invitation, Reply
from reviewing import services as workflow
from tests.documents.builders import raw_pdf
from tests.opendata.test_data_release import export, frictionless_validate

pytestmark = pytest.mark.django_db


def rows(folder, table):
    with (folder / "data" / f"{table}.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_invitations_and_published_replies_are_released(
    respondent, critique, write_reply, reviewer, invite, tmp_path
):
    published = write_reply(respondent, critique, body="Hemos avanzado.")
    workflow.transition(kind=services.REPLIES, obj=published, user=reviewer, name="publish")
    write_reply(respondent, critique, body="A second, not yet reviewed")
    other, _ = invite(organisation="Red de Mujeres", email="red@example.org")
    Invitation.objects.filter(pk=other.pk).update(deadline=datetime.date(2026, 4, 2))
    folder = export(tmp_path / "release")
    result = frictionless_validate(folder)
    assert result.returncode == 0, result.stdout[-3000:]
    assert json.loads(result.stdout)["valid"] is True
    invitations = rows(folder, "invitations")
    assert [(r["id"], r["organisation"], r["replied"]) for r in invitations] == [
        ("testland-2024/invitation-1", "Ministry of Relations", "true"),
        ("testland-2024/invitation-2", "Red de Mujeres", "false"),
    ]
    assert invitations[1]["deadline"] == "2026-04-02"
    assert "contact@minrel.example" not in (folder / "data" / "invitations.csv").read_text()
    [reply] = rows(folder, "replies")
    assert reply["id"] == "testland-2024/invitation-1/reply-1"
    assert reply["critique_id"] == "testland-2024/counts-events"
    assert reply["body"] == "Hemos avanzado." and reply["language"] == "es"


def test_a_released_reply_lists_its_attachments_download_addresses(
    respondent, critique, reviewer, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    files = []
    for text in (b"Anexo uno", b"Anexo dos"):
        data = raw_pdf(b"BT /F1 12 Tf 50 500 Td (" + text + b") Tj ET")
        files.append(("anexo.pdf", data, inspect_pdf(data, name="anexo.pdf")))
    reply = Reply(
        invitation=respondent.respondent.invitation,
        critique=critique,
        body="Ver anexos.",
        language="es",
    )
    reply = services.write_reply(reply=reply, user=respondent, attachments=files)
    workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    bare = services.write_reply(
        reply=Reply(
            invitation=reply.invitation, critique=critique, body="Sin anexos.", language="es"
        ),
        user=respondent,
    )
    workflow.transition(kind=services.REPLIES, obj=bare, user=reviewer, name="publish")
    folder = export(tmp_path / "release")
    site = settings.NAPWATCH_SITE_URL.rstrip("/")
    first, second = (a.pk for a in reply.attachments.order_by("pk"))
    assert [r["attachment_urls"] for r in rows(folder, "replies")] == [
        f"{site}/en/respond/attachments/{first}/ {site}/en/respond/attachments/{second}/",
        "",
    ]
