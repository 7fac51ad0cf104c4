"""A published reply on the scorecard (beside the assessment it answers, and as a link beside a
critique that is an assessment's evidence) and in the compare page's evidence ("Response from
…", linking to the reply's card); never a reply that is not published; bounded queries."""

import csv
import datetime
import io
import re

import pytest

from documents.extraction import inspect_pdf
from replies import services
from replies.models import Invitation, Reply
from reviewing import services as workflow
from scorecards.models import Assessment
from tests.documents.builders import raw_pdf
from tests.replies.conftest import RESPONDENT_PASSWORD, run_mail

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> **Hemos avanzado** <img src=x onerror=alert(1)>'
SCORECARD = "/{language}/plans/mexico-2021/scorecard/"
COMPARE = "/en/compare/?plans=mexico-2021,canada-2017"


def card_of(html: str, anchor: str) -> str:
    """The <article> whose id is `anchor`, alone."""
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</article>", start)]


def compare_cell(html: str, anchor: str) -> str:
    """Mexico's cell (the first plan's) in the compare table's row `anchor`."""
    row = html[html.index(f'id="row-{anchor}"') :]
    row = row[: row.index("</tr>")]
    return row.split("<td>")[1]


@pytest.fixture
def evidenced(mexico) -> Assessment:
    """A published assessment of Mexico's whose evidence includes a published critique."""
    return (
        Assessment.objects.published()
        .filter(plan=mexico, evidence__critique__status="published")
        .select_related("criterion")
        .order_by("criterion__order")
        .first()
    )


@pytest.fixture
def mexico_respondent(mexico, invite):
    invitation, _link = invite(plan=mexico, organisation="Red <b>de</b> Mujeres", email="r@red.mx")
    return services.accept(
        invitation=invitation, email=invitation.contact_email, password=RESPONDENT_PASSWORD
    )


@pytest.fixture
def reply_to(mexico_respondent, reviewer, django_capture_on_commit_callbacks):
    """reply_to(assessment=… | critique=…, publish=True): a reply from the Red de Mujeres,
    submitted, and published by the reviewer unless `publish` is False."""

    def make(*, publish=True, body=HOSTILE, attachments=(), **answered) -> Reply:
        reply = Reply(
            invitation=mexico_respondent.respondent.invitation,
            body=body,
            language="es",
            **answered,
        )
        reply = services.write_reply(reply=reply, user=mexico_respondent, attachments=attachments)
        if publish:
            with django_capture_on_commit_callbacks() as queued:
                workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
            run_mail(queued)
            reply.refresh_from_db()
        return reply

    return make


def test_the_scorecard_shows_a_published_reply_beside_the_assessment_it_answers(
    evidenced, reply_to, client
):
    reply = reply_to(assessment=evidenced)
    anchor = f"criterion-{evidenced.criterion.key}"
    for language, label in (("en", "Response from"), ("es", "Respuesta de")):
        html = client.get(SCORECARD.format(language=language)).content.decode()
        card = card_of(html, anchor)
        assert f'id="reply-{reply.pk}"' in card
        assert f"{label} Red &lt;b&gt;de&lt;/b&gt; Mujeres" in card
        assert "<strong>Hemos avanzado</strong>" in card
        assert '<div class="reply__body" lang="es">' in card
        assert "<script>alert" not in html and "onerror" not in html
        # an assessment's reply has no annotation of a critique to point at
        assert "annotation.jsonld" not in card
        # beside its own assessment only
        assert html.count(f'id="reply-{reply.pk}"') == 1


