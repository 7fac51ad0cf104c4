"""From the database back to a plan file (docs/plan-format.md): the inverse of `write.py`.

`export_plan(plan)` gives the document a file would hold to make the database hold what it
holds now: the plan in its tree order, every element with its provenance, its responsibilities,
and the critiques about it (published only, unless `include_drafts`), each under the element it
targets, with its citations; then the plan's recommendations. `dump_plan_file()` writes it as
YAML with a fixed emitter, so the same rows always give the same bytes, and loading those bytes
back changes nothing (tests/planfiles/test_export_round_trip.py).

The order of what the database does not order itself is fixed too: sources by key,
responsibilities by the agency's place in the plan, critiques of one element by id (the order
they were first loaded or written in, which a load of the exported file keeps).

A new top-level part of a plan file (a list under `plan:`) is one more entry in `PlanExport.build`
and one more method like `recommendations()`. The rubric assessments are the list beside `plan:`
(`assessments()`): published only unless `include_drafts`, like the critiques.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q
from modeltranslation.utils import build_localized_fieldname

from critiques.models import TARGET_FIELDS, Citation, Critique, Recommendation
from indicators.models import Indicator
from planfiles.export_assessments import AssessmentExport
from planfiles.export_yaml import dump_plan_file
from planfiles.fields import (
    FORMAT,
    SEVERITY_BY_WORD,
    opt,
    plain_or_languages,
    site_language_codes,
)
from plans.models import (
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)

TARGET_NAMES = TARGET_FIELDS
RESPONSIBLE_FOR = (
    ("objective_id", StrategicObjective),
    ("line_of_action_id", LineOfAction),
    ("indicator_id", Indicator),
)
WORD_BY_SEVERITY = {value: word for word, value in SEVERITY_BY_WORD.items()}


@dataclass
class PlanExport(AssessmentExport):
    """The document for one plan; `build()` reads it in a bounded number of queries."""

    plan: Plan
    include_drafts: bool = False
    sources_used: set[int] = field(default_factory=set)

    def build(self) -> dict:
        plan = self.plan
        self.critiques_by_target = self.read_critiques()
        agencies = list(
            PlanAgency.objects.filter(plan=plan)
            .select_related("agency", "source")
            .order_by("order", "agency__acronym")
        )
        self.agency_rank = {pa.agency_id: (pa.order, pa.agency.acronym) for pa in agencies}
        self.responsibilities = self.read_responsibilities()
        body = {
            **self.plan_facts(),
            "provenance": self.provenance(plan),
            "agencies": [self.plan_agency(item) for item in agencies],
            "sections": [
                self.section(section)
                for section in Section.objects.filter(plan=plan)
                .select_related("source")
                .order_by("order")
            ],
            "pillars": self.pillars(),
            "critiques": self.critiques_of("target_plan", plan.pk),
            "recommendations": self.recommendations(),
        }
        assessments = self.assessments()
        linked = set(plan.sources.values_list("pk", flat=True))
        sources = Source.objects.filter(pk__in=linked | self.sources_used).order_by("key")
        return {
            "format": FORMAT,
            "sources": [self.source(source) for source in sources],
            "plan": body,
            **({"assessments": assessments} if assessments else {}),
        }

    # -- the plan ---------------------------------------------------------------------------

    def plan_facts(self) -> dict:
        plan = self.plan
        facts = {
            "slug": plan.slug,
            "country": plan.country,
            "country_code": plan.country_code,
            **({"region": plan.region} if plan.region else {}),
            "language": plan.language,
            "title": {"original": plan.title_original, **opt("en", plan.title_en)},
            **opt("acronym", plan.acronym),
            **({"generation": plan.generation} if plan.generation is not None else {}),
            **({"adopted": plan.adopted_on.isoformat()} if plan.adopted_on else {}),
            "period": {"start": plan.period_start, "end": plan.period_end},
            **({"review_due": plan.review_due} if plan.review_due is not None else {}),
            "status": plan.status,
            "synthetic": plan.is_synthetic,
            **self.texts(plan, "summary"),
            **self.translation(plan),
            "declared": {
                "pillars": plan.declared_pillars,
                "objectives": plan.declared_objectives,
                "lines_of_action": plan.declared_lines,
                "indicators": plan.declared_indicators,
            },
        }
        return facts

    def plan_agency(self, item: PlanAgency) -> dict:
        agency = item.agency
        return {
            "acronym": agency.acronym,
            "name": {"original": agency.name_original, **opt("en", agency.name_en)},
            "role": item.role,
            "provenance": self.provenance(item),
        }

    def section(self, section: Section) -> dict:
        title = self.languages(section, "title")
        if section.title_original:
            title["original"] = section.title_original
        return {
            "slug": section.slug,
            "kind": section.kind,
            "title": title,
            **self.texts(section, "summary"),
            **self.translation(section),
            "provenance": self.provenance(section),
            "critiques": self.critiques_of("target_section", section.pk),
        }

    # -- the tree ---------------------------------------------------------------------------

    def pillars(self) -> list[dict]:
        plan = self.plan
        children: dict[tuple[type, int], list] = defaultdict(list)
        levels = [
            (StrategicObjective, "pillar_id"),
            (LineOfAction, "objective_id"),
            (Indicator, "line_of_action_id"),
        ]
        for model, parent in levels:
            rows = (
                model.objects.filter(plan=plan)
                .select_related("source", "wording_original_source")
                .order_by(parent, "order")
            )
            for row in rows:
                children[(model, getattr(row, parent))].append(row)
        self.children = children
        return [
            {
                "slug": pillar.slug,
                "code": pillar.code,
                "name": {
                    "en": pillar.name_en,
                    **opt("original", pillar.name_original),
                    **self.rendered_name(pillar),
                },
                **self.texts(pillar, "summary"),
                **self.translation(pillar),
                "provenance": self.provenance(pillar),
                "critiques": self.critiques_of("target_pillar", pillar.pk),
                "objectives": [
                    self.element(objective, "target_objective", LineOfAction, "lines_of_action")
                    for objective in children[(StrategicObjective, pillar.pk)]
                ],
            }
            for pillar in Pillar.objects.filter(plan=plan)
            .select_related("source")
            .order_by("order")
        ]

    def rendered_name(self, pillar: Pillar) -> dict:
        """napwatch's rendering of a pillar's name per language (`rendered: {es: …}`)."""
        found = self.languages(pillar, "name_rendered")
        return {"rendered": found} if found else {}

    def element(self, row, target: str, child_model=None, child_key: str = "") -> dict:
        document = {"code": row.code, "wording": self.wording(row)}
        if isinstance(row, Indicator):
            for name in ("unit", "baseline", "target", "timeframe", "means_of_verification"):
                document[name] = getattr(row, name) or None
        document |= {
            **self.note(row, "note"),
            "provenance": self.provenance(row),
            "agencies": self.responsibilities.get((type(row), row.pk), []),
            "critiques": self.critiques_of(target, row.pk),
        }
        if child_model is LineOfAction:
            document[child_key] = [
                self.element(line, "target_line", Indicator, "indicators")
                for line in self.children[(LineOfAction, row.pk)]
            ]
        elif child_model is Indicator:
            document[child_key] = [
                self.element(indicator, "target_indicator")
                for indicator in self.children[(Indicator, row.pk)]
            ]
        return document

    def wording(self, row) -> dict:
        wording = {"en": row.wording_en or None}
        if row.wording_en_by:
            wording["en_by"] = row.wording_en_by
        wording["original"] = row.wording_original or None
        if row.wording_original_source_id:
            self.sources_used.add(row.wording_original_source_id)
            wording["original_provenance"] = {
                "source": row.wording_original_source.key,
                **opt("locator", row.wording_original_locator),
                "confidence": row.wording_original_confidence,
            }
        return wording

    def read_responsibilities(self) -> dict[tuple[type, int], list[dict]]:
        """Each element's agencies, in the order the plan lists its agencies (one query)."""
        plan = self.plan
        rows = Responsibility.objects.filter(
            Q(objective__plan=plan) | Q(line_of_action__plan=plan) | Q(indicator__plan=plan)
        ).select_related("agency", "source")
        found: dict[tuple[type, int], list[tuple]] = defaultdict(list)
        for item in rows:
            model, element_id = next(
                (model, getattr(item, name))
                for name, model in RESPONSIBLE_FOR
                if getattr(item, name) is not None
            )
            rank = self.agency_rank.get(item.agency_id, (10**9, item.agency.acronym))
            entry = {"acronym": item.agency.acronym, "provenance": self.provenance(item)}
            found[(model, element_id)].append((rank, entry))
        return {
            key: [entry for _rank, entry in sorted(entries, key=lambda pair: pair[0])]
            for key, entries in found.items()
        }

    # -- critiques and recommendations -------------------------------------------------------

    def read_critiques(self) -> dict[tuple[str, int], list[dict]]:
        critiques = Critique.objects.filter(plan=self.plan).select_related("compares_with")
        if not self.include_drafts:
            critiques = critiques.published()
        critiques = critiques.prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("order"),
            )
        ).order_by("pk")
        self.critique_keys = set()
        grouped: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for critique in critiques:
            self.critique_keys.add(critique.key)
            target = next(
                (name, getattr(critique, f"{name}_id"))
                for name in TARGET_NAMES
                if getattr(critique, f"{name}_id") is not None
            )
            grouped[target].append(self.critique(critique))
        return grouped

    def critiques_of(self, target: str, pk: int) -> list[dict]:
        return self.critiques_by_target.get((target, pk), [])

    def critique(self, critique: Critique) -> dict:
        cites = []
        for citation in critique.citations.all():
            self.sources_used.add(citation.source_id)
            cites.append(
                {
                    "source": citation.source.key,
                    **opt("locator", citation.locator),
                    **opt("quote", citation.quote),
                }
            )
        return {
            "key": critique.key,
            **self.texts(critique, "title"),
            "kind": critique.kind,
            "category": critique.category,
            "severity": WORD_BY_SEVERITY[critique.severity],
            "status": critique.status,
            **self.dates(critique),
            **({"compares_with": critique.compares_with.slug} if critique.compares_with else {}),
            **self.texts(critique, "body"),
            **self.texts(critique, "remedy"),
            **self.translation(critique),
            "cites": cites,
        }

    def recommendations(self) -> list[dict]:
        rows = (
            Recommendation.objects.filter(plan=self.plan)
            .select_related("source")
            .prefetch_related(Prefetch("critiques", queryset=Critique.objects.order_by("key")))
            .order_by("order")
        )
        return [
            {
                "key": item.key,
                **self.texts(item, "title"),
                **self.texts(item, "body"),
                **self.translation(item),
                "provenance": self.provenance(item),
                "answers": [
                    critique.key
                    for critique in item.critiques.all()
                    if critique.key in self.critique_keys
                ],
            }
            for item in rows
        ]

    # -- the pieces --------------------------------------------------------------------------

    def source(self, source: Source) -> dict:
        return {
            "key": source.key,
            "kind": source.kind,
            "authors": list(source.authors),
            "title": plain_or_languages(self.languages(source, "title")),
            "publisher": source.publisher or None,
            "issued": source.issued or None,
            "url": source.url or None,
            **self.note(source, "note"),
        }

    def provenance(self, row) -> dict:
        self.sources_used.add(row.source_id)
        return {
            "source": row.source.key,
            **opt("locator", row.source_locator),
            "confidence": row.confidence,
            **self.note(row, "provenance_note", "note"),
        }

    def note(self, row, field: str, name: str = "") -> dict:
        """A napwatch note as a file writes it: the English alone as plain text, else
        `{en: …, es: …}` (planfiles.fields.Note); nothing when there is none."""
        return opt(name or field, plain_or_languages(self.languages(row, field)))

    @staticmethod
    def languages(row, name: str) -> dict[str, str]:
        found = {}
        for code in site_language_codes():
            text = getattr(row, build_localized_fieldname(name, code), None)
            if text:
                found[code] = text
        return found

    def texts(self, row, name: str) -> dict:
        """`{name: {en: …, es: …}}`, or nothing when no language has this text."""
        found = self.languages(row, name)
        return {name: found} if found else {}

    @staticmethod
    def dates(row) -> dict:
        """When a critique or assessment was first published, and, when it differs, the day it was
        last changed (`revised`): a load stamps what it writes with the file's dates."""
        dates = opt("first_published", row.first_published)
        changed = row.updated_at.astimezone(datetime.UTC).date() if row.updated_at else None
        if changed and changed != row.first_published_on:
            dates["revised"] = changed.isoformat()
        return dates

    @staticmethod
    def translation(row) -> dict:
        written = (
            {} if row.text_language == settings.LANGUAGE_CODE else {"written_in": row.text_language}
        )
        return {**written, "translation": row.translation_status}


def export_plan(plan: Plan, *, include_drafts: bool = False) -> dict:
    return PlanExport(plan, include_drafts=include_drafts).build()


def plan_file_text(plan: Plan, *, include_drafts: bool = False) -> str:
    """The plan as a plan file's text (UTF-8 when written)."""
    return dump_plan_file(
        export_plan(plan, include_drafts=include_drafts), include_drafts=include_drafts
    )
