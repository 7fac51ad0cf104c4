"""A published critique as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/).

The body is the critique's text (Markdown, in the reader's language where translated), the
target is the page of the element it criticises (an HTML page in the reader's language), with two
selectors of the same text: a FragmentSelector naming the element that shows it (the element's
anchor; for the plan or a pillar, the page's title) and a TextQuoteSelector quoting it as that
page shows it, with the prefix and suffix that make it unique on the page (opendata/anchoring.py).
The creator is napwatch's editors, the generator napwatch itself, the dates the critique's own.
`opendata/w3c/` holds the W3C context and a schema the tests check every annotation against.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from critiques.models import Critique
from opendata.anchoring import quote_selector, rendered_page
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


def anchor(critique: Critique) -> str:
    """The id of the element on the target's page that shows the quoted text: the element's own
    anchor, or the page's title for the plan and a pillar (their critiques are listed under
    #critiques and #pillar-critiques, which do not show the words quoted)."""
    target = critique.target
    if isinstance(target, Plan):
        return "plan-title"
    if isinstance(target, Pillar):
        return "pillar-title"
    return target.code


def publisher_uri(request) -> str:
    """napwatch's editors as one stable URI: the publisher on the (English) data page."""
    with translation.override("en"):
        return request.build_absolute_uri(reverse("opendata:data")) + "#publisher"


def stamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def annotation(critique: Critique, request) -> dict:
    plan = critique.plan
    path = critique.target_url().partition("#")[0]
    page = request.build_absolute_uri(path)
    fragment = anchor(critique)
    own = reverse("critiques:annotation", kwargs={"slug": plan.slug, "key": critique.key})
    detail = reverse("critiques:detail", kwargs={"slug": plan.slug, "key": critique.key})
    home = request.build_absolute_uri("/")
    shown = rendered_page(request, path)
    quote = {"type": "TextQuoteSelector", "exact": quoted_text(critique)}
    if shown is not None:
        quote = quote_selector(shown, fragment, quote["exact"])
    selectors = [
        {
            "type": "FragmentSelector",
            "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
            "value": fragment,
        },
        quote,
    ]
    document = {
        "@context": CONTEXT,
        "id": request.build_absolute_uri(own),
        "type": "Annotation",
        "motivation": "assessing",
        # first published (a date a plan file states, so the same on every install), else written
        "created": stamp(critique.published_at or critique.created_at),
        "modified": stamp(critique.updated_at),
        "creator": {
            "id": publisher_uri(request),
            "type": "Organization",
            "name": PUBLISHER,
            "homepage": home,
        },
        "generator": {"id": home, "type": "Software", "name": "napwatch", "homepage": home},
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
            "source": {
                "id": page,
                "type": "Text",
                "format": "text/html",
                "language": reader_language(),
            },
            "selector": selectors,
        },
        "canonical": request.build_absolute_uri(detail),
    }
    return {name: value for name, value in document.items() if value is not None}


def reply_annotation(reply, request) -> dict:
    """A published reply (the right of reply, issue 28) as a W3C Web Annotation: motivation
    `replying`, its creator the invited body, its body the reply as written (napwatch's
    translation is napwatch's, so not in it), its target the critique's own annotation."""
    critique = reply.critique
    plan = critique.plan
    keys = {"slug": plan.slug, "key": critique.key}
    own = reverse("critiques:reply-annotation", kwargs={**keys, "pk": reply.pk})
    answered = reverse("critiques:annotation", kwargs=keys)
    detail = reverse("critiques:detail", kwargs=keys)
    home = request.build_absolute_uri("/")
    return {
        "@context": CONTEXT,
        "id": request.build_absolute_uri(own),
        "type": "Annotation",
        "motivation": "replying",
        "created": stamp(reply.published_at),
        "modified": stamp(reply.updated_at),
        "creator": {"type": "Organization", "name": reply.invitation.organisation_name},
        "generator": {"id": home, "type": "Software", "name": "napwatch", "homepage": home},
        "rights": LICENSE["path"],
        "body": {
            "type": "TextualBody",
            "purpose": "replying",
            "value": reply.body,
            "format": "text/markdown",
            "language": reply.language,
        },
        "target": {"type": "SpecificResource", "source": request.build_absolute_uri(answered)},
        "canonical": request.build_absolute_uri(f"{detail}#reply-{reply.pk}"),
    }
