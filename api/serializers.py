"""What each resource of the API looks like: every object carries its stable id (the database
row's), its code, slug or key (stable across databases: what plan files and links use) and
`html_url`, the absolute address of the HTML page that shows it.

Wording from plans carries its provenance (`provenance`: source, locator, confidence, note);
napwatch's own texts (critiques, recommendations, summaries) come in every site language
(`{"en": …, "es": …}`) with the language they were written in. Only published critiques are ever
serialised: every queryset that feeds these starts from `Critique.objects.published()`.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from api import links
from critiques.models import Critique
from plans.models import Confidence, EnglishBy, Plan, Source, TranslationStatus
from scorecards.models import Criterion, Dimension, Level, Rating, ScaleValue

TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "The text in each site language (empty where not yet translated).",
    "properties": {code: {"type": "string"} for code, _name in settings.LANGUAGES},
    "required": [code for code, _name in settings.LANGUAGES],
}


@extend_schema_field(TRANSLATIONS_SCHEMA)
class TranslationsField(serializers.Field):
    """{"en": …, "es": …}: a modeltranslation field's column in every site language."""

    def __init__(self, name: str, **kwargs):
        self.name_in_model = name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict[str, str]:
        return {
            code: getattr(instance, build_localized_fieldname(self.name_in_model, code), "") or ""
            for code, _name in settings.LANGUAGES
        }


IDENTITY = ("id", "key", "slug", "code")
TRAILING = ("text_language", "translation_status", "html_url", "links")
CHILDREN = ("objectives", "lines_of_action", "indicators")


class Serializer(serializers.Serializer):
    """Read-only: the API never writes. Each object starts with its identity (id, then its key,
    slug or code) and ends with its links, whatever mixins declared first."""

    def get_fields(self):
        fields = super().get_fields()
        first = [name for name in IDENTITY if name in fields]
        last = [name for name in TRAILING + CHILDREN if name in fields]
        middle = [name for name in fields if name not in first and name not in last]
        return {name: fields[name] for name in first + middle + last}

    def create(self, validated_data):  # pragma: no cover - never called
        raise NotImplementedError

    def update(self, instance, validated_data):  # pragma: no cover - never called
        raise NotImplementedError


class SourceRefSerializer(Serializer):
    key = serializers.SlugField()
    title = serializers.CharField()

    class Meta:
        ref_name = "SourceRef"


class ProvenanceSerializer(Serializer):
    """Where the wording comes from and how sure we are that it is the plan's own."""

    source = SourceRefSerializer()
    locator = serializers.CharField(source="source_locator")
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    note = serializers.CharField(source="provenance_note")

    class Meta:
        ref_name = "Provenance"


class OriginalWordingProvenanceSerializer(Serializer):
    source = SourceRefSerializer(source="wording_original_source")
    locator = serializers.CharField(source="wording_original_locator")
    confidence = serializers.ChoiceField(
        source="wording_original_confidence", choices=Confidence.choices
    )

    class Meta:
        ref_name = "OriginalWordingProvenance"


class TranslatedTextMixin(serializers.Serializer):
    text_language = serializers.CharField(help_text="The language napwatch's editors wrote it in.")
    translation_status = serializers.ChoiceField(
        choices=[TranslationStatus.TRANSLATED, TranslationStatus.NEEDS_TRANSLATION]
    )


# --- Sources --------------------------------------------------------------------------------


