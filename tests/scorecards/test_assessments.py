"""Assessments: the critiques' workflow and permissions, optimistic concurrency, "not known"
distinct from "no", the admin's per-plan list, and assessments written in plan files."""

import pytest
from django.urls import reverse

from scorecards import services
from scorecards.models import Assessment, Criterion, ScaleValue, StaleAssessment


@pytest.fixture
def draft(mexico, editor):
    """A new draft assessment of a criterion Mexico's file leaves unanswered."""
    Assessment.objects.filter(plan=mexico, criterion__key="timetable").delete()
    assessment = Assessment(
        plan=mexico,
        criterion=Criterion.objects.get(key="timetable"),
        level=ScaleValue.NO,
        confidence="described",
        rationale_en="No schedule.",
    )
    return services.save_assessment(assessment=assessment, user=editor)


def test_an_editor_writes_a_draft_and_a_reviewer_publishes_it(draft, editor, reviewer):
    assert draft.status == Assessment.Status.DRAFT and draft.author == editor
    with pytest.raises(services.TransitionRefused, match="Only a reviewer can publish"):
        services.transition(assessment=draft, user=editor, name="publish")
    services.transition(assessment=draft, user=editor, name="submit")
    services.transition(assessment=draft, user=reviewer, name="publish")
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.PUBLISHED and draft.published_by == reviewer
    assert [h.status for h in draft.history.order_by("history_date")] == [
        "draft",
        "in-review",
        "published",
    ]


def test_nobody_publishes_what_they_wrote(draft, editor, reviewer):
    draft.author = reviewer
    draft.save()
    services.transition(assessment=draft, user=editor, name="submit")
    with pytest.raises(services.TransitionRefused, match="another reviewer must publish it"):
        services.transition(assessment=draft, user=reviewer, name="publish")


def test_a_maintainer_may_read_assessments_but_not_write_them(mexico, maintainer):
    assessment = Assessment(
        plan=mexico,
        criterion=Criterion.objects.get(key="timetable"),
        level=ScaleValue.NO,
        confidence="described",
        rationale_en="x",
    )
    with pytest.raises(services.TransitionRefused, match="You may not add assessments"):
        services.save_assessment(assessment=assessment, user=maintainer)
    assert maintainer.has_perm("scorecards.view_assessment")
    assert not maintainer.has_perm("scorecards.change_assessment")


def test_a_save_from_an_older_version_is_refused(draft):
    stale = Assessment.objects.get(pk=draft.pk)
    draft.rationale_en = "First."
    draft.save()
    stale.rationale_en = "Second."
    with pytest.raises(StaleAssessment, match="was changed by someone else after version 1"):
        stale.save()


def test_the_rationale_is_sanitised_markdown(draft):
    draft.rationale_en = "**bold** <script>alert(1)</script> [x](javascript:alert(1))"
    draft.save()
    assert "<strong>bold</strong>" in draft.rationale_html_en
    assert "<script" not in draft.rationale_html_en and "javascript:" not in draft.rationale_html_en


def test_not_known_is_its_own_answer_distinct_from_no(mexico):
    answers = dict(
        Assessment.objects.filter(plan__slug="el-salvador-2017").values_list(
            "criterion__key", "level"
        )
    )
    assert answers["budget-allocated"] == "no"
    assert answers["civil-society-drafting"] == "not-known"
    assert ScaleValue.rating("not-known") != ScaleValue.rating("no")


def test_every_published_answer_names_evidence_or_is_not_known(mexico):
    for assessment in Assessment.objects.published().with_evidence():
        assert assessment.evidence.all() or assessment.is_not_known, assessment


