"""One workflow for every reviewed kind: critiques and assessments walk the same table of steps,
as each role, with the same history; a change to one step of reviewing/steps.py fails here for
both kinds.

EXPECTED is written out by hand from the rules (reviewing/rules.py's docstring), independently of
the code: for each status, the steps each role may take on work that the editor wrote.
"""

import pytest

from critiques import services as critique_services
from critiques.models import Critique, ReviewComment
from reviewing import rules, steps
from scorecards import services as assessment_services
from scorecards.models import Assessment, Criterion, ScaleValue

pytestmark = pytest.mark.django_db

ROLES = ("editor", "second_editor", "reviewer", "maintainer", "researcher")
EXPECTED = {
    "draft": {
        "editor": {"submit"},
        "second_editor": {"submit"},
        "reviewer": {"submit"},
        "maintainer": set(),
        "researcher": set(),
    },
    "in-review": {
        "editor": {"return_to_draft"},
        "second_editor": {"return_to_draft"},
        "reviewer": {"publish", "return_to_draft"},
        "maintainer": set(),
        "researcher": set(),
    },
    "published": {
        "editor": set(),
        "second_editor": set(),
        "reviewer": {"withdraw"},
        "maintainer": set(),
        "researcher": set(),
    },
    "withdrawn": {
        "editor": {"return_to_draft"},
        "second_editor": {"return_to_draft"},
        "reviewer": {"return_to_draft"},
        "maintainer": set(),
        "researcher": set(),
    },
}
# The walk: (who, step, status after it), from a draft the editor wrote and back.
WALK = [
    ("editor", "submit", "in-review"),
    ("reviewer", "return_to_draft", "draft"),
    ("editor", "submit", "in-review"),
    ("reviewer", "publish", "published"),
    ("reviewer", "withdraw", "withdrawn"),
    ("editor", "return_to_draft", "draft"),
    ("second_editor", "submit", "in-review"),
    ("reviewer", "publish", "published"),
]
LABELS = {
    "submit": "Submit for review",
    "publish": "Publish",
    "withdraw": "Withdraw",
    "return_to_draft": "Return to draft",
}


@pytest.fixture
def cast(editor, second_editor, reviewer, maintainer, researcher):
    return {
        "editor": editor,
        "second_editor": second_editor,
        "reviewer": reviewer,
        "maintainer": maintainer,
        "researcher": researcher,
    }


def new_critique(minimal_plan, editor):
    from indicators.models import Indicator

    indicator = Indicator.objects.get(plan=minimal_plan, code="PREV-I1")
    critique = Critique(
        key="walked",
        title="Counts events, not change",
        target_indicator=indicator,
        category=Critique.Category.VAGUE_INDICATOR,
        body="The indicator counts **events**.",
    )
    return critique_services.save_critique(critique=critique, user=editor)


def new_assessment(minimal_plan, editor):
    from planfiles.rubric import load_rubric_files
    from tests.conftest import rubric_files

    load_rubric_files(paths=rubric_files())
    assessment = Assessment(
        plan=minimal_plan,
        criterion=Criterion.objects.get(key="timetable"),
        level=ScaleValue.NO,
        confidence="described",
        rationale_en="No schedule.",
    )
    return assessment_services.save_assessment(assessment=assessment, user=editor)


KINDS = {
    "critique": (critique_services.CRITIQUES, new_critique),
    "assessment": (assessment_services.ASSESSMENTS, new_assessment),
}


@pytest.fixture(params=list(KINDS))
def kind_and_work(request, minimal_plan, cast):
    kind, make = KINDS[request.param]
    return kind, make(minimal_plan, cast["editor"])


def test_every_role_may_take_exactly_the_expected_steps_in_every_status(kind_and_work, cast):
    kind, work = kind_and_work
    for status, allowed in EXPECTED.items():
        kind.model.objects.filter(pk=work.pk).update(status=status)
        work.refresh_from_db()
        for role in ROLES:
            steps_open = rules.available_transitions(kind=kind, obj=work, user=cast[role])
            assert {step.name for step in steps_open} == allowed[role], (status, role)


def test_a_walk_through_every_step_keeps_each_step_in_the_history(kind_and_work, cast):
    kind, work = kind_and_work
    from reviewing.services import transition

    for who, name, status_after in WALK:
        comment = "Which survey?" if name == "return_to_draft" and who == "reviewer" else ""
        transition(kind=kind, obj=work, user=cast[who], name=name, comment=comment)
        assert work.status == status_after, (who, name)
    assert work.published_by == cast["reviewer"] and work.published_at is not None
    history = list(work.history.order_by("history_date", "history_id"))
    assert [h.status for h in history] == ["draft", *(status for _w, _n, status in WALK)]
    reasons = [(h.history_user.username, h.history_change_reason) for h in history[1:]]
    expected = [(cast[who].username, LABELS[name]) for who, name, _status in WALK]
    if kind.keep_comment:  # the reviewer's reason is in the history too
        expected[1] = (cast["reviewer"].username, "Return to draft: Which survey?")
        assert list(ReviewComment.objects.values_list("text", flat=True)) == ["Which survey?"]
    assert reasons == expected


def test_no_role_takes_a_step_the_table_does_not_give_it(kind_and_work, cast):
    kind, work = kind_and_work
    from reviewing.services import TransitionRefused, transition

    for status, allowed in EXPECTED.items():
        for role in ROLES:
            for name in set(steps.TRANSITIONS) - allowed[role]:
                kind.model.objects.filter(pk=work.pk).update(status=status)
                with pytest.raises(TransitionRefused):
                    transition(kind=kind, obj=work, user=cast[role], name=name, comment="Why.")
                work.refresh_from_db()
                assert work.status == status, (status, role, name)


@pytest.mark.parametrize("comment", ["", "   ", "\u200b", "\u200b\u2060\ufeff\n"])
def test_a_return_needs_a_comment_a_reader_can_see(minimal_plan, cast, comment):
    """Issue 24: a return comment of one zero-width space was accepted."""
    critique = new_critique(minimal_plan, cast["editor"])
    critique_services.submit_for_review(critique=critique, user=cast["editor"])
    with pytest.raises(critique_services.TransitionRefused, match="Say why you return"):
        critique_services.return_to_draft(critique=critique, user=cast["reviewer"], comment=comment)
    assert Critique.objects.get(pk=critique.pk).status == "in-review"
    assert not ReviewComment.objects.exists()


def test_the_admin_refuses_an_invisible_return_comment(client, minimal_plan, cast):
    critique = new_critique(minimal_plan, cast["editor"])
    critique_services.submit_for_review(critique=critique, user=cast["editor"])
    client.force_login(cast["reviewer"])
    url = f"/admin/critiques/critique/{critique.pk}/transition/return_to_draft/"
    response = client.post(url, {"comment": "\u200b\u200b"})
    assert response.status_code == 200
    assert "Write why you return it: its author needs to know what to fix." in (
        response.content.decode()
    )
    assert Critique.objects.get(pk=critique.pk).status == "in-review"
