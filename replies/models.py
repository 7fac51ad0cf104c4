"""The right of reply (issue 28): a body napwatch criticises is invited to answer a plan's
published critiques and assessments, and its answers are published, reviewed for form only, on
the one editorial workflow (reviewing/).

- `Invitation`: a plan, the body invited (one of the plan's agencies, or another organisation by
  name), a contact e-mail and a deadline; its link's token is kept only as a hash, works once and
  expires.
- `Respondent`: the account the contact made from the link, for that invitation only.
- `Reply`: a reviewed judgement (ReviewedModel) answering one published critique or assessment, in
  the respondent's own language, with napwatch's optional translation labelled as napwatch's.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from critiques.markdown import render_markdown
from critiques.models import Critique
from plans.models import Agency, Plan
from reviewing.models import ReviewedModel, author_field
from scorecards.models import Assessment
from toolkit.validators import one_line_text

# How long an invitation's link works after it is sent (a reminder sends a fresh one).
LINK_DAYS = 30


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan) -> InvitationQuerySet:
        return self.filter(plan=plan)

    def with_organisation(self) -> InvitationQuerySet:
        return self.select_related("agency", "plan")

    def with_reply_counts(self) -> InvitationQuerySet:
        """Each invitation's number of published replies (one query)."""
        return self.annotate(
            published_replies=models.Count(
                "replies", filter=Q(replies__status=Reply.Status.PUBLISHED)
            )
        )

    def response_rate(self) -> dict[str, int]:
        """{"invited": invitations, "replied": those with a published reply}, one query."""
        return self.aggregate(
            invited=models.Count("pk", distinct=True),
            replied=models.Count(
                "pk", distinct=True, filter=Q(replies__status=Reply.Status.PUBLISHED)
            ),
        )

    def past_deadline(self, today=None) -> InvitationQuerySet:
        return self.filter(deadline__lt=today or timezone.localdate())

    def unanswered(self) -> InvitationQuerySet:
        """Those with no published reply to anything (a subquery: no query of its own)."""
        return self.exclude(replies__status=Reply.Status.PUBLISHED)

    def due_for_reminder(self, today=None) -> InvitationQuerySet:
        """Sent, not reminded yet, whose deadline is a week away (or less, but not past), and
        without a reply yet."""
        today = today or timezone.localdate()
        return self.filter(
            sent_at__isnull=False,
            reminded_at__isnull=True,
            deadline__gte=today,
            deadline__lte=today + timedelta(days=7),
        ).exclude(replies__isnull=False)


class Invitation(models.Model):
    """An invitation to answer a plan's published critiques and assessments."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="invitations")
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
        help_text=_("One of the plan's agencies; or leave empty and name the organisation."),
    )
    organisation = models.CharField(
        _("other organisation"),
        max_length=300,
        blank=True,
        validators=[one_line_text],
        help_text=_("The body's name, when it is not one of the plan's agencies."),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    deadline = models.DateField(_("deadline for replies"))
    created_at = models.DateTimeField(_("invited on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminded on"), null=True, blank=True, editable=False)
    # The link's token, as a SHA-256 hash only; emptied once used.
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("link used on"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["plan_id", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False) & Q(organisation=""))
                | (Q(agency__isnull=True) & ~Q(organisation="")),
                name="invitation_names_one_body",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(organisation)s, on %(plan)s") % {
            "organisation": self.organisation_name,
            "plan": self.plan.slug if self.plan_id else "?",
        }

    @property
    def organisation_name(self) -> str:
        if self.agency_id:
            return self.agency.display_name
        return self.organisation

    @property
    def invited_on(self):
        return timezone.localdate(self.sent_at or self.created_at)

    def clean(self) -> None:
        super().clean()
        if bool(self.agency_id) == bool(self.organisation.strip()):
            raise ValidationError(
                _("Choose one of the plan's agencies or name another organisation (one of them).")
            )
        if (
            self.agency_id
            and self.plan_id
            and not self.plan.plan_agencies.filter(agency_id=self.agency_id).exists()
        ):
            raise ValidationError({"agency": _("This agency has no role in the plan.")})

    def issue_token(self) -> str:
        """A new single-use link token (the old one stops working); only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_expires_at = timezone.now() + timedelta(days=LINK_DAYS)
        return token

    @classmethod
    def by_token(cls, token: str) -> Invitation | None:
        """The invitation whose link this is, if it has not been used and has not expired."""
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.with_organisation()
            .filter(
                token_hash=hash_token(token),
                token_expires_at__gt=timezone.now(),
                accepted_at__isnull=True,
            )
            .first()
        )


