"""Citations that reference managers read: meta tags, JSON-LD, and BibTeX, RIS and CSL-JSON
downloads that parse back; critiques as W3C Web Annotations."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from critiques.models import Critique

W3C = Path(__file__).resolve().parents[2] / "opendata" / "w3c"
PLAN_PAGE = "/en/plans/mexico-2021/"
PILLAR_PAGE = "/en/plans/mexico-2021/pillars/participation/"


class HeadReader(HTMLParser):
    """The citation_* meta tags and the JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[object] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("name") or "").startswith("citation_"):
            self.meta.setdefault(attributes["name"], []).append(attributes["content"])
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json_ld = False


def head_of(client, url: str) -> HeadReader:
    response = client.get(url)
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def published_critique(plan) -> Critique:
    return Critique.objects.published().filter(plan=plan, target_indicator__isnull=False).first()


def parse_ris(text: str) -> dict[str, list[str]]:
    """A small RIS reader: `TAG  - value` lines, from TY to ER."""
    assert text.startswith("TY  - ") and text.rstrip().endswith("ER  -")
    fields: dict[str, list[str]] = {}
    for line in text.split("\r\n"):
        if not line:
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not a RIS line: {line!r}"
        fields.setdefault(match.group(1), []).append(match.group(2))
    return fields


def test_plan_pillar_and_critique_pages_carry_citation_meta_and_json_ld(mexico, client):
    critique = published_critique(mexico)
    critique_page = f"/en/plans/mexico-2021/critiques/{critique.key}/"
    for url, title_part in [
        (PLAN_PAGE, "National Action Plan to follow up UN Security Council Resolution 1325"),
        (PILLAR_PAGE, "Participation"),
        (critique_page, critique.title),
    ]:
        head = head_of(client, url)
        assert title_part in head.meta["citation_title"][0]
        assert head.meta["citation_author"] == ["napwatch editors"]
        assert head.meta["citation_public_url"] == [f"http://testserver{url}"]
        # a day; or, for a critique dated by the brief it comes from, its month
        assert re.fullmatch(r"\d{4}/\d{2}(/\d{2})?", head.meta["citation_publication_date"][0])
        (document,) = head.json_ld
        assert document["@context"] == "https://schema.org"
        assert document["url"] == f"http://testserver{url}"
        assert title_part in document["name"]
    assert head.json_ld[0]["@type"] == "Review"


