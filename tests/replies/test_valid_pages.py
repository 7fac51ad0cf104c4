"""The Nu Html Checker finds no error on the pages the right of reply adds or changes: a critique
with a published reply and a lapsed invitation (both languages), the plan's overview with its
response rate, and the respondent's screens."""

import datetime

import pytest

from replies import services
from replies.models import Invitation
from reviewing import services as workflow
from tests.validators.test_html_validity import describe, run_vnu

pytestmark = [pytest.mark.validators, pytest.mark.django_db]


def test_the_reply_pages_are_valid_html(
    client, respondent, critique, write_reply, reviewer, invite, validator_tools, tmp_path
):
    reply = write_reply(respondent, critique, body="Hemos **avanzado** <script>x()</script>")
    workflow.transition(kind=services.REPLIES, obj=reply, user=reviewer, name="publish")
    lapsed, _ = invite(organisation="Red <b>de</b> Mujeres", email="red@example.org")
    Invitation.objects.filter(pk=lapsed.pk).update(deadline=datetime.date(2026, 4, 2))
    public = [
        "/en/plans/testland-2024/critiques/counts-events/",
        "/es/plans/testland-2024/critiques/counts-events/",
        "/en/plans/testland-2024/",
        "/es/plans/testland-2024/pillars/prevention/",
        "/es/respond/sign-in/",
    ]
    private = [
        "/es/respond/",
        f"/es/respond/critique/{critique.key}/reply/",
    ]
    paths, where = [], {}
    for index, url in enumerate(public + private):
        if url in private:
            client.force_login(respondent)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<b>de</b>" not in response.content.decode()
        path = tmp_path / f"page-{index}.html"
        path.write_bytes(response.content)
        paths.append(path)
        where[str(path.resolve())] = url
    errors = [
        describe(m, where.get(m.get("url", "").removeprefix("file:"), "?"))
        for m in run_vnu(validator_tools, paths)
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
