"""One field, "What it criticises": a plan and a code (typed, or chosen in the combobox)."""

import pytest
from django.urls import reverse

from critiques.models import Critique
from plans.models import Pillar, Section
from tests.editing.conftest import form_data

pytestmark = pytest.mark.django_db
ADD = "/admin/critiques/critique/add/"
TARGETS = reverse("admin:critiques_critique_targets")


def new_critique(indicator, **changes):
    critique = Critique(
        title="Vague", key="vague", target_indicator=indicator, category="vague-indicator"
    )
    critique.body, critique.remedy, critique.kind, critique.severity = (
        "Too vague.",
        "",
        "weakness",
        2,
    )
    data = form_data(critique, seen_version="")
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("prev-i1", "target_indicator"),
        ("PREV-I1 – number of people trained", "target_indicator"),
        ("PREV-O1", "target_objective"),
        ("PREV", "target_pillar"),
        ("plan", "target_plan"),
    ],
)
def test_a_typed_code_sets_the_right_target(client, editor, indicator, typed, field):
    client.force_login(editor)
    response = client.post(ADD, new_critique(indicator, target=typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Critique.objects.get(key="vague")
    chosen = [
        name
        for name in ("target_plan", "target_pillar", "target_objective", "target_indicator")
        if getattr(saved, f"{name}_id")
    ]
    assert chosen == [field]
    assert saved.plan == indicator.plan


def test_a_section_is_chosen_by_its_code(client, editor, indicator):
    section = Section.objects.filter(plan=indicator.plan).first()
    client.force_login(editor)
    client.post(ADD, new_critique(indicator, target=section.code))
    assert Critique.objects.get(key="vague").target_section == section


def test_an_unknown_code_is_a_field_error_and_nothing_is_saved(client, editor, indicator):
    client.force_login(editor)
    response = client.post(ADD, new_critique(indicator, target="NOPE-9"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["target"] == [
        "Testland 2024 has no element with the code “NOPE-9”. Type a code such as PREV-I1, "
        "“plan” for the plan as a whole, or search for words of the wording."
    ]
    empty = client.post(ADD, new_critique(indicator, target="", target_in_plan=""))
    assert set(empty.context["adminform"].form.errors) >= {"target", "target_in_plan"}
    assert not Critique.objects.filter(key="vague").exists()


def test_the_write_a_critique_link_preselects_the_element(client, editor, indicator):
    client.force_login(editor)
    page = client.get(f"{ADD}?target_indicator={indicator.pk}")
    form = page.context["adminform"].form
    assert form.initial["target_in_plan"] == indicator.plan_id
    assert form.initial["target"] == "PREV-I1 – number of people trained"
    html = page.content.decode()
    assert 'value="PREV-I1 – number of people trained"' in html
    assert 'class="nw-picker"' in html and "admin-extra/target-picker." in html
    for old in ("id_target_indicator", "id_target_pillar"):
        assert old not in html  # one field, not six


def test_the_change_form_shows_the_current_target(client, editor, write_critique):
    critique = write_critique(editor)
    client.force_login(editor)
    form = client.get(f"/admin/critiques/critique/{critique.pk}/change/").context["adminform"].form
    assert form.initial["target"].startswith("PREV-I1 – ")


def test_the_options_are_searched_by_code_or_words_and_grouped_by_type(
    client, editor, indicator, django_assert_max_num_queries
):
    client.force_login(editor)
    plan = indicator.plan
    with django_assert_max_num_queries(12):
        groups = client.get(TARGETS, {"plan": plan.pk, "q": "people trained"}).json()["groups"]
    assert groups == [
        {
            "group": "Indicators",
            "options": [
                {
                    "field": "target_indicator",
                    "type": "indicator",
                    "code": "PREV-I1",
                    "label": "PREV-I1 – number of people trained",
                    "pillar": Pillar.objects.get(plan=plan, code="PREV").name_en,
                }
            ],
        }
    ]
    by_code = client.get(TARGETS, {"plan": plan.pk, "q": "prev-o1"}).json()["groups"]
    assert [g["group"] for g in by_code] == ["Strategic objectives", "Lines of action"]
    everything = client.get(TARGETS, {"plan": plan.pk, "q": ""}).json()["groups"]
    assert everything[0] == {
        "group": "The plan",
        "options": [
            {
                "field": "target_plan",
                "type": "plan",
                "code": "plan",
                "label": "plan – The plan as a whole",
                "pillar": "",
            }
        ],
    }


def test_bad_requests_to_the_options_are_400_or_404(client, editor):
    client.force_login(editor)
    assert client.get(TARGETS, {"plan": "x"}).status_code == 400
    assert client.get(TARGETS, {"plan": "1", "q": "x" * 201}).status_code == 400
    assert client.get(TARGETS, {"plan": "999999"}).status_code == 404


def test_only_people_who_write_critiques_get_the_options(client, researcher, maintainer, indicator):
    query = {"plan": indicator.plan_id, "q": "PREV"}
    response = client.get(TARGETS, query)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(researcher)
    assert client.get(TARGETS, query).status_code == 302
    client.force_login(maintainer)
    assert client.get(TARGETS, query).status_code == 403
