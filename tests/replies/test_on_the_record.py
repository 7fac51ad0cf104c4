"""A reviewer publishes a reply as written (or returns it with a comment); the published reply
stands beside the critique on its page and the element's page in both languages, the critique's
author is told, a lapsed invitation shows its dates, and the plan shows its response rate."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from replies import services
from replies.models import Invitation
from reviewing import services as workflow
from tests.replies.conftest import run_mail

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> **Hemos avanzado** <img src=x onerror=alert(1)>'


@pytest.fixture
def published_reply(
    respondent, critique, write_reply, reviewer, django_capture_on_commit_callbacks
):
    reply = write_reply(respondent, critique, body=HOSTILE)
    with django_capture_on_commit_callbacks() as queued:
        workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    run_mail(queued)
    reply.refresh_from_db()
    return reply


def test_a_respondent_cannot_publish_their_own_reply(respondent, critique, write_reply):
    reply = write_reply(respondent, critique)
    with pytest.raises(services.TransitionRefused):
        workflow.transition(kind=services.REPLIES, obj=reply, user=respondent, name="publish")


def test_editors_and_maintainers_cannot_publish_replies(
    respondent, critique, write_reply, editor, maintainer
):
    reply = write_reply(respondent, critique)
    for person in (editor, maintainer):
        with pytest.raises(services.TransitionRefused):
            workflow.transition(kind=services.REPLIES, obj=reply, user=person, name="publish")


def test_a_returned_reply_keeps_the_reviewers_reason_for_the_respondent(
    respondent, critique, write_reply, reviewer, client
):
    reply = write_reply(respondent, critique)
    with pytest.raises(services.TransitionRefused, match="Say why"):
        workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="return_to_draft")
    workflow.transition(
        kind=services.REPLIES,
        obj=reply,
        user=reviewer,
        name="return_to_draft",
        comment="Please remove the personal phone number.",
    )
    client.force_login(respondent)
    page = client.get("/en/respond/").content.decode()
    assert "Please remove the personal phone number." in page
    assert "Correct and send again" in page
    history = [h.history_change_reason for h in reply.history.all()]
    assert any(r and r.startswith("Return to draft: Please remove") for r in history)


def test_reviewers_publish_in_the_admin_and_never_edit_the_text(
    respondent, critique, write_reply, reviewer, client
):
    reply = write_reply(respondent, critique)
    client.force_login(reviewer)
    form = client.get(f"/admin/replies/reply/{reply.pk}/change/").content.decode()
    assert 'name="body"' not in form  # shown as written, not editable
    assert 'name="translation"' in form
    response = client.post(f"/admin/replies/reply/{reply.pk}/transition/publish/")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "published"
    assert reply.published_by == reviewer


def test_the_reply_stands_beside_the_critique_in_both_languages(published_reply, client):
    for language in ("en", "es"):
        page = client.get(f"/{language}/plans/testland-2024/critiques/counts-events/")
        html = page.content.decode()
        assert page.status_code == 200
        assert "<strong>Hemos avanzado</strong>" in html
        assert "<script>alert" not in html and "onerror" not in html
        assert ("Response from" if language == "en" else "Respuesta de") in html
        assert 'lang="es"' in html


def test_the_reply_shows_on_the_element_page(published_reply, client):
    page = client.get("/en/plans/testland-2024/pillars/prevention/").content.decode()
    assert "<strong>Hemos avanzado</strong>" in page


def test_napwatchs_translation_is_labelled_as_ours(published_reply, reviewer, client):
    published_reply.translation = "We **have progressed**."
    published_reply.translation_language = "en"
    workflow.save(kind=services.REPLIES, obj=published_reply, user=reviewer)
    html = client.get("/en/plans/testland-2024/critiques/counts-events/").content.decode()
    assert "Translation by napwatch" in html
    assert "<strong>have progressed</strong>" in html


def test_the_critiques_author_is_emailed_when_a_reply_is_published(
    with_emails, respondent, critique, write_reply, reviewer, django_capture_on_commit_callbacks
):
    reply = write_reply(respondent, critique)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks() as queued:
        workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    run_mail(queued)
    told = mail.outbox[sent:]
    assert [m.to for m in told] == [["erin-editor@example.org"]]
    assert "Ministry of Relations replied" in told[0].body
    assert f"#reply-{reply.pk}" in told[0].body


def test_a_lapsed_invitation_shows_its_dates(invite, critique, client):
    invitation, _ = invite(deadline=timezone.localdate() + datetime.timedelta(days=10))
    Invitation.objects.filter(pk=invitation.pk).update(
        deadline=datetime.date(2026, 4, 2),
        sent_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
    )
    html = client.get("/en/plans/testland-2024/critiques/counts-events/").content.decode()
    assert "invited to reply on 2 March 2026; no response as of 2 April 2026." in html
    es = client.get("/es/plans/testland-2024/critiques/counts-events/").content.decode()
    assert "2 de marzo de 2026" in es


def test_a_deadline_passing_shows_on_cached_pages_after_the_daily_command(invite, critique, client):
    """A deadline passing changes no row, so the page cache would keep the page of the day
    before; `send_reply_reminders`, run daily, renews the pages of plans whose invitations lapsed."""
    invitation, _ = invite(deadline=timezone.localdate() + datetime.timedelta(days=10))
    url = "/en/plans/testland-2024/critiques/counts-events/"
    assert "no response as of" not in client.get(url).content.decode()
    # Time passes: update() sends no signal, as a passing day sends none.
    Invitation.objects.filter(pk=invitation.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "no response as of" not in client.get(url).content.decode(), "served from the cache"
    out = io.StringIO()
    call_command("send_reply_reminders", stdout=out)
    assert "1 plan(s) whose invitations lapsed this week" in out.getvalue()
    assert "no response as of" in client.get(url).content.decode()


def test_the_plan_overview_shows_the_response_rate(published_reply, invite, client):
    invite(organisation="Red de Mujeres", email="red@example.org")
    html = client.get("/en/plans/testland-2024/").content.decode()
    assert "1 of 2 invited bodies replied" in html


def test_the_critique_page_reads_replies_in_bounded_queries(
    published_reply, invite, client, django_assert_max_num_queries
):
    """Prevents an N+1: the replies, their attachments and the lapsed invitations are three
    queries, however many."""
    for n in range(3):
        lapsed, _ = invite(organisation=f"Body {n}", email=f"b{n}@example.org")
        Invitation.objects.filter(pk=lapsed.pk).update(deadline=datetime.date(2026, 4, 2))
    with django_assert_max_num_queries(6):
        page = client.get("/en/plans/testland-2024/critiques/counts-events/")
    assert page.content.decode().count("no response as of 2 April 2026") == 3


def test_the_api_gives_the_reply_beside_the_critique(published_reply, client):
    body = client.get("/api/v1/plans/testland-2024/critiques/counts-events/").json()
    [reply] = body["replies"]
    assert reply["organisation"] == "Ministry of Relations"
    assert reply["language"] == "es"
    assert reply["body"] == HOSTILE  # as written
    assert "<script" not in reply["body_html"]
    assert reply["translation"] is None


def test_the_api_never_gives_an_unpublished_reply(respondent, critique, write_reply, client):
    write_reply(respondent, critique, body="Not yet reviewed")
    body = client.get("/api/v1/plans/testland-2024/critiques/counts-events/").json()
    assert body["replies"] == []


def test_the_reply_is_a_web_annotation_replying_to_the_critiques_annotation(
    published_reply, client
):
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads(
        (Path(__file__).resolve().parents[2] / "opendata/w3c/annotation.schema.json").read_text()
    )
    page = client.get("/en/plans/testland-2024/critiques/counts-events/").content.decode()
    url = f"/en/plans/testland-2024/critiques/counts-events/replies/{published_reply.pk}/annotation.jsonld"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(
        document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert document["motivation"] == "replying"
    assert document["target"]["source"] == (
        "http://testserver/en/plans/testland-2024/critiques/counts-events/annotation.jsonld"
    )
    assert document["creator"] == {"type": "Organization", "name": "Ministry of Relations"}
    assert document["body"]["language"] == "es"
    assert client.get(url.replace(str(published_reply.pk), "999999")).status_code == 404


def test_an_unpublished_reply_has_no_annotation(respondent, critique, write_reply, client):
    reply = write_reply(respondent, critique)
    url = f"/en/plans/testland-2024/critiques/counts-events/replies/{reply.pk}/annotation.jsonld"
    assert client.get(url).status_code == 404


def test_the_published_reply_is_in_the_plans_feed(published_reply, client):
    feed = client.get("/en/plans/testland-2024/feed.atom").content.decode()
    assert "Response from Ministry of Relations to: Counts events, not change" in feed
    assert f"/en/plans/testland-2024/critiques/counts-events/#reply-{published_reply.pk}" in feed
    assert "&lt;script" not in feed and "<script" not in feed
    spanish = client.get("/es/plans/testland-2024/feed.atom").content.decode()
    assert "Respuesta de Ministerio de Relaciones a:" in spanish
