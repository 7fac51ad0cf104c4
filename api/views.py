"""The API's views: thin, read-only, reading through the same querysets, filters and tree reader
as the HTML pages.

The filters of the home page and of the indicator and critique tables live in `pages.filters`,
and search in `search`; the API sits beside those apps (a layer may not import its siblings), so
the URL map hands them in: `PlanListView.as_view(filterset_class=PlanFilter)`,
`SearchView.as_view(search=search.engine.search, …)`. One FilterSet, one search, for both.

Adding a resource of a plan (as rubric assessments were) takes a serializer, a
`PlanResourceView` subclass that says which rows (`get_base_queryset`), and a line in
napwatch/urls.py; pagination, filters, errors, the page cache, ETags and CORS come with it.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from api.errors import ErrorSerializer, InvalidParameters
from api.parameters import TEXT_MAX, names_nothing
from critiques.models import Critique, Recommendation
from critiques.tree import read_plan_tree
from indicators.models import Indicator
from plans.models import Plan, PlanAgency, Responsibility, Source
from scorecards.models import EVIDENCE_LINKED, Assessment, Criterion, Evidence, Rubric

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


# --- Plans ----------------------------------------------------------------------------------


def plans_with_counts():
    return (
        Plan.objects.public()
        .with_counts()
        .select_related("source")
        .annotate(published_critiques=Critique.objects.published().count_for("plan"))
    )


@extend_schema(tags=["plans"], responses={200: s.PlanSerializer(many=True), **ERRORS})
class PlanListView(ListView):
    """The plans, with the home page's filters (`q`, `country`, `region`, `year`), in the home
    page's order (country, newest first, slug)."""

    serializer_class = s.PlanSerializer
    queryset = Plan.objects.none()

    def get_base_queryset(self):
        return plans_with_counts()


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


@extend_schema(tags=["plans"], parameters=[SLUG], responses={200: s.PlanSerializer, **ERRORS})
class PlanDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    """One plan: its facts, declared and encoded counts, provenance and links to its resources."""

    serializer_class = s.PlanSerializer
    queryset = Plan.objects.none()

    def get(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_plan()).data)


@extend_schema(tags=["plans"], parameters=[SLUG], responses={200: s.PlanTreeSerializer, **ERRORS})
class PlanTreeView(PlanMixin, ApiView, generics.GenericAPIView):
    """The plan with its whole tree: sections, and pillars → strategic objectives → lines of
    action → indicators, each with its provenance, the agencies responsible and the keys of its
    published critiques. Read in a fixed number of queries whatever the plan's size."""

    serializer_class = s.PlanTreeSerializer
    queryset = Plan.objects.none()

    def get(self, request, *args, **kwargs):
        tree = read_plan_tree(self.get_plan())
        data = {
            "plan": tree.plan,
            "critiques": [critique.key for critique in tree.plan_critiques],
            "sections": tree.sections,
            "pillars": tree.pillars,
        }
        return Response(self.get_serializer(data).data)


class PlanResourceView(PlanMixin, ListView):
    """A list of one plan's rows: the plan from the URL, its FilterSet (if any) given `plan=`."""

    def get_filterset_kwargs(self) -> dict:
        return {"plan": self.get_plan()}


@extend_schema(
    tags=["indicators"],
    parameters=[SLUG],
    responses={200: s.IndicatorSerializer(many=True), **ERRORS},
)
class IndicatorListView(PlanResourceView):
    """A plan's indicators with the indicator table's filters and orderings; default order: the
    plan's own."""

    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_base_queryset(self):
        return self.filterset_class.base_queryset(self.get_plan())


@extend_schema(
    tags=["indicators"],
    parameters=[
        SLUG,
        OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Its code."),
    ],
    responses={200: s.IndicatorSerializer, **ERRORS},
)
class IndicatorDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    serializer_class = s.IndicatorSerializer
    queryset = Indicator.objects.none()
    filterset_class = None  # handed in by the URL map: the table's, for its base queryset

    def get(self, request, *args, **kwargs):
        rows = self.filterset_class.base_queryset(self.get_plan()).filter(code=kwargs["code"])
        indicator = next(iter(rows), None)
        if indicator is None:
            raise Http404("No such indicator in this plan.")
        return Response(self.get_serializer(indicator).data)


