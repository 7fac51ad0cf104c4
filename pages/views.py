"""The public pages a researcher reads: plans, a plan's overview, pillars, agencies, indicators
and critiques. Every view is thin: it reads through named QuerySet methods and the tree reader
(`critiques.tree`), and hands the rows to a template.
"""

from collections import Counter

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from critiques.models import Critique, Recommendation
from critiques.tree import read_plan_tree
from pages.browse import FilteredListMixin, PlanMixin, ReaderContextMixin
from pages.coverage import coverage_with_confidence
from pages.filters import CritiqueFilter, IndicatorFilter, PlanFilter
from plans.models import Pillar, Plan, PlanAgency, Responsibility, reader_language
from replies.models import Invitation
from scorecards.comparing import compared_plans
from toolkit import spreadsheets

SEVERITIES = [(value, label) for value, label in reversed(Critique.Severity.choices)]


def severity_count(value: int, count: int) -> str:
    """ "3 high": a count of critiques of one severity, pluralised in the reader's language."""
    phrases = {
        Critique.Severity.HIGH: ngettext("%(count)d high", "%(count)d high", count),
        Critique.Severity.MEDIUM: ngettext("%(count)d medium", "%(count)d medium", count),
        Critique.Severity.LOW: ngettext("%(count)d low", "%(count)d low", count),
    }
    return phrases[value] % {"count": count}


class PlanListView(ReaderContextMixin, FilteredListMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    filterset_class = PlanFilter
    paginate_by = 24

    def get_base_queryset(self):
        return (
            Plan.objects.public()
            .with_counts()
            .annotate(published_critiques=Critique.objects.published().count_for("plan"))
        )


def critique_summary(critiques: list[Critique]) -> dict:
    """Counts by severity (high first) and by category (most frequent first)."""
    severities = Counter(c.severity for c in critiques)
    categories = Counter(c.get_category_display() for c in critiques)
    return {
        "total": len(critiques),
        "by_severity": [
            {
                "value": value,
                "label": label,
                "count": severities[value],
                "text": severity_count(value, severities[value]),
            }
            for value, label in SEVERITIES
            if severities[value]
        ],
        "by_category": categories.most_common(),
    }


class PlanDetailView(PlanMixin, DetailView):
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_object(self, queryset=None) -> Plan:
        return self.get_plan()

    def get_context_data(self, **kwargs):
        plan = self.object
        tree = read_plan_tree(plan, elements=False)
        for pillar in tree.pillars:
            pillar.critique_summary = critique_summary(tree.critiques_in_pillar(pillar))
            pillar.critique_count = pillar.critique_summary["total"]
        return super().get_context_data(
            sections=tree.sections,
            pillars=tree.pillars,
            plan_critiques=tree.plan_critiques,
            critique_count=len(tree.critiques),
            critique_summary=critique_summary(tree.critiques),
            coverage=coverage_with_confidence(plan),
            # The plans its published critiques compare it with: "Compare with …" (issue 12)
            compared_plans=compared_plans(plan),
            # The right of reply (issue 28): bodies invited to reply, and how many did
            response_rate=Invitation.objects.for_plan(plan).response_rate(),
            plan_agencies=plan.plan_agencies.select_related("agency", "source"),
            plan_sources=list(plan.sources.all()),
            recommendations=Recommendation.objects.for_plan(plan).prefetch_related(
                Prefetch(
                    "critiques",
                    queryset=Critique.objects.published()
                    .with_target_links()
                    .order_by("-severity", "key"),
                )
            ),
            **kwargs,
        )


class PillarDetailView(PlanMixin, DetailView):
    template_name = "plans/pillar_detail.html"
    context_object_name = "pillar"

    def get_object(self, queryset=None) -> Pillar:
        self.tree = read_plan_tree(self.get_plan(), pillars=[self.kwargs["pillar"]], sections=False)
        if not self.tree.chosen:
            raise Http404(gettext("No such pillar in this plan."))
        return self.tree.chosen[0]

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.tree.plan, pillars=self.tree.pillars, **kwargs)


class AgencyDetailView(PlanMixin, DetailView):
    """What one agency is responsible for in one plan, across pillars."""

    template_name = "plans/agency_detail.html"
    context_object_name = "plan_agency"

    def get_object(self, queryset=None) -> PlanAgency:
        return get_object_or_404(
            PlanAgency.objects.select_related("agency", "source"),
            plan=self.get_plan(),
            agency__acronym=self.kwargs["acronym"],
        )

    def get_context_data(self, **kwargs):
        plan_agency = self.object
        tree = read_plan_tree(plan_agency.plan, sections=False)
        by_pillar: dict[Pillar, list[Responsibility]] = {}
        for responsibility in tree.responsibilities:
            if responsibility.agency_id == plan_agency.agency_id:
                by_pillar.setdefault(responsibility.element.pillar, []).append(responsibility)
        groups = sorted(by_pillar.items(), key=lambda item: item[0].order)
        return super().get_context_data(plan=plan_agency.plan, groups=groups, **kwargs)


