"""`{% citation_head citable %}`: the Highwire meta tags and schema.org JSON-LD of a page.

JSON-LD goes in `<script type="application/ld+json">`: a data block, which browsers never run
and the site's Content-Security-Policy (script-src 'self') does not block (tests/opendata checks
it in Chromium). Its JSON is escaped as Django's `json_script` escapes it (<, > and & as \\u
escapes), so no text in it can close the element.
"""

from django import template
from django.utils.html import format_html, format_html_join

from opendata import citations
from opendata.citations import FORMATS
from plans.models import Pillar, Plan
from toolkit.jsonld import json_ld_script

register = template.Library()


@register.simple_tag
def citation_head(citable) -> str:
    if citable is None:
        return ""
    meta = format_html_join("\n  ", '<meta name="{}" content="{}">', citable.meta())
    return format_html("{}\n  {}", meta, json_ld_script(citable.json_ld()))


@register.simple_tag(takes_context=True)
def page_citation(context, obj) -> str:
    """The meta tags and JSON-LD of the page showing `obj` (a plan or a pillar)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    if isinstance(obj, Plan):
        return citation_head(citations.for_plan(obj, url))
    if isinstance(obj, Pillar):
        return citation_head(citations.for_pillar(obj, url))
    raise TypeError(f"no citation for {type(obj).__name__}")


@register.inclusion_tag("opendata/cite_as.html")
def cite_as(element_code: str = "", label: str = ""):
    """ "Cite as: BibTeX · RIS · CSL-JSON" links for the page (or one element on it)."""
    extra = f"&element={element_code}" if element_code else ""
    return {"links": [(name, f"?cite={name}{extra}") for name in FORMATS], "label": label}
