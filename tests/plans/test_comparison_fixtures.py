"""The plans the WIIS brief compares Mexico with: El Salvador, Guatemala and Canada.

Their provenance must not claim more than the sources show: English renderings are ours, not the
plans' words, and a title "as commonly cited" is not the official one.
"""

import pytest

from plans.models import Confidence, Plan

pytestmark = pytest.mark.django_db


def test_el_salvador_marks_nothing_verbatim_that_is_not_the_plan_s_own_words(mexico):
    plan = Plan.objects.get(slug="el-salvador-2017")
    # The plan-level facts mix the plan's credits, PeaceWomen's description and our `ended`.
    assert plan.confidence == Confidence.DESCRIBED
    assert plan.source.key == "peacewomen-el-salvador"
    assert "`ended` is our inference" in " ".join(plan.provenance_note.split())
    # The pillar and section headings were read in Spanish; the English names are ours.
    pillars = list(plan.pillars.all())
    assert len(pillars) == 5
    for pillar in pillars:
        assert pillar.confidence == Confidence.INFERRED, pillar
        assert "The English name is ours" in pillar.provenance_note, pillar
    framework = plan.sections.get(slug="framework-for-action")
    assert framework.confidence == Confidence.INFERRED
    coordination = " ".join(plan.sections.get(slug="coordination-and-monitoring").summary.split())
    assert 'says that this policy "is considered a best practice in the region"' in coordination


def test_guatemala_s_commonly_cited_title_is_inferred(mexico):
    plan = Plan.objects.get(slug="guatemala-2017")
    assert (
        plan.title_original
        == "Plan de Acción Nacional para la implementación de la Resolución 1325"
    )
    assert plan.confidence == Confidence.INFERRED
    assert "as commonly cited" in plan.provenance_note


def test_canada_documents_an_annual_update_only_for_global_affairs_canada(mexico):
    plan = Plan.objects.get(slug="canada-2017")
    summary = " ".join(plan.sections.get(slug="coordination-and-monitoring").summary.split())
    assert "Each partner's implementation plan, updated annually" not in summary
    assert "Global Affairs Canada's, which is to form the basis" in summary
    assert "is to be updated annually" in summary
    financing = " ".join(plan.sections.get(slug="financing").summary.split())
    assert '"include specific budgeting targets over a five-year period"' in financing
