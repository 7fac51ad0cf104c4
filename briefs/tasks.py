"""PDF briefs rendered in the background by a task worker, so no web worker renders for long.

Django's Tasks framework runs two tasks here, with django-tasks-db's `manage.py db_worker` by
default (settings.TASKS):

- `render_brief`: a reader asked for a brief that is not in the cache. Runs first (higher
  priority). The request that queued it waits up to NAPWATCH_BRIEF_WAIT seconds for the PDF, so
  a small plan's reader (Mexico's renders in about 1.6 s) still gets it in the same request;
  after that, or when a render of that brief is already queued or running, the request answers
  at once with the "being prepared" page (202 with Retry-After), whose address is the PDF's own:
  asking again gets the PDF once it is made. See `brief_for_reader()`.
- `prerender_briefs` and `prerender_brief`: an edit the public sees was committed (pagecache
  announces `revisions_changed` after the commit; the domain knows nothing of briefs). The plan's
  default brief and the option sets readers asked for in the last week are rendered, so the
  first reader after an edit finds them made: `prerender_briefs` queues one `prerender_brief`
  task per option set and language, so a worker told to stop (SIGTERM) finishes the brief it is
  rendering and no more. Edits to one plan while its `prerender_briefs` waits in the queue are
  coalesced into that one run, which reads the plan's revision when it starts and skips every
  brief already in the cache.

What web workers and task workers know of each other's renders is kept in the `briefs` cache
beside the PDFs: a folder on the machine, or with CACHE_URL the Redis every app server and task
worker shares. A claim is taken with the cache's add(), atomic in Redis (SET NX), so two app
servers asking for the same brief at once queue one render:

    brief:<key>             the PDF (services.py)
    brief-job:<key>         a render of this brief is queued or running: {"task": id, "since": epoch}
    brief-failed:<key>      its last render failed: {"status", "message"}, kept FAILURE_MEMORY seconds
    brief-prerender:<plan>  a pre-render of this plan is queued (coalesces edits)
    brief-asked:<plan>      option sets readers asked for lately: {query string: epoch}
    brief-client:<hash>     renders one client (its address, hashed) queued in its window (incr)
    brief-client-until:<hash>  when that window ends (epoch)

Options are normalised before the key (BriefOptions: pillars sorted, each once), so the same
brief asked with its pillars in another order is the same key, the same PDF, one render; and one
client may queue at most NAPWATCH_BRIEF_RENDERS_PER_CLIENT renders per CLIENT_WINDOW seconds:
past that it is answered 429 with Retry-After, and nothing is queued (`over_client_bound`).

A render that fails or takes too long is logged and not cached; the next request gets the error
page (503 for a timeout, else 500) instead of "being prepared", and after FAILURE_MEMORY seconds
a request may queue it again. A render queued for longer than `patience()` (no task worker
running) is given up on the same way. A render running past NAPWATCH_BRIEF_TIMEOUT +
LOST_RENDER_GRACE (its worker died mid-render: no render runs longer) is queued again by the next
request, for a live worker (`render_is_lost`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from django.conf import settings
from django.http import Http404, QueryDict
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone, translation
from django.utils.translation import gettext

from briefs import services
from briefs.client_bound import CLIENT_WINDOW, count_client_render, over_client_bound
from briefs.content import find_plan, read_brief
from briefs.options import BriefOptions, BriefOptionsError
from briefs.outcomes import PREPARING_RETRY_AFTER, Failure, Preparing, cache
from plans.models import Plan

logger = logging.getLogger(__name__)

# What a request gets (briefs/outcomes.py) and the bound on one client's renders
# (briefs/client_bound.py) are named here too, as callers and tests know them.
__all__ = [
    "CLIENT_WINDOW",
    "PREPARING_RETRY_AFTER",
    "Failure",
    "Preparing",
    "brief_for_reader",
    "cache",
    "count_client_render",
    "over_client_bound",
]

# Readers' renders go before pre-renders (the database backend runs higher priorities first).
READER_PRIORITY = 10
PRERENDER_PRIORITY = -10
# Seconds a failed render is remembered: the error page's own Retry-After.
FAILURE_MEMORY = 60
# How often a waiting request looks for the PDF.
POLL_SECONDS = 0.1
# Option sets pre-rendered besides the default: those asked for in the last week, at most five.
ASKED_SECONDS = 7 * 24 * 3600
ASKED_MAX = 5
# A queued pre-render is forgotten after this long (its worker may be gone): edits queue another.
PRERENDER_MARK_SECONDS = 600


def patience() -> float:
    """Seconds after which a queued or running render is given up on: a reader's render waits at
    most for the one running before it (readers go first) and then takes its own, each stopped
    at NAPWATCH_BRIEF_TIMEOUT; half a minute more covers the worker's polling."""
    return 2 * settings.NAPWATCH_BRIEF_TIMEOUT + 30