def published_critiques(plan: Plan):
    return Critique.objects.published().for_plan(plan).with_details().with_target_links()


@extend_schema(
    tags=["critiques"],
    parameters=[SLUG],
    responses={200: s.CritiqueSerializer(many=True), **ERRORS},
)
class CritiqueListView(PlanResourceView):
    """A plan's published critiques, with the critique list's filters; most severe first."""

    serializer_class = s.CritiqueSerializer
    queryset = Critique.objects.none()

    def get_base_queryset(self):
        return published_critiques(self.get_plan())


@extend_schema(
    tags=["critiques"],
    parameters=[
        SLUG,
        OpenApiParameter("key", OpenApiTypes.STR, OpenApiParameter.PATH, description="Its key."),
    ],
    responses={200: s.CritiqueSerializer, **ERRORS},
)
class CritiqueDetailView(PlanMixin, ApiView, generics.GenericAPIView):
    """One published critique (a draft, one in review or withdrawn is a 404, like an unknown key)."""

    serializer_class = s.CritiqueSerializer
    queryset = Critique.objects.none()

    def get(self, request, *args, **kwargs):
        critique = published_critiques(self.get_plan()).filter(key=kwargs["key"]).first()
        if critique is None:
            raise Http404("No such published critique in this plan.")
        return Response(self.get_serializer(critique).data)


@extend_schema(
    tags=["agencies"],
    parameters=[SLUG],
    responses={200: s.PlanAgencySerializer(many=True), **ERRORS},
)
class AgencyListView(PlanResourceView):
    """The agencies taking part in a plan, by acronym, each with its role and every objective,
    line of action and indicator it is named for, with provenance."""

    serializer_class = s.PlanAgencySerializer
    queryset = PlanAgency.objects.none()

    def get_base_queryset(self):
        plan = self.get_plan()
        responsibilities = (
            Responsibility.objects.filter(
                Q(objective__plan=plan) | Q(line_of_action__plan=plan) | Q(indicator__plan=plan)
            )
            .select_related(
                "source",
                "objective__pillar__plan",
                "line_of_action__objective__pillar__plan",
                "indicator__line_of_action__objective__pillar__plan",
            )
            .order_by("pk")
        )
        return (
            PlanAgency.objects.filter(plan=plan)
            .select_related("agency", "source")
            .prefetch_related(
                Prefetch(
                    "agency__responsibilities",
                    queryset=responsibilities,
                    to_attr="plan_responsibilities",
                )
            )
            .order_by("agency__acronym", "pk")
        )


@extend_schema(
    tags=["recommendations"],
    parameters=[SLUG],
    responses={200: s.RecommendationSerializer(many=True), **ERRORS},
)
class RecommendationListView(PlanResourceView):
    """What sources recommend the plan's authors do, in order, with the published critiques each
    answers."""

    serializer_class = s.RecommendationSerializer
    queryset = Recommendation.objects.none()

    def get_base_queryset(self):
        return (
            Recommendation.objects.for_plan(self.get_plan())
            .with_published_critiques()
            .order_by("order")
        )


def published_assessments(plan: Plan):
    """A plan's published assessments with their criterion and the evidence a reader may follow
    (a critique only once published), in the rubric's order: three queries."""
    evidence = Evidence.objects.filter(
        Q(critique=None) | Q(critique__status=Critique.Status.PUBLISHED)
    ).select_related(*EVIDENCE_LINKED)
    return (
        Assessment.objects.published()
        .filter(plan=plan)
        .select_related("plan", "criterion__rubric", "criterion__source")
        .prefetch_related(
            Prefetch("evidence", queryset=evidence.order_by("order"), to_attr="public_evidence")
        )
        .order_by("criterion__rubric__key", "criterion__order", "pk")
    )


