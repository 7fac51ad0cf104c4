"""The workbench, in the admin: a document's pages beside its plan's tree.

Who may do what is the admin's own permissions: seeing the workbench needs the right to view
documents (maintainers, editors, reviewers); setting an element's wording needs the right to
change that kind of element, creating one the right to add it (maintainers).
"""

from __future__ import annotations

import time

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from critiques.tree import read_plan_tree
from documents.models import Document
from documents.services import correct_page_text
from indicators.models import Indicator
from plans.models import Confidence, LineOfAction, Pillar, StrategicObjective
from workbench.forms import CorrectionForm, DeclaredCountForm, PassageForm
from workbench.services import (
    CHILD_OF,
    ELEMENT_MODELS,
    KIND_OF,
    Passage,
    StaleElement,
    correct_declared_count,
    create_element,
    set_wording,
)
from workbench.suggestions import MIN_SHARE, MIN_SHARED, passages, suggest

PARENT_MODELS = {"pillar": Pillar, "objective": StrategicObjective, "line": LineOfAction}


def perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def document_for(request, document_id: int) -> Document:
    if not request.user.has_perm("documents.view_document"):
        raise PermissionDenied
    document = get_object_or_404(Document.objects.select_related("plan", "source"), pk=document_id)
    if not document.is_done:
        raise Http404(_("This document's text has not been extracted yet."))
    return document


def tree_choices(tree):
    """(element choices, parent choices) from the plan's tree, in reading order."""
    elements, parents = [], []
    for node in tree.elements():
        kind = "pillar" if isinstance(node, Pillar) else KIND_OF[type(node)]
        if isinstance(node, Pillar):
            label = f"{node.code} – {node.name_en}"
        else:
            label = f"{node.code} – {node.wording[:70]} ({node.confidence_short})"
        if kind != "pillar":
            elements.append((f"{kind}:{node.pk}", label))
        if kind in PARENT_MODELS:
            parents.append((f"{kind}:{node.pk}", label))
    return elements, parents


def chosen(value: str, models: dict, plan):
    kind, _sep, pk = value.partition(":")
    model = models.get(kind)
    if model is None or not pk.isdigit():
        raise Http404
    return get_object_or_404(model.objects.select_related("plan"), pk=int(pk), plan=plan)


def workbench(request, document_id: int):
    document = document_for(request, document_id)
    plan = document.plan
    pages = list(document.pages.select_related("corrected_by"))
    shown = next((p for p in pages if str(p.index) == request.GET.get("page")), pages[0])
    correction = CorrectionForm(
        request.POST if "correct" in request.POST else None,
        initial={"corrected": shown.checked_text},
    )
    if correction.is_bound:
        if not request.user.has_perm("documents.change_documentpage"):
            raise PermissionDenied
        if correction.is_valid():
            correct_page_text(
                page=shown, text=correction.cleaned_data["corrected"], user=request.user
            )
            messages.success(
                request,
                _("The text of p. %(label)s is corrected.") % {"label": shown.exact_label},
            )
            return HttpResponseRedirect(f"{request.path}?page={shown.index}")
    tree = read_plan_tree(plan)
    elements, parents = tree_choices(tree)
    declared = DeclaredCountForm(
        request.POST if "declared" in request.POST else None,
        pages=pages,
        initial={"count_page": shown.pk},
    )
    if declared.is_bound:
        if not request.user.has_perm("plans.change_plan"):
            raise PermissionDenied
        if declared.is_valid():
            page = next(p for p in pages if p.pk == declared.cleaned_data["count_page"])
            try:
                correct_declared_count(
                    plan=plan,
                    level=declared.cleaned_data["level"],
                    count=declared.cleaned_data["count"],
                    passage=Passage(document, page, declared.cleaned_data["statement"]),
                )
            except ValidationError as exc:
                problems = exc.message_dict if hasattr(exc, "error_dict") else {}
                for field, errors in (problems or {"statement": exc.messages}).items():
                    for error in errors:
                        declared.add_error(field if field in declared.fields else None, error)
            else:
                messages.success(
                    request,
                    _("The declared count is corrected, from p. %(label)s.")
                    % {"label": page.exact_label},
                )
                return HttpResponseRedirect(f"{request.path}?page={page.index}")
    form = PassageForm(
        request.POST
        if request.method == "POST" and not (declared.is_bound or correction.is_bound)
        else None,
        pages=pages,
        elements=elements,
        parents=parents,
        initial={"page": shown.pk, "action": "set", "seen": time.time()},
    )
    if request.method == "POST" and form.is_valid():
        page = next(p for p in pages if p.pk == form.cleaned_data["page"])
        passage = Passage(document, page, form.cleaned_data["passage"])
        try:
            if form.cleaned_data["action"] == "set":
                element = chosen(form.cleaned_data["element"], ELEMENT_MODELS, plan)
                if not request.user.has_perm(perm(type(element), "change")):
                    raise PermissionDenied
                set_wording(element=element, passage=passage, seen=form.cleaned_data["seen"])
                done = _("%(code)s now has the plan's own wording, from p. %(label)s.")
            else:
                parent = chosen(form.cleaned_data["parent"], PARENT_MODELS, plan)
                model = ELEMENT_MODELS[CHILD_OF[form.cleaned_data["parent"].partition(":")[0]]]
                if not request.user.has_perm(perm(model, "add")):
                    raise PermissionDenied
                element = create_element(
                    parent=parent, code=form.cleaned_data["code"], passage=passage
                )
                done = _("%(code)s created with the plan's own wording, from p. %(label)s.")
        except ValidationError as exc:
            if isinstance(exc, StaleElement):  # a second save, once read, may overwrite
                form.data = form.data.copy()
                form.data["seen"] = str(time.time())
                form.add_error(None, exc)
                exc = ValidationError([])
            problems = exc.message_dict if hasattr(exc, "error_dict") else {"passage": exc.messages}
            for field, errors in problems.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, done % {"code": element.code, "label": page.exact_label})
            return HttpResponseRedirect(f"{request.path}?page={page.index}")
    context = {
        **admin.site.each_context(request),
        "title": _("Workbench: %(plan)s") % {"plan": plan.slug},
        "document": document,
        "plan": plan,
        "pages": pages,
        "shown": shown,
        "tree": tree,
        "form": form,
        "declared": declared,
        "correction": correction,
        "may_correct": request.user.has_perm("documents.change_documentpage"),
        "corrections": list(
            document.corrections.filter(index=shown.index).select_related("corrected_by")[:10]
        ),
        "verbatim": Confidence.VERBATIM,
        "suggestions_url": reverse("workbench:suggestions", args=[document.pk]),
    }
    return TemplateResponse(request, "workbench/workbench.html", context)