class SourceSerializer(Serializer):
    id = serializers.IntegerField()
    key = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    authors = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    publisher = serializers.CharField()
    issued = serializers.CharField(help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.")
    url = serializers.CharField(help_text="The source's own address, if it has one.")
    note = serializers.CharField()
    citation = serializers.CharField(help_text="A plain-text reference in author–date style.")
    plans = serializers.SerializerMethodField(help_text="Slugs of the plans that cite it.")

    def get_plans(self, source) -> list[str]:
        return [plan.slug for plan in source.plans.all()]


# --- Plans ----------------------------------------------------------------------------------


class CountsSerializer(Serializer):
    pillars = serializers.IntegerField(allow_null=True)
    objectives = serializers.IntegerField(allow_null=True)
    lines_of_action = serializers.IntegerField(allow_null=True)
    indicators = serializers.IntegerField(allow_null=True)


class PlanSerializer(Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    country = serializers.CharField()
    country_code = serializers.CharField(help_text="ISO 3166-1 alpha-3.")
    region = serializers.CharField()
    language = serializers.CharField(help_text="The plan's own language (BCP 47).")
    title_original = serializers.CharField()
    title_en = serializers.CharField()
    acronym = serializers.CharField()
    generation = serializers.IntegerField(allow_null=True)
    adopted_on = serializers.DateField(allow_null=True)
    period_start = serializers.IntegerField(allow_null=True)
    period_end = serializers.IntegerField(allow_null=True)
    review_due = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=Plan.Status.choices)
    summary = TranslationsField("summary")
    declared = serializers.SerializerMethodField(help_text="Counts the plan itself declares.")
    encoded = serializers.SerializerMethodField(help_text="Elements napwatch holds.")
    published_critiques = serializers.IntegerField()
    is_synthetic = serializers.BooleanField(help_text="Generated benchmark data, not a real plan.")
    provenance = ProvenanceSerializer(source="*")
    html_url = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField(help_text="This plan's resources in the API.")

    @extend_schema_field(CountsSerializer)
    def get_declared(self, plan) -> dict:
        return {
            "pillars": plan.declared_pillars,
            "objectives": plan.declared_objectives,
            "lines_of_action": plan.declared_lines,
            "indicators": plan.declared_indicators,
        }

    @extend_schema_field(CountsSerializer)
    def get_encoded(self, plan) -> dict:
        return {
            "pillars": plan.encoded_pillars,
            "objectives": plan.encoded_objectives,
            "lines_of_action": plan.encoded_lines,
            "indicators": plan.encoded_indicators,
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, plan) -> str:
        return links.plan_url(plan.slug)

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string", "format": "uri"},
            "example": {"tree": "https://…/api/v1/plans/mexico-2021/tree/"},
        }
    )
    def get_links(self, plan) -> dict[str, str]:
        request = self.context["request"]
        base = request.build_absolute_uri(f"/api/v1/plans/{plan.slug}/")
        return {
            name: f"{base}{name}/"
            for name in (
                "tree",
                "indicators",
                "critiques",
                "agencies",
                "recommendations",
                "assessments",
            )
        }


# --- Critiques ------------------------------------------------------------------------------


class CitationSerializer(Serializer):
    source = SourceRefSerializer()
    locator = serializers.CharField()
    quote = serializers.CharField()


TARGET_TYPES = ["plan", "section", "pillar", "objective", "line", "indicator"]


class TargetSerializer(Serializer):
    type = serializers.ChoiceField(choices=TARGET_TYPES)
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="The element's code; `plan` for the plan itself.")
    html_url = serializers.URLField()


def target_of(critique: Critique) -> dict:
    target = critique.target
    kind = next(
        name.removeprefix("target_")
        for name in ("target_plan", "target_section", "target_pillar")
        + ("target_objective", "target_line", "target_indicator")
        if getattr(critique, f"{name}_id") is not None
    )
    return {
        "type": kind,
        "id": target.pk,
        "code": critique.target_code,
        "html_url": links.site_path_url(critique.target_url()),
    }


class CritiqueSerializer(TranslatedTextMixin, Serializer):
    """A published critique (never a draft, one in review or a withdrawn one)."""

    id = serializers.IntegerField()
    key = serializers.SlugField(help_text="Stable within its plan.")
    plan = serializers.SlugField(source="plan.slug")
    title = TranslationsField("title")
    body = TranslationsField("body", help_text="Markdown.")
    body_html = TranslationsField("body_html", help_text="The body as sanitised HTML.")
    remedy = TranslationsField("remedy")
    kind = serializers.ChoiceField(choices=Critique.Kind.choices)
    category = serializers.ChoiceField(choices=Critique.Category.choices)
    severity = serializers.ChoiceField(
        choices=Critique.Severity.choices, help_text="1 low, 2 medium, 3 high."
    )
    target = serializers.SerializerMethodField()
    compares_with = serializers.SlugField(
        source="compares_with.slug", allow_null=True, default=None
    )
    citations = CitationSerializer(many=True, source="citations.all")
    published_at = serializers.DateTimeField(allow_null=True)
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(TargetSerializer)
    def get_target(self, critique) -> dict:
        return target_of(critique)

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, critique) -> str:
        page = critique.target_url().split("#")[0]
        return links.site_path_url(f"{page}#{critique.anchor}")


