"""Each resource of the API answers what the HTML pages show, with ids, codes and html_url."""

import csv
import io

import pytest
from django.conf import settings

from critiques.models import Critique, Recommendation
from tests.api.conftest import walk

pytestmark = pytest.mark.django_db

SITE = settings.NAPWATCH_SITE_URL.rstrip("/")
API = "/api/v1"


def test_the_plans_in_the_home_pages_order_with_ids_counts_provenance_and_html_url(
    get_json, mexico
):
    body = get_json(f"{API}/plans/")
    assert body["count"] == 4 and body["next"] is None and body["previous"] is None
    slugs = [plan["slug"] for plan in body["results"]]
    assert slugs == ["canada-2017", "el-salvador-2017", "guatemala-2017", "mexico-2021"]
    found = body["results"][3]
    assert found["id"] == mexico.pk
    assert found["country_code"] == "MEX" and found["language"] == "es"
    assert found["declared"] == {
        "pillars": mexico.declared_pillars,
        "objectives": mexico.declared_objectives,
        "lines_of_action": mexico.declared_lines,
        "indicators": mexico.declared_indicators,
    }
    assert found["encoded"]["indicators"] == mexico.indicators.count() == 10
    assert found["published_critiques"] == Critique.objects.published().filter(plan=mexico).count()
    assert found["provenance"]["source"]["key"] == mexico.source.key
    assert found["provenance"]["confidence"] == mexico.confidence
    assert set(found["summary"]) == {"en", "es"} and found["summary"]["es"]
    assert found["html_url"] == f"{SITE}/en/plans/mexico-2021/"
    assert found["links"]["tree"] == "http://testserver/api/v1/plans/mexico-2021/tree/"


PLAN_FILTERS = [
    ("country=Mexico", ["mexico-2021"]),
    ("year=2017", ["canada-2017", "el-salvador-2017", "guatemala-2017"]),
    ("region=Latin+America+and+the+Caribbean&year=2017", ["el-salvador-2017", "guatemala-2017"]),
    ("q=PNA-1325", ["mexico-2021"]),
    ("q=salvador", ["el-salvador-2017"]),
]


def test_the_plans_take_the_home_pages_filters(get_json, mexico):
    for query, expected in PLAN_FILTERS:
        body = get_json(f"{API}/plans/?{query}")
        assert [plan["slug"] for plan in body["results"]] == expected, query


def test_a_plan_with_its_whole_tree_and_the_provenance_of_every_element(get_json, mexico):
    body = get_json(f"{API}/plans/mexico-2021/tree/")
    assert body["plan"]["slug"] == "mexico-2021"
    pillars = body["pillars"]
    assert [p["code"] for p in pillars] == list(
        mexico.pillars.order_by("order").values_list("code", flat=True)
    )
    objectives = [o for p in pillars for o in p["objectives"]]
    lines = [line for o in objectives for line in o["lines_of_action"]]
    indicators = [i for line in lines for i in line["indicators"]]
    assert len(objectives) == mexico.objectives.count()
    assert len(lines) == mexico.lines_of_action.count()
    assert sorted(i["code"] for i in indicators) == sorted(
        mexico.indicators.values_list("code", flat=True)
    )
    for node in [*pillars, *objectives, *lines, *indicators, *body["sections"]]:
        assert isinstance(node["id"], int) and node["code"]
        provenance = node["provenance"]
        assert provenance["source"]["key"] and provenance["source"]["title"]
        assert provenance["confidence"] in {"verbatim", "quoted", "described", "inferred"}
        assert "locator" in provenance and "note" in provenance
        assert node["html_url"].startswith(f"{SITE}/en/plans/mexico-2021/")

    indicator = next(i for i in indicators if i["code"] == "PART-I1")
    assert indicator["html_url"] == f"{SITE}/en/plans/mexico-2021/pillars/participation/#PART-I1"
    assert {a["agency"] for a in indicator["agencies"]} == {"SRE", "SEDENA", "SEMAR", "SSPC"}
    assert all(a["provenance"]["source"]["key"] for a in indicator["agencies"])
    # Every published critique hangs on exactly the element it targets, once.
    keys = [
        key
        for node in [body, *pillars, *objectives, *lines, *indicators, *body["sections"]]
        for key in node["critiques"]
    ]
    published = Critique.objects.published().filter(plan=mexico)
    assert sorted(keys) == sorted(published.values_list("key", flat=True))
    critique = published.exclude(target_indicator=None).first()
    holder = next(i for i in indicators if i["id"] == critique.target_indicator_id)
    assert critique.key in holder["critiques"]


