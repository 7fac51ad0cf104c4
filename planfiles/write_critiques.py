"""Writing a plan file's critiques, their citations, and the recommendations that answer them.

A mixin of `planfiles.write.Writer`, which gives it `sync()`, `provenance()`, `stale()`,
`fail()`, `sources` and `report`.
"""

from __future__ import annotations

from django.db.models import F

from critiques.models import TARGET_FIELDS, Citation, Critique, Recommendation
from planfiles.fields import SEVERITY_BY_WORD
from planfiles.schema import CritiqueIn
from planfiles.stamps import item_stamp, publication
from planfiles.validate import PathParts, iter_critiques
from plans.models import Plan
from plans.signals import plan_data_changed

PARKED = 1_000_000  # rows whose order changes are parked above this before they take their place


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
        # Before any element goes (write.py): a critique the file drops may be about one.
        self.stale(
            Critique.objects.filter(plan=plan).exclude(key__in=critiques),
            "critique",
            describe=lambda critique: critique.key,
            keep=lambda critique: (
                "published: kept" if critique.status == Critique.Status.PUBLISHED else None
            ),
        )

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
            self.links(
                recommendation.critiques,
                {critiques[key] for key in item.answers},
                "recommendation links",
                lambda critique, key=item.key: f"answer {critique.key} of recommendation {key}",
            )
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
        values |= publication(Critique, {"plan": plan, "key": item.key}, item)
        critique = self.sync(
            Critique, where, {"plan": plan, "key": item.key}, values, stamp=item_stamp(item)
        )
        self.citations(plan, critique, item)
        return critique

    def citations(self, plan: Plan, critique: Critique, item: CritiqueIn) -> None:
        """The critique's citations in the file's order. One the file no longer lists is kept
        after the others and reported, and deleted only with --prune."""
        wanted = [(self.sources[c.source].pk, c.locator or "", c.quote or "") for c in item.cites]
        current = list(critique.citations.select_related("source").order_by("order"))
        matched, leftover = match_citations(current, wanted)
        if leftover and self.prune:
            for citation in leftover:
                citation.delete()
            self.report.deleted["citations"] += len(leftover)
            leftover = []
        self.report.stale.extend(
            f"citation of {c.source.key}, {c.locator or '(no locator)'} in critique {critique.key}"
            for c in leftover
        )
        final = list(zip(matched, wanted, strict=True))
        final += [(c, (c.source_id, c.locator, c.quote)) for c in leftover]
        if [(c, (c.source_id, c.locator, c.quote)) for c in current] == final:
            return
        # Out of the way of the unique (critique, order) constraint, then each in its place.
        critique.citations.update(order=F("pk") + PARKED)
        plan_data_changed.send(sender=type(self), plan_ids=[plan.pk])  # update() sends none
        for order, (citation, (source_id, locator, quote)) in enumerate(final, start=1):
            if citation is None:
                Citation.objects.create(
                    critique=critique,
                    source_id=source_id,
                    locator=locator,
                    quote=quote,
                    order=order,
                )
                self.report.created["citations"] += 1
                continue
            if citation.quote != quote or citation.order != order:
                self.report.updated["citations"] += 1
            citation.quote, citation.order = quote, order
            citation.save()


def match_citations(
    current: list[Citation], wanted: list[tuple[int, str, str]]
) -> tuple[list[Citation | None], list[Citation]]:
    """Which existing citation each wanted (source, locator, quote) is, and those left over.

    A citation is known by all three; failing that, by its source and locator (its quote was
    corrected)."""
    leftover = list(current)
    matched: list[Citation | None] = [None] * len(wanted)
    for width in (3, 2):
        for n, triple in enumerate(wanted):
            if matched[n] is not None:
                continue
            found = next(
                (
                    c
                    for c in leftover
                    if (c.source_id, c.locator, c.quote)[:width] == triple[:width]
                ),
                None,
            )
            if found is not None:
                leftover.remove(found)
                matched[n] = found
    return matched, leftover