class Respondent(models.Model):
    """A contact who took up an invitation: they reply for its organisation, on its plan only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="respondent"
    )
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="respondents")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.invitation})"


class ReplyQuerySet(models.QuerySet):
    def published(self) -> ReplyQuerySet:
        return self.filter(status=Reply.Status.PUBLISHED)

    def for_plan(self, plan: Plan) -> ReplyQuerySet:
        return self.filter(invitation__plan=plan)

    def with_invitation(self) -> ReplyQuerySet:
        return self.select_related("invitation__agency", "invitation__plan")

    def for_cards(self) -> ReplyQuerySet:
        """What a reply's card shows: its invitation's body and its attachments (one query more,
        for all the replies read, and none when there are none)."""
        return self.with_invitation().prefetch_related("attachments")


class Reply(ReviewedModel):
    """A respondent's answer to one published critique or assessment, published as written."""

    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="replies")
    critique = models.ForeignKey(
        Critique, null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    body = models.TextField(_("reply"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    language = models.CharField(
        _("language of the reply"), max_length=8, choices=settings.LANGUAGES
    )
    translation = models.TextField(
        _("napwatch's translation"),
        blank=True,
        help_text=_("Optional. Shown labelled as napwatch's translation, beside the original."),
    )
    translation_html = models.TextField(editable=False, default="")
    translation_language = models.CharField(
        _("language of the translation"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    author = author_field("replies")

    objects = ReplyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "translation_html", "updated_at"])

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(critique__isnull=False) & Q(assessment__isnull=True))
                | (Q(critique__isnull=True) & Q(assessment__isnull=False)),
                name="reply_answers_one_judgement",
            ),
        ]
        permissions = [
            ("publish_reply", _("Can publish replies (review their form)")),
            ("withdraw_reply", _("Can withdraw published replies")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        answered = self.critique if self.critique_id else self.assessment
        return gettext("Reply from %(organisation)s to “%(answered)s”") % {
            "organisation": self.invitation.organisation_name if self.invitation_id else "?",
            "answered": getattr(answered, "title", "?"),
        }

    @property
    def answered(self):
        return self.critique if self.critique_id else self.assessment

    def get_absolute_url(self) -> str:
        """Its card beside what it answers: the critique's page, or the plan's scorecard (read
        with `ReplyQuerySet.with_invitation()`, and the critique, for no query of its own)."""
        slug = self.invitation.plan.slug
        if self.critique_id:
            url = reverse("critiques:detail", kwargs={"slug": slug, "key": self.critique.key})
        else:
            url = reverse("comparison:scorecard", kwargs={"slug": slug})
        return f"{url}#reply-{self.pk}"

    @property
    def plan_id(self) -> int | None:
        """The plan whose pages show the reply (its invitation's)."""
        return self.invitation.plan_id if self.invitation_id else None

    def clean(self) -> None:
        super().clean()
        if bool(self.critique_id) == bool(self.assessment_id):
            raise ValidationError(_("A reply answers one critique or one assessment."))
        answered = self.answered
        if self.invitation_id and answered.plan_id != self.invitation.plan_id:
            raise ValidationError(_("A reply answers only the invitation's plan's work."))
        if answered.status != answered.Status.PUBLISHED:
            raise ValidationError(_("Only published work can be answered."))
        if self.translation.strip() and not self.translation_language:
            raise ValidationError(
                {"translation_language": _("Say which language the translation is in.")}
            )

    def save(self, *args, **kwargs) -> None:
        # Sanitised exactly as critique bodies are (critiques/markdown.py), once, on save.
        self.body_html = render_markdown(self.body)
        self.translation_html = render_markdown(self.translation) if self.translation else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "body_html", "translation_html"}
        super().save(*args, **kwargs)


# At most this many files per reply; each is checked as a plan's documents are
# (documents.extraction.inspect_pdf: the same size limit, PDFs only).
MAX_ATTACHMENTS = 3
# Where attachments are stored (Django's default storage); never served from there, only by
# replies.views.attachment, which answers 404 until the reply is published.
ATTACHMENT_PREFIX = "reply-attachments"


def attachment_path(instance, filename: str) -> str:
    return f"{ATTACHMENT_PREFIX}/{secrets.token_hex(16)}.pdf"


class ReplyAttachment(models.Model):
    """A file a respondent attached to their reply (a PDF): part of the reply, never one of the
    plan's documents; public only once the reply is published."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveBigIntegerField(_("size in bytes"))
    checksum = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["reply_id", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("replies:attachment", kwargs={"pk": self.pk})


class ReturnComment(models.Model):
    """A reviewer's reason for returning a reply to its respondent (form, never substance)."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="return_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reply_id", "-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
