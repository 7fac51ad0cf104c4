"""Write validated plan files into the database: create what is new, update what changed and
leave what is unchanged untouched, so that loading the same file twice changes nothing.

What the database holds and the file no longer lists (an element, a responsibility, a citation, a
link between a plan and a source or a recommendation and a critique) is reported and kept; only
`--prune` deletes it, and only after every critique the file lists has moved to its new target,
so that no row is refused deletion because a critique still points at it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from modeltranslation.utils import build_localized_fieldname

from indicators.models import Indicator
from planfiles.edits import PersonEdits, loader_reason
from planfiles.fields import site_language_codes
from planfiles.ordering import LEVELS, RESPONSIBILITY_FIELD, TARGET_FIELD, park_reordered
from planfiles.report import LoadReport, protector
from planfiles.schema import (
    PlanFile,
    ProvenanceIn,
    SourceIn,
    Translatable,
)
from planfiles.stamps import file_stamp, stamp_row
from planfiles.validate import (
    PathParts,
    PlanFileError,
    Problem,
    iter_elements,
)
from planfiles.write_critiques import CritiqueWriter
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


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural)


def _same(obj: models.Model, name: str, value) -> bool:
    if isinstance(value, models.Model):
        return getattr(obj, f"{name}_id") == value.pk
    current = getattr(obj, name)
    # A translation column left empty in the admin may hold NULL; the file's "" is the same text.
    if value == "" and current is None:
        return True
    return current == value


class Writer(CritiqueWriter):
    def __init__(
        self,
        file_name: str,
        report: LoadReport,
        prune: bool = False,
        edits: PersonEdits | None = None,
    ):
        self.file_name = file_name
        self.report = report
        self.prune = prune
        # Rows a person changed since the last load are kept unless --force (planfiles/edits.py).
        self.edits = edits if edits is not None else PersonEdits()
        self.sources: dict[str, Source] = {}

    def fail(self, where: PathParts, message: str):
        raise PlanFileError([Problem(self.file_name, where, message)])

    def sync(
        self,
        model,
        where: PathParts,
        lookup: dict,
        values: dict,
        on_create: dict | None = None,
        *,
        stamp=None,
    ):
        """The row of `model` that `lookup` finds, created or updated to hold `values`; saved
        only if something changed. `stamp` (a date the file states) dates what is saved in
        place of the clock, so that loading on any day gives the same rows."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(on_create or {}))
            self.report.created[_label(model)] += 1
        else:
            changed = [name for name, value in values.items() if not _same(obj, name, value)]
            if not changed:
                self.report.unchanged[_label(model)] += 1
                return obj
            if self.edits.keeps(obj, {name: values[name] for name in changed}):
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
        obj._change_reason = loader_reason(self.file_name)
        obj.save()
        stamp_row(obj, stamp)
        return obj

    # -- the pieces of a file -------------------------------------------------------------

    def provenance(self, provenance: ProvenanceIn) -> dict:
        return {
            "source": self.sources[provenance.source],
            "source_locator": provenance.locator or "",
            "confidence": provenance.confidence,
            **self.note_columns("provenance_note", provenance.note),
        }

    @staticmethod
    def note_columns(field: str, texts: dict[str, str] | None, *, empty: str | None = "") -> dict:
        """A napwatch note's column per language (`provenance_note_en`, `provenance_note_es`,
        …): a language the file leaves out is empty, so the reader sees the English, marked.
        `empty=None` for a one-line column, which the admin's form saves as NULL when left
        empty: the same value, so that an edit there records no change the person did not make."""
        texts = texts or {}
        return {
            build_localized_fieldname(field, code): texts.get(code) or empty
            for code in site_language_codes()
        }

    def translations(self, item: Translatable, **renamed: str) -> dict:
        """napwatch's texts of `item`, a column per language (`summary_en`, `summary_es`, …),
        with the language they were written in and the state of their translations.
        `renamed` maps a model field to the file's name for it where they differ."""
        values: dict = {
            "text_language": item.written_in,
            "translation_status": item.translation_status(),
        }
        for name, texts in item.texts().items():
            field = next((f for f, n in renamed.items() if n == name), name)
            for code in site_language_codes():
                values[build_localized_fieldname(field, code)] = texts.get(code, "")
        return values

    def wording(self, wording) -> dict:
        """An element's wording in English and in the plan's language, and each one's provenance."""
        original = wording.original_provenance
        return {
            "wording_en": wording.en or "",
            "wording_original": wording.original or "",
            "wording_en_by": wording.en_by or "",
            "wording_original_source": self.sources[original.source] if original else None,
            "wording_original_locator": (original.locator or "") if original else "",
            "wording_original_confidence": original.confidence if original else "",
        }

    def source(self, index: int, source: SourceIn) -> Source:
        obj = self.sync(
            Source,
            ("sources", index),
            {"key": source.key},
            {
                "kind": source.kind,
                "authors": list(source.authors),
                **self.note_columns("title", source.title, empty=None),
                "publisher": source.publisher or "",
                "issued": source.issued or "",
                "url": source.url or "",
                **self.note_columns("note", source.note),
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
                **self.translations(data),
                "declared_pillars": data.declared.pillars,
                "declared_objectives": data.declared.objectives,
                "declared_lines": data.declared.lines_of_action,
                "declared_indicators": data.declared.indicators,
                **self.provenance(data.provenance),
            },
            stamp=file_stamp(plan_file),
        )
        self.links(
            plan.sources,
            {self.sources[source.key] for source in plan_file.sources},
            "plan-source links",
            lambda source: f"source link {source.key} of plan {plan.slug}",
        )
        return plan

    def links(self, manager, wanted: set[models.Model], label: str, describe) -> None:
        """A many-to-many relation as the file gives it: missing links added; links the file
        no longer gives reported, and removed only with --prune."""
        current = set(manager.all())
        if wanted - current:
            manager.add(*(wanted - current))
            self.report.created[label] += len(wanted - current)
        extra = sorted(current - wanted, key=str)
        if extra and self.prune:
            manager.remove(*extra)
            self.report.deleted[label] += len(extra)
        elif extra:
            self.report.stale.extend(describe(obj) for obj in extra)

    def plan_contents(
        self, plan: Plan, plan_file: PlanFile, plans_by_slug: dict[str, Plan]
    ) -> None:
        data = plan_file.plan
        park_reordered(plan, plan_file)

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

        sections = {}
        for index, item in enumerate(data.sections):
            sections[item.slug] = self.sync(
                Section,
                ("plan", "sections", index),
                {"plan": plan, "slug": item.slug},
                {
                    "kind": item.kind,
                    "order": index + 1,
                    "title_original": item.title.original or "",
                    **self.translations(item),
                    **self.provenance(item.provenance),
                },
            )

        by_code: dict[str, models.Model] = {}
        pillars: dict[str, Pillar] = {}
        parents: dict[PathParts, models.Model] = {}
        for where, item in iter_elements(data):
            level = LEVELS[type(item)]
            common = {
                "order": where[-1] + 1,
                **self.provenance(item.provenance),
            }
            if level.model is Pillar:
                obj = self.sync(
                    Pillar,
                    where,
                    {"plan": plan, "slug": item.slug},
                    {
                        "code": item.code,
                        "name_en": item.name.en,
                        "name_original": item.name.original or "",
                        **self.note_columns("name_rendered", item.name.rendered, empty=None),
                        **self.translations(item),
                        **common,
                    },
                )
                pillars[item.slug] = obj
            else:
                wording = {**self.wording(item.wording), **self.note_columns("note", item.note)}
                extra = {level.parent: parents[where[:-2]]}
                if level.model is Indicator:
                    extra |= {
                        "unit": item.unit or "",
                        "baseline": item.baseline or "",
                        "target": item.target or "",
                        "timeframe": item.timeframe or "",
                        "means_of_verification": item.means_of_verification or "",
                    }
                obj = self.sync(
                    level.model,
                    where,
                    {"plan": plan, "code": item.code},
                    {**wording, **extra, **common},
                )
                self.responsibilities(obj, where, item.agencies, agencies)
            parents[where] = obj
            by_code[item.code] = obj

        targets: dict[PathParts, tuple[str, models.Model]] = {("plan",): ("target_plan", plan)}
        for index, item in enumerate(data.sections):
            targets[("plan", "sections", index)] = ("target_section", sections[item.slug])
        for where, obj in parents.items():
            targets[where] = (TARGET_FIELD[type(obj)], obj)
        self.critiques_and_recommendations(
            plan, data, targets, pillars, sections, by_code, plans_by_slug
        )

        # Only now, with every critique on its new target: what the file no longer lists, from
        # the leaves up (a line's deletion would take its indicators with it).
        for model in (Indicator, LineOfAction, StrategicObjective):
            self.stale(
                model.objects.filter(plan=plan).exclude(code__in=by_code), model._meta.verbose_name
            )
        self.stale(Pillar.objects.filter(plan=plan).exclude(slug__in=pillars), "pillar")
        self.stale(Section.objects.filter(plan=plan).exclude(slug__in=sections), "section")
        self.stale(
            PlanAgency.objects.filter(plan=plan).exclude(agency__acronym__in=agencies),
            "agency in plan",
        )

    def responsibilities(
        self, element, where: PathParts, items, agencies: dict[str, Agency]
    ) -> None:
        field_name = RESPONSIBILITY_FIELD[type(element)]
        kept = []
        for index, item in enumerate(items):
            obj = self.sync(
                Responsibility,
                (*where, "agencies", index),
                {"agency": agencies[item.acronym], field_name: element},
                self.provenance(item.provenance),
            )
            kept.append(obj.pk)
        self.stale(
            Responsibility.objects.filter(**{field_name: element})
            .exclude(pk__in=kept)
            .select_related("agency", field_name),
            "responsibility",
        )

    def stale(self, rows, label: str, *, describe=str, keep=None) -> None:
        """Rows of this plan that the file no longer lists: reported, and deleted with --prune.

        `keep(row)` may give a reason to keep a row even so (a published critique is withdrawn
        in the admin, never deleted by a load); a row that others still protect (an element a
        kept critique is about) is kept too, and the report says which row protects it."""
        for obj in rows:
            reason = keep(obj) if keep else None
            if self.prune and reason is None:
                try:
                    obj.delete()
                except (ProtectedError, RestrictedError) as exc:
                    reason = f"kept: {protector(exc)} still points to it"
                else:
                    self.report.deleted[label] += 1
                    continue
            line = f"{label} {describe(obj)}"
            if reason is None:
                self.report.stale.append(line)
            else:
                self.report.kept.append(f"{line} ({reason})")
