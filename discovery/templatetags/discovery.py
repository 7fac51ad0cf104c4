"""`{% capture as name %}…{% endcapture %}`: a block of the page (its title, its description)
rendered once and used in several places of the head (the <title>, Open Graph's og:title).
`{% page_json_ld "scorecard" %}`: the page's schema.org JSON-LD (discovery/structured.py)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from discovery.structured import page_json_ld as build_page_json_ld
from toolkit.jsonld import json_ld_script

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist, self.name = nodelist, name

    def render(self, context) -> str:
        # Already escaped as it was rendered (autoescape), so safe to print again as it is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # nosec B308 B703
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def page_json_ld(context, kind: str) -> str:
    if context.get("request") is None:
        return ""
    return json_ld_script(build_page_json_ld(kind, context))


@register.simple_tag(takes_context=True)
def absolute_url(context, url_name: str, **kwargs) -> str:
    """`{% absolute_url "briefs:pdf" slug=plan.slug %}`: the URL with the request's scheme and host."""
    path = reverse(url_name, kwargs=kwargs)
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
