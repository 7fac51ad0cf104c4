"""The brief of a plan: /plans/<slug>/brief.pdf and its HTML preview /plans/<slug>/brief/."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.views import View

from briefs import services
from briefs.content import Brief, read_brief
from briefs.options import BriefOptions, BriefOptionsError

logger = logging.getLogger(__name__)


class BriefMixin:
    """Reads the options from the query string (400 if unknown) and the brief (404 if no plan)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            options = BriefOptions.from_query(request.GET)
            self.brief = read_brief(plan_slug=kwargs["slug"], options=options)
        except BriefOptionsError as exc:
            return render(
                request,
                "briefs/brief_error.html",
                {
                    "title": "This brief cannot be made with these options",
                    "message": str(exc),
                    "slug": kwargs["slug"],
                },
                status=400,
            )
        return super().dispatch(request, *args, **kwargs)


class BriefPreviewView(BriefMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(services.render_brief_html(self.brief, for_pdf=False))


class BriefPdfView(BriefMixin, View):
    def get(self, request, *args, **kwargs):
        brief: Brief = self.brief
        found = services.cached_brief(brief.fingerprint)
        if found is not None:
            not_modified = get_conditional_response(
                request, etag=found.etag, last_modified=found.generated_at.timestamp()
            )
            if not_modified is not None:
                return self.with_validators(not_modified, found)
        else:
            try:
                found = services.get_brief_pdf(brief)
            except services.BriefTimeout as exc:
                logger.error("Brief %s timed out: %s", brief.plan.slug, exc)
                return self.failure(request, brief, str(exc), status=503)
            except services.BriefRenderError as exc:
                logger.error("Brief %s failed: %s", brief.plan.slug, exc)
                return self.failure(request, brief, "The PDF could not be rendered.", status=500)
        response = HttpResponse(found.pdf, content_type="application/pdf")
        response.headers["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=services.filename(brief)
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
    def failure(request, brief: Brief, message: str, *, status: int):
        response = render(
            request,
            "briefs/brief_error.html",
            {
                "title": "The PDF brief could not be made just now",
                "message": message,
                "slug": brief.plan.slug,
                "plan": brief.plan,
                "retry": True,
            },
            status=status,
        )
        if status == 503:
            response.headers["Retry-After"] = "60"
        return response
