"""A critique belongs to the plan of what it criticises: another plan's element is refused."""

import pytest
from django.core.exceptions import ValidationError

from critiques import services
from critiques.models import Critique
from indicators.models import Indicator
from tests.editing.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

REFUSAL = "The target belongs to another plan than this critique's."


@pytest.fixture
def other_plans_indicator(make_synthetic_plan):
    plan = make_synthetic_plan(1, indicators=4)
    return Indicator.objects.filter(plan=plan).order_by("code").first()


def test_a_critique_whose_target_is_in_another_plan_is_refused(
    editor, write_critique, other_plans_indicator
):
    critique = write_critique(editor)
    critique.target_indicator = other_plans_indicator
    with pytest.raises(ValidationError) as refused:
        critique.full_clean()
    assert refused.value.messages == [REFUSAL]
    with pytest.raises(ValidationError, match=REFUSAL):
        services.save_critique(critique=critique, user=editor)
    assert Critique.objects.get(pk=critique.pk).target_indicator.plan.slug == "testland-2024"


def test_a_new_critique_of_one_plan_cannot_target_another(
    minimal_plan, editor, other_plans_indicator
):
    critique = Critique(
        plan=minimal_plan,
        key="elsewhere",
        title="Elsewhere",
        target_indicator=other_plans_indicator,
        category="vague-indicator",
        body="b",
    )
    with pytest.raises(ValidationError, match=REFUSAL):
        services.save_critique(critique=critique, user=editor)
    assert not Critique.objects.filter(key="elsewhere").exists()


def test_the_admin_refuses_to_move_a_critique_to_another_plans_element(
    client, editor, write_critique, indicator, other_plans_indicator
):
    critique = write_critique(editor)
    client.force_login(editor)
    response = client.post(
        change_url(critique), form_data(critique, target_indicator=other_plans_indicator.pk)
    )
    assert response.status_code == 200  # the form again, with the reason
    assert REFUSAL.replace("'", "&#x27;") in response.content.decode()
    saved = Critique.objects.get(pk=critique.pk)
    assert (saved.target_indicator, saved.plan, saved.version) == (
        indicator,
        indicator.plan,
        critique.version,
    )
