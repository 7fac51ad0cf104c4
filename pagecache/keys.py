"""The one key scheme for everything kept in a cache: pages, the brief's HTML preview and its PDF.

    cache_key(token, *parts) = sha256(code_fingerprint(), token, *parts)

- `token` is the revision token of the plan (or plans) shown (pagecache/revisions.py). It changes
  only when something the public sees changes, in the same transaction as the change.
- `code_fingerprint()` stands for the deployed code: Python, templates, static files (the brief's
  stylesheets and fonts among them), the compiled translations, WeasyPrint's version and the site
  address printed in PDFs.
- `parts` are the request's options: a page's absolute URL, or the brief's canonical options.

The key fully determines the response, so it is also its ETag.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings

CODE_PATTERNS = (
    "templates/**/*.html",
    "*/*.py",
    "*/*/*.py",
    "*/*/*/*.py",
    "static/**/*",
    "locale/*/LC_MESSAGES/*.mo",
)


def cache_key(token: str, *parts: str) -> str:
    digest = hashlib.sha256()
    for part in (code_fingerprint(), token, *parts):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def code_fingerprint() -> str:
    """A hash of the deployed code. Computed once per process in production; with DEBUG on,
    files are looked at again on every call, so a template being edited shows at once."""
    if settings.DEBUG:
        return _fingerprint(tuple(_stamps()))
    return _deployed_fingerprint()


@cache
def _deployed_fingerprint() -> str:
    return _fingerprint(tuple(_stamps()))


def _stamps() -> list[tuple[str, int, int]]:
    base = Path(settings.BASE_DIR)
    files = sorted(
        path
        for pattern in CODE_PATTERNS
        for path in base.glob(pattern)
        if path.is_file() and not {".venv", "tests", "bench", "tools"} & set(path.parts)
    )
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    if manifest.is_file():
        files.append(manifest)
    return [(str(path), (stat := path.stat()).st_mtime_ns, stat.st_size) for path in files]


@lru_cache(maxsize=8)
def _fingerprint(stamps: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256(repr((version("weasyprint"), settings.NAPWATCH_SITE_URL)).encode())
    base = Path(settings.BASE_DIR)
    for name, _mtime, _size in stamps:
        path = Path(name)
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