def indicator_codes_in_csv(client, query: str) -> list[str]:
    response = client.get(f"/en/plans/mexico-2021/indicators/?{query}&format=csv")
    assert response.status_code == 200
    return [row[0] for row in list(csv.reader(io.StringIO(response.content.decode())))[1:]]


INDICATOR_FILTERS = [
    "",
    "pillar=participation",
    "confidence=quoted&ordering=-code",
    "critiqued=yes&ordering=-critiques",
    "critiqued=no",
    "agency=SEDENA&category=training-only",
    "objective=PART-O1",
    "q=women+number",
    "ordering=confidence,code",
]


def test_indicators_with_the_tables_filters_give_the_tables_rows(client, get_json, mexico):
    for query in INDICATOR_FILTERS:
        body = get_json(f"{API}/plans/mexico-2021/indicators/?{query}")
        codes = [row["code"] for row in body["results"]]
        assert codes == indicator_codes_in_csv(client, query), query
        assert codes or query.startswith(("critiqued=no", "agency=")), query


def test_an_indicator_row_and_an_indicator_by_code(get_json, mexico):
    row = get_json(f"{API}/plans/mexico-2021/indicators/?q=PART-I1")["results"][0]
    assert row == get_json(f"{API}/plans/mexico-2021/indicators/PART-I1/")
    indicator = mexico.indicators.get(code="PART-I1")
    assert row["id"] == indicator.pk
    assert (row["pillar"], row["objective"], row["line_of_action"]) == (
        "participation",
        "PART-O1",
        indicator.line_of_action.code,
    )
    assert row["provenance"]["source"]["key"] == indicator.source.key
    assert row["published_critique_count"] == indicator.critiques.filter(status="published").count()
    assert row["html_url"] == f"{SITE}/en/plans/mexico-2021/pillars/participation/#PART-I1"


def test_critiques_with_the_critique_lists_filters(get_json, mexico):
    published = Critique.objects.published().filter(plan=mexico)
    body = get_json(f"{API}/plans/mexico-2021/critiques/?page_size=100")
    assert body["count"] == published.count()
    assert [c["key"] for c in body["results"]] == list(
        published.order_by("-severity", "key").values_list("key", flat=True)
    )
    filtered = get_json(
        f"{API}/plans/mexico-2021/critiques/?severity=2&target=indicator&kind=weakness"
    )["results"]
    assert filtered and all(
        c["severity"] == 2 and c["target"]["type"] == "indicator" and c["kind"] == "weakness"
        for c in filtered
    )
    assert [c["key"] for c in filtered] == list(
        published.filter(severity=2, kind="weakness", target_indicator__isnull=False)
        .order_by("-severity", "key")
        .values_list("key", flat=True)
    )
    pillar = get_json(f"{API}/plans/mexico-2021/critiques/?pillar=participation")["results"]
    assert pillar and all("/pillars/participation/" in c["target"]["html_url"] for c in pillar)


def test_a_critique_with_its_target_citations_and_languages(get_json, mexico):
    critique = (
        Critique.objects.published().filter(plan=mexico).exclude(target_indicator=None).first()
    )
    body = get_json(f"{API}/plans/mexico-2021/critiques/{critique.key}/")
    assert body["id"] == critique.pk and body["key"] == critique.key
    assert body["title"] == {"en": critique.title_en, "es": critique.title_es}
    assert body["body_html"]["en"].startswith("<p>")
    indicator = critique.target_indicator
    assert body["target"] == {
        "type": "indicator",
        "id": indicator.pk,
        "code": indicator.code,
        "html_url": f"{SITE}{indicator.get_absolute_url()}",
    }
    assert body["html_url"].endswith(f"#critique-{critique.key}")
    assert [c["source"]["key"] for c in body["citations"]] == list(
        critique.citations.order_by("order", "pk").values_list("source__key", flat=True)
    )


