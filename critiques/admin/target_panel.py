"""The panel above the critique form: the element being criticised, as the public sees it."""

from __future__ import annotations

from critiques.admin import picker
from critiques.models import TARGETS, Critique
from plans.models import Plan


def target_panel(target, exclude_pk: int | None) -> dict:
    """The element being criticised as the public sees it: its wording in both languages, its
    provenance, and the published critiques of it already (so nobody writes a duplicate)."""
    option = picker.option_for(target)
    if isinstance(target, Plan):
        wordings = [target.title_original, target.title_en]
    elif hasattr(target, "wording_en"):
        wordings = [target.wording_original, target.wording_en]
    elif hasattr(target, "name_en"):
        wordings = [target.name_original, target.name_en]
    else:
        wordings = [target.title_original, target.display_title]
    field = option.field
    published = (
        Critique.objects.published()
        .filter(**{field: target})
        .exclude(pk=exclude_pk)
        .select_related("author")
        .order_by("-published_at")[:10]
    )
    return {
        "type": next(str(label) for name, _m, label in TARGETS if name == field),
        "code": option.code,
        "wordings": [w for i, w in enumerate(wordings) if w and w not in wordings[:i]],
        "pillar": option.pillar,
        "confidence": target.confidence,
        "confidence_short": target.confidence_short,
        "confidence_label": target.get_confidence_display(),
        "source": target.source,
        "locator": target.source_locator,
        "public_url": target.get_absolute_url(),
        "published": list(published),
    }
