"""The scorecard of one plan and the side-by-side comparison of 2 to 6 plans (issue 12).

Thin views: the rubric's answers come from `scorecards.reading.read_scorecards` (the one way to
read them), the facts from named QuerySet methods. Both pages go through the page cache; the
compare page's key covers the revision token of every plan it shows, so an edit to any of them
(its data, critiques or assessments) makes the page afresh.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.views.generic import TemplateView

from comparison.selection import (
    MAX_PLANS,
    MIN_PLANS,
    SelectionError,
    requested_slugs,
    select_plans,
)
from pagecache.keys import cache_key
from pagecache.pages import page_response
from pagecache.revisions import plan_token, plan_tokens
from plans.models import Plan, reader_language
from replies.models import Invitation
from scorecards.charts import grid_chart, summary_chart
from scorecards.comparing import compared_plans, critique_rows, fact_rows
from scorecards.reading import read_scorecards
from toolkit import spreadsheets
from toolkit.http import read_only


def plans_with_counts():
    return Plan.objects.with_counts().select_related("source")


class ScorecardView(TemplateView):
    template_name = "comparison/scorecard.html"

    def get_context_data(self, **kwargs):
        plan = get_object_or_404(plans_with_counts(), slug=self.kwargs["slug"])
        scorecards = read_scorecards([plan])
        others = compared_plans(plan)
        # The right of reply: invited bodies that did not reply by their deadline, said once for
        # the plan, with the critique cards' wording (one query).
        lapsed = Invitation.objects.for_plan(plan).past_deadline().unanswered()
        return super().get_context_data(
            plan=plan,
            scorecards=scorecards,
            lapsed_invitations=list(lapsed.select_related("agency").order_by("deadline", "pk")),
            chart=summary_chart(scorecards, plan) if scorecards.rubric else "",
            narrow_chart=summary_chart(scorecards, plan, narrow=True) if scorecards.rubric else "",
            tally=scorecards.tally(plan),
            compare_url=compare_url([plan, *others]) if others else "",
            **kwargs,
        )


@read_only
def scorecard_page(request, slug: str):
    """The scorecard through the page cache (its plan's token: assessments change it)."""
    token = plan_token(slug)
    key = cache_key(token, request.build_absolute_uri(), reader_language()) if token else None
    return page_response(request, key, lambda: ScorecardView.as_view()(request, slug=slug))


def compare_url(plans: list[Plan]) -> str:
    return reverse("comparison:compare") + "?plans=" + ",".join(plan.slug for plan in plans)


# -- the compare page ------------------------------------------------------------------------


@read_only
def compare_page(request):
    """/compare/?plans=a,b,c: 2 to 6 plans side by side; `format=csv` downloads the table.

    A cached page is found from the slugs' tokens alone (one query); the plans are read and the
    selection checked only when the page is made, or refused with a 400."""
    values = request.GET.getlist("plans")
    if not values:
        return picker(request)
    slugs = requested_slugs(values)
    tokens = plan_tokens(slugs[: MAX_PLANS + 1]) if MIN_PLANS <= len(slugs) <= MAX_PLANS else {}
    key = (
        cache_key(
            "|".join(tokens[slug] for slug in sorted(slugs)),
            request.build_absolute_uri(),
            reader_language(),
        )
        if tokens and len(tokens) == len(slugs)
        else None
    )
    return page_response(request, key, lambda: make_comparison(request, values))


def make_comparison(request, values: list[str]):
    try:
        selection = select_plans(values, plans_with_counts())
    except SelectionError as exc:
        return picker(request, error=str(exc), status=400)
    wants_csv = request.GET.get("format") == "csv"
    return comparison_response(request, selection, wants_csv=wants_csv)


def picker_plans(chosen: list[str]):
    return list(
        Plan.objects.filter(is_synthetic=False)
        .order_by("country", "-adopted_on", "slug")
        .only("slug", "country", "adopted_on", "period_start", "title_en", "title_original")
    ) + list(Plan.objects.filter(is_synthetic=True, slug__in=chosen).order_by("slug"))


def picker(request, *, error: str = "", status: int = 200):
    chosen = [
        slug.strip()[:80]
        for value in request.GET.getlist("plans")
        for slug in value.split(",")
        if slug.strip()
    ][: MAX_PLANS * 4]
    return TemplateResponse(
        request,
        "comparison/compare.html",
        {
            "error": error,
            "all_plans": picker_plans(chosen),
            "chosen": chosen,
            "min_plans": MIN_PLANS,
            "max_plans": MAX_PLANS,
        },
        status=status,
    )


def comparison_response(request, selection, *, wants_csv: bool):
    plans = selection.plans
    scorecards = read_scorecards(plans)
    facts = fact_rows(plans)
    critiques = critique_rows(plans)
    if wants_csv:
        site_root = request.build_absolute_uri("/").rstrip("/")
        return comparison_csv(plans, facts, scorecards, critiques, site_root=site_root)
    return TemplateResponse(
        request,
        "comparison/compare.html",
        {
            "selection": selection,
            "plans": plans,
            "facts": facts,
            "scorecards": scorecards,
            "critique_rows": critiques,
            "chart": grid_chart(scorecards) if scorecards.rubric else "",
            "all_plans": picker_plans(selection.slugs),
            "chosen": selection.slugs,
            "min_plans": MIN_PLANS,
            "max_plans": MAX_PLANS,
            "csv_url": f"{reverse('comparison:compare')}?plans={selection.param}&format=csv",
        },
    )


def comparison_csv(plans, facts, scorecards, critiques, *, site_root: str) -> HttpResponse:
    """The table as CSV: one row per fact, criterion and critique category; a column per plan,
    then the field-wide context and its source, then the published replies to each plan's
    assessment and to its evidence (the right of reply). Headers in the reader's language."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "-".join(plan.slug for plan in plans)
    response["Content-Disposition"] = f'attachment; filename="compare-{name}.csv"'
    writer = spreadsheets.writer(response)  # cells defused (toolkit/spreadsheets.py)
    writer.writerow(
        [
            pgettext("csv column", "section"),
            pgettext("csv column", "row"),
            *(plan.slug for plan in plans),
            pgettext("csv column", "context"),
            pgettext("csv column", "context source"),
            pgettext("csv column", "responses"),
        ]
    )
    for row in facts:
        writer.writerow([gettext("Key facts"), row["label"], *row["values"], "", "", ""])
    for group in scorecards.groups:
        for row in group.rows:
            criterion = row.criterion
            source = criterion.context_source
            writer.writerow(
                [
                    group.label,
                    criterion.question,
                    *(cell.summary() for cell in row.cells),
                    criterion.context,
                    f"{source}, {criterion.context_locator}".strip(", ") if source else "",
                    responses(row.cells, site_root),
                ]
            )
    for row in critiques:
        writer.writerow([gettext("Published critiques"), row["label"], *row["values"], "", "", ""])
    return response


def responses(cells, site_root: str) -> str:
    """Each published reply to a row's assessments or their evidence: "<plan>: <body> <url>",
    separated by semicolons (read with the scorecards: no query of its own)."""
    return "; ".join(
        f"{cell.plan.slug}: {reply.invitation.organisation_name} "
        f"{site_root}{reply.get_absolute_url()}"
        for cell in cells
        for reply in cell.replies
    )
