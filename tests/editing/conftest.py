"""Critiques written by the cast on the minimal plan's indicator PREV-I1."""

import pytest

from critiques.models import Critique
from indicators.models import Indicator


@pytest.fixture
def indicator(minimal_plan):
    return Indicator.objects.get(plan=minimal_plan, code="PREV-I1")


@pytest.fixture
def write_critique(indicator):
    """write_critique(author, status=..., title=...) saves a critique of PREV-I1 as it would be."""

    def write(author, *, status=Critique.Status.DRAFT, title="Counts events, not change", **extra):
        critique = Critique(
            plan=indicator.plan,
            key=extra.pop("key", "counts-events"),
            title=title,
            target_indicator=indicator,
            category=Critique.Category.VAGUE_INDICATOR,
            body=extra.pop("body", "The indicator counts **events**."),
            author=author,
            status=status,
            **extra,
        )
        critique.save()
        return critique

    return write


def change_url(critique) -> str:
    return f"/admin/critiques/critique/{critique.pk}/change/"


def step_url(critique, name: str) -> str:
    return f"/admin/critiques/critique/{critique.pk}/transition/{name}/"


def form_data(critique, **changes) -> dict:
    """The change form as a browser would post it, with `changes` applied (`title`, `body` and
    `remedy` are the English columns; the Spanish ones are posted empty unless changed)."""
    data = {
        "title_en": critique.title_en,
        "title_es": critique.title_es or "",
        "key": critique.key,
        "kind": critique.kind,
        "category": critique.category,
        "severity": critique.severity,
        "compares_with": "",
        # The one target picker: a plan and the code of its element (critiques/admin/picker.py)
        "target_in_plan": critique.target_indicator.plan_id,
        "target": critique.target_indicator.code,
        "body_en": critique.body_en,
        "body_es": critique.body_es or "",
        "remedy_en": critique.remedy_en or "",
        "remedy_es": critique.remedy_es or "",
        "text_language": critique.text_language,
        "translation_status": critique.translation_status,
        "seen_version": critique.version,
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    moved_to = changes.pop("target_indicator", None)
    if moved_to is not None:  # another indicator, by id, as the picker would name it
        element = Indicator.objects.get(pk=moved_to)
        data.update(target_in_plan=element.plan_id, target=element.code)
    data.update({ENGLISH.get(name, name): value for name, value in changes.items()})
    return data


# The admin form edits each language's column; tests name the English one by the base name.
ENGLISH = {"title": "title_en", "body": "body_en", "remedy": "remedy_en"}
