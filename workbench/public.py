"""The public side of a plan's document: /<lang>/plans/<slug>/document/ shows each page's text
with the elements encoded from it highlighted (each links to its element), and offers the
original file (…/document/file). Only a document marked public, once extracted; else 404."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from documents.extraction import normalise
from documents.models import Document, DocumentPage, old_anchors
from indicators.models import Indicator
from plans.models import LineOfAction, Plan, StrategicObjective
from toolkit.http import read_only
from workbench.suggestions import paragraphs


@dataclass
class Segment:
    text: str
    element: object | None = None


@dataclass
class ShownPage:
    page: DocumentPage
    segments: list[Segment] = field(default_factory=list)
    elements: list = field(default_factory=list)
    old_anchor: str = ""  # the id old links to a repeated label went to (documents/models.py)


def public_document(slug: str) -> Document:
    plan = get_object_or_404(Plan, slug=slug)
    document = Document.objects.public().filter(plan=plan).select_related("plan").last()
    if document is None:
        raise Http404("This plan has no public document.")
    return document


def encoded_from(document: Document) -> list:
    """The plan's elements whose wording is verbatim from this document (3 queries)."""
    return [
        *StrategicObjective.objects.filter(source=document.source).select_related("pillar"),
        *LineOfAction.objects.filter(source=document.source).select_related("objective__pillar"),
        *Indicator.objects.filter(source=document.source).select_related(
            "line_of_action__objective__pillar"
        ),
    ]


def highlight(text: str, elements: list) -> list[Segment]:
    """The page's text (paragraphs, each normalised) cut where each element's wording is."""
    spans = []
    for element in elements:
        wording = normalise(element.wording_original or element.wording_en)
        start = text.find(wording) if wording else -1
        if start >= 0 and not any(s < start + len(wording) and start < e for s, e, _ in spans):
            spans.append((start, start + len(wording), element))
    segments, at = [], 0
    for start, end, element in sorted(spans, key=lambda span: span[0]):
        segments += [Segment(text[at:start]), Segment(text[start:end], element)]
        at = end
    segments.append(Segment(text[at:]))
    return [s for s in segments if s.text]


class DocumentView(TemplateView):
    template_name = "plans/document_detail.html"

    def get_context_data(self, **kwargs):
        document = public_document(self.kwargs["slug"])
        pages = list(document.pages.all())
        page_of: dict[str, int] = {}
        for page in pages:
            page_of[page.locator] = page.index
            page_of.setdefault(f"p. {page.label}", page.index)  # a locator written before
        by_page: dict[int, list] = {}
        for element in encoded_from(document):
            index = page_of.get(element.source_locator)
            if index is not None:
                by_page.setdefault(index, []).append(element)
        aliases = old_anchors(pages)
        shown = []
        for page in pages:
            elements = by_page.get(page.index, [])
            text = "\n\n".join(normalise(paragraph) for paragraph in paragraphs(page.checked_text))
            shown.append(
                ShownPage(page, highlight(text, elements), elements, aliases.get(page.index, ""))
            )
        return super().get_context_data(
            plan=document.plan, document=document, pages=shown, **kwargs
        )


@read_only
def document_file(request, slug: str, **kwargs):
    document = public_document(slug)
    suffix = {"pdf": ".pdf", "text": ".txt", "html": ".html"}[document.format]
    content_type = {
        "pdf": "application/pdf",
        "text": "text/plain; charset=utf-8",
        "html": "text/plain; charset=utf-8",  # shown as text: never run a document's own HTML
    }[document.format]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=document.format != "pdf",
        filename=f"{document.plan.slug}-document{suffix}",
        content_type=content_type,
    )
    return response
