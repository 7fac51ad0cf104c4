"""The API's views: thin, read-only, reading through the same querysets, filters and tree reader
as the HTML pages.

The filters of the home page and of the indicator and critique tables live in `pages.filters`,
and search in `search`; the API sits beside those apps (a layer may not import its siblings), so
the URL map hands them in: `PlanListView.as_view(filterset_class=PlanFilter)`,
`SearchView.as_view(search=search.engine.search, …)`. One FilterSet, one search, for both.

One module per resource: `plan` (plans, a plan's tree, indicators, agencies), `critique`
(critiques, recommendations), `scorecard` (assessments, rubrics), `site` (sources, search, the
index); `base` holds what they share. Adding a resource of a plan (as rubric assessments were)
takes a serializer, a `PlanResourceView` subclass that says which rows (`get_base_queryset`), its
name here, and a line in napwatch/urls.py; pagination, filters, errors, the page cache, ETags and
CORS come with it.
"""

from .base import ReadOnly
from .critique import CritiqueDetailView, CritiqueListView, RecommendationListView
from .plan import (
    AgencyListView,
    IndicatorDetailView,
    IndicatorListView,
    PlanDetailView,
    PlanListView,
    PlanTreeView,
)
from .scorecard import AssessmentListView, RubricListView
from .site import IndexView, SearchView, SourceDetailView, SourceListView

__all__ = [
    "AgencyListView",
    "AssessmentListView",
    "CritiqueDetailView",
    "CritiqueListView",
    "IndexView",
    "IndicatorDetailView",
    "IndicatorListView",
    "PlanDetailView",
    "PlanListView",
    "PlanTreeView",
    "ReadOnly",
    "RecommendationListView",
    "RubricListView",
    "SearchView",
    "SourceDetailView",
    "SourceListView",
]
