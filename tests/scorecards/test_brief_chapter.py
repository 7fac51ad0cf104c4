"""The PDF brief's chapter "How the plan compares": the comparison table and chart for the plans
the brief compares with, the plan's scorecard (published assessments only) with endnotes, and a
cache key that an assessment's edit changes (the plan's own, or a compared plan's)."""

from briefs.content import find_plan, read_brief
from briefs.options import BriefOptions
from briefs.services import brief_key, render_brief_html
from scorecards import services
from scorecards.models import Assessment


def brief_html(slug: str = "mexico-2021") -> str:
    brief = read_brief(options=BriefOptions(), plan_slug=slug, language="en")
    return render_brief_html(brief, for_pdf=True)


def test_the_chapter_compares_the_plan_with_the_plans_it_is_compared_with(mexico):
    html = brief_html()
    chapter = html[html.index('id="compares"') : html.index('id="recommendations"')]
    assert "How the plan compares" in chapter
    assert '<th scope="col">Canada 2017</th>' in chapter
    assert '<th scope="col">El Salvador 2017</th>' in chapter
    assert "Guatemala" not in chapter  # Mexico's critiques do not compare it with Guatemala
    assert 'id="chart-grid-t"' in chapter and 'id="chart-summary-mexico-2021-t"' in chapter
    # The field-wide figure has an endnote, as the brief's citations do
    budget = chapter[chapter.index("Did the plan have an allocated budget") :]
    assert budget.index('class="noteref"') < budget.index("</th>")
    # Evidence: a critique printed in the brief is linked to its place in the brief
    assert 'href="#critique-no-financing"' in chapter
    assert "The brief finds <strong>no budget</strong> allocated" in chapter


def test_only_published_assessments_are_in_the_brief(mexico, reviewer):
    assessment = Assessment.objects.get(plan=mexico, criterion__key="budget-allocated")
    services.transition(assessment=assessment, user=reviewer, name="withdraw")
    html = brief_html()
    chapter = html[html.index('id="compares"') : html.index('id="recommendations"')]
    assert "no budget" not in chapter
    card = chapter[chapter.index('id="criterion-budget-allocated"') :]
    assert "No published assessment yet." in card[: card.index("</article>")]


def test_an_assessment_edit_gives_a_new_brief_key_also_from_a_compared_plan(mexico, reviewer):
    def key():
        return brief_key(find_plan("mexico-2021"), BriefOptions(), language="en")

    first = key()
    salvador = Assessment.objects.get(
        plan__slug="el-salvador-2017", criterion__key="budget-allocated"
    )
    services.transition(assessment=salvador, user=reviewer, name="withdraw")
    second = key()
    assert second != first
    own = Assessment.objects.get(plan=mexico, criterion__key="timetable")
    services.transition(assessment=own, user=reviewer, name="withdraw")
    assert key() != second