# --- Rubric assessments ---------------------------------------------------------------------


class CriterionSerializer(Serializer):
    """A rubric's criterion: the question, what it reads, its closed scale and where it comes
    from. Computed criteria are derived from the encoded data (the scorecard page shows them);
    judged ones are answered in assessments."""

    id = serializers.IntegerField()
    key = serializers.SlugField(help_text="Stable within its rubric.")
    rubric = serializers.SlugField(source="rubric.key")
    question = TranslationsField("question")
    label = TranslationsField("label", help_text="A short name, for charts.")
    guidance = TranslationsField("guidance", help_text="For the assessor.")
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    level = serializers.ChoiceField(choices=Level.choices, help_text="What it reads.")
    kind = serializers.ChoiceField(choices=Criterion.Kind.choices)
    scale = serializers.ListField(
        child=serializers.ChoiceField(choices=ScaleValue.choices),
        help_text="The answers it allows, in order; always including not-known.",
    )
    framework = serializers.CharField(help_text="The framework it comes from.")
    source = SourceRefSerializer(allow_null=True)
    locator = serializers.CharField()

    class Meta:
        ref_name = "Criterion"


class RubricSerializer(Serializer):
    """A versioned rubric with its criteria in order."""

    id = serializers.IntegerField()
    key = serializers.SlugField()
    version = serializers.CharField()
    title = TranslationsField("title")
    note = serializers.CharField()
    criteria = CriterionSerializer(many=True, source="ordered_criteria")


EVIDENCE_TYPES = ["pillar", "objective", "line", "indicator", "critique", "source"]


class EvidenceSerializer(Serializer):
    """What an answer rests on: exactly one element of the plan (`code`), published critique
    (`critique`) or source (`source`, with a locator and quotation)."""

    type = serializers.ChoiceField(choices=EVIDENCE_TYPES)
    code = serializers.CharField(allow_null=True, help_text="The element's code, if an element.")
    critique = serializers.SlugField(allow_null=True, help_text="The critique's key, if one.")
    source = SourceRefSerializer(allow_null=True)
    locator = serializers.CharField()
    quote = serializers.CharField()
    html_url = serializers.URLField(
        allow_null=True, help_text="Where to follow it: napwatch's page, or the source's address."
    )

    def to_representation(self, evidence) -> dict:
        kind = next(name for name in EVIDENCE_TYPES if getattr(evidence, f"{name}_id") is not None)
        url = evidence.url()
        return {
            "type": kind,
            "code": evidence.target.code if kind not in ("critique", "source") else None,
            "critique": evidence.critique.key if evidence.critique_id else None,
            "source": (
                {"key": evidence.source.key, "title": evidence.source.title}
                if evidence.source_id
                else None
            ),
            "locator": evidence.locator,
            "quote": evidence.quote,
            "html_url": (url if kind == "source" else links.site_path_url(url)) or None,
        }


class AssessmentSerializer(TranslatedTextMixin, Serializer):
    """A published answer to one judged criterion (never a draft, one in review or withdrawn).
    `not-known` (not known from the sources available) is an answer of its own, never "no"."""

    id = serializers.IntegerField()
    plan = serializers.SlugField(source="plan.slug")
    criterion = CriterionSerializer()
    answer = serializers.ChoiceField(source="level", choices=ScaleValue.choices)
    rating = serializers.ChoiceField(
        choices=Rating.choices, help_text="How the answer reads on a chart."
    )
    rationale = TranslationsField("rationale", help_text="Markdown.")
    rationale_html = TranslationsField("rationale_html", help_text="As sanitised HTML.")
    confidence = serializers.ChoiceField(
        choices=Confidence.choices, help_text="How sure the answer is, in provenance's words."
    )
    evidence = EvidenceSerializer(many=True, source="public_evidence")
    published_at = serializers.DateTimeField(allow_null=True)
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, assessment) -> str:
        return links.page("comparison:scorecard", assessment.plan.slug, anchor=assessment.anchor)


# --- The tree -------------------------------------------------------------------------------


