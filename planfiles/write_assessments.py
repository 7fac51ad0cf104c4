"""Writing a plan file's assessments (answers to a rubric's judged criteria) and their evidence.

Called by `load_plan_documents` after the plan's elements and critiques are written, so evidence
finds them by code and key. The rubric comes from the database (`load_rubric` first): an unknown
rubric or criterion, a computed criterion, or an answer off the criterion's scale is refused with
its path. An assessment the file no longer lists is reported and kept (a published one is never
deleted by a load; withdraw it in the admin).
"""

from __future__ import annotations

from critiques.models import Critique
from indicators.models import Indicator
from planfiles.schema import AssessmentIn, PlanFile
from planfiles.stamps import item_stamp, publication
from plans.models import LineOfAction, Pillar, Plan, StrategicObjective
from plans.signals import plan_data_changed
from scorecards.models import Assessment, Criterion, Evidence

ELEMENT_FIELDS = (
    ("pillar", Pillar),
    ("objective", StrategicObjective),
    ("line", LineOfAction),
    ("indicator", Indicator),
)


def write_assessments(writer, plan: Plan, plan_file: PlanFile) -> None:
    if not plan_file.assessments and not Assessment.objects.filter(plan=plan).exists():
        return
    elements = {
        code: (field, pk)
        for field, model in ELEMENT_FIELDS
        for pk, code in model.objects.filter(plan=plan).values_list("pk", "code")
    }
    critiques = dict(Critique.objects.filter(plan=plan).values_list("key", "pk"))
    criteria = {
        (criterion.rubric.key, criterion.key): criterion
        for criterion in Criterion.objects.filter(
            rubric__key__in={item.rubric for item in plan_file.assessments}
        ).select_related("rubric")
    }
    kept = []
    for index, item in enumerate(plan_file.assessments):
        where = ("assessments", index)
        criterion = criteria.get((item.rubric, item.criterion))
        if criterion is None:
            writer.fail(
                (*where, "criterion"),
                f"rubric {item.rubric!r} has no criterion {item.criterion!r} in the database "
                "(load the rubric file first: manage.py load_rubric)",
            )
        if criterion.is_computed:
            writer.fail(
                (*where, "criterion"),
                f"{item.criterion!r} is computed from the encoded data; it is never answered by hand",
            )
        if item.level not in criterion.scale:
            writer.fail(
                (*where, "level"),
                f"{item.level!r} is not on the scale of {item.criterion!r} "
                f"({', '.join(criterion.scale)})",
            )
        assessment = write_assessment(writer, plan, where, item, criterion)
        write_evidence(writer, plan, assessment, item, elements, critiques)
        kept.append(assessment.pk)
    writer.stale(
        Assessment.objects.filter(plan=plan).exclude(pk__in=kept).select_related("criterion"),
        "assessment",
        describe=lambda assessment: assessment.criterion.key,
        keep=lambda assessment: "was published: kept" if assessment.was_published else None,
    )


def write_assessment(writer, plan: Plan, where, item: AssessmentIn, criterion) -> Assessment:
    values = {
        "level": item.level,
        "confidence": item.confidence,
        "status": item.status,
        **writer.translations(item),
    }
    lookup = {"plan": plan, "criterion": criterion}
    values |= publication(Assessment, lookup, item)
    return writer.sync(Assessment, where, lookup, values, stamp=item_stamp(item))


def write_evidence(writer, plan, assessment, item: AssessmentIn, elements, critiques) -> None:
    wanted = []
    for evidence in item.evidence:
        row = dict.fromkeys(
            ("pillar_id", "objective_id", "line_id", "indicator_id", "critique_id", "source_id")
        )
        if evidence.code:
            field, pk = elements[evidence.code]
            row[f"{field}_id"] = pk
        elif evidence.critique:
            row["critique_id"] = critiques[evidence.critique]
        else:
            row["source_id"] = writer.sources[evidence.source].pk
        row["locator"] = evidence.locator or ""
        row["quote"] = evidence.quote or ""
        wanted.append(row)
    fields = list(wanted[0]) if wanted else ["pk"]
    current = [
        {name: getattr(e, name) for name in fields} for e in assessment.evidence.order_by("order")
    ]
    if current == wanted:
        writer.report.unchanged["evidence"] += len(wanted)
        return
    assessment.evidence.all().delete()
    Evidence.objects.bulk_create(
        [Evidence(assessment=assessment, order=order, **row) for order, row in enumerate(wanted, 1)]
    )
    writer.report.updated["evidence"] += len(wanted)
    plan_data_changed.send(sender=type(writer), plan_ids=[plan.pk])  # bulk writes send no signal
