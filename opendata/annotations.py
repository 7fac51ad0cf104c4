"""A published critique as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/).

The body is the critique's text (Markdown, in the reader's language where translated), the
target is the page of the element it criticises, with a FragmentSelector for the element's
anchor and a TextQuoteSelector for the wording criticised as that page shows it; the creator is
napwatch's editors, the dates the critique's own. `opendata/w3c/` holds the W3C context and a
schema the tests check every annotation against.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from critiques.models import Critique
from opendata.package import LICENSE, PUBLISHER
from plans.models import Pillar, Plan, Section, reader_language

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTENT_TYPE = f'application/ld+json; profile="{CONTEXT}"'


def quoted_text(critique: Critique) -> str:
    """The words of the target the critique is about, as the target's page shows them."""
    target = critique.target
    if isinstance(target, Plan):
        return target.display_title
    if isinstance(target, Section):
        return target.display_title
    if isinstance(target, Pillar):
        return target.display_name
    plan = critique.plan
    if reader_language() == plan.language.split("-")[0] and target.wording_original:
        return target.wording_original
    return target.wording_en or target.wording_original


def stamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def annotation(critique: Critique, request) -> dict:
    plan = critique.plan
    page, _hash, fragment = request.build_absolute_uri(critique.target_url()).partition("#")
    own = reverse("critiques:annotation", kwargs={"slug": plan.slug, "key": critique.key})
    detail = reverse("critiques:detail", kwargs={"slug": plan.slug, "key": critique.key})
    selectors = []
    if fragment:
        selectors.append(
            {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                "value": fragment,
            }
        )
    selectors.append({"type": "TextQuoteSelector", "exact": quoted_text(critique)})
    document = {
        "@context": CONTEXT,
        "id": request.build_absolute_uri(own),
        "type": "Annotation",
        "motivation": "assessing",
        # first published (a date a plan file states, so the same on every install), else written
        "created": stamp(critique.published_at or critique.created_at),
        "modified": stamp(critique.updated_at),
        "creator": {"type": "Organization", "name": PUBLISHER},
        "rights": LICENSE["path"],
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": critique.body,
                "format": "text/markdown",
                "language": critique.language_of("body"),
            },
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": critique.title,
                "format": "text/plain",
                "language": critique.language_of("title"),
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": page,
            "selector": selectors,
        },
        "canonical": request.build_absolute_uri(detail),
    }
    return {name: value for name, value in document.items() if value is not None}