def dismissed_key(document: Document) -> str:
    return f"workbench-dismissed-{document.pk}"


def suggestions(request, document_id: int):
    """For every element without verbatim wording, the best passages of the document."""
    document = document_for(request, document_id)
    plan = document.plan
    dismissed = set(request.session.get(dismissed_key(document), []))
    if request.method == "POST":
        element = chosen(request.POST.get("element", ""), ELEMENT_MODELS, plan)
        key = (
            f"{KIND_OF[type(element)]}:{element.pk}:{request.POST.get('page')}:"
            + (request.POST.get("passage", "")[:200])
        )
        if "dismiss" in request.POST:
            request.session[dismissed_key(document)] = sorted(dismissed | {key})
            messages.info(request, _("Suggestion for %(code)s dismissed.") % {"code": element.code})
            return HttpResponseRedirect(request.path)
        if not request.user.has_perm(perm(type(element), "change")):
            raise PermissionDenied
        page_id = request.POST.get("page", "")
        page = get_object_or_404(document.pages, pk=int(page_id) if page_id.isdigit() else 0)
        try:
            set_wording(element=element, passage=Passage(document, page, request.POST["passage"]))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(code)s now has the plan's own wording, from p. %(label)s.")
                % {"code": element.code, "label": page.exact_label},
            )
        return HttpResponseRedirect(request.path)
    candidates = passages(document.pages.all())
    same_language = document.language.split("-")[0] == plan.language.split("-")[0]
    rows = []
    for model in (StrategicObjective, LineOfAction, Indicator):
        for element in model.objects.for_plan(plan).exclude(confidence=Confidence.VERBATIM):
            kind = KIND_OF[model]
            wording = (element.wording_original if same_language else "") or element.wording_en
            found = [
                s
                for s in suggest(wording, candidates)
                if f"{kind}:{element.pk}:{s.page_id}:{s.text[:200]}" not in dismissed
            ]
            rows.append({"element": element, "kind": kind, "suggestions": found})
    context = {
        **admin.site.each_context(request),
        "title": _("Suggested passages: %(plan)s") % {"plan": plan.slug},
        "document": document,
        "plan": plan,
        "rows": rows,
        "workbench_url": reverse("workbench:workbench", args=[document.pk]),
        "min_share": round(100 * MIN_SHARE),
        "min_shared": MIN_SHARED,
    }
    return TemplateResponse(request, "workbench/suggestions.html", context)