# The CSV's header row, in the reader's language (the values stay as the plan file has them:
# codes, confidence levels, wording in each language).
CSV_COLUMNS = [
    pgettext_lazy("CSV column", "code"),
    pgettext_lazy("CSV column", "pillar"),
    pgettext_lazy("CSV column", "objective"),
    pgettext_lazy("CSV column", "line of action"),
    pgettext_lazy("CSV column", "wording in English"),
    pgettext_lazy("CSV column", "wording in the plan's language"),
    pgettext_lazy("CSV column", "unit"),
    pgettext_lazy("CSV column", "baseline"),
    pgettext_lazy("CSV column", "target"),
    pgettext_lazy("CSV column", "timeframe"),
    pgettext_lazy("CSV column", "means of verification"),
    pgettext_lazy("CSV column", "confidence"),
    pgettext_lazy("CSV column", "source"),
    pgettext_lazy("CSV column", "locator"),
    pgettext_lazy("CSV column", "agencies"),
    pgettext_lazy("CSV column", "published critique count"),
    pgettext_lazy("CSV column", "url"),
]
# How an agency named only for the indicator's line or objective is marked in the CSV.
VIA = {
    "line of action": _("%(agency)s (via line of action)"),
    "objective": _("%(agency)s (via objective)"),
}


class IndicatorListView(PlanMixin, FilteredListMixin, ListView):
    """All indicators of a plan in a table: filtered, sorted, paginated, downloadable as CSV."""

    template_name = "indicators/indicator_list.html"
    context_object_name = "indicators"
    filterset_class = IndicatorFilter
    paginate_by = 50

    def get_base_queryset(self):
        return IndicatorFilter.base_queryset(self.get_plan())

    def get_filterset_kwargs(self) -> dict:
        return {"plan": self.get_plan()}

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.render_csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(plan=self.get_plan(), **kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        context["csv_query"] = query.urlencode()
        filterset = self.get_filterset()
        valid = filterset.is_bound and filterset.is_valid()
        context["current_ordering"] = (
            (filterset.form.cleaned_data.get("ordering") or [""])[0] if valid else ""
        )
        return context

    def render_csv(self) -> HttpResponse:
        """Exactly the rows the same filters give on the page, every page of them."""
        plan = self.get_plan()
        filterset = self.get_filterset()
        if filterset.is_bound and not filterset.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
            )
            return HttpResponseBadRequest(
                gettext("These filters are not valid, so no CSV was made: %(problems)s")
                % {"problems": problems}
                + "\n",
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_name(plan)}"'
        site_root = self.request.build_absolute_uri("/").rstrip("/")
        # UTF-8 with a byte-order mark, as statistics offices publish CSV: Excel then reads
        # the accents (without it, it guesses a legacy code page: mojibake).
        response.write("\ufeff")
        writer = spreadsheets.writer(response)  # cells defused (toolkit/spreadsheets.py)
        writer.writerow([str(column) for column in CSV_COLUMNS])
        for indicator in filterset.qs:
            line = indicator.line_of_action
            objective = line.objective
            writer.writerow(
                [
                    indicator.code,
                    objective.pillar.name_en,
                    objective.code,
                    line.code,
                    indicator.wording_en,
                    indicator.wording_original,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    indicator.timeframe,
                    indicator.means_of_verification,
                    indicator.confidence,
                    str(indicator.source),
                    indicator.source_locator,
                    "; ".join(
                        acronym if level == "indicator" else VIA[level] % {"agency": acronym}
                        for acronym, level in indicator.agency_roles()
                    ),
                    indicator.published_critique_count,
                    site_root
                    + reverse("plans:pillar", args=[plan.slug, objective.pillar.slug])
                    + f"#{indicator.code}",
                ]
            )
        return response

    def csv_name(self, plan) -> str:
        """What the file is, in its name: the plan, the table, whether filtered, the language
        of its headers and the day it was made (napwatch-mexico-2021-indicators-es-2026-12-07.csv).
        """
        filtered = any(
            value for name, value in self.request.GET.items() if name not in ("format", "page")
        )
        return (
            f"napwatch-{plan.slug}-indicators{'-filtered' if filtered else ''}"
            f"-{reader_language()}-{timezone.localdate():%Y-%m-%d}.csv"
        )


class CritiqueListView(PlanMixin, FilteredListMixin, ListView):
    """A plan's published critiques, filtered; each links to the element it criticises."""

    template_name = "critiques/critique_list.html"
    context_object_name = "critiques"
    filterset_class = CritiqueFilter
    paginate_by = 25

    def get_base_queryset(self):
        return (
            Critique.objects.published()
            .for_plan(self.get_plan())
            .with_details()
            .with_target_links()
        )

    def get_filterset_kwargs(self) -> dict:
        return {"plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), show_target=True, **kwargs)
