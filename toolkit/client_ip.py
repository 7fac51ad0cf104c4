"""The visitor's address, for login throttling and the brief render bound, behind the proxy.

Behind N trusted proxies, each appends the address it received the request from to
X-Forwarded-For, so the visitor's real address is the N-th entry from the right; entries left of
it may be forged by the visitor and are ignored. With no trusted proxy (TRUSTED_PROXY_COUNT=0),
the connection's own address is used.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    count = settings.NAPWATCH_TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
