"""What every API view shares: read-only, unknown query parameters refused, FilterSets answered
in the API's error shape; and the plan a plan's resources are read from."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ErrorSerializer, InvalidParameters
from api.parameters import TEXT_MAX, names_nothing
from critiques.models import Critique
from plans.models import Plan

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A query parameter is not valid."),
    404: OpenApiResponse(ErrorSerializer, description="No such object, or page past the end."),
}
SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="A plan's slug."
)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, with the view's extra FilterSet arguments (the plan) and every
    invalid value answered 400 in the API's error shape."""

    def get_filterset_kwargs(self, request, queryset, view):
        return super().get_filterset_kwargs(request, queryset, view) | view.get_filterset_kwargs()

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        empty = sorted(
            name
            for name in request.query_params
            if name in filterset.filters
            and name != "q"
            and "" in request.query_params.getlist(name)
        )
        if empty:  # the documented values are never empty: leave a filter out to not filter
            raise InvalidParameters(
                {name: ["Give a value, or leave the parameter out."] for name in empty}
            )
        if not filterset.is_valid():
            errors = filterset.errors
            if all(names_nothing(name, request.query_params.getlist(name)) for name in errors):
                # Well formed, but naming no pillar, agency, … of this plan (api/parameters.py)
                raise Http404(
                    "; ".join(f"No {name} {request.query_params[name][:40]!r}." for name in errors)
                )
            raise InvalidParameters(
                {name: [str(m) for m in messages] for name, messages in errors.items()}
            )
        return filterset.qs


class ReadOnly:
    """GET and HEAD; OPTIONS says so, as the HTML pages' does (a CORS preflight is answered by
    django-cors-headers before any view); any other method is a 405."""

    http_method_names = ["get", "head", "options"]

    def options(self, request, *args, **kwargs):
        return Response(status=200, headers={"Allow": "GET, HEAD, OPTIONS"})


class ApiView(ReadOnly, APIView):
    """Every API view: unknown query parameters are refused (a typo such as `?pilar=` is told,
    not ignored)."""

    allowed_parameters: frozenset[str] = frozenset()

    def parameters(self) -> set[str]:
        return set(self.allowed_parameters)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = self.parameters()
        too_long = [v for v in request.query_params.getlist("q") if len(v) > TEXT_MAX]
        if "q" in allowed and too_long:  # as sent, before a form strips its spaces
            raise InvalidParameters(
                {
                    "q": [
                        f"Ensure this value has at most {TEXT_MAX} characters (it has {len(too_long[0])})."
                    ]
                }
            )
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            takes = ", ".join(sorted(allowed)) or "none"
            raise InvalidParameters(
                {name: [f"Unknown parameter; this address takes {takes}."] for name in unknown}
            )


class ListView(ApiView, generics.ListAPIView):
    """A paginated list, narrowed by the FilterSet handed in as `filterset_class` (if any)."""

    filter_backends = [FilterBackend]
    filterset_class = None

    def parameters(self) -> set[str]:
        filters = set(self.filterset_class.base_filters) if self.filterset_class else set()
        return super().parameters() | filters | {"page", "page_size"}

    def get_filterset_kwargs(self) -> dict:
        return {}

    def get_base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return self.queryset
        return self.get_base_queryset()


def plans_with_counts():
    return (
        Plan.objects.public()
        .with_counts()
        .select_related("source")
        .annotate(published_critiques=Critique.objects.published().count_for("plan"))
    )


class PlanMixin:
    """The plan named by the URL's slug (404 in the API's shape if there is none)."""

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(plans_with_counts(), slug=self.kwargs["slug"])
        return self._plan

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["plan"] = self.get_plan()
        return context


class PlanResourceView(PlanMixin, ListView):
    """A list of one plan's rows: the plan from the URL, its FilterSet (if any) given `plan=`."""

    def get_filterset_kwargs(self) -> dict:
        return {"plan": self.get_plan()}
