"""The open-data views: `/<lang>/data/` (the current data release) and its zip; `?cite=` on the
plan and pillar pages (the `cite_as` wrapper, applied in napwatch/urls.py); a critique's own
page and its W3C Web Annotation."""

from __future__ import annotations

import json
from datetime import date
from functools import wraps

from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from critiques.models import Critique
from opendata import citations
from opendata.annotations import CONTENT_TYPE as ANNOTATION_CONTENT_TYPE
from opendata.annotations import annotation, reply_annotation
from opendata.citations import FORMATS
from opendata.history import history_marker
from opendata.models import DataRelease
from opendata.package import LICENSE, LICENSE_NOTE, TITLE
from opendata.release import current_release
from opendata.tables import TABLES
from pagecache.keys import cache_key
from pagecache.pages import page_response
from pagecache.revisions import site_token
from plans.models import LineOfAction, Pillar, Plan, StrategicObjective, reader_language
from replies.models import Reply


class DataView(TemplateView):
    template_name = "opendata/data.html"

    def get_context_data(self, **kwargs):
        facts, _path = current_release()
        rows = {table.name: table.rows for table in facts.tables}
        download = reverse("opendata:download", kwargs={"file_name": facts.file_name})
        citable = citations.for_release(
            facts,
            self.request.build_absolute_uri(self.request.path),
            self.request.build_absolute_uri(download),
        )
        return super().get_context_data(
            release=facts,
            # Shown in the reader's date format, as on every other page (issue 23).
            release_date=date.fromisoformat(facts.date),
            citable=citable,
            title=TITLE,
            license=LICENSE,
            license_note=LICENSE_NOTE,
            tables=[(table, rows.get(table.name, 0)) for table in TABLES],
            release_changes=[
                change
                for change in facts.changes
                if change.added or change.changed or change.removed
            ],
            releases=DataRelease.objects.newest_first(),
            **kwargs,
        )


def release_page(view):
    """The data page through the page cache, kept under every plan's token (as `cached_page`'s
    SITE scope) and the newest recorded release, so recording one shows at once."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = cache_key(
            site_token(),
            history_marker(),
            request.build_absolute_uri(),
            reader_language(),
        )
        return page_response(request, key, lambda: view(request, *args, **kwargs))

    return wrapper


class DataDownloadView(View):
    """A release's zip at its own address, /data/<file name>: the current data's (built on
    demand), or a recorded release's (kept in storage; opendata/history.py). Any other name
    answers 404."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, file_name: str):
        facts, path = current_release()
        if file_name == facts.file_name:
            sha256, opened = facts.sha256, lambda: path.open("rb")
        else:
            recorded = DataRelease.objects.filter(file_name=file_name).first()
            if recorded is None:
                raise Http404("no such release")
            sha256, opened = recorded.sha256, lambda: recorded.file.open("rb")
        etag = f'"{sha256}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = FileResponse(opened(), as_attachment=True, filename=file_name)
            response["Content-Type"] = "application/zip"
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        return response


# -- citations -----------------------------------------------------------------------------------


def cite_as(view, *, kind: str):
    """Wraps a public page's view: `?cite=bibtex|ris|csl` answers the page's citation (or, on a
    pillar page with `&element=CODE`, that element's) as a download; any other `cite` value is a
    400. Without `cite` the page itself is shown. Inside `cached_page`, so kept like the page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        wanted = request.GET.get("cite")
        if wanted is None:
            return view(request, *args, **kwargs)
        if wanted not in FORMATS:
            raise BadRequest(f"cite must be one of {', '.join(FORMATS)}")
        citable = citable_for(request, kind, **kwargs)
        return citation_response(citable, wanted)

    return wrapper


def citable_for(request, kind: str, **kwargs):
    plan = get_object_or_404(Plan.objects.select_related("revision"), slug=kwargs["slug"])
    page = request.build_absolute_uri(request.path)
    if kind == "plan":
        return citations.for_plan(plan, page)
    if kind == "pillar":
        pillar = get_object_or_404(Pillar, plan=plan, slug=kwargs["pillar"])
        pillar.plan = plan
        code = request.GET.get("element")
        if code is None:
            return citations.for_pillar(pillar, page)
        element = citations.find_element(plan, code)
        if element is None or element_pillar_id(element) != pillar.pk:
            raise Http404("no such element on this pillar")
        return citations.for_element(element, plan, f"{page}#{element.code}")
    raise ValueError(kind)


def element_pillar_id(element) -> int:
    if isinstance(element, StrategicObjective):
        return element.pillar_id
    if isinstance(element, LineOfAction):
        return element.objective.pillar_id
    return element.line_of_action.objective.pillar_id


def citation_response(citable, wanted: str) -> HttpResponse:
    content_type, extension = FORMATS[wanted]
    response = HttpResponse(citable.formatted(wanted).encode(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citable.key}.{extension}"'
    return response


# -- a critique's own page, and the critique as a W3C Web Annotation -----------------------------


def published_critique(slug: str, key: str) -> Critique:
    return get_object_or_404(
        Critique.objects.published()
        .with_details()
        .with_target_links()
        .select_related("plan__revision"),
        plan__slug=slug,
        key=key,
    )


class CritiqueDetailView(TemplateView):
    """One published critique, beside a link to what it criticises; `?cite=` downloads it."""

    template_name = "opendata/critique_detail.html"

    def get(self, request, *args, **kwargs):
        wanted = request.GET.get("cite")
        if wanted is not None and wanted not in FORMATS:
            raise BadRequest(f"cite must be one of {', '.join(FORMATS)}")
        critique = published_critique(kwargs["slug"], kwargs["key"])
        citable = citations.for_critique(
            critique,
            request.build_absolute_uri(request.path),
            request.build_absolute_uri(critique.target_url()),
        )
        if wanted is not None:
            return citation_response(citable, wanted)
        context = self.get_context_data(
            critique=critique, plan=critique.plan, citable=citable, **kwargs
        )
        return self.render_to_response(context)


class ReplyAnnotationView(View):
    """A published reply to a published critique, as a W3C Web Annotation (issue 28)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, slug: str, key: str, pk: int):
        reply = get_object_or_404(
            Reply.objects.published()
            .with_invitation()
            .select_related("critique__plan")
            .filter(critique__status=Critique.Status.PUBLISHED),
            critique__plan__slug=slug,
            critique__key=key,
            pk=pk,
        )
        return HttpResponse(
            json.dumps(reply_annotation(reply, request), ensure_ascii=False, indent=2).encode(),
            content_type=ANNOTATION_CONTENT_TYPE,
        )


class CritiqueAnnotationView(View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, slug: str, key: str):
        critique = published_critique(slug, key)
        document = annotation(critique, request)
        return HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2).encode(),
            content_type=ANNOTATION_CONTENT_TYPE,
        )