def test_the_admin_lists_every_criterion_for_a_plan_filled_or_not(client, mexico, editor, draft):
    Assessment.objects.filter(plan=mexico, criterion__key="emerging-issues").delete()
    client.force_login(editor)
    response = client.get(reverse("admin:scorecards_assessment_plan", args=[mexico.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for criterion in Criterion.objects.all():
        assert criterion.key in html
    assert "not filled" in html
    emerging = Criterion.objects.get(key="emerging-issues")
    assert f"?plan={mexico.pk}&amp;criterion={emerging.pk}" in html


def test_the_admin_publish_button_needs_the_permission(
    client, draft, editor, second_editor, reviewer
):
    """An editor who did not write it (so only the permission stands in the way) is refused."""
    url = reverse("admin:scorecards_assessment_transition", args=[draft.pk, "submit"])
    client.force_login(editor)
    assert client.post(url).status_code == 302
    publish = reverse("admin:scorecards_assessment_transition", args=[draft.pk, "publish"])
    client.force_login(second_editor)
    assert client.post(publish).status_code == 403
    with pytest.raises(services.TransitionRefused, match="Only a reviewer can publish"):
        services.transition(assessment=draft, user=second_editor, name="publish")
    client.force_login(reviewer)
    assert client.post(publish).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.PUBLISHED and draft.published_by == reviewer


def test_nobody_publishes_their_own_assessment_through_the_admin(client, draft, editor, reviewer):
    """Issue 24: the role boundary holds for a POST as well as for the button's absence."""
    services.transition(assessment=draft, user=editor, name="submit")
    publish = reverse("admin:scorecards_assessment_transition", args=[draft.pk, "publish"])
    client.force_login(editor)
    assert client.post(publish).status_code == 403
    Assessment.objects.filter(pk=draft.pk).update(author=reviewer)
    client.force_login(reviewer)
    assert client.post(publish).status_code == 403
    with pytest.raises(services.TransitionRefused, match="another reviewer must publish it"):
        services.transition(assessment=draft, user=reviewer, name="publish")
    changelist = reverse("admin:scorecards_assessment_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.IN_REVIEW and draft.published_at is None


@pytest.fixture
def published(draft, editor, reviewer):
    services.transition(assessment=draft, user=editor, name="submit")
    services.transition(assessment=draft, user=reviewer, name="publish")
    draft.refresh_from_db()
    return draft


def test_a_published_assessment_is_changed_only_by_a_reviewer(client, published, editor, reviewer):
    published.rationale_en = "Changed by its author after publication."
    with pytest.raises(services.TransitionRefused, match="is published: only a reviewer can"):
        services.save_assessment(assessment=published, user=editor)
    client.force_login(editor)
    change = reverse("admin:scorecards_assessment_change", args=[published.pk])
    assert client.post(change, {"rationale_en": "x"}).status_code == 403
    assert Assessment.objects.get(pk=published.pk).rationale_en == "No schedule."

    fresh = Assessment.objects.get(pk=published.pk)
    fresh.rationale_en = "Corrected by a reviewer."
    services.save_assessment(assessment=fresh, user=reviewer, reason="Typo")
    fresh.refresh_from_db()
    assert fresh.rationale_en == "Corrected by a reviewer."
    assert fresh.status == Assessment.Status.PUBLISHED  # an edit keeps the workflow's fields
    assert fresh.history.latest("history_date").history_user == reviewer


def test_deleting_an_assessment_ever_published_withdraws_it_and_keeps_it(
    client, published, editor, reviewer
):
    with pytest.raises(services.TransitionRefused, match="Only a reviewer can withdraw"):
        services.delete_assessment(assessment=published, user=editor)
    assert services.delete_assessment(assessment=published, user=reviewer) == "withdrawn"
    kept = Assessment.objects.get(pk=published.pk)
    assert kept.status == Assessment.Status.WITHDRAWN
    assert kept.history.latest("history_date").history_change_reason == (
        "Deleted, so withdrawn (published assessments are kept)"
    )
    with pytest.raises(services.TransitionRefused, match="was published once, so it is kept"):
        services.delete_assessment(assessment=kept, user=reviewer)
    client.force_login(reviewer)
    delete = reverse("admin:scorecards_assessment_delete", args=[kept.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Assessment.objects.filter(pk=kept.pk).exists()


def test_a_draft_never_published_is_deleted(draft, editor):
    assert services.delete_assessment(assessment=draft, user=editor) == "deleted"
    assert not Assessment.objects.filter(pk=draft.pk).exists()


def test_a_researcher_without_permissions_sees_no_assessment_admin(client, mexico, researcher):
    client.force_login(researcher)
    response = client.get(reverse("admin:scorecards_assessment_plan", args=[mexico.pk]))
    assert response.status_code in (302, 403)


def test_the_assessment_list_links_every_plan_s_criteria(client, mexico, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:scorecards_assessment_changelist")).content.decode()
    url = reverse("admin:scorecards_assessment_plan", args=[mexico.pk])
    assert f'href="{url}"' in html and "Criteria of mexico-2021" in html
