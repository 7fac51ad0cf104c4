"""Exporting a plan's assessments (answers to a rubric's judged criteria) and their evidence:
a mixin of `planfiles.export.PlanExport`, which gives it `plan`, `include_drafts`, `texts()`,
`translation()`, `dates()`, `critique_keys` and `sources_used`."""

from __future__ import annotations

from django.db.models import Prefetch

from planfiles.fields import opt
from scorecards.models import Assessment, Evidence


class AssessmentExport:
    # -- assessments -----------------------------------------------------------------------

    def assessments(self) -> list[dict]:
        """The plan's answers to rubric criteria (published only, unless `include_drafts`), in
        the rubric's order, each with its evidence in its order (two queries)."""
        rows = Assessment.objects.filter(plan=self.plan)
        if not self.include_drafts:
            rows = rows.published()
        rows = (
            rows.select_related("criterion__rubric")
            .prefetch_related(
                Prefetch(
                    "evidence",
                    queryset=Evidence.objects.select_related(
                        "pillar", "objective", "line", "indicator", "critique", "source"
                    ).order_by("order"),
                )
            )
            .order_by("criterion__rubric__key", "criterion__order", "pk")
        )
        return [self.assessment(item) for item in rows]

    def assessment(self, item: Assessment) -> dict:
        return {
            "rubric": item.criterion.rubric.key,
            "criterion": item.criterion.key,
            "level": item.level,
            "confidence": item.confidence,
            "status": item.status,
            **self.dates(item),
            **self.texts(item, "rationale"),
            **self.translation(item),
            "evidence": [
                self.evidence(evidence)
                for evidence in item.evidence.all()
                # A critique left out of this file (not published) cannot be named in it.
                if evidence.critique_id is None or evidence.critique.key in self.critique_keys
            ],
        }

    def evidence(self, evidence: Evidence) -> dict:
        if evidence.critique_id:
            return {"critique": evidence.critique.key}
        if evidence.source_id:
            self.sources_used.add(evidence.source_id)
            return {
                "source": evidence.source.key,
                **opt("locator", evidence.locator),
                **opt("quote", evidence.quote),
            }
        return {"code": evidence.target.code}
