"""What each resource of the API looks like: every object carries its stable id (the database
row's), its code, slug or key (stable across databases: what plan files and links use) and
`html_url`, the absolute address of the HTML page that shows it.

Wording from plans carries its provenance (`provenance`: source, locator, confidence, note);
napwatch's own texts (critiques, recommendations, summaries) come in every site language
(`{"en": …, "es": …}`) with the language they were written in. Only published critiques are ever
serialised: every queryset that feeds these starts from `Critique.objects.published()`.

One module per resource: `plan` (plans, sources), `tree` (a plan's tree, the indicators table),
`critique` (critiques, recommendations), `scorecard` (rubrics, assessments), `agency`, `search`;
`base` holds what they share. The views import the serializers they answer with from here.
"""

from .agency import PlanAgencySerializer
from .critique import CritiqueSerializer, RecommendationSerializer
from .plan import PlanSerializer, SourceSerializer
from .scorecard import AssessmentSerializer, RubricSerializer
from .search import SearchResultsSerializer
from .tree import IndicatorSerializer, PlanTreeSerializer

__all__ = [
    "AssessmentSerializer",
    "CritiqueSerializer",
    "IndicatorSerializer",
    "PlanAgencySerializer",
    "PlanSerializer",
    "PlanTreeSerializer",
    "RecommendationSerializer",
    "RubricSerializer",
    "SearchResultsSerializer",
    "SourceSerializer",
]
