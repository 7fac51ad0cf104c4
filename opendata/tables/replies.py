"""The right of reply's tables (issue 28): the invitations napwatch sent (never the contact's
address) and the published replies, as written, beside napwatch's labelled translations.

An invitation has no key of its own: it is `<plan>/invitation-<n>`, n counting the plan's
invitations in the order they were recorded; a reply is `<invitation>/reply-<n>`, n counting
that invitation's published replies in the order they were published."""

from __future__ import annotations

from django.conf import settings
from django.db.models import CharField, Count, F, OuterRef, Q, StringAgg, Subquery, Value, Window
from django.db.models.functions import Cast, Coalesce, RowNumber

from replies.models import Invitation, Reply, ReplyAttachment

from .columns import PLAN_FK, plan_id
from .core import Column, ForeignKey, Scope, Table

LANGUAGES = tuple(code for code, _label in settings.LANGUAGES)


def invitation_number(outer: str = "") -> Subquery:
    """How many of its plan's invitations were recorded up to it (it included)."""
    return Subquery(
        Invitation.objects.filter(plan=OuterRef(f"{outer}plan"), pk__lte=OuterRef(f"{outer}pk"))
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )


def invitations(scope: Scope):
    return (
        Invitation.objects.filter(plan__in=scope.plans)
        .annotate(
            number=invitation_number(),
            replied=Count("replies", filter=Q(replies__status=Reply.Status.PUBLISHED)),
        )
        .order_by("plan__slug", "pk")
    )


def replies(scope: Scope):
    return (
        Reply.objects.published()
        .filter(invitation__plan__in=scope.plans)
        .annotate(
            invitation_number=invitation_number("invitation__"),
            number=Window(
                RowNumber(), partition_by=[F("invitation")], order_by=[F("published_at"), F("pk")]
            ),
            answered_plan=Coalesce("critique__plan__slug", "assessment__plan__slug"),
            attachment_ids=attachment_ids(),
        )
        .order_by("invitation__plan__slug", "invitation_id", "published_at", "pk")
    )


def attachment_ids() -> Subquery:
    """The reply's attachments' ids, separated by spaces (a subquery per reply row; SQLite cannot
    order an aggregate, so `attachment_urls` puts them in order)."""
    return Subquery(
        ReplyAttachment.objects.filter(reply=OuterRef("pk"))
        .values("reply")
        .annotate(ids=StringAgg(Cast("pk", CharField()), Value(" ")))
        .values("ids")
    )


def attachment_urls(row: dict, scope: Scope) -> str:
    ids = sorted((row["attachment_ids"] or "").split(), key=int)
    return " ".join(f"{scope.site_url}/en/respond/attachments/{pk}/" for pk in ids)


def agency_id(row: dict, scope: Scope) -> str | None:
    code, acronym = row["agency__country_code"], row["agency__acronym"]
    return f"{code}/{acronym}" if acronym else None


def organisation(row: dict, scope: Scope) -> str:
    return row["organisation"] or row["agency__name_en"] or row["agency__name_original"]


def invited_on(row: dict, scope: Scope):
    return (row["sent_at"] or row["created_at"]).date()


def reply_invitation(row: dict, scope: Scope) -> str:
    return f"{row['invitation__plan__slug']}/invitation-{row['invitation_number']}"


def answered(kind: str):
    def read(row: dict, scope: Scope) -> str | None:
        if kind == "critique":
            key = row["critique__key"]
            return f"{row['answered_plan']}/{key}" if key else None
        key = row["assessment__criterion__key"]
        return (
            f"{row['answered_plan']}/{row['assessment__criterion__rubric__key']}/{key}"
            if key
            else None
        )

    return read


TABLES: tuple[Table, ...] = (
    Table(
        "invitations",
        "Invitations to reply",
        "The bodies napwatch invited to reply to a plan's published critiques and assessments "
        "(the right of reply), with the dates; the contact's address is not released.",
        (
            Column(
                "id",
                "string",
                "<plan>/invitation-<n>, n counting the plan's invitations as recorded.",
                value=lambda row, scope: f"{row['plan__slug']}/invitation-{row['number']}",
                needs=("plan__slug", "number"),
                required=True,
            ),
            plan_id(),
            Column(
                "agency_id",
                "string",
                "The plan's agency invited (agencies.id), if it is one.",
                value=agency_id,
                needs=("agency__country_code", "agency__acronym"),
            ),
            Column(
                "organisation",
                "string",
                "The body invited, by name.",
                value=organisation,
                needs=("organisation", "agency__name_en", "agency__name_original"),
                required=True,
            ),
            Column(
                "invited_on",
                "date",
                "When the invitation was sent (or recorded).",
                value=invited_on,
                needs=("sent_at", "created_at"),
                required=True,
            ),
            Column("deadline", "date", "The deadline for replies.", required=True),
            Column(
                "replied",
                "boolean",
                "Whether a reply of this body is published.",
                value=lambda row, scope: bool(row["replied"]),
                needs=("replied",),
                required=True,
            ),
        ),
        invitations,
        foreign_keys=(PLAN_FK, ForeignKey(("agency_id",), "agencies")),
    ),
    Table(
        "replies",
        "Replies",
        "The published replies of the invited bodies, exactly as written, each to one "
        "published critique or assessment; a translation is napwatch's, never the body's.",
        (
            Column(
                "id",
                "string",
                "<invitation>/reply-<n>.",
                value=lambda row, scope: f"{reply_invitation(row, scope)}/reply-{row['number']}",
                needs=("invitation__plan__slug", "invitation_number", "number"),
                required=True,
            ),
            Column(
                "invitation_id",
                "string",
                "The invitation it answers (invitations.id).",
                value=reply_invitation,
                needs=("invitation__plan__slug", "invitation_number"),
                required=True,
            ),
            Column(
                "critique_id",
                "string",
                "The critique it answers (critiques.id), if it answers one.",
                value=answered("critique"),
                needs=("answered_plan", "critique__key"),
            ),
            Column(
                "assessment_id",
                "string",
                "The assessment it answers (assessments.id), if it answers one.",
                value=answered("assessment"),
                needs=(
                    "answered_plan",
                    "assessment__criterion__rubric__key",
                    "assessment__criterion__key",
                ),
            ),
            Column(
                "language",
                "string",
                "The language it was written in.",
                enum=LANGUAGES,
                required=True,
            ),
            Column("body", "string", "The reply as written, Markdown.", required=True),
            Column(
                "translation",
                "string",
                "napwatch's translation, Markdown (not the body's words).",
            ),
            Column(
                "translation_language",
                "string",
                "The language of napwatch's translation.",
            ),
            Column(
                "attachment_urls",
                "string",
                "The files the body attached to its reply (PDFs), as download addresses "
                "separated by spaces; empty when there are none.",
                value=attachment_urls,
                needs=("attachment_ids",),
            ),
            Column("published_at", "datetime", "When it was published (UTC).", required=True),
        ),
        replies,
        foreign_keys=(
            ForeignKey(("invitation_id",), "invitations"),
            ForeignKey(("critique_id",), "critiques"),
            ForeignKey(("assessment_id",), "assessments"),
        ),
    ),
)