def test_a_hostile_title_cannot_close_the_json_ld_block(mexico, client):
    critique = published_critique(mexico)
    critique.title_en = "</script><script>alert(1)</script> & more"
    critique.save()
    response = client.get(f"/en/plans/mexico-2021/critiques/{critique.key}/")
    page = response.content.decode()
    block = page[page.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "<script>alert" not in block and "\\u003C/script\\u003E" in block
    head = HeadReader()
    head.feed(page)
    assert head.json_ld[0]["name"] == critique.title_en


def test_bibtex_ris_and_csl_parse_back(mexico, client):
    url = f"{PILLAR_PAGE}?cite=%s&element=PART-I1"
    bibtex = client.get(url % "bibtex")
    assert bibtex.status_code == 200
    assert bibtex["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="napwatch-mexico-2021-PART-I1.bib"' in bibtex["Content-Disposition"]
    library = bibtexparser.parse_string(bibtex.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "napwatch-mexico-2021-PART-I1"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["title"].startswith("{PART-I1: “")
    assert fields["author"] == "{napwatch editors}"
    assert fields["url"] == f"http://testserver{PILLAR_PAGE}#PART-I1"
    assert re.fullmatch(r"\d{4}", fields["year"])

    ris = parse_ris(client.get(url % "ris").content.decode())
    assert ris["TY"] == ["ELEC"]
    assert ris["TI"][0].startswith("PART-I1: “")
    assert ris["AU"] == ["napwatch editors"]
    assert ris["UR"] == [f"http://testserver{PILLAR_PAGE}#PART-I1"]

    (item,) = json.loads(client.get(url % "csl").content)
    assert item["type"] == "webpage"
    assert item["title"].startswith("PART-I1: “")
    assert item["author"] == [{"literal": "napwatch editors"}]
    assert len(item["issued"]["date-parts"][0]) == 3


def test_an_inferred_element_is_cited_as_our_reconstruction(mexico, client):
    from indicators.models import Indicator

    inferred = Indicator.objects.filter(plan=mexico, confidence="inferred").first()
    if inferred is None:  # Mexico's file has inferred lines of action; fall back to one
        from plans.models import LineOfAction

        inferred = LineOfAction.objects.filter(plan=mexico, confidence="inferred").first()
    pillar = inferred.pillar.slug
    response = client.get(
        f"/en/plans/mexico-2021/pillars/{pillar}/?cite=csl&element={inferred.code}"
    )
    (item,) = json.loads(response.content)
    assert "napwatch reconstruction, not the plan’s wording" in item["title"]


@pytest.mark.parametrize(
    "url",
    [
        f"{PLAN_PAGE}?cite=word",
        f"{PLAN_PAGE}?cite=",
        f"{PILLAR_PAGE}?cite=BIBTEX",
    ],
)
def test_an_unknown_citation_format_is_a_400(mexico, client, url):
    assert client.get(url).status_code == 400


def test_unknown_elements_plans_and_unpublished_critiques_are_404(mexico, client):
    assert client.get(f"{PILLAR_PAGE}?cite=ris&element=NOPE-1").status_code == 404
    # An element of another pillar is not on this page.
    assert client.get(f"{PILLAR_PAGE}?cite=ris&element=PREV-O1").status_code == 404
    assert client.get("/en/plans/atlantis-2020/?cite=ris").status_code == 404
    draft = published_critique(mexico)
    draft.status = Critique.Status.DRAFT
    draft.save()
    assert client.get(f"/en/plans/mexico-2021/critiques/{draft.key}/").status_code == 404
    assert (
        client.get(f"/en/plans/mexico-2021/critiques/{draft.key}/annotation.jsonld").status_code
        == 404
    )


def test_every_page_offers_cite_as_links(mexico, client):
    assert "?cite=bibtex" in client.get(PLAN_PAGE).content.decode()
    pillar = client.get(PILLAR_PAGE).content.decode()
    assert "?cite=ris&amp;element=PART-I1" in pillar
    critique = published_critique(mexico)
    assert f"/en/plans/mexico-2021/critiques/{critique.key}/" in pillar


def annotation_terms_are_in_the_context(document, terms: set[str], where="") -> list[str]:
    """Keys and vocabulary values the W3C context does not define (it would drop them)."""
    problems = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key != "@context" and key not in terms:
                problems.append(f"{where}.{key}")
            if key in {"type", "motivation", "purpose"} and value not in terms:
                problems.append(f"{where}.{key}={value}")
            if key not in {"value", "exact", "@context"}:
                problems += annotation_terms_are_in_the_context(value, terms, f"{where}.{key}")
    elif isinstance(document, list):
        for index, item in enumerate(document):
            problems += annotation_terms_are_in_the_context(item, terms, f"{where}[{index}]")
    return problems


def test_a_critique_is_a_valid_web_annotation(mexico, client):
    critique = published_critique(mexico)
    url = f"/en/plans/mexico-2021/critiques/{critique.key}/annotation.jsonld"
    response = client.get(url)
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    document = json.loads(response.content)

    schema = json.loads((W3C / "annotation.schema.json").read_text())
    jsonschema.validate(
        document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    context = json.loads((W3C / "anno.jsonld").read_text())["@context"]
    assert annotation_terms_are_in_the_context(document, set(context)) == []

    assert document["id"] == f"http://testserver{url}"
    assert document["motivation"] == "assessing"
    assert document["body"][0]["value"] == critique.body
    target = critique.target_indicator
    source = document["target"]["source"]
    assert source == {
        "id": f"http://testserver{target.pillar.get_absolute_url()}",
        "type": "Text",
        "format": "text/html",
        "language": "en",
    }
    selectors = {s["type"]: s for s in document["target"]["selector"]}
    assert selectors["FragmentSelector"]["value"] == target.code
    assert selectors["TextQuoteSelector"]["exact"] == target.wording_en
    # The quoted wording is on the target's page, where a client would anchor it.
    assert target.wording_en in client.get(source["id"]).content.decode()
    assert document["created"].endswith("Z")
    assert document["creator"] == {
        "id": "http://testserver/en/data/#publisher",
        "type": "Organization",
        "name": "napwatch editors",
        "homepage": "http://testserver/",
    }
    assert document["generator"]["type"] == "Software"
    assert document["generator"]["name"] == "napwatch"
    assert document["generator"]["homepage"] == "http://testserver/"
    # The creator's id names the publisher on the data page.
    assert 'id="publisher"' in client.get("/en/data/").content.decode()


def test_the_schema_refuses_what_the_model_forbids():
    schema = json.loads((W3C / "annotation.schema.json").read_text())
    broken = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/1",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "x"},
        "target": {
            "source": "http://example.org/page",
            "selector": [{"type": "TextQuoteSelector"}],
        },
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)  # a TextQuoteSelector MUST have `exact`
    del broken["target"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_critique_pages_and_citations_take_a_bounded_number_of_queries(
    make_synthetic_plan, client, django_assert_max_num_queries
):
    for plan in (make_synthetic_plan(1, indicators=5), make_synthetic_plan(2, indicators=100)):
        critique = Critique.objects.published().filter(plan=plan).order_by("-pk").first()
        base = f"/en/plans/{plan.slug}/critiques/{critique.key}/"
        pillar = critique.target_indicator.pillar
        element = critique.target_indicator.code
        for url, bound in (
            (base, 12),
            (f"{base}?cite=bibtex", 12),
            # The annotation reads its quotation's context off the target's page, which it
            # renders if the page cache does not hold it (a page takes at most 13 queries).
            (f"{base}annotation.jsonld", 12 + 13),
            (f"/en/plans/{plan.slug}/?cite=ris", 12),
            (f"/en/plans/{plan.slug}/pillars/{pillar.slug}/?cite=csl&element={element}", 12),
        ):
            with django_assert_max_num_queries(bound):
                assert client.get(url).status_code == 200, url
