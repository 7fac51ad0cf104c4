"""schema.org JSON-LD for the pages that had none: a plan's indicators, agency and scorecard, the
comparison and the search results. Each says what the page is, in the page's language, and what
it is about (the plan as `Legislation`, an agency as a `GovernmentOrganization`). Written into
the page by `{% page_json_ld %}` (discovery/templatetags/discovery.py), escaped as every JSON-LD
block of the site is (toolkit.jsonld)."""

from __future__ import annotations

import html

from django.urls import reverse

SITE = "napwatch"


def legislation(plan) -> dict:
    about = {
        "@type": "Legislation",
        "name": plan.title_original,
        "inLanguage": plan.language,
        "legislationJurisdiction": plan.country_name,
        "url": plan.get_absolute_url(),
    }
    if plan.title_en:
        about["alternateName"] = plan.title_en
    if plan.adopted_on:
        about["legislationDate"] = plan.adopted_on.isoformat()
    return about


def web_page(kind: str, *, name: str, url: str, language: str, home: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "url": url,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": SITE, "url": home},
        "publisher": {"@type": "Organization", "name": SITE, "url": home},
    }


def absolute(request, document: dict) -> dict:
    """Every `url` under `about`, `mainEntity` and their lists made absolute."""

    def walk(node):
        if isinstance(node, dict):
            return {
                key: request.build_absolute_uri(value)
                if key == "url" and isinstance(value, str) and value.startswith("/")
                else walk(value)
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    return walk(document)


def item_list(items: list[tuple[str, str]], total: int | None = None) -> dict:
    """A schema.org ItemList of (name, url) pairs; `total` when the page shows only some."""
    found = {
        "@type": "ItemList",
        "numberOfItems": total if total is not None else len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "url": url}
            if url
            else {"@type": "ListItem", "position": position, "name": name}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
    return found


def indicators(context) -> dict:
    plan, page = context["plan"], context.get("page_obj")
    rows = list(context.get("indicators") or [])
    return {
        "@type": "CollectionPage",
        "about": legislation(plan),
        "mainEntity": item_list(
            [(f"{row.code}: {row.wording_en or row.wording_original}", "") for row in rows],
            total=page.paginator.count if page else len(rows),
        ),
    }


def agency(context) -> dict:
    link = context["plan_agency"]
    agency = link.agency
    organisation = {
        "@type": "GovernmentOrganization",
        "name": agency.name_original,
        "alternateName": [name for name in (agency.name_en, agency.acronym) if name],
    }
    return {
        "@type": "WebPage",
        "about": [organisation, legislation(context["plan"])],
        "mainEntity": organisation,
    }


def scorecard(context) -> dict:
    plan, scorecards = context["plan"], context.get("scorecards")
    document = {"@type": "WebPage", "about": legislation(plan)}
    rubric = getattr(scorecards, "rubric", None)
    if rubric:
        questions = [
            (row.criterion.question, f"#criterion-{row.criterion.key}")
            for group in scorecards.groups
            for row in group.rows
        ]
        document["mainEntity"] = {**item_list(questions), "name": str(rubric.title)}
    return document


def compare(context) -> dict:
    plans = context.get("plans") or []
    return {"@type": "WebPage", "about": [legislation(plan) for plan in plans]}


def search(context) -> dict:
    hits = [hit for group in context.get("groups") or [] for hit in group.hits]
    document = {"@type": "SearchResultsPage"}
    if context.get("query"):
        document["mainEntity"] = item_list([(hit.title[:200], hit.url) for hit in hits])
    return document


BUILDERS = {
    "indicators": indicators,
    "agency": agency,
    "scorecard": scorecard,
    "compare": compare,
    "search": search,
}


def page_json_ld(kind: str, context) -> dict:
    request = context["request"]
    extra = BUILDERS[kind](context)
    document = web_page(
        extra.pop("@type"),
        name=html.unescape(context.get("page_title") or SITE),
        url=context.get("canonical_url") or request.build_absolute_uri(request.path),
        language=context.get("LANGUAGE_CODE") or "en",
        home=request.build_absolute_uri(reverse("plans:list")),
    )
    return absolute(request, document | extra)