class ResponsibilitySerializer(Serializer):
    """An agency named as responsible for an element, with where that comes from."""

    agency = serializers.CharField(source="agency.acronym")
    provenance = ProvenanceSerializer(source="*")


class ElementSerializer(Serializer):
    """What an objective, a line of action and an indicator share."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    order = serializers.IntegerField()
    wording_en = serializers.CharField()
    wording_original = serializers.CharField()
    wording_en_by = serializers.ChoiceField(
        choices=EnglishBy.choices, allow_blank=True, help_text="Who made the English wording."
    )
    note = serializers.CharField()
    provenance = ProvenanceSerializer(source="*")
    original_wording_provenance = serializers.SerializerMethodField(
        help_text="Only when the wording in the plan's language comes from another source."
    )
    agencies = ResponsibilitySerializer(many=True)
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OriginalWordingProvenanceSerializer(allow_null=True))
    def get_original_wording_provenance(self, element) -> dict | None:
        if element.wording_original_source_id is None:
            return None
        return OriginalWordingProvenanceSerializer(element).data

    def get_critiques(self, element) -> list[str]:
        return [critique.key for critique in element.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, element) -> str:
        return links.site_path_url(element.get_absolute_url())


class IndicatorFieldsMixin(serializers.Serializer):
    unit = serializers.CharField()
    baseline = serializers.CharField()
    target = serializers.CharField()
    timeframe = serializers.CharField()
    means_of_verification = serializers.CharField()


class TreeIndicatorSerializer(IndicatorFieldsMixin, ElementSerializer):
    class Meta:
        ref_name = "TreeIndicator"


class TreeLineSerializer(ElementSerializer):
    indicators = TreeIndicatorSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreeLineOfAction"


class TreeObjectiveSerializer(ElementSerializer):
    lines_of_action = TreeLineSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreeObjective"


class TreePillarSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    slug = serializers.SlugField()
    order = serializers.IntegerField()
    name_en = serializers.CharField()
    name_original = serializers.CharField()
    summary = TranslationsField("summary")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()
    objectives = TreeObjectiveSerializer(many=True, source="children")

    class Meta:
        ref_name = "TreePillar"

    def get_critiques(self, pillar) -> list[str]:
        return [critique.key for critique in pillar.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, pillar) -> str:
        return links.pillar_url(pillar.plan.slug, pillar.slug)


class TreeSectionSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.CharField()
    order = serializers.IntegerField()
    title = TranslationsField("title")
    title_original = serializers.CharField(help_text="The heading the plan itself gives it.")
    summary = TranslationsField("summary")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(help_text="Keys of its published critiques.")
    html_url = serializers.SerializerMethodField()

    class Meta:
        ref_name = "TreeSection"

    def get_critiques(self, section) -> list[str]:
        return [critique.key for critique in section.published_critiques]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, section) -> str:
        return links.plan_url(section.plan.slug, section.code)


class PlanTreeSerializer(Serializer):
    """The plan with its whole tree: sections, and pillars → objectives → lines → indicators."""

    plan = PlanSerializer()
    critiques = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of published critiques of the whole plan."
    )
    sections = TreeSectionSerializer(many=True)
    pillars = TreePillarSerializer(many=True)


# --- Indicators (the table) -----------------------------------------------------------------


class AgencyRoleSerializer(Serializer):
    agency = serializers.CharField()
    level = serializers.ChoiceField(
        choices=["indicator", "line of action", "objective"],
        help_text="Named for the indicator itself, or only for its line of action or objective.",
    )


class IndicatorSerializer(Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    order = serializers.IntegerField()
    plan = serializers.SerializerMethodField()
    pillar = serializers.SlugField(source="line_of_action.objective.pillar.slug")
    objective = serializers.CharField(source="line_of_action.objective.code")
    line_of_action = serializers.CharField(source="line_of_action.code")
    wording_en = serializers.CharField()
    wording_original = serializers.CharField()
    wording_en_by = serializers.ChoiceField(choices=EnglishBy.choices, allow_blank=True)
    unit = serializers.CharField()
    baseline = serializers.CharField()
    target = serializers.CharField()
    timeframe = serializers.CharField()
    means_of_verification = serializers.CharField()
    note = serializers.CharField()
    provenance = ProvenanceSerializer(source="*")
    agencies = serializers.SerializerMethodField()
    published_critique_count = serializers.IntegerField()
    html_url = serializers.SerializerMethodField()

    def get_plan(self, indicator) -> str:
        return self.context["plan"].slug

    @extend_schema_field(AgencyRoleSerializer(many=True))
    def get_agencies(self, indicator) -> list[dict]:
        return [{"agency": acronym, "level": level} for acronym, level in indicator.agency_roles()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, indicator) -> str:
        pillar = indicator.line_of_action.objective.pillar
        return links.element_url(self.context["plan"].slug, pillar.slug, indicator.code)


# --- Agencies and recommendations -----------------------------------------------------------


class ElementRefSerializer(Serializer):
    type = serializers.ChoiceField(choices=["objective", "line", "indicator"])
    id = serializers.IntegerField()
    code = serializers.CharField()
    html_url = serializers.URLField()


class AgencyResponsibilitySerializer(Serializer):
    element = serializers.SerializerMethodField()
    provenance = ProvenanceSerializer(source="*")

    @extend_schema_field(ElementRefSerializer)
    def get_element(self, responsibility) -> dict:
        for kind, field in (("objective", "objective"), ("line", "line_of_action")) + (
            ("indicator", "indicator"),
        ):
            element = getattr(responsibility, field)
            if element is not None:
                return {
                    "type": kind,
                    "id": element.pk,
                    "code": element.code,
                    "html_url": links.site_path_url(element.get_absolute_url()),
                }
        raise AssertionError("a responsibility always names one element")


class PlanAgencySerializer(Serializer):
    id = serializers.IntegerField(source="agency.id")
    acronym = serializers.CharField(source="agency.acronym")
    country_code = serializers.CharField(source="agency.country_code")
    name_original = serializers.CharField(source="agency.name_original")
    name_en = serializers.CharField(source="agency.name_en")
    role = serializers.ChoiceField(choices=["lead", "co-responsible", "related"])
    order = serializers.IntegerField()
    provenance = ProvenanceSerializer(source="*")
    responsibilities = AgencyResponsibilitySerializer(
        many=True, source="agency.plan_responsibilities"
    )
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, plan_agency) -> str:
        return links.agency_url(self.context["plan"].slug, plan_agency.agency.acronym)


class RecommendationSerializer(TranslatedTextMixin, Serializer):
    id = serializers.IntegerField()
    key = serializers.SlugField()
    order = serializers.IntegerField()
    title = TranslationsField("title")
    body = TranslationsField("body", help_text="Markdown.")
    body_html = TranslationsField("body_html", help_text="The body as sanitised HTML.")
    provenance = ProvenanceSerializer(source="*")
    critiques = serializers.SerializerMethodField(
        help_text="Keys of the published critiques it answers."
    )
    html_url = serializers.SerializerMethodField()

    def get_critiques(self, recommendation) -> list[str]:
        return [critique.key for critique in recommendation.critiques.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, recommendation) -> str:
        return links.plan_url(self.context["plan"].slug, f"recommendation-{recommendation.key}")


# --- Search ---------------------------------------------------------------------------------


class SearchHitSerializer(Serializer):
    kind = serializers.CharField(source="kind.key")
    title = serializers.CharField()
    code = serializers.CharField(help_text="The element's code; empty for plans and critiques.")
    plan = serializers.SlugField(source="plan.slug")
    snippet_html = serializers.CharField(
        source="snippet", help_text="Escaped text with the matched words in <mark>."
    )
    rank = serializers.FloatField()
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, hit) -> str:
        return links.site_path_url(hit.url)


class SearchGroupSerializer(Serializer):
    kind = serializers.ChoiceField(
        source="kind.key", choices=["plan", "objective", "line", "indicator", "critique"]
    )
    more = serializers.BooleanField(help_text="More hits of this kind than are listed.")
    hits = SearchHitSerializer(many=True)


class SearchResultsSerializer(Serializer):
    query = serializers.CharField()
    backend = serializers.ChoiceField(
        choices=["full-text", "simple"],
        help_text="PostgreSQL full-text search, or word by word (SQLite).",
    )
    groups = SearchGroupSerializer(many=True)
