"""Every published critique's Web Annotation anchors exactly where a client looks for it: the
element its FragmentSelector names is on the target page, the TextQuoteSelector's quotation lies
inside that element's text, and its prefix and suffix make it occur once on the whole page
(W3C Web Annotation Data Model, 4.2.1 and 4.2.4: a target's selectors select the same content).

The page is parsed here by tinyhtml5, an HTML5 parser (WeasyPrint's), not by the code that made
the selectors (opendata/anchoring.py), so the two readings of the page check each other.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import tinyhtml5

from critiques.models import Critique
from opendata.anchoring import PageText, quote_selector

W3C = Path(__file__).resolve().parents[2] / "opendata" / "w3c"
SCHEMA = json.loads((W3C / "annotation.schema.json").read_text())
SKIPPED = {"script", "style", "template", "noscript"}


def text_of(element) -> str:
    """An element's text as a browser's textContent gives it (scripts and styles left out),
    whitespace collapsed."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
        if tag not in SKIPPED:
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts))


def occurrences(text: str, part: str) -> int:
    """How many times `part` occurs in `text`, overlapping occurrences too."""
    return len(re.findall(f"(?={re.escape(part)})", text))


def by_id(document, element_id: str) -> list:
    return [element for element in document.iter() if element.get("id") == element_id]


def body_of(document):
    (body,) = [e for e in document.iter() if isinstance(e.tag, str) and e.tag.endswith("body")]
    return body


def annotations(client) -> list[tuple[str, dict]]:
    found = []
    for critique in Critique.objects.published().select_related("plan").order_by("pk"):
        for language in ("en", "es"):
            url = (
                f"/{language}/plans/{critique.plan.slug}/critiques/{critique.key}/annotation.jsonld"
            )
            response = client.get(url)
            assert response.status_code == 200, url
            found.append((url, json.loads(response.content)))
    return found


def test_every_annotation_quotes_the_element_it_names_once_on_the_page(mexico, client):
    checked = annotations(client)
    assert len(checked) == 54  # 27 published critiques of the fixtures, in English and Spanish
    for url, document in checked:
        jsonschema.validate(
            document, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        target = document["target"]
        language = url.split("/")[1]
        assert target["source"]["language"] == language, url
        assert target["source"]["format"] == "text/html", url
        selectors = {selector["type"]: selector for selector in target["selector"]}
        assert set(selectors) == {"FragmentSelector", "TextQuoteSelector"}, url
        quote = selectors["TextQuoteSelector"]
        assert {"exact", "prefix", "suffix"} <= set(quote), url

        page = client.get(target["source"]["id"])
        assert page.status_code == 200, url
        parsed = tinyhtml5.parse(page.content.decode())
        (element,) = by_id(parsed, selectors["FragmentSelector"]["value"])
        element_text = text_of(element)
        page_text = text_of(body_of(parsed))
        # Both selectors select the same text: the quotation is inside the named element ...
        assert quote["exact"] in element_text, (url, quote["exact"])
        # ... and with its prefix and suffix it occurs once on the page, there.
        context = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert occurrences(page_text, context) == 1, (url, context)
        at = page_text.index(context) + len(quote["prefix"])
        start = page_text.index(element_text)
        assert start <= at and at + len(quote["exact"]) <= start + len(element_text), url


def test_plan_and_pillar_critiques_point_at_the_title_they_quote(mexico, client):
    for critique, anchor in (
        (Critique.objects.published().filter(target_plan__isnull=False).first(), "plan-title"),
        (Critique.objects.published().filter(target_pillar__isnull=False).first(), "pillar-title"),
    ):
        for language in ("en", "es"):
            response = client.get(
                f"/{language}/plans/mexico-2021/critiques/{critique.key}/annotation.jsonld"
            )
            selectors = {s["type"]: s for s in json.loads(response.content)["target"]["selector"]}
            assert selectors["FragmentSelector"]["value"] == anchor
            title = critique.target.display_title if anchor == "plan-title" else None
            if title is not None:
                assert selectors["TextQuoteSelector"]["exact"] == title


@pytest.mark.parametrize(
    ("html", "exact", "prefix", "suffix"),
    [
        # The same words twice: the context is widened until the one in #b is unique.
        (
            "<body><p>" + "x" * 40 + " same words</p><p id=b>" + "x" * 40 + " same words"
            "</p><p>" + "x" * 40 + "</p></body>",
            "same words",
            None,
            None,
        ),
        ("<body><h1 id=b>Title</h1><p>after</p></body>", "Title", "", "after"),
    ],
)
def test_the_context_is_widened_until_the_quote_is_unique(html, exact, prefix, suffix):
    page = PageText.of(html)
    selector = quote_selector(page, "b", exact)
    context = selector["prefix"] + selector["exact"] + selector["suffix"]
    assert occurrences(page.text, context) == 1
    assert page.text.index(context) + len(selector["prefix"]) >= page.span("b")[0]
    if prefix is not None:
        assert (selector["prefix"], selector["suffix"]) == (prefix, suffix)


def test_a_quote_not_in_the_element_gets_no_context():
    page = PageText.of("<body><p id=a>Title</p><p id=b>other</p></body>")
    assert quote_selector(page, "b", "Title") == {"type": "TextQuoteSelector", "exact": "Title"}
    assert quote_selector(page, "missing", "Title") == {
        "type": "TextQuoteSelector",
        "exact": "Title",
    }
