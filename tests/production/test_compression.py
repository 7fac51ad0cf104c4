"""Dynamic responses are compressed as the client asks (brotli, else gzip), say so in Vary, keep
their ETags and 304s working through the page cache, and never give brotli (which has no BREACH
padding) to a response that carries a secret."""

from __future__ import annotations

import gzip

import brotli
import pytest

from toolkit.compression import choose_encoding

BROWSER = "gzip, deflate, br, zstd"
PAGE = "/en/plans/testland-2024/"
DYNAMIC = [
    PAGE,
    "/en/plans/testland-2024/indicators/",
    "/api/v1/plans/testland-2024/tree/",
    "/api/v1/openapi.json",
    "/en/plans/testland-2024/plan.yaml",
    "/en/plans/testland-2024/critiques/training-only/annotation.jsonld",
    "/en/feed.atom",
    "/sitemap.xml",
]

pytestmark = pytest.mark.django_db


def decoded(response) -> bytes:
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    assert encoding is None
    return response.content


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("url", DYNAMIC)
def test_dynamic_responses_are_compressed_as_the_client_asks(client, minimal_plan, url):
    plain = client.get(url)
    assert plain.status_code == 200, url
    assert "Content-Encoding" not in plain and "accept-encoding" in vary(plain), url
    for accept, expected in ((BROWSER, "br"), ("gzip", "gzip"), ("br;q=0.5, gzip", "gzip")):
        response = client.get(url, headers={"Accept-Encoding": accept})
        assert response["Content-Encoding"] == expected, (url, accept)
        assert "accept-encoding" in vary(response)
        assert decoded(response) == plain.content, url
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content)


def test_etags_and_304s_survive_compression_and_the_page_cache(client, minimal_plan):
    made = client.get(PAGE, headers={"Accept-Encoding": BROWSER})
    assert made["X-Page-Cache"] == "miss" and made["ETag"].startswith('W/"')
    kept = client.get(PAGE, headers={"Accept-Encoding": BROWSER})
    assert kept["X-Page-Cache"] == "hit" and kept["Content-Encoding"] == "br"
    assert kept["ETag"] == made["ETag"] and decoded(kept) == decoded(made)
    # A browser sends the weak tag back: a 304 with the same tag and Vary.
    again = client.get(PAGE, headers={"Accept-Encoding": BROWSER, "If-None-Match": made["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == made["ETag"] and "accept-encoding" in vary(again)
    # A client that took the page uncompressed holds the strong tag, and gets it back.
    plain = client.get(PAGE)
    assert plain["ETag"] == made["ETag"].removeprefix("W/")
    plain_again = client.get(PAGE, headers={"If-None-Match": plain["ETag"]})
    assert plain_again.status_code == 304 and plain_again["ETag"] == plain["ETag"]
    # The API's ETag too.
    tree = "/api/v1/plans/testland-2024/tree/"
    first = client.get(tree, headers={"Accept-Encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    assert client.get(tree, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_a_page_with_a_csrf_token_gets_only_gzip_with_djangos_breach_padding(client, db):
    login = client.get("/admin/login/", headers={"Accept-Encoding": BROWSER})
    assert login.status_code == 200 and b"csrfmiddlewaretoken" in decoded(login)
    assert login["Content-Encoding"] == "gzip"
    # Django's "Heal the Breach": a random file name in the gzip header (FLG.FNAME), of a random
    # length, so the compressed size no longer tells whether a guessed secret matched.
    assert login.content[3] & 0x08


@pytest.mark.parametrize(
    ("accept", "brotli_allowed", "expected"),
    [
        ("", True, None),
        ("identity", True, None),
        ("gzip", True, "gzip"),
        ("br", True, "br"),
        ("br", False, None),
        ("gzip, br", False, "gzip"),
        ("gzip;q=1.0, br;q=0.8", True, "gzip"),
        ("br;q=0, gzip", True, "gzip"),
        ("*", True, "br"),
        ("gzip;q=0, *;q=0.3", True, "br"),
        ("GZIP;Q=0.5", True, "gzip"),
        ("br;q=nonsense, gzip;q=0.1", True, "gzip"),
    ],
)
def test_accept_encoding_is_read_with_its_q_values(accept, brotli_allowed, expected):
    assert choose_encoding(accept, allow_brotli=brotli_allowed) == expected
