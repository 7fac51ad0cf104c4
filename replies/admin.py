"""The right of reply in the admin: maintainers invite (Invitation), reviewers publish or return
replies on the one workflow (reviewing.admin), never editing what a respondent wrote; napwatch's
translation is the only text they add."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from plans.admin import GuardedHistoryAdmin
from replies import services
from replies.models import Invitation, Reply, ReplyAttachment, ReturnComment
from reviewing.admin import ReviewedAdminMixin, status_badge, step_actions


@admin.register(Invitation)
class InvitationAdmin(GuardedHistoryAdmin):
    list_display = (
        "organisation_column",
        "plan",
        "contact_email",
        "created_at",
        "sent_at",
        "deadline",
        "reminded_at",
        "accepted_at",
        "replies_column",
    )
    list_filter = ("plan",)
    list_select_related = ("plan", "agency")
    search_fields = ("organisation", "agency__acronym", "agency__name_original", "contact_email")
    # Plain selects: few plans, and the agency must be one of the plan's (checked on save)
    fields = ("plan", "agency", "organisation", "contact_email", "deadline")
    readonly_fields = ()

    def get_queryset(self, request):
        return super().get_queryset(request).with_reply_counts()

    def get_readonly_fields(self, request, obj=None):
        # Who was invited, and to what, is the record: only the deadline moves.
        return ("plan", "agency", "organisation", "contact_email") if obj else ()

    @admin.display(description=_("organisation"))
    def organisation_column(self, obj: Invitation):
        return obj.organisation_name

    @admin.display(description=_("published replies"), ordering="published_replies")
    def replies_column(self, obj: Invitation):
        return obj.published_replies

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            obj.save()
        else:
            services.invite(invitation=obj, user=request.user)


class ReturnCommentInline(admin.TabularInline):
    model = ReturnComment
    extra = 0
    fields = ("created_at", "author", "text")
    readonly_fields = fields
    can_delete = False
    verbose_name = _("reviewer's comment to the respondent")
    verbose_name_plural = _("reviewers' comments to the respondent")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    """The respondent's files, for the reviewer to open (replies.views.attachment lets staff who
    may view replies download a draft's files); written only by the respondent's form."""

    model = ReplyAttachment
    extra = 0
    fields = ("download", "size", "checksum", "created_at")
    readonly_fields = fields
    can_delete = False
    verbose_name = _("attachment")
    verbose_name_plural = _("attachments (PDF)")

    @admin.display(description=_("file name"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)

    def has_view_permission(self, request, obj=None):
        # Part of the reply: whoever may view replies sees its files (no permission of its own).
        return request.user.has_perm("replies.view_reply")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


STEP_ACTIONS = step_actions(
    {
        "publish": _("Publish selected replies"),
        "withdraw": _("Withdraw selected replies"),
        "return_to_draft": _("Return selected replies to their respondents"),
    }
)


@admin.register(Reply)
class ReplyAdmin(ReviewedAdminMixin, GuardedHistoryAdmin):
    reviewed_kind = services.REPLIES
    list_display = (
        "title_column",
        "organisation_column",
        "language",
        "status_column",
        "created_at",
    )
    list_filter = ("status", "invitation__plan", "language")
    list_select_related = (
        "invitation__agency",
        "invitation__plan",
        "critique",
        "assessment__plan",
        "assessment__criterion",
    )
    search_fields = ("body", "invitation__organisation", "invitation__agency__acronym")
    # What the respondent wrote is never edited here: reviewers check form only.
    readonly_fields = (
        "status_column",
        "invitation",
        "answers",
        "language",
        "body_shown",
        "author",
        "published_at",
        "published_by",
        "version",
    )
    fieldsets = (
        (None, {"fields": ("invitation", "answers", "language", "body_shown")}),
        (
            _("napwatch's translation (optional, labelled as ours)"),
            {"fields": ("translation", "translation_language")},
        ),
        (
            _("Workflow"),
            {"fields": ("status_column", "author", "published_at", "published_by", "version")},
        ),
    )
    inlines = [AttachmentInline, ReturnCommentInline]
    actions = STEP_ACTIONS
    history_list_display = ["status", "version"]
    change_form_template = "admin/replies/reply/change_form.html"

    def has_add_permission(self, request):
        return False  # replies come from respondents (their own screens), never from the admin

    @admin.display(description=_("reply"))
    def title_column(self, obj: Reply):
        return obj.title

    @admin.display(description=_("organisation"))
    def organisation_column(self, obj: Reply):
        return obj.invitation.organisation_name

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, obj: Reply):
        return status_badge(obj)

    @admin.display(description=_("answers"))
    def answers(self, obj: Reply):
        return obj.answered.title

    @admin.display(description=_("reply as written (Markdown)"))
    def body_shown(self, obj: Reply):
        return format_html('<pre class="nw-reply-body">{}</pre>', obj.body)