# ---- What a request gets ------------------------------------------------------------------------


def brief_for_reader(
    *,
    plan: Plan,
    options: BriefOptions,
    key: str,
    client: str = "",
    wait: float | None = None,
) -> services.RenderedBrief | Preparing | Failure:
    """A brief that was not in the cache when the request looked: its PDF if the render this
    request queues ends within NAPWATCH_BRIEF_WAIT (or `wait`) seconds, else Preparing; the remembered
    Failure if its last render failed; Preparing at once if a render of it is already on its way.
    """
    failure = remembered_failure(key)
    if failure is not None:
        return failure
    job = cache().get(job_key(key))
    if job is not None:
        state = job_state(plan, options, key, job)
        if state is not None:
            return state
    refused = over_client_bound(client)
    if refused is not None:
        return refused
    # This request queues the render. add() is the claim: a reader who asks at the same moment
    # finds it made and is told the brief is being prepared.
    if not cache().add(job_key(key), {"task": None, "since": time.time()}, patience() + 60):
        return Preparing()
    count_client_render(client)
    try:
        result = render_brief.enqueue(
            plan_id=plan.pk,
            query=options.query_string(),
            key=key,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    except BaseException:
        cache().delete(job_key(key))
        raise
    if not result.is_finished:  # (the immediate backend has run it already)
        cache().set(job_key(key), {"task": result.id, "since": time.time()}, patience() + 60)
    return wait_for(key, seconds=settings.NAPWATCH_BRIEF_WAIT if wait is None else wait)


def wait_for(key: str, *, seconds: float) -> services.RenderedBrief | Preparing | Failure:
    """The PDF or the failure of the render of `key`, looked for until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        found = services.cached_brief(key)
        if found is not None:
            return replace(found, from_cache=False)  # made for this request
        failure = remembered_failure(key)
        if failure is not None:
            return failure
        if time.monotonic() >= deadline:
            return Preparing()
        time.sleep(POLL_SECONDS)


def job_state(plan: Plan, options: BriefOptions, key: str, job: dict) -> Preparing | Failure | None:
    """Preparing while the render of `key` is on its way; a Failure if it failed or was given up
    on; None if it ended without a PDF (the plan changed in between), so it may be queued again."""
    result = task_result(job.get("task"))
    status = result.status if result is not None else None
    if status == TaskResultStatus.RUNNING and render_is_lost(result):
        # Its worker died mid-render (killed, or its machine lost): no render runs longer than
        # NAPWATCH_BRIEF_TIMEOUT, so this one never ends. The claim goes; this request queues it
        # again for a live worker rather than waiting out patience() and a 503.
        logger.warning(
            "Brief %s: its render started %s and never ended (its worker died?); queued again",
            describe(plan, options),
            result.started_at,
        )
        cache().delete(job_key(key))
        return None
    if status == TaskResultStatus.FAILED:
        # Failed before it could say why (our own failures are remembered by the task itself).
        return give_up(
            plan, options, key, 500, "The PDF could not be rendered.", "the render task failed"
        )
    if status == TaskResultStatus.SUCCESSFUL:
        cache().delete(job_key(key))
        return None
    age = time.time() - job.get("since", 0)
    if age > patience():
        return give_up(
            plan,
            options,
            key,
            503,
            "The PDF brief is taking longer than it should to prepare.",
            f"queued or running for {age:.0f} s; is a task worker (manage.py db_worker) running?",
        )
    return Preparing()


def task_result(task_id: str | None):
    """The render task's result (status, started_at), where the backend can tell (the database
    backend can)."""
    if task_id is None or not render_brief.get_backend().supports_get_result:
        return None
    try:
        return render_brief.get_result(task_id)
    except TaskResultDoesNotExist:
        return None


# Seconds past NAPWATCH_BRIEF_TIMEOUT after which a running render is taken for lost: reading
# the plan, starting the renderer and keeping the PDF, all outside the render's own limit.
LOST_RENDER_GRACE = 30


def render_is_lost(result) -> bool:
    started = getattr(result, "started_at", None)
    if started is None:
        return False
    running = (timezone.now() - started).total_seconds()
    return running > settings.NAPWATCH_BRIEF_TIMEOUT + LOST_RENDER_GRACE


def give_up(plan, options, key, status: int, message: str, why: str) -> Failure:
    logger.error("Brief %s gave up: %s", describe(plan, options), why)
    cache().delete(job_key(key))
    return remember_failure(key, status, message)


def remember_failure(key: str, status: int, message: str) -> Failure:
    failure = Failure(status=status, message=message)
    cache().set(failed_key(key), failure, FAILURE_MEMORY)
    return failure


def remembered_failure(key: str) -> Failure | None:
    found = cache().get(failed_key(key))
    return found if isinstance(found, Failure) else None


def remember_asked(plan: Plan, options: BriefOptions) -> None:
    """Notes that a reader asked for these options (the default ones are always pre-rendered).
    Written at most once an hour per option set: a cached PDF's request reads one small entry."""
    query = options.query_string()
    if not query:
        return
    now = time.time()
    asked = cache().get(asked_key(plan.pk)) or {}
    if now - asked.get(query, 0) < 3600:
        return
    asked[query] = now
    recent = sorted(
        ((q, at) for q, at in asked.items() if now - at < ASKED_SECONDS), key=lambda qa: -qa[1]
    )
    cache().set(asked_key(plan.pk), dict(recent[:ASKED_MAX]), ASKED_SECONDS)


