import csv

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.views.generic import ListView

from indicators.filters import IndicatorFilter
from plans.browse import FilteredListMixin, PlanMixin

CSV_COLUMNS = [
    "code",
    "pillar",
    "objective",
    "line of action",
    "wording_en",
    "wording_original",
    "unit",
    "baseline",
    "target",
    "timeframe",
    "means_of_verification",
    "confidence",
    "source",
    "locator",
    "agencies",
    "published critique count",
    "url",
]


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
                f"These filters are not valid, so no CSV was made: {problems}\n",
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{plan.slug}-indicators.csv"'
        site_root = self.request.build_absolute_uri("/").rstrip("/")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
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
                        acronym if level == "indicator" else f"{acronym} (via {level})"
                        for acronym, level in indicator.agency_roles()
                    ),
                    indicator.published_critique_count,
                    site_root
                    + reverse("plans:pillar", args=[plan.slug, objective.pillar.slug])
                    + f"#{indicator.code}",
                ]
            )
        return response
