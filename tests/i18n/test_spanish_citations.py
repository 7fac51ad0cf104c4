"""A Spanish citation is Spanish (issue 22): what a reader downloads from a Spanish page
(`?cite=bibtex|ris|csl`) and what a reference manager reads from it (its JSON-LD) names no
pillar, region or agency in English where a Spanish name is known, says "México", and carries
no English locator, for the plan, each pillar, each element on it and each published critique.

The page test (tests/i18n/test_spanish_pages.py) reads a page's visible text and its meta tags;
the downloads and the JSON-LD block (a <script>, which that test skips) are read here. Words in
quotation marks (an element's English wording, as the citation title quotes it) are the
sources' own and may stay, as on the pages.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.i18n.content_words import english_content_in, english_content_words

FORMATS = ("bibtex", "ris", "csl")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
PLANS = ["mexico-2021", "guatemala-2017", "canada-2017", "el-salvador-2017"]


def json_strings(value) -> list[str]:
    """Every string of a JSON document, each on its own."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return []


def download_lines(text: str) -> list[str]:
    """A BibTeX, RIS or CSL-JSON download as the lines (or JSON strings) a reader sees."""
    if text.lstrip().startswith(("[", "{")):
        return json_strings(json.loads(text))
    return [line.strip() for line in text.splitlines() if line.strip()]


def spanish_citations(client, plan) -> dict[str, list[str]]:
    """{where: texts} for every citation of `plan` that a Spanish reader can download, and the
    JSON-LD of its Spanish plan and pillar pages."""
    from critiques.models import Critique
    from indicators.models import Indicator
    from plans.models import LineOfAction, StrategicObjective

    base = f"/es/plans/{plan.slug}/"
    pages = [base]
    downloads = []
    for pillar in plan.pillars.order_by("order"):
        page = f"{base}pillars/{pillar.slug}/"
        pages.append(page)
        codes = [
            *StrategicObjective.objects.filter(pillar=pillar).values_list("code", flat=True),
            *LineOfAction.objects.filter(objective__pillar=pillar).values_list("code", flat=True),
            *Indicator.objects.filter(line_of_action__objective__pillar=pillar).values_list(
                "code", flat=True
            ),
        ]
        downloads += [f"{page}?cite={{format}}&element={code}" for code in codes]
    downloads += [f"{page}?cite={{format}}" for page in pages]
    downloads += [
        f"{base}critiques/{key}/?cite={{format}}"
        for key in Critique.objects.filter(plan=plan, status="published").values_list(
            "key", flat=True
        )
    ]
    found = {}
    for url in downloads:
        for name in FORMATS:
            response = client.get(url.format(format=name))
            assert response.status_code == 200, url.format(format=name)
            found[url.format(format=name)] = download_lines(response.content.decode())
    for page in pages:
        html = client.get(page).content.decode()
        blocks = JSON_LD.findall(html)
        assert blocks, f"{page} has no JSON-LD"
        found[f"{page} (JSON-LD)"] = [
            text for block in blocks for text in json_strings(json.loads(block))
        ]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("slug", PLANS)
def test_spanish_citations_name_no_pillar_region_or_agency_in_english(client, mexico, slug):
    from plans.models import Plan

    plan = Plan.objects.get(slug=slug)
    words = english_content_words(plan)
    problems = [
        f"{where}: {text[:160]!r}"
        for where, texts in spanish_citations(client, plan).items()
        for text in english_content_in(texts, words)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_spanish_citations_of_mexico_s_plan_say_mexico_in_spanish(client, mexico):
    bibtex = client.get("/es/plans/mexico-2021/?cite=bibtex").content.decode()
    pillar = mexico.pillars.get(code="PART")
    ris = client.get(f"/es/plans/mexico-2021/pillars/{pillar.slug}/?cite=ris").content.decode()
    assert "México 2021" in bibtex
    assert "México 2021" in ris
    # the pillar is named as the plan names it in Spanish, not by its English name
    assert pillar.name_original and pillar.name_original in ris
    assert pillar.name_en not in ris


def test_the_citation_check_finds_english_names_in_a_download(db, mexico):
    """The check above can fail: a RIS title with an English pillar name and "Mexico", and a
    JSON-LD region in English, are caught; a quoted English wording is not."""
    words = english_content_words(mexico)
    ris = download_lines(
        "TY  - WEB\nTI  - Participation – Mexico 2021 National Action Plan\n"
        "TI  - PART-I1: “Number of women deployed” – Plan Nacional de Acción de México 2021\n"
    )
    document = json.dumps({"about": {"spatialCoverage": "Latin America and the Caribbean"}})
    found = english_content_in([*ris, *json_strings(json.loads(document))], words)
    assert found == [
        "TI  - Participation – Mexico 2021 National Action Plan",
        "Latin America and the Caribbean",
    ]
