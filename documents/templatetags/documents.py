"""{% locator source text plan %}: a locator, linked to its page when the source is the plan's
public document ("p. 12" → /<lang>/plans/<slug>/document/#p-12, "p. 1 (PDF p. 29)" →
…#p-1--pdf-29: documents/models.py); plain text otherwise.

Reads `source.document` only for sources of kind "plan document", which the tree reader fetches
with the source (critiques/tree.py), so a page of many elements makes no query per element."""

from __future__ import annotations

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.html import format_html

from documents.models import anchor_for_locator
from plans.locators import locator_text
from plans.models import Source

register = template.Library()


@register.simple_tag
def locator(source, text: str, plan=None) -> str:
    if not text:
        return ""
    if not text.startswith("p. "):
        return locator_text(text)
    if source is None or source.kind != Source.Kind.PLAN_DOCUMENT or plan is None:
        return text
    try:
        document = source.document
    except ObjectDoesNotExist:
        return text
    if not (document.is_public and document.is_done and text.startswith("p. ")):
        return text
    anchor = anchor_for_locator(text)
    if anchor is None:
        return text
    url = reverse("plans:document", kwargs={"slug": plan.slug})
    return format_html('<a href="{}#{}">{}</a>', url, anchor, text)


@register.filter(name="locator_text")
def locator_text_filter(text: str) -> str:
    """{{ c.locator|locator_text }}: a locator in the reader's language (plans/locators.py)."""
    return locator_text(text)