def recently_asked(plan_id: int) -> list[str]:
    asked = cache().get(asked_key(plan_id)) or {}
    now = time.time()
    return [q for q, at in sorted(asked.items(), key=lambda qa: -qa[1]) if now - at < ASKED_SECONDS]


# ---- The tasks ----------------------------------------------------------------------------------


@task(priority=READER_PRIORITY)
def render_brief(plan_id: int, query: str, key: str, language: str = "en") -> dict:
    """Renders the brief a reader asked for, in the reader's language, at the plan's current
    revision.

    `key` is the brief a request is waiting for; if the plan changed since, the current one is
    made instead (the reader's next request asks for that one)."""
    try:
        try:
            plan = find_plan(pk=plan_id)
            options = BriefOptions.from_query(QueryDict(query))
        except (Http404, BriefOptionsError) as exc:
            logger.warning("Brief of plan %s (%s) not rendered: %s", plan_id, query, exc)
            return {"rendered": False, "why": str(exc)}
        return render_and_keep(plan, options, language=language)
    finally:
        cache().delete(job_key(key))


@task(priority=PRERENDER_PRIORITY)
def prerender_briefs(plan_id: int) -> dict:
    """Queues one `prerender_brief` task per brief to make: the plan's default brief and the
    option sets readers asked for lately, in each language, each unless already in the cache.

    One task per option set, so that a worker told to stop (SIGTERM) stops after the brief it is
    rendering, not after every brief of the plan (86 s, past systemd's TimeoutStopSec=30)."""
    cache().delete(prerender_key(plan_id))  # an edit committed from now on queues another run
    try:
        plan = find_plan(pk=plan_id)
    except Http404:
        return {"queued": [], "skipped": []}
    queued, skipped = [], []
    for language, query in [
        (language, query)
        for language, _name in settings.LANGUAGES
        for query in ["", *recently_asked(plan_id)]
    ]:
        try:
            options = BriefOptions.from_query(QueryDict(query))
        except BriefOptionsError:
            continue
        key = services.brief_key(plan, options, language=language)
        if key is None or services.cached_brief(key) is not None:
            skipped.append(query)
            continue
        prerender_brief.enqueue(plan_id=plan_id, query=query, language=language)
        queued.append(query if language == settings.LANGUAGE_CODE else f"{language}:{query}")
    return {"queued": queued, "skipped": skipped}


