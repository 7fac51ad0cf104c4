"""Writing a plan file's critiques, their citations, and the recommendations that answer them.

A mixin of `planfiles.write.Writer`, which gives it `sync()`, `provenance()`, `stale()`,
`fail()`, `sources` and `report`.
"""

from __future__ import annotations

from django.utils import timezone

from critiques.models import TARGET_FIELDS, Citation, Critique, Recommendation
from planfiles.schema import SEVERITY_BY_WORD, CritiqueIn
from planfiles.validate import PathParts, iter_critiques
from plans.models import Plan
from plans.signals import plan_data_changed


class CritiqueWriter:
    def critiques_and_recommendations(
        self, plan: Plan, data, targets, pillars, sections, by_code, plans_by_slug
    ) -> None:
        """`targets` maps the path of each element of the file to (Critique field, element)."""
        by_model = {type(obj): field for field, obj in targets.values()}
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
                    target = (by_model[type(element)], element)
            else:
                target = targets[owner]
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
                    **self.translations(item),
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

    def critique(
        self, plan: Plan, where: PathParts, item: CritiqueIn, target, plans_by_slug
    ) -> Critique:
        target_field, target_obj = target
        values = dict.fromkeys(TARGET_FIELDS)
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
                "kind": item.kind,
                "category": item.category,
                "severity": SEVERITY_BY_WORD[item.severity],
                "status": item.status,
                "compares_with": compares_with,
                **self.translations(item),
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
            plan_data_changed.send(sender=type(self), plan_ids=[plan.pk])  # bulk_create sends none
            (self.report.updated if current else self.report.created)["citations"] += 1
        return critique
