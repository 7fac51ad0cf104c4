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
    """The change form as a browser would post it, with `changes` applied."""
    data = {
        "title": critique.title,
        "key": critique.key,
        "kind": critique.kind,
        "category": critique.category,
        "severity": critique.severity,
        "compares_with": "",
        "target_plan": "",
        "target_section": "",
        "target_pillar": "",
        "target_objective": "",
        "target_line": "",
        "target_indicator": critique.target_indicator_id or "",
        "body": critique.body,
        "remedy": critique.remedy,
        "seen_version": critique.version,
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(changes)
    return data