@extend_schema(
    tags=["assessments"],
    parameters=[SLUG],
    responses={200: s.AssessmentSerializer(many=True), **ERRORS},
)
class AssessmentListView(PlanResourceView):
    """A plan's published answers to the rubric's judged criteria, in the rubric's order, each
    with its criterion, rationale, confidence and evidence. Computed criteria are on the
    scorecard page; a criterion with no published answer is absent."""

    serializer_class = s.AssessmentSerializer
    queryset = Assessment.objects.none()

    def get_base_queryset(self):
        return published_assessments(self.get_plan())


@extend_schema(tags=["assessments"], responses={200: s.RubricSerializer(many=True), **ERRORS})
class RubricListView(ListView):
    """The rubrics plans are assessed against, each with its criteria in order."""

    serializer_class = s.RubricSerializer
    queryset = Rubric.objects.none()

    def get_base_queryset(self):
        criteria = Criterion.objects.select_related("rubric", "source").order_by("order", "pk")
        return Rubric.objects.prefetch_related(
            Prefetch("criteria", queryset=criteria, to_attr="ordered_criteria")
        ).order_by("key")


# --- Sources --------------------------------------------------------------------------------


def sources():
    return Source.objects.prefetch_related(
        Prefetch("plans", queryset=Plan.objects.order_by("slug"))
    ).order_by("key")


@extend_schema(tags=["sources"], responses={200: s.SourceSerializer(many=True), **ERRORS})
class SourceListView(ListView):
    """Every source that wording, provenance or a critique cites, by key."""

    serializer_class = s.SourceSerializer
    queryset = Source.objects.none()

    def get_base_queryset(self):
        return sources()


@extend_schema(
    tags=["sources"],
    parameters=[
        OpenApiParameter(
            "source", OpenApiTypes.STR, OpenApiParameter.PATH, description="The source's key."
        )
    ],
    responses={200: s.SourceSerializer, **ERRORS},
)
class SourceDetailView(ApiView, generics.GenericAPIView):
    serializer_class = s.SourceSerializer
    queryset = Source.objects.none()

    def get(self, request, *args, **kwargs):
        return Response(
            self.get_serializer(get_object_or_404(sources(), key=kwargs["source"])).data
        )


# --- Search ---------------------------------------------------------------------------------


@extend_schema(
    tags=["search"],
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            description=(
                "Words to find, at most 200 characters; the search page's rules. Without `q`, "
                "no groups; an empty `q` is a 400."
            ),
        )
    ],
    responses={200: s.SearchResultsSerializer, 400: ERRORS[400]},
)
class SearchView(ApiView):
    """Plans, objectives, lines of action, indicators and published critiques matching `q`, with
    the search page's rules (full text on PostgreSQL, every word on SQLite), grouped by kind, at
    most 20 of each, best first."""

    allowed_parameters = frozenset({"q"})
    # Handed in by the URL map (the search app is a sibling of this one): its form and engine.
    form_class = None
    search = None
    backend_name = None

    def get(self, request, *args, **kwargs):
        if "q" not in request.query_params:  # nothing asked, as on the search page
            data = {"query": "", "backend": self.backend_name(), "groups": []}
            return Response(s.SearchResultsSerializer(data).data)
        form = self.form_class(request.query_params)
        if not form.is_valid():
            raise InvalidParameters(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        query = form.cleaned_data["q"]
        data = {"query": query, "backend": self.backend_name(), "groups": self.search(query)}
        return Response(s.SearchResultsSerializer(data, context={"request": request}).data)


# --- The index ------------------------------------------------------------------------------


@extend_schema(exclude=True)
class IndexView(ApiView):
    """/api/v1/: where everything is."""

    def get(self, request, *args, **kwargs):
        root = request.build_absolute_uri("/api/v1/")
        return Response(
            {
                "plans": f"{root}plans/",
                "sources": f"{root}sources/",
                "rubrics": f"{root}rubrics/",
                "search": f"{root}search/?q=",
                "openapi": f"{root}openapi.json",
                "docs": f"{root}docs/",
            }
        )