def test_the_scorecard_lists_a_published_reply_s_attachments(
    evidenced, reply_to, client, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    data = raw_pdf(b"BT /F1 12 Tf 50 500 Td (Anexo) Tj ET")
    name = "<b>anexo</b>.pdf"
    reply = reply_to(assessment=evidenced, attachments=[(name, data, inspect_pdf(data, name=name))])
    [attachment] = reply.attachments.all()
    site = settings.NAPWATCH_SITE_URL.rstrip("/")
    anchor = f"criterion-{evidenced.criterion.key}"
    for language in ("en", "es"):
        card = card_of(client.get(SCORECARD.format(language=language)).content.decode(), anchor)
        assert f'href="/{language}/respond/attachments/{attachment.pk}/"' in card
        assert "&lt;b&gt;anexo&lt;/b&gt;.pdf" in card
    body = client.get("/api/v1/plans/mexico-2021/assessments/?page_size=100").json()
    [row] = [r for r in body["results"] if r["criterion"]["key"] == evidenced.criterion.key]
    assert row["replies"][0]["attachments"] == [
        {
            "name": name,
            "media_type": "application/pdf",
            "size": len(data),
            "url": f"{site}/en/respond/attachments/{attachment.pk}/",
        }
    ]


def test_a_reply_not_yet_published_is_not_on_the_scorecard_or_the_compare_page(
    evidenced, reply_to, client
):
    reply = reply_to(assessment=evidenced, publish=False, body="Borrador **secreto**")
    assert reply.status != Reply.Status.PUBLISHED
    scorecard = client.get(SCORECARD.format(language="en")).content.decode()
    compare = client.get(COMPARE).content.decode()
    for html in (scorecard, compare):
        assert "secreto" not in html
        assert f"reply-{reply.pk}" not in html
        assert "Red &lt;b&gt;de&lt;/b&gt; Mujeres" not in html


def test_a_reply_to_a_critique_that_is_evidence_is_linked_from_the_scorecard(
    evidenced, reply_to, client
):
    critique = next(e.critique for e in evidenced.evidence.all() if e.critique_id)
    reply = reply_to(critique=critique)
    html = client.get(SCORECARD.format(language="en")).content.decode()
    card = card_of(html, f"criterion-{evidenced.criterion.key}")
    link = f"/en/plans/mexico-2021/critiques/{critique.key}/#reply-{reply.pk}"
    assert re.search(
        rf'<a class="reply-link" href="{re.escape(link)}">Response from Red &lt;b&gt;de&lt;/b&gt; '
        r"Mujeres</a>",
        card,
    )
    # and the link leads to the reply's card on the critique's page
    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="reply-{reply.pk}"' in page


def test_the_compare_page_shows_replies_with_the_evidence_they_answer(evidenced, reply_to, client):
    critique = next(e.critique for e in evidenced.evidence.all() if e.critique_id)
    to_assessment = reply_to(assessment=evidenced)
    to_critique = reply_to(critique=critique)
    html = client.get(COMPARE).content.decode()
    cell = compare_cell(html, evidenced.criterion.key)
    links = re.findall(r'<a class="reply-link" href="([^"]+)">([^<]+)</a>', cell)
    assert links == [
        (
            f"/en/plans/mexico-2021/scorecard/#reply-{to_assessment.pk}",
            "Response from Red &lt;b&gt;de&lt;/b&gt; Mujeres",
        ),
        (
            f"/en/plans/mexico-2021/critiques/{critique.key}/#reply-{to_critique.pk}",
            "Response from Red &lt;b&gt;de&lt;/b&gt; Mujeres",
        ),
    ]
    # short: the reply's text is on the pages it links to, not in the table
    assert "Hemos avanzado" not in html
    # Canada's cell in the same row has none (the reply answers Mexico's work)
    row = html[html.index(f'id="row-{evidenced.criterion.key}"') :]
    assert "reply-link" not in row[: row.index("</tr>")].split("<td>")[2]
    spanish = client.get(COMPARE.replace("/en/", "/es/")).content.decode()
    assert "Respuesta de Red &lt;b&gt;de&lt;/b&gt; Mujeres" in compare_cell(
        spanish, evidenced.criterion.key
    )


def test_the_compare_csv_names_each_cell_s_responses_and_where_to_read_them(
    evidenced, reply_to, client
):
    critique = next(e.critique for e in evidenced.evidence.all() if e.critique_id)
    to_assessment = reply_to(assessment=evidenced)
    to_critique = reply_to(critique=critique)
    reply_to(assessment=evidenced, publish=False, body="Borrador")  # never in the download
    response = client.get(COMPARE + "&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "responses"
    [row] = [r for r in rows if r[1] == evidenced.criterion.question]
    site = "http://testserver"
    assert row[-1] == (
        f"mexico-2021: Red <b>de</b> Mujeres "
        f"{site}/en/plans/mexico-2021/scorecard/#reply-{to_assessment.pk}; "
        f"mexico-2021: Red <b>de</b> Mujeres "
        f"{site}/en/plans/mexico-2021/critiques/{critique.key}/#reply-{to_critique.pk}"
    )
    others = [r[-1] for r in rows[1:] if r is not row]
    assert set(others) == {""}
    spanish = client.get(COMPARE.replace("/en/", "/es/") + "&format=csv").content.decode(
        "utf-8-sig"
    )
    assert next(csv.reader(io.StringIO(spanish)))[-1] == "respuestas"


def test_the_scorecard_and_compare_page_read_all_replies_in_one_query(
    mexico, evidenced, reply_to, client, django_assert_max_num_queries
):
    """Prevents an N+1: however many assessments are answered, the replies are one query, within
    the pages' own bounds (tests/scorecards/test_pages.py: 14 and 22)."""
    answered = list(Assessment.objects.published().filter(plan=mexico)[:4])
    for assessment in answered:
        reply_to(assessment=assessment)
    with django_assert_max_num_queries(14):
        html = client.get(SCORECARD.format(language="en")).content.decode()
    assert html.count('class="reply"') == len(answered) == 4
    with django_assert_max_num_queries(22):
        html = client.get(COMPARE).content.decode()
    assert html.count('class="reply-link"') == 4


def test_the_scorecard_says_once_which_invited_bodies_did_not_reply_by_their_deadline(
    mexico, evidenced, reply_to, invite, client, django_assert_max_num_queries
):
    reply_to(assessment=evidenced)  # the Red de Mujeres replied (after its deadline, below)
    silent, _link = invite(plan=mexico, organisation="Comisión <i>Nacional</i>", email="c@cn.mx")
    Invitation.objects.filter(plan=mexico).update(
        deadline=datetime.date(2026, 4, 2),
        sent_at=datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC),
    )
    with django_assert_max_num_queries(15):
        html = client.get(SCORECARD.format(language="en")).content.decode()
    assert html.count('class="reply-silence muted"') == 1
    assert (
        "Comisión &lt;i&gt;Nacional&lt;/i&gt;: invited to reply on 2 March 2026; no response as "
        "of 2 April 2026." in html
    )
    assert "Red &lt;b&gt;de&lt;/b&gt; Mujeres: invited" not in html  # it replied
    spanish = client.get(SCORECARD.format(language="es")).content.decode()
    assert (
        "Comisión &lt;i&gt;Nacional&lt;/i&gt;: invitada a responder el 2 de marzo de 2026; sin "
        "respuesta al 2 de abril de 2026." in spanish
    )


def test_the_scorecard_says_nothing_of_an_invitation_before_its_deadline(mexico, invite, client):
    invite(plan=mexico, organisation="Comisión Nacional", email="c@cn.mx")
    html = client.get(SCORECARD.format(language="en")).content.decode()
    assert "reply-silence" not in html
    assert "no response as of" not in html


def test_the_api_gives_an_assessment_its_published_replies_only(evidenced, reply_to, client):
    published = reply_to(assessment=evidenced)
    other = next(
        a for a in Assessment.objects.published().filter(plan=evidenced.plan) if a != evidenced
    )
    reply_to(assessment=other, publish=False, body="Borrador **secreto**")
    body = client.get("/api/v1/plans/mexico-2021/assessments/?page_size=100").json()
    by_key = {row["criterion"]["key"]: row for row in body["results"]}
    assert by_key[evidenced.criterion.key]["replies"] == [
        {
            "id": published.pk,
            "organisation": "Red <b>de</b> Mujeres",
            "language": "es",
            "body": HOSTILE,
            "body_html": published.body_html,
            "translation": None,
            "attachments": [],
            "published_at": published.published_at.isoformat().replace("+00:00", "Z"),
        }
    ]
    assert "<script>" not in published.body_html
    assert by_key[other.criterion.key]["replies"] == []


def test_the_pdf_brief_s_scorecard_shows_the_replies_and_links_within_the_brief(
    evidenced, reply_to
):
    from briefs.content import read_brief
    from briefs.options import BriefOptions
    from briefs.services import render_brief_html

    critique = next(e.critique for e in evidenced.evidence.all() if e.critique_id)
    to_assessment = reply_to(assessment=evidenced)
    to_critique = reply_to(critique=critique)
    brief = read_brief(options=BriefOptions(), plan_slug="mexico-2021", language="en")
    html = render_brief_html(brief, for_pdf=True)
    card = card_of(html, f"criterion-{evidenced.criterion.key}")
    assert f'id="reply-{to_assessment.pk}"' in card
    assert "<strong>Hemos avanzado</strong>" in card and "<script>alert" not in html
    # the critique's reply is printed with the critique; the scorecard links to it there
    assert f'<a class="reply-link" href="#reply-{to_critique.pk}">' in card
    assert html.count(f'id="reply-{to_critique.pk}"') == 1
