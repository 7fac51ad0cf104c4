"""What a reader's request for a brief gets when the PDF is not in the cache yet, and the cache
the briefs, their render claims and the per-client counters live in (briefs/tasks.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches

from briefs import services

# Seconds the "being prepared" page asks a browser to wait before asking again.
PREPARING_RETRY_AFTER = 3


def cache():
    return caches[services.CACHE_ALIAS]


@dataclass(frozen=True)
class Preparing:
    """The brief is being rendered in the background: come back in `retry_after` seconds."""

    retry_after: int = PREPARING_RETRY_AFTER


@dataclass(frozen=True)
class Failure:
    """The last render of the brief failed; `message` is for the reader, `status` 503 or 500
    (or 429: this client queued too many renders lately; `retry_after` says when to come back)."""

    status: int
    message: str
    retry_after: int | None = None
