"""The database itself refuses data that breaks an invariant, whatever wrote it."""

import pytest
from django.db import IntegrityError, transaction

from critiques.models import Critique
from indicators.models import Indicator
from plans.models import Pillar, Plan, Responsibility, StrategicObjective

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_a_critique_must_have_exactly_one_target(minimal_plan):
    pillar = minimal_plan.pillars.first()
    base = {
        "plan": minimal_plan,
        "title": "t",
        "category": "data-gaps",
        "body": "b",
    }
    assert refused(lambda: Critique.objects.create(key="none", **base))
    assert refused(
        lambda: Critique.objects.create(
            key="two", target_plan=minimal_plan, target_pillar=pillar, **base
        )
    )
    Critique.objects.create(key="one", target_pillar=pillar, **base)


def test_codes_are_unique_within_a_plan(minimal_plan):
    existing = StrategicObjective.objects.get(code="PREV-O1")
    assert refused(
        lambda: StrategicObjective.objects.create(
            plan=minimal_plan,
            pillar=existing.pillar,
            code="PREV-O1",
            order=99,
            wording_en="again",
            source=existing.source,
            confidence="inferred",
        )
    )
    indicator = Indicator.objects.get(code="PREV-I1")
    assert refused(
        lambda: Indicator.objects.create(
            plan=minimal_plan,
            line_of_action=indicator.line_of_action,
            code="PREV-I1",
            order=99,
            wording_en="again",
            source=indicator.source,
            confidence="inferred",
        )
    )


def test_siblings_cannot_share_a_position(minimal_plan):
    pillar = minimal_plan.pillars.first()
    assert refused(
        lambda: Pillar.objects.create(
            plan=minimal_plan,
            slug="other",
            code="OTHER",
            order=pillar.order,
            name_en="Other",
            source=pillar.source,
            confidence="inferred",
        )
    )


def test_a_responsibility_names_exactly_one_element(minimal_plan):
    existing = Responsibility.objects.get()
    indicator = Indicator.objects.get(code="PREV-I1")
    assert refused(
        lambda: Responsibility.objects.create(
            agency=existing.agency,
            objective=existing.objective,
            indicator=indicator,
            source=existing.source,
            confidence="inferred",
        )
    )


def test_a_period_cannot_end_before_it_starts(minimal_plan):
    assert refused(
        lambda: Plan.objects.filter(pk=minimal_plan.pk).update(period_start=2030, period_end=2020)
    )


def test_severity_stays_in_range(minimal_plan):
    critique = Critique.objects.get(key="outward")
    assert refused(lambda: Critique.objects.filter(pk=critique.pk).update(severity=7))


def test_markdown_body_is_rendered_and_sanitised_on_save(minimal_plan):
    critique = Critique.objects.get(key="outward")
    critique.body = (
        "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **b**"
    )
    critique.save()
    html = critique.body_html
    assert "<strong>b</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<img" not in html
