"""The brief of a plan: /<language>/plans/<slug>/brief.pdf and its HTML preview
/<language>/plans/<slug>/brief/, each in the language of its URL."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext
from django.views import View

from briefs import services, tasks
from briefs.content import Brief, check_pillars, find_plan, read_brief
from briefs.options import BriefOptions, BriefOptionsError
from pagecache.pages import page_response
from plans.models import Plan
from toolkit.client_ip import client_ip

logger = logging.getLogger(__name__)


class BriefMixin:
    """The plan (404 if unknown, read with its revision token) and the options (400 if unknown).

    The brief itself is read only when it has to be made: `self.read_brief()`.
    """

    def dispatch(self, request, *args, **kwargs):
        self.plan = find_plan(kwargs["slug"])
        try:
            self.brief_options = BriefOptions.from_query(request.GET)
            return super().dispatch(request, *args, **kwargs)
        except BriefOptionsError as exc:
            return render(
                request,
                "briefs/brief_error.html",
                {
                    "title": gettext("This brief cannot be made with these options"),
                    "message": str(exc),
                    "slug": kwargs["slug"],
                },
                status=400,
            )

    def read_brief(self) -> Brief:
        return read_brief(plan=self.plan, options=self.brief_options)


class BriefPreviewView(BriefMixin, View):
    """The HTML preview, kept in the page cache under the same key as its PDF but for the form."""

    def get(self, request, *args, **kwargs):
        return page_response(
            request,
            services.brief_key(self.plan, self.brief_options, form="html"),
            lambda: HttpResponse(services.render_brief_html(self.read_brief(), for_pdf=False)),
        )


class BriefPdfView(BriefMixin, View):
    """The PDF from the cache; else rendered by the task worker (briefs/tasks.py), which this
    request waits for a few seconds before answering that the brief is being prepared."""

    def get(self, request, *args, **kwargs):
        # While the plan's revision is unchanged its PDF is found with the one query that read
        # the plan; the brief itself is read only when it has to be rendered.
        key = services.brief_key(self.plan, self.brief_options)
        tasks.remember_asked(self.plan, self.brief_options)
        found = services.cached_brief(key) if key else None
        if found is not None:
            not_modified = get_conditional_response(
                request, etag=found.etag, last_modified=found.generated_at.timestamp()
            )
            if not_modified is not None:
                return self.with_validators(not_modified, found)
        else:
            outcome = self.make_pdf(key)
            if isinstance(outcome, tasks.Preparing):
                return self.preparing(request, outcome)
            if isinstance(outcome, tasks.Failure):
                return self.failure(
                    request,
                    self.plan,
                    outcome.message,
                    status=outcome.status,
                    retry_after=outcome.retry_after,
                )
            found = outcome
        response = HttpResponse(found.pdf, content_type="application/pdf")
        response.headers["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=services.filename(self.plan, self.brief_options)
        )
        response.headers["X-Brief-Cache"] = "hit" if found.from_cache else "miss"
        return self.with_validators(response, found)

    def make_pdf(self, key: str | None):
        check_pillars(self.plan, self.brief_options)  # a 400 now, not a failed render later
        if key is not None:
            return tasks.brief_for_reader(
                plan=self.plan,
                options=self.brief_options,
                key=key,
                client=client_ip(self.request),
                wait=self.wait_seconds(),
            )
        # A plan without a revision yet (never seen by the page cache): made now, not kept.
        try:
            return services.get_brief_pdf(self.read_brief(), key=key)
        except services.BriefTimeout as exc:
            logger.error("Brief %s timed out: %s", self.plan.slug, exc)
            return tasks.Failure(status=503, message=str(exc))
        except services.BriefRenderError as exc:
            logger.error("Brief %s failed: %s", self.plan.slug, exc)
            return tasks.Failure(status=500, message=gettext("The PDF could not be rendered."))

    def wait_seconds(self) -> float | None:
        """How long this request waits for a render it queued: not at all for a browser
        opening the address (issue 23: it showed a blank tab for NAPWATCH_BRIEF_WAIT seconds;
        the "being prepared" page, shown at once, fetches the PDF when it is ready) nor for that
        page's own HEAD requests; the default wait for a script, which gets the PDF in one go."""
        navigating = "text/html" in self.request.headers.get("Accept", "")
        return 0 if navigating or self.request.method == "HEAD" else None

    @staticmethod
    def with_validators(response, rendered: services.RenderedBrief):
        response.headers["ETag"] = rendered.etag
        response.headers["Last-Modified"] = http_date(rendered.generated_at.timestamp())
        patch_cache_control(response, no_cache=True, public=True)
        return response

    def preparing(self, request, preparing: tasks.Preparing):
        """202: the PDF is being made. The page says so and when to come back; its script asks
        again every Retry-After seconds and starts the download once the PDF is ready."""
        response = render(
            request,
            "briefs/brief_preparing.html",
            {
                "plan": self.plan,
                "slug": self.plan.slug,
                "retry_after": preparing.retry_after,
                "pdf_url": request.get_full_path(),
                "preview_query": self.brief_options.query_string(),
            },
            status=202,
        )
        response.headers["Retry-After"] = str(preparing.retry_after)
        response.headers["X-Brief-Cache"] = "preparing"
        response.headers["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def failure(request, plan: Plan, message: str, *, status: int, retry_after=None):
        response = render(
            request,
            "briefs/brief_error.html",
            {
                "title": gettext("The PDF brief could not be made just now"),
                "message": message,
                "slug": plan.slug,
                "plan": plan,
                "retry": True,
            },
            status=status,
        )
        if status == 503 or retry_after:
            response.headers["Retry-After"] = str(retry_after or tasks.FAILURE_MEMORY)
        response.headers["Cache-Control"] = "no-store"
        return response
