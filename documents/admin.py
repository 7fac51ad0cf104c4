"""Plans' documents in the admin: upload (checked before anything is written), extraction's
progress and outcome, and "Extract again" for a failed or outdated extraction, or one whose
task worker died (noticed when documents are listed or shown: documents/recovery.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from documents.extraction import RefusedDocument, check_size
from documents.models import Document, DocumentPage
from documents.recovery import recover_stalled_extractions
from documents.services import (
    add_document,
    delete_document,
    inspect_for_plan,
    retry_extraction,
)


class DocumentUploadForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("file"),
        help_text=_("A PDF, or a UTF-8 .txt or .html file; at most %(mb)s MB.")
        % {"mb": settings.NAPWATCH_DOCUMENT_MAX_BYTES // (1024 * 1024)},
    )

    class Meta:
        model = Document
        fields = ("plan", "language", "is_public", "licence_note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False
        self.fields["language"].help_text = _("BCP 47, e.g. es; empty: the plan's language.")
        self.inspected = None
        self.data_bytes = b""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        plan = cleaned.get("plan")
        if upload is None or plan is None:
            return cleaned
        if not cleaned.get("language"):
            cleaned["language"] = plan.language
        try:
            check_size(upload.size)  # before reading it
            self.data_bytes = upload.read()
            self.inspected = inspect_for_plan(plan, self.data_bytes, name=upload.name)
        except RefusedDocument as exc:
            self.add_error("upload", str(exc))
        return cleaned


class DocumentPageInline(admin.TabularInline):
    model = DocumentPage
    extra = 0
    fields = ("index", "label", "is_ocr", "short_text")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text[:160]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "plan", "format", "progress", "status", "is_public")
    list_filter = ("status", "format", "is_public", "plan")
    list_select_related = ("plan",)
    search_fields = ("original_name", "plan__slug", "checksum")
    actions = ["extract_again"]
    change_form_template = "admin/documents/document/change_form.html"
    readonly_fields = (
        "plan",
        "source",
        "original_name",
        "format",
        "checksum",
        "size",
        "page_count",
        "progress",
        "status",
        "error",
        "workbench_link",
        "created_at",
    )
    fields = (
        *readonly_fields[:10],
        "language",
        "is_public",
        "licence_note",
        "workbench_link",
        "created_at",
    )

    def get_urls(self):
        from django.urls import path

        status = self.admin_site.admin_view(self.status_view)
        return [
            path("<int:object_id>/status/", status, name="documents_document_status"),
            *super().get_urls(),
        ]

    def status_view(self, request, object_id: int):
        """The extraction's progress as JSON, for the change page's script to follow without
        reloading (static/js/extraction-progress.js)."""
        from django.http import Http404, JsonResponse

        if not self.has_view_permission(request):
            raise PermissionDenied
        recover_stalled_extractions()
        document = Document.objects.filter(pk=object_id).first()
        if document is None:
            raise Http404
        return JsonResponse(
            {
                "status": document.status,
                "status_label": document.get_status_display(),
                "pages_done": document.pages_done,
                "pages_total": document.pages_total,
                "progress_text": gettext("%(done)s of %(total)s pages")
                % {"done": document.pages_done, "total": document.pages_total},
                "error": document.error,
                "finished": document.status in (Document.Status.DONE, Document.Status.FAILED),
            },
            headers={"Cache-Control": "no-store"},
        )

    def changelist_view(self, request, extra_context=None):
        recover_stalled_extractions()  # a document whose worker died shows "failed", and why
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        recover_stalled_extractions()
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("plan", "upload", "language", "is_public", "licence_note")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return [DocumentPageInline] if obj is not None and obj.is_done else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        document = add_document(
            plan=form.cleaned_data["plan"],
            data=form.data_bytes,
            name=form.cleaned_data["upload"].name,
            language=form.cleaned_data.get("language") or "",
            is_public=form.cleaned_data.get("is_public", False),
            licence_note=form.cleaned_data.get("licence_note", ""),
            inspected=form.inspected,
        )
        obj.pk = document.pk
        obj.__dict__.update(Document.objects.get(pk=document.pk).__dict__)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        delete_document(obj)  # its file too, and its Source where no wording cites it

    def delete_queryset(self, request, queryset):
        for document in queryset.select_related("source"):
            delete_document(document)

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj.status == Document.Status.DONE:
            return gettext("%(total)s pages extracted") % {"total": obj.pages_total}
        return format_html(
            '<progress max="{}" value="{}"></progress> {}',
            obj.pages_total or 1,
            obj.pages_done,
            gettext("%(done)s of %(total)s pages")
            % {"done": obj.pages_done, "total": obj.pages_total},
        )

    @admin.display(description=_("workbench"))
    def workbench_link(self, obj):
        if not obj.is_done:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("workbench:workbench", args=[obj.pk]),
            gettext("Open in the workbench"),
        )

    @admin.action(description=_("Extract again"), permissions=["change"])
    def extract_again(self, request, queryset):
        documents = list(queryset)
        with transaction.atomic():
            for document in documents:
                retry_extraction(document)
        self.message_user(
            request,
            ngettext(
                "Extraction of %(count)d document queued.",
                "Extraction of %(count)d documents queued.",
                len(documents),
            )
            % {"count": len(documents)},
            messages.SUCCESS,
        )


@admin.register(DocumentPage)
class DocumentPageAdmin(admin.ModelAdmin):
    list_display = ("document", "index", "label", "is_ocr")
    list_filter = ("is_ocr", "document__plan")
    list_select_related = ("document__plan",)
    search_fields = ("text", "label")
    fields = ("document", "index", "label", "is_ocr", "text")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
