"""Respondents: the link makes an account for one invitation only; they see their plan's
published work (never drafts, never other plans), reply in their language, are rate-limited,
and cannot open the admin."""

import pytest
from django.test import override_settings

from replies.models import Reply
from tests.replies.conftest import RESPONDENT_PASSWORD

pytestmark = pytest.mark.django_db


def path_of(link: str) -> str:
    return link.split("localhost:8000", 1)[-1]


def test_following_the_link_makes_a_respondent_who_lands_on_their_screen(invite, client):
    invitation, link = invite()
    assert path_of(link).startswith("/es/respond/join/")  # in the plan's language
    page = client.get(path_of(link))
    assert page.status_code == 200
    assert "Ministerio de Relaciones" in page.content.decode()
    response = client.post(
        path_of(link), {"password1": RESPONDENT_PASSWORD, "password2": RESPONDENT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/respond/"
    home = client.get("/en/respond/")
    assert home.status_code == 200
    assert "Counts events" not in home.content.decode()  # none published yet in this test
    assert "Replies from Ministry of Relations" in home.content.decode()


def test_a_weak_or_mismatched_password_is_refused_with_a_reason(invite, client):
    _invitation, link = invite()
    mismatched = client.post(path_of(link), {"password1": RESPONDENT_PASSWORD, "password2": "x"})
    assert mismatched.status_code == 400
    assert "Las dos contraseñas no coinciden." in mismatched.content.decode()  # /es/ link
    weak = client.post(path_of(link), {"password1": "123", "password2": "123"})
    assert weak.status_code == 400


def test_the_respondent_signs_in_with_their_email(respondent, client):
    response = client.post(
        "/en/respond/sign-in/",
        {"username": "contact@minrel.example", "password": RESPONDENT_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/respond/").status_code == 200


def test_the_respondent_sees_published_work_never_drafts(
    respondent, critique, draft_critique, client
):
    client.force_login(respondent)
    page = client.get("/es/respond/").content.decode()
    assert "Counts events, not change" in page
    assert "A draft nobody outside may see" not in page
    assert client.get(f"/en/respond/critique/{draft_critique.key}/reply/").status_code == 404


def test_the_respondent_cannot_answer_another_plans_work(respondent, mexico, client):
    from critiques.models import Critique

    elsewhere = Critique.objects.published().exclude(plan__slug="testland-2024").first()
    client.force_login(respondent)
    assert client.get(f"/en/respond/critique/{elsewhere.key}/reply/").status_code == 404
    page = client.get("/en/respond/").content.decode()
    assert elsewhere.title not in page


def test_the_respondent_cannot_open_the_admin(respondent, client):
    client.force_login(respondent)
    for path in ("/admin/", "/admin/replies/reply/", "/admin/critiques/critique/", "/admin/desk/"):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], path


def test_people_who_are_not_respondents_get_no_reply_screen(reviewer, researcher, client):
    assert client.get("/en/respond/").status_code == 302  # to sign in
    for person in (reviewer, researcher):
        client.force_login(person)
        assert client.get("/en/respond/").status_code == 403


def test_a_reply_in_spanish_goes_to_review(respondent, critique, client):
    client.force_login(respondent)
    form = client.get(f"/es/respond/critique/{critique.key}/reply/")
    assert form.status_code == 200
    response = client.post(
        f"/es/respond/critique/{critique.key}/reply/",
        {"language": "es", "body": "La Secretaría **ha avanzado** en 2023."},
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.status == Reply.Status.IN_REVIEW
    assert reply.author == respondent
    assert reply.language == "es"
    assert "<strong>ha avanzado</strong>" in reply.body_html


def test_an_empty_or_invisible_reply_is_refused(respondent, critique, client):
    client.force_login(respondent)
    response = client.post(
        f"/en/respond/critique/{critique.key}/reply/", {"language": "en", "body": "\u200b  "}
    )
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_bad_addresses_are_404_not_500(respondent, client):
    client.force_login(respondent)
    for path in (
        "/en/respond/critique/no-such-critique/reply/",
        "/en/respond/assessment/abc/reply/",
        "/en/respond/nonsense/1/reply/",
        "/en/respond/join/not-a-token/",
    ):
        assert client.get(path).status_code == 404, path


@override_settings(NAPWATCH_REPLIES_PER_HOUR=2)
def test_replies_are_rate_limited(respondent, critique, client):
    client.force_login(respondent)
    url = f"/en/respond/critique/{critique.key}/reply/"
    for n in range(2):
        assert client.post(url, {"language": "en", "body": f"Reply {n}"}).status_code == 302
    refused = client.post(url, {"language": "en", "body": "One too many"})
    assert refused.status_code == 429
    assert "the most we take" in refused.content.decode()
    assert Reply.objects.count() == 2


def test_hostile_reply_bodies_are_sanitised(respondent, critique, write_reply):
    reply = write_reply(
        respondent,
        critique,
        body="<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
    )
    assert "<script" not in reply.body_html
    assert "onerror" not in reply.body_html
    assert "javascript:" not in reply.body_html
