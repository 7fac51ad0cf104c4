"""What crawlers read: robots.txt, the sitemap, and each page's canonical link, description,
Open Graph tags and JSON-LD, over the same pages the HTML and accessibility validators walk
(tests/validators/pages.py)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation

from tests.validators.pages import public_pages

HOST = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
OPEN_GRAPH = re.compile(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
DEFINING = {"/search/": "q", "/compare/": "plans"}

pytestmark = pytest.mark.django_db


def expected_canonical(url: str) -> str:
    """The page's own address, with only the query that makes it another page: a search's q, a
    comparison's plans, the page of an unfiltered list. The brief's preview is made outside the
    request, with the site's public address."""
    parts = urlsplit(url)
    query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    defining = [name for path, name in DEFINING.items() if parts.path.endswith(path)]
    kept = [f"{name}={query[name]}" for name in defining if query.get(name)]
    if query.get("page", "1") != "1" and set(query) <= {"page", *defining}:
        kept.append(f"page={query['page']}")
    host = settings.NAPWATCH_SITE_URL.rstrip("/") if "/brief/" in url else HOST
    return host + parts.path + ("?" + "&".join(kept) if kept else "")


def sitemap_of(client) -> dict[str, dict[str, str]]:
    """Each <loc> of /sitemap.xml with its alternates {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc not in found, f"{loc} listed twice"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", url.findtext(f"{SITEMAP}lastmod") or ""), loc
        found[loc] = {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
    return found


def test_robots_txt_allows_the_site_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(
    client, db
):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *" and "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def test_the_favicon_is_served_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_sitemap_canonical_links_descriptions_and_open_graph_on_every_page(
    client, mexico, make_synthetic_plan, django_assert_max_num_queries
):
    synthetic = make_synthetic_plan(1, indicators=60)
    pages = public_pages([mexico, synthetic])
    with django_assert_max_num_queries(12):
        sitemap = sitemap_of(client)
    assert all(set(alternates) == {"en", "es", "x-default"} for alternates in sitemap.values())
    for loc, alternates in sitemap.items():
        assert loc == alternates[loc.split("/")[3]], loc  # a page is its own alternate
        assert alternates["x-default"] == loc.replace(f"/{loc.split('/')[3]}/", "/", 1)
        with translation.override(loc.split("/")[3]):
            resolve(urlsplit(loc).path)  # every address listed is one of the site's

    descriptions: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == page.status, page.url
        text = response.content.decode()
        canonicals = CANONICAL.findall(text)
        if page.status != 200:
            assert len(canonicals) <= 1, page.url
            continue
        assert canonicals == [expected_canonical(page.url).replace("&", "&amp;")], page.url
        canonical = html.unescape(canonicals[0])
        listed = HOST + canonical.split("/", 3)[3].join(["/", ""])  # as the sitemap has it
        description = DESCRIPTION.findall(text)
        assert len(description) == 1 and description[0].strip(), page.url
        descriptions[description[0]].add(
            canonical.split("?page=")[0] + str(page.url.count("page="))
        )
        graph = dict(OPEN_GRAPH.findall(text))
        assert graph["og:url"] == canonicals[0] and graph["og:description"] == description[0]
        assert graph["og:title"] and graph["og:type"] == "website"
        assert graph["og:locale"] == {"en": "en_US", "es": "es_LA"}[page.url.split("/")[1]]
        for block in JSON_LD.findall(text):
            json.loads(block)
        # Every page of a real plan, and every site page that no query makes, is in the sitemap
        # with its Spanish (or English) twin; search results, comparisons and synthetic plans
        # are not.
        is_synthetic = f"/plans/{synthetic.slug}/" in canonical
        if "?" in canonical or is_synthetic or "/search/" in canonical:
            assert listed not in sitemap, canonical
        else:
            assert listed in sitemap, canonical
            english = listed.replace("/es/", "/en/", 1)
            assert sitemap[listed]["en"] == english
            assert sitemap[listed]["es"] == english.replace("/en/", "/es/", 1)
    # No two pages share a description (pages of one list aside, which say their number).
    shared = {text: urls for text, urls in descriptions.items() if len(urls) > 1}
    assert not shared, shared


def test_plan_pages_name_their_pdf_and_the_other_pages_carry_json_ld(client, mexico):
    plan = client.get("/en/plans/mexico-2021/").content.decode()
    assert (
        '<meta name="citation_pdf_url" content="http://testserver/en/plans/mexico-2021/brief.pdf">'
        in plan
    )
    expected = {
        "/en/plans/mexico-2021/agencies/SRE/": "WebPage",
        "/en/plans/mexico-2021/indicators/": "CollectionPage",
        "/en/plans/mexico-2021/scorecard/": "WebPage",
        "/en/compare/?plans=mexico-2021,canada-2017": "WebPage",
        "/es/search/?q=mujeres": "SearchResultsPage",
    }
    for url, kind in expected.items():
        blocks = JSON_LD.findall(client.get(url).content.decode())
        assert len(blocks) == 1, url
        document = json.loads(blocks[0])
        assert document["@context"] == "https://schema.org" and document["@type"] == kind, url
        assert document["url"].startswith("http://testserver/") and document["name"], url
        assert document["inLanguage"] == url.split("/")[1]
    agency = json.loads(
        JSON_LD.findall(client.get("/en/plans/mexico-2021/agencies/SRE/").content.decode())[0]
    )
    assert (
        agency["mainEntity"]["@type"] == "GovernmentOrganization"
        and "SRE" in agency["mainEntity"]["alternateName"]
    )
    compared = json.loads(
        JSON_LD.findall(client.get("/en/compare/?plans=mexico-2021,canada-2017").content.decode())[
            0
        ]
    )
    assert [about["legislationJurisdiction"] for about in compared["about"]] == ["Mexico", "Canada"]
    search = json.loads(JSON_LD.findall(client.get("/es/search/?q=mujeres").content.decode())[0])
    assert search["mainEntity"]["numberOfItems"] > 0
    assert all(
        item["url"].startswith("http://testserver/es/")
        for item in search["mainEntity"]["itemListElement"]
    )


def test_a_hostile_query_cannot_close_the_search_pages_json_ld(client, mexico):
    text = client.get('/en/search/?q=</script><script>alert(1)</script>"').content.decode()
    blocks = JSON_LD.findall(text)
    assert len(blocks) == 1 and "<" not in blocks[0]
    assert json.loads(blocks[0])["name"].startswith("“</script><script>alert(1)</script>")
    assert "<script>alert(1)" not in text


def test_the_data_sets_json_ld_follows_the_dataset_guidance(client, mexico):
    blocks = JSON_LD.findall(client.get("/en/data/").content.decode())
    dataset = next(d for d in map(json.loads, blocks) if d["@type"] == "Dataset")
    assert "author" not in dataset
    assert dataset["creator"] == {"@type": "Organization", "name": "napwatch editors"}
    assert dataset["identifier"][0].startswith("napwatch-data-")
    assert dataset["identifier"][1]["propertyID"] == "sha256"
    assert "Women, Peace and Security" in dataset["keywords"]
    countries = {place["name"] for place in dataset["spatialCoverage"]}
    assert {"Mexico", "Canada", "Guatemala", "El Salvador"} <= countries
    assert re.fullmatch(r"\d{4}/\d{4}", dataset["temporalCoverage"])
