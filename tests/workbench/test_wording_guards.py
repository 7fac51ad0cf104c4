"""The workbench refuses a passage too short to be wording, and never overwrites an element that
another maintainer changed after the page was shown (optimistic concurrency)."""

import time

import pytest

from plans.models import StrategicObjective
from tests.documents import builders
from tests.workbench.test_workbench import post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("passage", ["L", "de la", "Garantizar"])
def test_a_passage_too_short_to_be_wording_is_refused(client, maintainer, nap_document, passage):
    client.force_login(maintainer)
    objective = StrategicObjective.objects.get(code="PREV-O1")
    response = post(
        client, nap_document, "1", passage, action="set", element=f"objective:{objective.pk}"
    )
    assert response.status_code == 200
    assert "too short to be an element's wording: select at least 12 characters and 2 words" in (
        " ".join(response.context["form"].errors["passage"])
    )
    objective.refresh_from_db()
    assert objective.confidence == "quoted"


def test_the_second_of_two_maintainers_setting_one_wording_is_told(
    client, maintainer, nap_document, django_user_model
):
    objective = StrategicObjective.objects.get(code="PREV-O1")
    shown = time.time()  # both maintainers' pages were shown now
    other = django_user_model.objects.create_user("other", is_staff=True)
    other.groups.set(maintainer.groups.all())
    client.force_login(other)
    first = post(
        client,
        nap_document,
        "1",
        builders.OBJECTIVE,
        action="set",
        element=f"objective:{objective.pk}",
        seen=shown,
    )
    assert first.status_code == 302
    client.force_login(maintainer)
    element = f"objective:{objective.pk}"
    second = post(
        client, nap_document, "2", builders.LINE, action="set", element=element, seen=shown
    )
    assert second.status_code == 200
    errors = " ".join(second.context["form"].non_field_errors())
    assert "PREV-O1 was changed by other at" in errors and "Nothing was saved" in errors
    objective.refresh_from_db()
    assert objective.wording_original == builders.OBJECTIVE  # the first maintainer's stays
    # Having read it, the second may save again: the form now carries the new time.
    again = second.context["form"].data["seen"]
    third = post(
        client, nap_document, "2", builders.LINE, action="set", element=element, seen=again
    )
    assert third.status_code == 302
    objective.refresh_from_db()
    assert objective.wording_original == builders.LINE
