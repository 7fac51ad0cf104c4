"""Reading and replacing plans' revision tokens.

`plans_changed()` is called by the receivers in `signals.py` (model signals, and the domain's
`plans.signals.plan_data_changed` that bulk writers such as the plan loader send) inside the
transaction that changes a plan, so the new token and the new data become visible together: a
reader who sees the new token also sees the new data.

Once that transaction has committed, `revisions_changed` announces which plans have a new token,
for whatever keeps work made from them (the brief's pre-renderer listens; see briefs/apps.py).
Announced after the commit, never before: a listener that reads the plan then sees the new data.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable
from functools import partial

from django.db import connections, router, transaction
from django.dispatch import Signal
from django.utils import timezone

from pagecache.models import PlanRevision
from plans.models import Plan

# Sent with plan_ids=frozenset({...}) after the commit that gave those plans new tokens.
revisions_changed = Signal()


def plans_changed(plan_ids: Iterable[int | None], *, create_missing: bool = True) -> None:
    """Gives each of these plans a new revision token.

    `create_missing=False` only replaces existing tokens: used while rows are being deleted, when
    the plan itself may be on its way out in the same transaction.
    """
    ids = {pk for pk in plan_ids if pk is not None}
    if not ids:
        return
    token, now = uuid.uuid4().hex, timezone.now()
    updated = PlanRevision.objects.filter(plan_id__in=ids).update(token=token, changed_at=now)
    if create_missing and updated < len(ids):
        missing = Plan.objects.filter(pk__in=ids, revision__isnull=True).values_list(
            "pk", flat=True
        )
        PlanRevision.objects.bulk_create(
            [PlanRevision(plan_id=pk, token=token, changed_at=now) for pk in missing],
            ignore_conflicts=True,
        )
    announce_after_commit(ids)


def all_plans_changed() -> None:
    """For a change that may show on any plan's pages: a source or an agency."""
    PlanRevision.objects.update(token=uuid.uuid4().hex, changed_at=timezone.now())
    announce_after_commit(PlanRevision.objects.values_list("plan_id", flat=True))


_announced = threading.local()


def announce_after_commit(plan_ids: Iterable[int]) -> None:
    """Sends `revisions_changed` for these plans once the current transaction commits (at once
    outside a transaction); nothing if it rolls back.

    One edit replaces a plan's token many times in one transaction (a plan file saves hundreds of
    rows), so each call's callback announces only the plans no earlier callback of the same commit
    announced: each plan once per commit. A new call starts a new record, since by then every
    callback of the commit before it has run.
    """
    ids = frozenset(plan_ids)
    if ids:
        _announced.ids = set()
        transaction.on_commit(partial(_announce, ids), robust=True)


def _announce(ids: frozenset[int]) -> None:
    done = _announced.__dict__.setdefault("ids", set())
    new = ids - done
    if new:
        done |= new
        revisions_changed.send(sender=PlanRevision, plan_ids=frozenset(new))


def plan_token(slug: str) -> str | None:
    """The revision token of the plan with this slug, or None (no such plan, or no token yet).

    Asked before every cached page, so in plain SQL: building the same query with the ORM costs
    more than running it.
    """
    with reading_connection().cursor() as cursor:
        cursor.execute(PLAN_TOKEN_SQL, [slug])
        found = cursor.fetchone()
    return f"{found[0]}:{found[1]}" if found else None


PLAN_TOKEN_SQL = (
    "SELECT r.plan_id, r.token FROM pagecache_planrevision r "
    "JOIN plans_plan p ON p.id = r.plan_id WHERE p.slug = %s"
)


def reading_connection():
    """The database the page's own reads go to (the replica for anonymous readers, if there is
    one: toolkit/replica.py), so a token and the data it stands for are read from the same one."""
    return connections[router.db_for_read(PlanRevision)]


def plan_tokens(slugs: list[str]) -> dict[str, str]:
    """{slug: token} of the plans with these slugs that have a token (one query), for pages that
    show several plans (the compare page)."""
    if not slugs:
        return {}
    rows = PlanRevision.objects.filter(plan__slug__in=slugs).values_list(
        "plan__slug", "plan_id", "token"
    )
    return {slug: f"{plan_id}:{token}" for slug, plan_id, token in rows}


def revision_token(plan: Plan) -> str | None:
    """The token of a plan read with `select_related("revision")`, as `plan_token()` gives it."""
    try:
        return f"{plan.pk}:{plan.revision.token}"
    except PlanRevision.DoesNotExist:
        return None


def site_token() -> str:
    """One token for pages that show every plan (the plan list, search): a hash of all tokens."""
    with reading_connection().cursor() as cursor:
        cursor.execute(SITE_TOKENS_SQL)
        rows = cursor.fetchall()
    digest = hashlib.sha256()
    for plan_id, token in rows:
        digest.update(f"{plan_id}:{token};".encode())
    return digest.hexdigest()


SITE_TOKENS_SQL = "SELECT plan_id, token FROM pagecache_planrevision ORDER BY plan_id"
