"""Every public page the validators check: Mexico's plan, a synthetic plan, and the site's pages.

Both checkers (the Nu Html Checker in tests/validators/, axe-core in tests/browser/) walk this one
list, so a page added here is checked by both.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

SYNTHETIC_INDICATORS = 60  # more than one page of indicators (50) and of critiques (25)


@dataclass(frozen=True)
class PublicPage:
    name: str  # a file name for the rendered page
    url: str
    status: int = 200


def too_many_fields_query() -> str:
    """A query string Django refuses with 400 (TooManyFieldsSent), whatever the host."""
    from django.conf import settings

    return "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


def plan_pages(plan) -> list[PublicPage]:
    slug = plan.slug
    base = f"/en/plans/{slug}"
    pillars = list(plan.pillars.order_by("order", "pk").values_list("slug", flat=True))
    agencies = list(
        plan.plan_agencies.order_by("agency__acronym").values_list("agency__acronym", flat=True)
    )
    pages = [
        PublicPage(f"{slug}-overview", f"{base}/"),
        *(PublicPage(f"{slug}-pillar-{p}", f"{base}/pillars/{p}/") for p in pillars),
        PublicPage(f"{slug}-indicators", f"{base}/indicators/"),
        PublicPage(
            f"{slug}-indicators-filtered",
            f"{base}/indicators/?pillar={pillars[0]}&critiqued=yes&ordering=-critiques&q=a",
        ),
        PublicPage(
            f"{slug}-indicators-sorted", f"{base}/indicators/?ordering=code&confidence=quoted"
        ),
        PublicPage(f"{slug}-indicators-bad-filter", f"{base}/indicators/?pillar=nope"),
        PublicPage(f"{slug}-critiques", f"{base}/critiques/"),
        PublicPage(
            f"{slug}-critiques-filtered",
            f"{base}/critiques/?pillar={pillars[0]}&severity=2&kind=weakness&target=indicator",
        ),
        *(PublicPage(f"{slug}-agency-{a}", f"{base}/agencies/{a}/") for a in agencies),
        PublicPage(f"{slug}-scorecard", f"{base}/scorecard/"),
        PublicPage(f"{slug}-brief", f"{base}/brief/"),
        *(
            PublicPage(f"{slug}-critique-{key}", f"{base}/critiques/{key}/")
            for key in plan.critiques.filter(status="published")
            .order_by("-severity", "key")
            .values_list("key", flat=True)[:1]
        ),
        PublicPage(f"{slug}-brief-letter", f"{base}/brief/?paper=letter&provenance=no"),
    ]
    if plan.indicators.count() > 50:
        pages.append(PublicPage(f"{slug}-indicators-page-2", f"{base}/indicators/?page=2"))
        pages.append(PublicPage(f"{slug}-critiques-page-2", f"{base}/critiques/?page=2"))
    return pages


def public_pages(plans) -> list[PublicPage]:
    pages = [
        PublicPage("home", "/en/"),
        PublicPage("home-filtered", "/en/?region=Latin+America+and+the+Caribbean&year=2017"),
        PublicPage("home-bad-filter", "/en/?country=Atlantis"),
    ]
    for plan in plans:
        pages += plan_pages(plan)
    # The same templates in Spanish: the language attributes, the switch and longer words.
    pages += [
        PublicPage("es-home", "/es/"),
        PublicPage("es-overview", f"/es/plans/{plans[0].slug}/"),
        PublicPage("es-pillar", f"/es/plans/{plans[0].slug}/pillars/participation/"),
        PublicPage(
            "es-indicators-filtered",
            f"/es/plans/{plans[0].slug}/indicators/?pillar=participation&ordering=-critiques",
        ),
        PublicPage("es-critiques", f"/es/plans/{plans[0].slug}/critiques/"),
        PublicPage("es-brief", f"/es/plans/{plans[0].slug}/brief/"),
        PublicPage("es-scorecard", f"/es/plans/{plans[0].slug}/scorecard/"),
        PublicPage("es-compare", f"/es/compare/?plans={plans[0].slug},el-salvador-2017"),
        PublicPage("es-search", "/es/search/?q=women"),
        PublicPage("es-error-404", "/es/plans/no-such-plan/", 404),
    ]
    pages += [
        PublicPage("data", "/en/data/"),
        PublicPage("es-data", "/es/data/"),
        PublicPage("cite-bad-format", f"/en/plans/{plans[0].slug}/?cite=word", 400),
        PublicPage("compare-picker", "/en/compare/"),
        PublicPage(
            "compare-three", f"/en/compare/?plans={plans[0].slug},el-salvador-2017,canada-2017"
        ),
        PublicPage("compare-with-synthetic", f"/en/compare/?plans={plans[0].slug},{plans[1].slug}"),
        PublicPage("compare-unknown", "/en/compare/?plans=mexico-2021,atlantis-1999", 400),
        PublicPage("compare-one", "/en/compare/?plans=mexico-2021", 400),
        PublicPage("search-women", "/en/search/?q=women"),
        PublicPage("search-synthetic", "/en/search/?q=synthetic+things"),
        PublicPage("search-no-hits", "/en/search/?q=zzzqqqxxx"),
        PublicPage("search-empty", "/en/search/?q="),
        PublicPage("brief-bad-option", f"/en/plans/{plans[0].slug}/brief/?paper=papyrus", 400),
        PublicPage("error-404", "/en/plans/no-such-plan/", 404),
        PublicPage("error-400", f"/en/?{too_many_fields_query()}", 400),
    ]
    return pages


def with_public_document(plan) -> list[PublicPage]:
    """The plan's own document made public, one objective encoded verbatim from it (issue 14):
    its document page, with the passage highlighted, and its pillar page's "p. 1" link."""
    from documents.services import add_document, start_extraction
    from tests.documents import builders
    from workbench.services import Passage, set_wording

    document = add_document(plan=plan, data=builders.nap_pdf(), name="plan.pdf", is_public=True)
    start_extraction(document)
    objective = plan.objectives.order_by("pk").first()
    page = document.pages.get(label="1")
    set_wording(element=objective, passage=Passage(document, page, builders.OBJECTIVE))
    return [
        PublicPage(f"{plan.slug}-document", f"/en/plans/{plan.slug}/document/"),
        PublicPage(f"es-{plan.slug}-document", f"/es/plans/{plan.slug}/document/"),
        PublicPage(f"{plan.slug}-no-document", "/en/plans/mexico-2021/document/", 404),
    ]


@pytest.fixture
def validated_pages(mexico, make_synthetic_plan, settings, tmp_path) -> list[PublicPage]:
    """Mexico's plan (with the other real plans) and a synthetic one with a public document of
    its own, and the pages to check."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    synthetic = make_synthetic_plan(1, indicators=SYNTHETIC_INDICATORS)
    return public_pages([mexico, synthetic]) + with_public_document(synthetic)
