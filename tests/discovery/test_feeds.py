"""Atom feeds of what is published: valid by RFC 4287's own schema, stable, linked from the
pages, and never showing a draft.

The validator is the RELAX NG grammar of RFC 4287 Appendix B (tests/discovery/atom.rnc), turned
into RELAX NG's XML syntax by rnc2rng and run by lxml; what the RFC's Schematron rules add (every
entry has an author, ids are unique) is checked here in Python. The W3C feed validator is not
packaged for PyPI and needs the network; the RFC's grammar is what it checks the structure with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import rnc2rng
from django.core.cache import caches
from django.utils import timezone
from lxml import etree

from critiques.models import Critique

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/en/feed.atom",
    "/es/feed.atom",
    "/en/plans/mexico-2021/feed.atom",
    "/es/plans/mexico-2021/feed.atom",
]

pytestmark = pytest.mark.django_db


@cache
def atom_schema() -> etree.RelaxNG:
    grammar = rnc2rng.dumps(rnc2rng.loads((Path(__file__).parent / "atom.rnc").read_text()))
    # rnc2rng declares the RFC's `local` prefix (the empty namespace) as xmlns:local="", which XML
    # namespaces forbid; the grammar names it as ns="" wherever it is used.
    return etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode()))


def feed_of(client, url: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    document = etree.fromstring(response.content)
    schema = atom_schema()
    assert schema.validate(document), (url, str(schema.error_log))
    return document


def entries(feed) -> list[dict]:
    return [
        {
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_every_feed_is_valid_atom_with_stable_unique_ids(mexico, client):
    # The schema is no rubber stamp: an entry without <updated> (RFC 4287 4.1.2) is refused.
    entry_without_updated = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>tag:x,2026:f</id>'
        b"<updated>2026-01-01T00:00:00Z</updated><entry><title>t</title><id>tag:x,2026:e</id>"
        b"</entry></feed>"
    )
    assert not atom_schema().validate(etree.fromstring(entry_without_updated))
    for url in FEEDS:
        first = feed_of(client, url)
        found = entries(first)
        assert found, url
        ids = [entry["id"] for entry in found]
        assert len(ids) == len(set(ids)), url
        assert all(entry_id.startswith("tag:") for entry_id in ids)
        # RFC 4287 4.1.1: every entry has an author, here the feed's.
        assert first.find(f"{ATOM}author/{ATOM}name").text == "napwatch editors"
        # The same entries, ids and dates when the feed is made again.
        caches["pages"].clear()
        assert entries(feed_of(client, url)) == found, url
        # An entry's dates are when it was first published, and never move.
        assert all(entry["published"] == entry["updated"] for entry in found)
    english, spanish = entries(feed_of(client, FEEDS[0])), entries(feed_of(client, FEEDS[1]))
    assert {e["id"].replace(":en/", ":es/") for e in english} == {e["id"] for e in spanish}
    assert all("/es/" in entry["link"] for entry in spanish)
    kinds = {entry["id"].split(":")[-1].split("/")[1] for entry in english}
    assert kinds == {"critique", "assessment"}  # the 50 newest: plans were loaded before


def test_pages_link_to_their_feeds(mexico, client):
    page = client.get("/en/plans/mexico-2021/pillars/participation/").content.decode()
    for url in ("/en/plans/mexico-2021/feed.atom", "/en/feed.atom"):
        assert '<link rel="alternate" type="application/atom+xml" title="' in page
        assert f'href="{url}">' in page  # the head's link
        assert f'<a href="{url}" type="application/atom+xml">' in page  # the visible one
    home = client.get("/es/").content.decode()
    assert '<a href="/es/feed.atom" type="application/atom+xml">' in home
    assert "/feed.atom" in home and "plans/mexico-2021/feed.atom" not in home


def test_drafts_and_withdrawn_critiques_never_appear(minimal_plan, client):
    url = "/en/plans/testland-2024/feed.atom"
    titles = {entry["title"] for entry in entries(feed_of(client, url))}
    draft = Critique.objects.get(plan=minimal_plan, key="draft-note")
    assert draft.status == Critique.Status.DRAFT
    assert not any(draft.title in title for title in titles)
    published = Critique.objects.get(plan=minimal_plan, key="training-only")
    assert any(published.title in title for title in titles)
    assert any(title.startswith("Plan: Testland 2024") for title in titles)

    # Published, it appears (with its first publication as its date); withdrawn, it goes.
    draft.status, draft.published_at = Critique.Status.PUBLISHED, timezone.now()
    draft.save()
    found = {e["title"]: e for e in entries(feed_of(client, url))}
    assert any(draft.title in title for title in found)
    draft.status = Critique.Status.WITHDRAWN
    draft.save()
    assert not any(draft.title in e["title"] for e in entries(feed_of(client, url)))
    site = entries(feed_of(client, "/en/feed.atom"))
    assert not any(draft.title in e["title"] for e in site)
