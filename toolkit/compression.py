"""Compressed responses: brotli or gzip, as the client's Accept-Encoding asks, with Django's own
defence against BREACH on any response that carries a secret.

`CompressionMiddleware` is Django's `GZipMiddleware` taught brotli (Google's `brotli` bindings),
and nothing else changed in what makes it safe:

- A response that carries a secret for one reader (it varies by Cookie, sets a cookie, or is
  `Cache-Control: private`: the admin, the editors' desk, any page with a CSRF token) is only ever
  gzipped, with Django's "Heal the Breach" padding (`compress_string(max_random_bytes=100)`: a
  random length of random bytes in the gzip header, so the compressed length no longer tells an
  attacker whether a guess matched), on top of the per-request masking of CSRF tokens. It is never
  brotli-compressed: brotli has no such padding.
- A public response (the same for every reader: pages, the API, openapi.json, plan.yaml,
  annotations, feeds, the sitemap) gets brotli when the client prefers it or ranks it equal to gzip
  (every browser sends `gzip, deflate, br`), else gzip.

As in Django's middleware: `Vary: Accept-Encoding` on every compressible response, compressed or
not; a strong ETag becomes weak on a compressed body (RFC 9110 8.8.1), and Django's conditional
checks compare ETags weakly, so a client that sends the weak tag back still gets its 304. A 304
carries the tag in the form the client sent. Only text-like media types are compressed; files
(zips, PDFs, images) and anything already encoded (WhiteNoise's precompressed static files) pass
through untouched. Streaming responses pass through too: napwatch streams only files.

django-compression-middleware does the same negotiation but calls Django's `compress_string`
without `max_random_bytes`, so it drops Django's BREACH padding, and compresses zips and PDFs too.
"""

from __future__ import annotations

import re

import brotli
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Brotli quality 5: close to gzip's speed at a smaller size; 11 (the default) is for static files.
BROTLI_QUALITY = 5
# Django's GZipMiddleware.max_random_bytes: the "Heal the Breach" padding.
MAX_RANDOM_BYTES = 100
# Not worth a header for less (Django's GZipMiddleware uses the same floor).
MIN_LENGTH = 200
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|ld\+json|xml|yaml|x-yaml|javascript|x-bibtex|"
    r"x-research-info-systems|[\w.+-]+\+(json|xml))|image/svg\+xml)",
    re.IGNORECASE,
)
ENCODINGS = ("br", "gzip")  # in the order preferred when the client ranks them equally


def accepted(header: str) -> dict[str, float]:
    """Accept-Encoding's codings and their q-values (RFC 9110 12.5.3), lower-cased; `*` stands
    for any coding not named. A malformed q-value counts as 0 (not acceptable)."""
    found: dict[str, float] = {}
    for part in header[:500].split(","):
        name, *params = part.split(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        found[name] = max(0.0, min(quality, 1.0))
    return found


def choose_encoding(header: str, *, allow_brotli: bool = True) -> str | None:
    """The coding to send for this Accept-Encoding, or None for the identity."""
    codings = accepted(header)
    best, best_quality = None, 0.0
    for name in ENCODINGS:
        if name == "br" and not allow_brotli:
            continue
        quality = codings.get(name, codings.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = name, quality
    return best


def carries_secret(response) -> bool:
    """Whether the body may hold something secret to one reader (a CSRF token, a session's data)."""
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    cache_control = response.get("Cache-Control", "").lower()
    return bool(response.cookies) or "cookie" in vary or "private" in cache_control


def compressible(response) -> bool:
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and bool(COMPRESSIBLE.match(response.get("Content-Type", "")))
        and len(response.content) >= MIN_LENGTH
    )


def compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return compress_string(content, max_random_bytes=MAX_RANDOM_BYTES)


def weaken_etag(response) -> None:
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag


class CompressionMiddleware:
    """Compresses what it can, after every other middleware has written the body (so it stands
    near the top of MIDDLEWARE, as Django asks of GZipMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        accept_encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if response.status_code == 304:
            return self.not_modified(request, response)
        if not compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = choose_encoding(accept_encoding, allow_brotli=not carries_secret(response))
        if encoding is None:
            return response
        compressed = compress(response.content, encoding)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = encoding
        weaken_etag(response)
        return response

    @staticmethod
    def not_modified(request, response):
        """A 304 says what the 200 would have said: the Vary, and the ETag as the client holds
        it (weak when what it holds was compressed). Only a body this middleware would have
        compressed had its tag weakened: a client that accepts no coding, or a file (a PDF, a
        zip) that is never compressed, held the strong tag, whatever If-None-Match spells (RFC
        9110 compares weakly, so W/"x" matches "x" and the 304 keeps the 200's strong "x")."""
        etag = response.get("ETag", "")
        if not etag:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        held = request.META.get("HTTP_IF_NONE_MATCH", "")
        content_type = response.get("Content-Type", "")
        would_compress = choose_encoding(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        ) is not None and (not content_type or bool(COMPRESSIBLE.match(content_type)))
        if etag.startswith('"') and f"W/{etag}" in held and would_compress:
            weaken_etag(response)
        return response