def test_agencies_with_their_responsibilities(get_json, mexico):
    body = get_json(f"{API}/plans/mexico-2021/agencies/")
    acronyms = [a["acronym"] for a in body["results"]]
    assert acronyms == sorted(acronyms) and "SEDENA" in acronyms
    sedena = next(a for a in body["results"] if a["acronym"] == "SEDENA")
    assert sedena["html_url"] == f"{SITE}/en/plans/mexico-2021/agencies/SEDENA/"
    codes = {r["element"]["code"] for r in sedena["responsibilities"]}
    expected = set()
    for responsibility in sedena_responsibilities(mexico):
        expected.add(responsibility.element.code)
    assert codes == expected and "PART-I1" in codes
    for responsibility in sedena["responsibilities"]:
        assert responsibility["provenance"]["confidence"]
        assert responsibility["element"]["html_url"].endswith(
            "#" + responsibility["element"]["code"]
        )


def sedena_responsibilities(plan):
    from django.db.models import Q

    from plans.models import Responsibility

    return Responsibility.objects.filter(agency__acronym="SEDENA").filter(
        Q(objective__plan=plan) | Q(line_of_action__plan=plan) | Q(indicator__plan=plan)
    )


def test_recommendations_with_the_published_critiques_they_answer(get_json, mexico):
    body = get_json(f"{API}/plans/mexico-2021/recommendations/")
    recommendations = Recommendation.objects.filter(plan=mexico).order_by("order")
    assert [r["key"] for r in body["results"]] == [r.key for r in recommendations]
    first = body["results"][0]
    assert first["critiques"] == list(
        recommendations[0]
        .critiques.filter(status="published")
        .order_by("-severity", "key")
        .values_list("key", flat=True)
    )
    assert first["html_url"] == f"{SITE}/en/plans/mexico-2021/#recommendation-{first['key']}"


def test_sources_by_key_with_the_plans_that_cite_them(get_json, mexico):
    body = get_json(f"{API}/sources/?page_size=100")
    keys = [source["key"] for source in body["results"]]
    assert keys == sorted(keys) and "wiis-2021" in keys
    wiis = get_json(f"{API}/sources/wiis-2021/")
    assert wiis == next(source for source in body["results"] if source["key"] == "wiis-2021")
    assert "mexico-2021" in wiis["plans"] and wiis["citation"]


def test_search_follows_the_search_pages_rules(client, get_json, mexico):
    from search.engine import search

    body = get_json(f"{API}/search/?q=women")
    assert body["query"] == "women"
    expected = search("women")
    assert [g["kind"] for g in body["groups"]] == [g.kind.key for g in expected]
    for group, hits in zip(body["groups"], expected, strict=True):
        assert [h["title"] for h in group["hits"]] == [h.title for h in hits.hits]
        assert group["more"] == hits.more
    hit = body["groups"][0]["hits"][0]
    assert "<mark>" in hit["snippet_html"].lower() and hit["html_url"].startswith(SITE)
    # The page's limits: an empty or over-long query is refused, with the page's words.
    assert get_json(f"{API}/search/?q=", 400)["error"]["fields"]["q"]
    assert get_json(f"{API}/search/?q=+++", 400)["error"]["fields"]["q"]
    assert get_json(f"{API}/search/")["groups"] == []  # nothing asked yet
    long = get_json(f"{API}/search/?q={'a' * 201}", 400)
    assert "at most 200 characters" in long["error"]["fields"]["q"][0]


def test_every_object_carries_its_id_and_an_absolute_html_url(get_json, mexico):
    for url in [
        f"{API}/plans/",
        f"{API}/plans/mexico-2021/tree/",
        f"{API}/plans/mexico-2021/indicators/",
        f"{API}/plans/mexico-2021/critiques/",
        f"{API}/plans/mexico-2021/agencies/",
        f"{API}/plans/mexico-2021/recommendations/",
    ]:
        body = get_json(url)
        for node in walk(body):
            if "html_url" in node:
                assert node["html_url"].startswith(f"{SITE}/en/"), (url, node)
                if "provenance" in node or "key" in node:
                    assert isinstance(node.get("id"), int), (url, node)
