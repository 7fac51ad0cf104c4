"""The desk: each person's queue, drafts, returns and the elements nobody has critiqued yet."""

import re

import pytest
from django.urls import reverse

from critiques import services
from critiques.models import Critique
from editorial.desk import uncritiqued
from editorial.models import NotificationPreferences
from plans.models import StrategicObjective

pytestmark = pytest.mark.django_db
DESK = reverse("editorial:desk")


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<section", start)
    return page[start : end if end != -1 else None]


def titles_in(html: str) -> list[str]:
    """The critiques a desk list links to, in its order."""
    return re.findall(r'href="/admin/critiques/critique/\d+/change/">([^<]+)</a>', html)


def test_a_reviewer_sees_what_waits_and_the_editor_sees_it_returned_with_the_comment(
    client, editor, reviewer, write_critique
):
    critique = write_critique(editor, title="Counts events")
    services.submit_for_review(critique=critique, user=editor)
    # Around it, what must not be in the reviewer's queue: a draft, her own work in review, and
    # published work.
    write_critique(editor, key="a-draft", title="Still a draft")
    own = write_critique(reviewer, key="her-own", title="Her own")
    services.submit_for_review(critique=own, user=reviewer)
    out = write_critique(editor, key="out", title="Already out")
    services.submit_for_review(critique=out, user=editor)
    services.publish(critique=out, user=reviewer)

    client.force_login(reviewer)
    page = client.get(DESK).content.decode()
    waiting = section(page, "to-review")
    assert "Waiting for your review (1)" in waiting
    assert f'href="/admin/critiques/critique/{critique.pk}/change/">Counts events</a>' in waiting
    assert titles_in(waiting) == ["Counts events"]
    assert titles_in(section(page, "in-review")) == ["Her own"]

    services.return_to_draft(critique=critique, user=reviewer, comment="Which survey?")
    client.force_login(editor)
    page = client.get(DESK).content.decode()
    assert "to-review" not in page  # editors have no review queue
    returned = section(page, "returned")
    assert "Returned to you with a comment (1)" in returned
    assert "rita-reviewer returned it:" in returned and "Which survey?" in returned
    assert titles_in(returned) == ["Counts events"]
    assert sorted(titles_in(section(page, "drafts"))) == ["Counts events", "Still a draft"]


def test_the_desk_counts_elements_with_no_critique_per_plan(client, editor, minimal_plan):
    def uncritiqued_objectives(page: str) -> int:
        found = re.search(r'data-count="testland-2024:objective">(\d+)<', section(page, "gaps"))
        return int(found.group(1))

    objective = uncritiqued(StrategicObjective).filter(plan=minimal_plan).first()
    write_link = f"?target_objective={objective.pk}"
    client.force_login(editor)
    gaps_url = reverse("editorial:gaps", args=["testland-2024"])
    before = client.get(DESK).content.decode()
    assert f'href="{gaps_url}">Testland 2024</a>' in before
    assert f"Write a critique of {objective.code}" in client.get(gaps_url).content.decode()
    assert write_link in client.get(gaps_url).content.decode()

    critique = Critique(
        plan=minimal_plan,
        key="objective-gap",
        title="Vague",
        target_objective=objective,
        category=Critique.Category.DATA_GAPS,
        body="Vague.",
    )
    services.save_critique(critique=critique, user=editor)
    assert uncritiqued_objectives(client.get(DESK).content.decode()) == (
        uncritiqued_objectives(before) - 1
    )
    assert write_link not in client.get(gaps_url).content.decode()


def test_the_desk_runs_a_bounded_number_of_queries(
    client, reviewer, editor, make_synthetic_plan, django_assert_max_num_queries
):
    for number in range(1, 11):
        make_synthetic_plan(number, indicators=100)
    client.force_login(reviewer)
    with django_assert_max_num_queries(20):
        page = client.get(DESK)
    assert page.status_code == 200
    assert "Syntheticland 10" in page.content.decode()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("editorial:gaps", args=["synthetic-3"])).status_code == 200


def test_people_who_do_not_write_critiques_cannot_see_the_desk(client, researcher, maintainer):
    assert client.get(DESK).status_code == 302  # to the login page
    client.force_login(researcher)
    response = client.get(DESK)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(maintainer)
    assert client.get(DESK).status_code == 403
    assert client.get(reverse("editorial:gaps", args=["nowhere"])).status_code == 403


def test_an_unknown_plan_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("editorial:gaps", args=["nowhere"])).status_code == 404


def test_the_admin_index_links_to_the_desk_first(client, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert page.index(f'href="{DESK}"') < page.index("/admin/critiques/critique/")


def test_each_person_turns_workflow_emails_off_on_the_desk(client, editor):
    client.force_login(editor)
    assert NotificationPreferences.wants_email(editor)
    response = client.post(DESK, {}, follow=True)  # the box unticked
    assert "Your notification settings are saved." in response.content.decode()
    assert not NotificationPreferences.wants_email(editor)
    client.post(DESK, {"email_on_workflow": "on"})
    assert NotificationPreferences.wants_email(editor)


def test_published_critiques_show_as_recently_published(client, editor, reviewer, write_critique):
    critique = write_critique(editor, title="Out in public")
    services.submit_for_review(critique=critique, user=editor)
    services.publish(critique=critique, user=reviewer)
    client.force_login(editor)
    assert "Out in public" in section(client.get(DESK).content.decode(), "published")
    assert Critique.objects.get(pk=critique.pk).status == "published"
