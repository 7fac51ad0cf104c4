"""The PDF brief prints each published reply after the critique it answers ("Response from …"),
as inert text, whatever the reply holds."""

import pytest

from replies import services
from reviewing import services as workflow
from tests.briefs.conftest import pdf_text, read_pdf
from tests.replies.conftest import (  # noqa: F401 (fixtures)
    critique,
    invite,
    respondent,
    run_mail,
    write_reply,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    'Hemos <script>alert(1)</script> avanzado <img src="http://127.0.0.1:9/x.png" onerror="x()">'
)


def test_the_brief_prints_the_reply_after_the_critique(
    client,
    respondent,  # noqa: F811
    critique,  # noqa: F811
    write_reply,  # noqa: F811
    reviewer,
):
    reply = write_reply(respondent, critique, body=HOSTILE)
    workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    response = client.get("/en/plans/testland-2024/brief.pdf")
    text = pdf_text(read_pdf(response.content))
    assert "Response from Ministry of Relations" in text
    assert "Hemos" in text and "avanzado" in text
    assert b"/JavaScript" not in response.content and b"/JS " not in response.content
    preview = client.get("/en/plans/testland-2024/brief/").content.decode()
    assert "Response from Ministry of Relations" in preview
    assert "<script>" not in preview and "onerror" not in preview
    spanish = pdf_text(read_pdf(client.get("/es/plans/testland-2024/brief.pdf").content))
    assert "Respuesta de Ministerio de Relaciones" in spanish
