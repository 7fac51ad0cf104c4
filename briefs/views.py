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

from briefs import services
from briefs.content import Brief, find_plan, read_brief
from briefs.options import BriefOptions, BriefOptionsError
from pagecache.pages import page_response
from plans.models import Plan

logger = logging.getLogger(__name__)


class BriefMixin:
    """The plan (404 if unknown, read with its revision token) and the options (400 if unknown).

    The brief itself is read only when it has to be made: `self.read_brief()`.
    """

    def dispatch(self, request, *args, **kwargs):
        self.plan = find_plan(kwargs["slug"])
        try:
            self.options = BriefOptions.from_query(request.GET)
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
        return read_brief(plan=self.plan, options=self.options)


class BriefPreviewView(BriefMixin, View):
    """The HTML preview, kept in the page cache under the same key as its PDF but for the form."""

    def get(self, request, *args, **kwargs):
        return page_response(
            request,
            services.brief_key(self.plan, self.options, form="html"),
            lambda: HttpResponse(services.render_brief_html(self.read_brief(), for_pdf=False)),
        )


class BriefPdfView(BriefMixin, View):
    def get(self, request, *args, **kwargs):
        # While the plan's revision is unchanged its PDF is found with the one query that read
        # the plan; the brief itself is read only when it has to be rendered.
        key = services.brief_key(self.plan, self.options)
        found = services.cached_brief(key) if key else None
        if found is not None:
            not_modified = get_conditional_response(
                request, etag=found.etag, last_modified=found.generated_at.timestamp()
            )
            if not_modified is not None:
                return self.with_validators(not_modified, found)
        else:
            try:
                found = services.get_brief_pdf(self.read_brief(), key=key)
            except services.BriefTimeout as exc:
                logger.error("Brief %s timed out: %s", self.plan.slug, exc)
                return self.failure(request, self.plan, str(exc), status=503)
            except services.BriefRenderError as exc:
                logger.error("Brief %s failed: %s", self.plan.slug, exc)
                return self.failure(
                    request, self.plan, gettext("The PDF could not be rendered."), status=500
                )
        response = HttpResponse(found.pdf, content_type="application/pdf")
        response.headers["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=services.filename(self.plan, self.options)
        )
        response.headers["X-Brief-Cache"] = "hit" if found.from_cache else "miss"
        return self.with_validators(response, found)

    @staticmethod
    def with_validators(response, rendered: services.RenderedBrief):
        response.headers["ETag"] = rendered.etag
        response.headers["Last-Modified"] = http_date(rendered.generated_at.timestamp())
        patch_cache_control(response, no_cache=True, public=True)
        return response

    @staticmethod
    def failure(request, plan: Plan, message: str, *, status: int):
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
        if status == 503:
            response.headers["Retry-After"] = "60"
        return response
