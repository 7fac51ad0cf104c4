"""Nothing is lost: concurrent edits are refused with what changed, loads leave history alone."""

import pytest
from django.core.management import call_command

from critiques import services
from critiques.models import Critique, StaleCritique
from plans.models import Pillar, StrategicObjective
from tests.admin_forms import change_form_data, inline_prefix
from tests.conftest import MINIMAL_PLAN
from tests.editing.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed(
    client, editor, second_editor, write_critique
):
    critique = write_critique(editor, title="Original title")
    loaded_by_erin = form_data(critique)  # both open the form at version 1
    loaded_by_ed = form_data(critique)

    client.force_login(second_editor)
    saved = client.post(change_url(critique), {**loaded_by_ed, "title_en": "Ed's title"})
    assert saved.status_code == 302

    client.force_login(editor)
    refused = client.post(
        change_url(critique), {**loaded_by_erin, "body_en": "Erin's rewrite of the body."}
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Someone else saved this critique while you were editing it" in text
    assert "ed-second-editor" in text
    assert "title [en]: “Original title” → “Ed&#x27;s title”" in text
    assert "Your edits were NOT saved" in text
    current = Critique.objects.get(pk=critique.pk)
    assert (current.title, current.body) == ("Ed's title", "The indicator counts **events**.")

    # Having seen the changes, she saves again from the refreshed form: now it goes through.
    form = refused.context["adminform"].form
    again = {**loaded_by_erin, "body_en": "Erin's rewrite of the body.", "title_en": "Ed's title"}
    again["seen_version"] = form.data["seen_version"]
    assert client.post(change_url(critique), again).status_code == 302
    assert Critique.objects.get(pk=critique.pk).body == "Erin's rewrite of the body."


def test_saving_a_stale_copy_raises_instead_of_overwriting(editor, write_critique):
    critique = write_critique(editor)
    stale = Critique.objects.get(pk=critique.pk)
    critique.title = "Newer"
    critique.save()
    stale.title = "Older"
    with pytest.raises(StaleCritique):
        stale.save()
    assert Critique.objects.get(pk=critique.pk).title == "Newer"


def test_every_save_raises_the_version(editor, reviewer, write_critique):
    critique = write_critique(editor)
    assert critique.version == 1
    services.submit_for_review(critique=critique, user=editor)
    critique.refresh_from_db()
    assert critique.version == 2


def test_loading_the_same_plan_twice_writes_no_history(minimal_plan):
    critiques, pillars = Critique.history.count(), Pillar.history.count()
    assert critiques and pillars  # the first load is recorded
    call_command("load_plan", str(MINIMAL_PLAN), stdout=None)
    assert (Critique.history.count(), Pillar.history.count()) == (critiques, pillars)


def test_a_plan_element_change_made_in_the_admin_is_recorded_with_its_user(
    client, maintainer, minimal_plan
):
    """The pillar and the objective edited in its inline row both name who saved the form."""
    pillar = Pillar.objects.get(plan=minimal_plan, slug="prevention")
    objective = StrategicObjective.objects.get(plan=minimal_plan, code="PREV-O1")
    client.force_login(maintainer)
    url = f"/admin/plans/pillar/{pillar.pk}/change/"
    page = client.get(url)
    row = inline_prefix(page, StrategicObjective) + "-0"
    data = change_form_data(
        page, name_en="Prevention and early warning", **{f"{row}-wording_en": "prevent conflict"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    for element, field, new in [
        (pillar, "name_en", "Prevention and early warning"),
        (objective, "wording_en", "prevent conflict"),
    ]:
        latest = element.history.latest()
        assert getattr(latest, field) == new
        assert latest.history_user == maintainer, element
        assert latest.diff_against(latest.prev_record).changed_fields == [field]
    history = client.get(f"/admin/plans/strategicobjective/{objective.pk}/history/")
    assert "max-maintainer" in history.content.decode()


def test_a_draft_deleted_in_the_admin_is_recorded_with_who_deleted_it(
    client, editor, write_critique
):
    critique = write_critique(editor)
    client.force_login(editor)
    response = client.post(f"/admin/critiques/critique/{critique.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deletion = Critique.history.get(id=critique.pk, history_type="-")
    assert deletion.history_user == editor


def test_reverting_a_plan_element_restores_its_wording(client, admin_user, minimal_plan):
    pillar = Pillar.objects.get(plan=minimal_plan, slug="participation")
    original = pillar.history.latest()
    pillar.name_en = "Renamed by mistake"
    pillar.save()
    client.force_login(admin_user)
    url = f"/admin/plans/pillar/{pillar.pk}/history/{original.history_id}/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        data[name] = getattr(value, "pk", value) if value is not None else ""
    for prefix in ("objectives", "critiques", "critiques-2"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302
    assert Pillar.objects.get(pk=pillar.pk).name_en == "Participation"
