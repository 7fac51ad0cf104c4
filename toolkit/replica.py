"""Anonymous reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL), all else from the
primary.

`ReplicaReadsMiddleware` decides per request, and `PrimaryReplicaRouter` follows its decision
through a context variable (one per request, thread or task):

- to the replica: reads made while answering a GET or HEAD of a public page (/en/..., /es/...)
  or of the API (/api/...) from a reader without a session cookie (nobody logged in);
- to the primary: every write; every read of any other request (the admin, the editors' desk,
  a logged-in editor or reviewer reading a public page, so they always see their own change);
  reads inside a transaction; the task queue's, sessions' and login throttling's tables; and
  everything outside a request (the task worker, management commands).

The session cookie is looked at, never the session: reading the session would mark every page as
varying by reader, and the page cache would keep none (pagecache/pages.py).

Without DATABASE_REPLICA_URL there is no "replica" alias and every read goes to the primary.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
# Tables read where they are written: a task's status just queued, a session, a login lock-out.
PRIMARY_ONLY_APPS = frozenset({"django_tasks_database", "sessions", "axes"})
READ_METHODS = frozenset({"GET", "HEAD"})

_replica_allowed: ContextVar[bool] = ContextVar("napwatch_replica_reads", default=False)
_primary_forced: ContextVar[bool] = ContextVar("napwatch_primary_forced", default=False)


@contextmanager
def reading_from_primary():
    """Requests handled inside read from the primary whoever asks: the pages pre-rendered after
    an edit must show it, and a replica may not have it yet (prerender/tasks.py)."""
    token = _primary_forced.set(True)
    try:
        yield
    finally:
        _primary_forced.reset(token)


def public_prefixes() -> tuple[str, ...]:
    return (*(f"/{code}/" for code, _name in settings.LANGUAGES), "/api/")


def may_read_from_replica(request) -> bool:
    """An anonymous reader's GET or HEAD of a public page or of the API."""
    return (
        request.method in READ_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.path_info.startswith(public_prefixes())
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_allowed.set(may_read_from_replica(request) and not _primary_forced.get())
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _replica_allowed.get()
            and REPLICA in connections.settings
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica follows the primary's migrations by itself
