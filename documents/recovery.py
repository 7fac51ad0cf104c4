"""Extractions whose worker died are noticed and marked failed, with the reason, for a retry.

django-tasks-db (0.13) has no lease or heartbeat of its own: a task whose worker is killed
(`kill -9`, the machine restarted, out of memory) stays RUNNING in its table for good, and so
did its document ("running, 4 of 5 pages"). The document's own fields are the lease: a running
extraction writes `heartbeat_at` at least once every few seconds while it reads pages (an OCR
page may take up to NAPWATCH_OCR_TIMEOUT), so one silent for NAPWATCH_EXTRACTION_LEASE seconds
is dead. `recover_stalled_extractions()` marks such documents failed, saying so, and their task
results failed too; the admin's "Extract again" then queues a fresh run (a new `attempt`, so
the dead one, should it wake, writes nothing).

It runs where it costs one UPDATE and is bound to be reached: when the admin lists or shows
documents, when any extraction starts, and from `manage.py recover_extractions` (for a timer).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Document

logger = logging.getLogger(__name__)


def stalled(now=None):
    """Running extractions silent for longer than the lease (every run writes `heartbeat_at`
    as it starts; a row without one predates the lease and is left alone)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.NAPWATCH_EXTRACTION_LEASE)
    return Document.objects.filter(status=Document.Status.RUNNING, heartbeat_at__lt=cutoff)


def recover_stalled_extractions(now=None) -> list[int]:
    """Marks each stalled extraction failed with the reason; returns the documents' ids."""
    found = list(stalled(now).values("pk", "pages_done", "pages_total", "heartbeat_at", "task_id"))
    for row in found:
        since = row["heartbeat_at"]
        message = _(
            "The task worker stopped during extraction (at page %(done)s of %(total)s; no sign "
            "of life since %(since)s UTC). Use “Extract again” to retry."
        ) % {
            "done": row["pages_done"],
            "total": row["pages_total"],
            "since": since.strftime("%Y-%m-%d %H:%M:%S"),
        }
        # The same condition again: a run that came back to life in between is left alone.
        changed = (
            stalled(now)
            .filter(pk=row["pk"])
            .update(status=Document.Status.FAILED, error=message, attempt=None)
        )
        if changed:
            logger.warning("Extraction of document %s stalled: %s", row["pk"], message)
            fail_task_result(row["task_id"], message)
    return [row["pk"] for row in found]


def fail_task_result(task_id: str, message: str) -> None:
    """The dead run's task result, in django-tasks-db's table, is marked failed too."""
    if not task_id:
        return
    try:
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend
        return
    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="documents.recovery.WorkerStopped",
        traceback=message,
    )
