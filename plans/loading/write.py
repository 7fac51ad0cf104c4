"""Write validated plan files into the database: create what is new, update what changed and
leave what is unchanged untouched, so that loading the same file twice changes nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone

from critiques.models import Citation, Critique, Recommendation
from indicators.models import Indicator
from pagecache.revisions import plans_changed
from plans.loading.schema import CritiqueIn, PlanFile, ProvenanceIn, SourceIn
from plans.loading.validate import (
    PathParts,
    PlanFileError,
    Problem,
    iter_critiques,
    iter_elements,
)
from plans.models import (
    Agency,
    LineOfAction,
    Pillar,
    Plan,
    PlanAgency,
    Responsibility,
    Section,
    Source,
    StrategicObjective,
)

PARKED = 1_000_000  # rows whose order changes are parked above this before they take their place
SEVERITY = {"low": 1, "medium": 2, "high": 3}


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    stale: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values()) or sum(self.updated.values()) or sum(self.deleted.values())
        )

    def summary(self) -> str:
        def total(counter: Counter) -> int:
            return sum(counter.values())

        text = (
            f"{total(self.created)} created, {total(self.updated)} updated, "
            f"{total(self.unchanged)} unchanged, {total(self.deleted)} deleted"
        )
        return text


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural)


def _same(obj: models.Model, name: str, value) -> bool:
    if isinstance(value, models.Model):
        return getattr(obj, f"{name}_id") == value.pk
    return getattr(obj, name) == value


class Writer:
    def __init__(self, file_name: str, report: LoadReport, prune: bool = False):
        self.file_name = file_name
        self.report = report
        self.prune = prune
        self.sources: dict[str, Source] = {}

    def fail(self, where: PathParts, message: str):
        raise PlanFileError([Problem(self.file_name, where, message)])

    def sync(
        self, model, where: PathParts, lookup: dict, values: dict, on_create: dict | None = None
    ):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(on_create or {}))
            self.report.created[_label(model)] += 1
        else:
            changed = [name for name, value in values.items() if not _same(obj, name, value)]
            if not changed:
                self.report.unchanged[_label(model)] += 1
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            self.report.updated[_label(model)] += 1
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items()
            )
            self.fail(where, messages)
        obj.save()
        return obj

    # -- the pieces of a file -------------------------------------------------------------

    def provenance(self, provenance: ProvenanceIn) -> dict:
        return {
            "source": self.sources[provenance.source],
            "source_locator": provenance.locator or "",
            "confidence": provenance.confidence,
            "provenance_note": provenance.note or "",
        }

    def source(self, index: int, source: SourceIn) -> Source:
        obj = self.sync(
            Source,
            ("sources", index),
            {"key": source.key},
            {
                "kind": source.kind,
                "authors": list(source.authors),
                "title": source.title,
                "publisher": source.publisher or "",
                "issued": source.issued or "",
                "url": source.url or "",
                "note": source.note or "",
            },
        )
        self.sources[source.key] = obj
        return obj

    def plan_row(self, plan_file: PlanFile) -> Plan:
        for index, source in enumerate(plan_file.sources):
            self.source(index, source)
        data = plan_file.plan
        plan = self.sync(
            Plan,
            ("plan",),
            {"slug": data.slug},
            {
                "country": data.country,
                "country_code": data.country_code,
                "region": data.region or "",
                "language": data.language,
                "title_original": data.title.original,
                "title_en": data.title.en or "",
                "acronym": data.acronym or "",
                "generation": data.generation,
                "adopted_on": data.adopted,
                "period_start": data.period.start,
                "period_end": data.period.end,
                "review_due": data.review_due,
                "status": data.status,
                "is_synthetic": data.synthetic,
                "summary": data.summary or "",
                "declared_pillars": data.declared.pillars,
                "declared_objectives": data.declared.objectives,
                "declared_lines": data.declared.lines_of_action,
                "declared_indicators": data.declared.indicators,
                **self.provenance(data.provenance),
            },
        )
        wanted = {source.key for source in plan_file.sources}
        if set(plan.sources.values_list("key", flat=True)) != wanted:
            plan.sources.set([self.sources[key] for key in wanted])
        return plan

    def park_reordered(self, plan: Plan, plan_file: PlanFile) -> None:
        """Move rows whose position changes out of the way of the unique order constraints."""
        data = plan_file.plan
        wanted: dict[type[models.Model], tuple[str, str | None, dict]] = {
            Section: ("slug", None, {s.slug: (None, i + 1) for i, s in enumerate(data.sections)}),
            Pillar: ("slug", None, {p.slug: (None, i + 1) for i, p in enumerate(data.pillars)}),
            Recommendation: (
                "key",
                None,
                {r.key: (None, i + 1) for i, r in enumerate(data.recommendations)},
            ),
            StrategicObjective: ("code", "pillar__slug", {}),
            LineOfAction: ("code", "objective__code", {}),
            Indicator: ("code", "line_of_action__code", {}),
        }
        for pillar in data.pillars:
            for o, objective in enumerate(pillar.objectives):
                wanted[StrategicObjective][2][objective.code] = (pillar.slug, o + 1)
                for li, line in enumerate(objective.lines_of_action):
                    wanted[LineOfAction][2][line.code] = (objective.code, li + 1)
                    for i, indicator in enumerate(line.indicators):
                        wanted[Indicator][2][indicator.code] = (line.code, i + 1)
        for model, (key_field, parent_field, positions) in wanted.items():
            fields = [key_field, parent_field or key_field, "order", "pk"]
            rows = model.objects.filter(plan=plan, order__lt=PARKED).values_list(*fields)
            parked = [
                pk
                for key, parent, order, pk in rows
                if positions.get(key) != ((parent if parent_field else None), order)
            ]
            if parked:
                model.objects.filter(pk__in=parked).update(order=F("pk") + PARKED)
                plans_changed([plan.pk])  # a bulk update sends no signal

    def plan_contents(
        self, plan: Plan, plan_file: PlanFile, plans_by_slug: dict[str, Plan]
    ) -> None:
        data = plan_file.plan
        self.park_reordered(plan, plan_file)

        agencies: dict[str, Agency] = {}
        for index, item in enumerate(data.agencies):
            where = ("plan", "agencies", index)
            agency = self.sync(
                Agency,
                where,
                {"country_code": data.country_code, "acronym": item.acronym},
                {"name_original": item.name.original, "name_en": item.name.en or ""},
            )
            agencies[item.acronym] = agency
            self.sync(
                PlanAgency,
                where,
                {"plan": plan, "agency": agency},
                {"role": item.role, "order": index + 1, **self.provenance(item.provenance)},
            )
        self.stale(
            PlanAgency.objects.filter(plan=plan).exclude(agency__acronym__in=agencies),
            "agency in plan",
        )

        sections = {}
        for index, item in enumerate(data.sections):
            sections[item.slug] = self.sync(
                Section,
                ("plan", "sections", index),
                {"plan": plan, "slug": item.slug},
                {
                    "kind": item.kind,
                    "order": index + 1,
                    "title_en": item.title.en or "",
                    "title_original": item.title.original or "",
                    "summary": item.summary or "",
                    **self.provenance(item.provenance),
                },
            )
        self.stale(Section.objects.filter(plan=plan).exclude(slug__in=sections), "section")

        by_code: dict[str, models.Model] = {}
        pillars: dict[str, Pillar] = {}
        parents: dict[PathParts, models.Model] = {}
        for where, item in iter_elements(data):
            depth = len(where)
            common = {
                "order": where[-1] + 1,
                **self.provenance(item.provenance),
            }
            if depth == 3:  # plan.pillars[p]
                obj = self.sync(
                    Pillar,
                    where,
                    {"plan": plan, "slug": item.slug},
                    {
                        "code": item.code,
                        "name_en": item.name.en,
                        "name_original": item.name.original or "",
                        "summary": item.summary or "",
                        **common,
                    },
                )
                pillars[item.slug] = obj
            else:
                wording = {
                    "wording_en": item.wording.en or "",
                    "wording_original": item.wording.original or "",
                    "note": item.note or "",
                }
                parent = parents[where[:-2]]
                if depth == 5:
                    model, extra = StrategicObjective, {"pillar": parent}
                elif depth == 7:
                    model, extra = LineOfAction, {"objective": parent}
                else:
                    model = Indicator
                    extra = {
                        "line_of_action": parent,
                        "unit": item.unit or "",
                        "baseline": item.baseline or "",
                        "target": item.target or "",
                        "timeframe": item.timeframe or "",
                        "means_of_verification": item.means_of_verification or "",
                    }
                obj = self.sync(
                    model, where, {"plan": plan, "code": item.code}, {**wording, **extra, **common}
                )
                self.responsibilities(obj, where, item.agencies, agencies)
            parents[where] = obj
            by_code[item.code] = obj
        self.stale(Pillar.objects.filter(plan=plan).exclude(slug__in=pillars), "pillar")
        for model in (StrategicObjective, LineOfAction, Indicator):
            self.stale(
                model.objects.filter(plan=plan).exclude(code__in=by_code), model._meta.verbose_name
            )

        targets_by_path: dict[PathParts, tuple[str, models.Model]] = {
            ("plan",): ("target_plan", plan)
        }
        for index, item in enumerate(data.sections):
            targets_by_path[("plan", "sections", index)] = ("target_section", sections[item.slug])
        field_by_depth = {
            3: "target_pillar",
            5: "target_objective",
            7: "target_line",
            9: "target_indicator",
        }
        for where, obj in parents.items():
            targets_by_path[where] = (field_by_depth[len(where)], obj)

        critiques: dict[str, Critique] = {}
        for where, item in iter_critiques(data):
            owner = where[:-2]
            if owner == ("plan",) and item.target is not None:
                if item.target.pillar:
                    target = ("target_pillar", pillars[item.target.pillar])
                elif item.target.section:
                    target = ("target_section", sections[item.target.section])
                else:
                    element = by_code[item.target.code]
                    target = (
                        next(
                            f
                            for d, f in field_by_depth.items()
                            if isinstance(element, _model_at(d))
                        ),
                        element,
                    )
            else:
                target = targets_by_path[owner]
            critiques[item.key] = self.critique(plan, where, item, target, plans_by_slug)
        stale_critiques = Critique.objects.filter(plan=plan).exclude(key__in=critiques)
        self.stale(stale_critiques, "critique", protect_published=True)

        kept = []
        for index, item in enumerate(data.recommendations):
            recommendation = self.sync(
                Recommendation,
                ("plan", "recommendations", index),
                {"plan": plan, "key": item.key},
                {
                    "order": index + 1,
                    "title": item.title,
                    "body": item.body,
                    **self.provenance(item.provenance),
                },
            )
            answers = {critiques[key].pk for key in item.answers}
            linked = set(recommendation.critiques.values_list("pk", flat=True))
            if linked != answers:
                recommendation.critiques.set(answers)
                (self.report.updated if linked else self.report.created)[
                    "recommendation links"
                ] += 1
            kept.append(item.key)
        self.stale(Recommendation.objects.filter(plan=plan).exclude(key__in=kept), "recommendation")

    def responsibilities(
        self, element, where: PathParts, items, agencies: dict[str, Agency]
    ) -> None:
        field_name = {
            StrategicObjective: "objective",
            LineOfAction: "line_of_action",
            Indicator: "indicator",
        }[type(element)]
        kept = []
        for index, item in enumerate(items):
            obj = self.sync(
                Responsibility,
                (*where, "agencies", index),
                {"agency": agencies[item.acronym], field_name: element},
                self.provenance(item.provenance),
            )
            kept.append(obj.pk)
        removed = Responsibility.objects.filter(**{field_name: element}).exclude(pk__in=kept)
        count = removed.count()
        if count:
            removed.delete()
            self.report.deleted["responsibilities"] += count

    def critique(
        self, plan: Plan, where: PathParts, item: CritiqueIn, target, plans_by_slug
    ) -> Critique:
        target_field, target_obj = target
        values = dict.fromkeys(
            (
                "target_plan",
                "target_section",
                "target_pillar",
                "target_objective",
                "target_line",
                "target_indicator",
            )
        )
        values[target_field] = target_obj
        compares_with = None
        if item.compares_with:
            compares_with = (
                plans_by_slug.get(item.compares_with)
                or Plan.objects.filter(slug=item.compares_with).first()
            )
            if compares_with is None:
                self.fail(
                    (*where, "compares_with"),
                    f"unknown plan {item.compares_with!r}: load its file first, or in the same command",
                )
        values.update(
            {
                "title": item.title,
                "kind": item.kind,
                "category": item.category,
                "severity": SEVERITY[item.severity],
                "status": item.status,
                "compares_with": compares_with,
                "body": item.body,
                "remedy": item.remedy or "",
            }
        )
        existing = Critique.objects.filter(plan=plan, key=item.key).only("published_at").first()
        if item.status == Critique.Status.PUBLISHED and not (existing and existing.published_at):
            values["published_at"] = timezone.now()
        critique = self.sync(Critique, where, {"plan": plan, "key": item.key}, values)
        wanted = [(self.sources[c.source].pk, c.locator or "", c.quote or "") for c in item.cites]
        current = list(
            critique.citations.order_by("order").values_list("source_id", "locator", "quote")
        )
        if current != wanted:
            critique.citations.all().delete()
            Citation.objects.bulk_create(
                Citation(
                    critique=critique,
                    source_id=source_id,
                    locator=locator,
                    quote=quote,
                    order=n + 1,
                )
                for n, (source_id, locator, quote) in enumerate(wanted)
            )
            plans_changed([plan.pk])  # a bulk insert sends no signal
            (self.report.updated if current else self.report.created)["citations"] += 1
        return critique

    def stale(self, queryset, label: str, protect_published: bool = False) -> None:
        """Rows of this plan that the file no longer has: reported, and deleted with --prune.

        A published critique is never deleted this way: withdraw it in the admin instead."""
        for obj in queryset:
            published = protect_published and obj.status == Critique.Status.PUBLISHED
            if not self.prune or published:
                self.report.stale.append(
                    f"{label} {obj}" + (" (published: kept)" if published else "")
                )
                continue
            try:
                obj.delete()
            except models.ProtectedError:
                self.fail(
                    ("plan",),
                    f"cannot delete {label} {obj}: critiques or other records still point to it",
                )
            self.report.deleted[label] += 1


def _model_at(depth: int):
    return {3: Pillar, 5: StrategicObjective, 7: LineOfAction, 9: Indicator}[depth]
