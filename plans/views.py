from collections import Counter

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from critiques.models import Critique, Recommendation
from plans.browse import FilteredListMixin, PlanMixin, ReaderContextMixin
from plans.coverage import coverage_with_confidence
from plans.filters import PlanFilter
from plans.models import Pillar, Plan, PlanAgency, Responsibility

SEVERITIES = [(value, label) for value, label in reversed(Critique.Severity.choices)]


class PlanListView(ReaderContextMixin, FilteredListMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    filterset_class = PlanFilter
    paginate_by = 24

    def get_base_queryset(self):
        return Plan.objects.public().with_counts()


def critique_summary(critiques: list[Critique]) -> dict:
    """Counts by severity (high first) and by category (most frequent first)."""
    severities = Counter(c.severity for c in critiques)
    categories = Counter(c.get_category_display() for c in critiques)
    return {
        "total": len(critiques),
        "by_severity": [
            {"value": value, "label": label, "count": severities[value]}
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
        critiques = list(Critique.objects.published().for_plan(plan).with_details())
        by_target = Critique.group_by_target(critiques)
        sections = list(plan.sections.select_related("source"))
        for section in sections:
            section.published_critiques = by_target.get(("target_section", section.pk), [])
        pillars = list(Pillar.objects.for_plan(plan).with_counts().select_related("source"))
        for pillar in pillars:
            pillar.plan = plan
            pillar.critique_summary = critique_summary(
                [c for c in critiques if c.pillar_id == pillar.pk]
            )
            pillar.critique_count = pillar.critique_summary["total"]
        plan_sources = list(plan.sources.all())
        return super().get_context_data(
            sections=sections,
            pillars=pillars,
            plan_critiques=by_target.get(("target_plan", plan.pk), []),
            critique_count=len(critiques),
            critique_summary=critique_summary(critiques),
            coverage=coverage_with_confidence(plan),
            plan_agencies=plan.plan_agencies.select_related("agency", "source"),
            plan_sources=plan_sources,
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
        plan = self.get_plan()
        pillar = get_object_or_404(
            Pillar.objects.for_plan(plan).with_tree(), slug=self.kwargs["pillar"]
        )
        pillar.plan = plan
        return pillar

    def get_context_data(self, **kwargs):
        pillar = self.object
        by_target = Critique.group_by_target(
            Critique.objects.published().for_pillar(pillar).with_details()
        )
        pillar.published_critiques = by_target.get(("target_pillar", pillar.pk), [])
        for objective in pillar.objectives.all():
            objective.published_critiques = by_target.get(("target_objective", objective.pk), [])
            for line in objective.lines_of_action.all():
                line.published_critiques = by_target.get(("target_line", line.pk), [])
                for indicator in line.indicators.all():
                    indicator.published_critiques = by_target.get(
                        ("target_indicator", indicator.pk), []
                    )
        return super().get_context_data(
            plan=pillar.plan,
            pillars=Pillar.objects.for_plan(pillar.plan).select_related("plan"),
            **kwargs,
        )


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
        responsibilities = (
            Responsibility.objects.filter(agency=plan_agency.agency)
            .filter(
                Q(objective__plan=plan_agency.plan)
                | Q(line_of_action__plan=plan_agency.plan)
                | Q(indicator__plan=plan_agency.plan)
            )
            .select_related(
                "source",
                "agency",
                "objective__pillar__plan",
                "line_of_action__objective__pillar__plan",
                "indicator__line_of_action__objective__pillar__plan",
            )
        )
        by_pillar: dict[Pillar, list[Responsibility]] = {}
        for responsibility in responsibilities:
            by_pillar.setdefault(responsibility.element.pillar, []).append(responsibility)
        groups = sorted(by_pillar.items(), key=lambda item: item[0].order)
        return super().get_context_data(plan=plan_agency.plan, groups=groups, **kwargs)