@task(priority=PRERENDER_PRIORITY)
def prerender_brief(plan_id: int, query: str, language: str) -> dict:
    """Renders one option set's brief at the plan's current revision, unless it is in the cache
    already or being rendered for a reader."""
    try:
        plan = find_plan(pk=plan_id)
        options = BriefOptions.from_query(QueryDict(query))
    except (Http404, BriefOptionsError) as exc:
        return {"rendered": False, "why": str(exc)}
    key = services.brief_key(plan, options, language=language)
    if key is None or services.cached_brief(key) is not None:
        return {"rendered": False, "why": "already made"}
    if not cache().add(job_key(key), {"task": None, "since": time.time()}, patience() + 60):
        return {"rendered": False, "why": "a reader's render of it is queued or running"}
    try:
        return render_and_keep(plan, options, key=key, language=language)
    except (services.BriefRenderError, BriefOptionsError) as exc:
        return {"rendered": False, "why": str(exc)}  # logged and remembered by render_and_keep
    finally:
        cache().delete(job_key(key))


def render_and_keep(
    plan: Plan, options: BriefOptions, *, key: str | None = None, language: str | None = None
) -> dict:
    """Renders the brief, in `language` (default: the active one), into the cache unless it is
    there. A failure is logged, remembered for FAILURE_MEMORY seconds under its key (the next
    request shows the error page) and raised, so that the task's result says it failed."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    key = key or services.brief_key(plan, options, language=language)
    if key is None:
        return {"rendered": False, "why": "the plan has no revision yet"}
    try:
        with translation.override(language):
            brief = read_brief(plan=plan, options=options, language=language)
            rendered = services.get_brief_pdf(brief, key=key)
    except services.BriefTimeout as exc:
        logger.error("Brief %s timed out in the background: %s", describe(plan, options), exc)
        remember_failure(key, 503, str(exc))
        raise
    except services.BriefRenderError as exc:
        logger.error("Brief %s failed in the background: %s", describe(plan, options), exc)
        remember_failure(key, 500, gettext("The PDF could not be rendered."))
        raise
    except BriefOptionsError as exc:  # a pillar removed since the request
        logger.warning("Brief %s not rendered: %s", describe(plan, options), exc)
        remember_failure(key, 500, str(exc))
        raise
    return {
        "rendered": not rendered.from_cache,
        "key": key,
        "pages": rendered.pages,
        "seconds": round(rendered.seconds, 2),
    }


# ---- Listening for edits ------------------------------------------------------------------------


def on_revisions_changed(sender, plan_ids, **kwargs) -> None:
    """pagecache's `revisions_changed` (after the commit): queue one pre-render per plan, unless
    one is already queued (it will read the plan's revision when it runs)."""
    if not settings.NAPWATCH_BRIEF_PRERENDER:
        return
    for plan_id in sorted(plan_ids):
        if not cache().add(prerender_key(plan_id), True, PRERENDER_MARK_SECONDS):
            continue
        try:
            prerender_briefs.enqueue(plan_id=plan_id)
        except Exception:
            cache().delete(prerender_key(plan_id))
            logger.exception("Could not queue the pre-render of plan %s's briefs", plan_id)


# ---- Names ---------------------------------------------------------------------------------------


def job_key(key: str) -> str:
    return f"brief-job:{key}"


def failed_key(key: str) -> str:
    return f"brief-failed:{key}"


def prerender_key(plan_id: int) -> str:
    return f"brief-prerender:{plan_id}"


def asked_key(plan_id: int) -> str:
    return f"brief-asked:{plan_id}"


def describe(plan: Plan, options: BriefOptions) -> str:
    return services.filename(plan, options)
