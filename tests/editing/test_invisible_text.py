"""Issue 24: text that holds nothing a reader can see (zero-width spaces, format characters) is
refused wherever text is required: a critique's title and body, an assessment's rationale."""

import pytest

from critiques.models import Critique
from tests.editing.conftest import change_url, form_data

pytestmark = pytest.mark.django_db
INVISIBLE = "\u200b\u2060\ufeff"


@pytest.mark.parametrize("field", ["title_en", "body_en"])
def test_a_critique_of_invisible_text_is_refused(client, editor, write_critique, field):
    critique = write_critique(editor)
    client.force_login(editor)
    response = client.post(change_url(critique), {**form_data(critique), field: INVISIBLE})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    stored = Critique.objects.get(pk=critique.pk)
    assert (stored.title_en, stored.body_en) == (critique.title_en, critique.body_en)


def test_an_assessment_of_invisible_rationale_is_refused(client, mexico, editor):
    from scorecards.models import Assessment, Criterion

    Assessment.objects.filter(plan=mexico, criterion__key="timetable").delete()
    client.force_login(editor)
    data = {
        "plan": mexico.pk,
        "criterion": Criterion.objects.get(key="timetable").pk,
        "level": "no",
        "confidence": "described",
        "rationale_en": INVISIBLE,
        "rationale_es": "",
        "text_language": "en",
        "translation_status": "needs-translation",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    response = client.post("/admin/scorecards/assessment/add/", data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Assessment.objects.filter(plan=mexico, criterion__key="timetable").exists()
    data["rationale_en"] = "No schedule."
    assert client.post("/admin/scorecards/assessment/add/", data).status_code == 302
