"""How many renders one client may queue: NAPWATCH_BRIEF_RENDERS_PER_CLIENT per CLIENT_WINDOW
seconds, counted per address (hashed) in the briefs' cache, so that nobody can fill the render
queue by asking for briefs with ever different options (issue 24)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.utils.translation import gettext

from briefs.outcomes import Failure, cache

# Renders one client may queue per window (NAPWATCH_BRIEF_RENDERS_PER_CLIENT per CLIENT_WINDOW s).
CLIENT_WINDOW = 600


def over_client_bound(client: str) -> Failure | None:
    """429 if this client (its address) queued NAPWATCH_BRIEF_RENDERS_PER_CLIENT renders in the
    last CLIENT_WINDOW seconds: nothing more is queued for it until the window ends. A brief in
    the cache, or one already being prepared, is never refused (no render is queued for it)."""
    if not client:
        return None
    found = cache().get_many([client_key(client), window_key(client)])
    count, until = found.get(client_key(client), 0), found.get(window_key(client), 0)
    if count < settings.NAPWATCH_BRIEF_RENDERS_PER_CLIENT:
        return None
    wait = max(1, int(until - time.time()))
    return Failure(
        status=429,
        message=gettext(
            "You have asked for %(count)s briefs that had to be made in the last few minutes: "
            "ask again in %(seconds)s seconds (briefs already made are served at once)."
        )
        % {"count": count, "seconds": wait},
        retry_after=wait,
    )


def count_client_render(client: str) -> None:
    """One more render queued by this client, in its current window (fixed, from its first).

    The window starts with add() and is counted with incr(): in a shared cache (Redis) both are
    atomic, so app servers counting the same client at once lose no count."""
    if not client:
        return
    now = time.time()
    cache().add(window_key(client), now + CLIENT_WINDOW, CLIENT_WINDOW)
    cache().add(client_key(client), 0, CLIENT_WINDOW)
    try:
        cache().incr(client_key(client))
    except ValueError:  # the window ended between add() and incr(): this render starts the next
        cache().add(client_key(client), 1, CLIENT_WINDOW)


def client_key(client: str) -> str:
    return "brief-client:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def window_key(client: str) -> str:
    return "brief-client-until:" + hashlib.sha256(client.encode()).hexdigest()[:32]
