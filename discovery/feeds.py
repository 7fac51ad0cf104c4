"""Atom feeds of what napwatch publishes: site-wide (`/<lang>/feed.atom`) and per plan
(`/<lang>/plans/<slug>/feed.atom`), in each language of the site (Django's syndication framework,
`Atom1Feed`).

An entry is a published critique, a published assessment, a published reply to a critique (the
right of reply) or a (real) plan. Drafts, critiques in
review and withdrawn ones never appear: each is read through its model's `published()`.

An entry's id is a tag URI (RFC 4151) made of the site's host (NAPWATCH_SITE_URL), a fixed date and
what the entry is: `tag:napwatch.example,2026:en/critique/mexico-2021/c-001`. It does not change
between loads, when the entry is edited, or when the site is reached under another address. Its
`<published>` and `<updated>` are the first-publication date (discovery/publication.py): an edit
or a re-publication never moves an entry back to the top of a reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from critiques.models import Critique
from discovery import publication
from plans.models import Plan
from replies.models import Reply
from scorecards.models import Assessment

ENTRIES = 50  # the newest, site-wide or in one plan
AUTHOR = "napwatch editors"
TAG_DATE = "2026"  # the tag URI's date: when the authority was first used for these ids


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    summary: str  # HTML
    published: datetime.datetime
    category: str


def tag(*parts: str) -> str:
    host = urlsplit(settings.NAPWATCH_SITE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:" + "/".join(parts)


def plan_name(plan: Plan) -> str:
    return f"{plan.country_name} {plan.year or ''}".strip()


def critique_entries(plans) -> list[Entry]:
    critiques = (
        Critique.objects.published()
        .filter(plan__in=plans)
        .select_related("plan")
        .order_by(f"-{publication.CRITIQUE_FIELD}", "key")[:ENTRIES]
    )
    language = get_language()
    return [
        Entry(
            id=tag(language, "critique", critique.plan.slug, critique.key),
            title=gettext("Critique: %(title)s (%(plan)s)")
            % {"title": critique.title, "plan": plan_name(critique.plan)},
            link=reverse(
                "critiques:detail", kwargs={"slug": critique.plan.slug, "key": critique.key}
            ),
            summary=critique.body_html,
            published=publication.critique_date(critique),
            category=gettext("Critique"),
        )
        for critique in critiques
        if publication.critique_date(critique)
    ]


def assessment_entries(plans) -> list[Entry]:
    assessments = (
        Assessment.objects.published()
        .filter(plan__in=plans)
        .select_related("plan", "criterion")
        .order_by(f"-{publication.ASSESSMENT_FIELD}", "pk")[:ENTRIES]
    )
    language = get_language()
    return [
        Entry(
            id=tag(language, "assessment", item.plan.slug, item.criterion.key),
            title=gettext("Assessment: %(question)s – %(answer)s (%(plan)s)")
            % {
                "question": item.criterion.question,
                "answer": item.get_level_display(),
                "plan": plan_name(item.plan),
            },
            link=reverse("comparison:scorecard", kwargs={"slug": item.plan.slug})
            + f"#{item.anchor}",
            summary=item.rationale_html,
            published=publication.assessment_date(item),
            category=gettext("Assessment"),
        )
        for item in assessments
        if publication.assessment_date(item)
    ]


def reply_entries(plans) -> list[Entry]:
    """Published replies to published critiques (the right of reply, issue 28)."""
    replies = (
        Reply.objects.published()
        .filter(critique__plan__in=plans, critique__status=Critique.Status.PUBLISHED)
        .with_invitation()
        .select_related("critique__plan")
        .order_by("-published_at", "pk")[:ENTRIES]
    )
    language = get_language()
    return [
        Entry(
            id=tag(language, "reply", reply.critique.plan.slug, reply.critique.key, str(reply.pk)),
            title=gettext("Response from %(organisation)s to: %(title)s (%(plan)s)")
            % {
                "organisation": reply.invitation.organisation_name,
                "title": reply.critique.title,
                "plan": plan_name(reply.critique.plan),
            },
            link=reverse(
                "critiques:detail",
                kwargs={"slug": reply.critique.plan.slug, "key": reply.critique.key},
            )
            + f"#reply-{reply.pk}",
            summary=reply.body_html,
            published=reply.published_at,
            category=gettext("Response"),
        )
        for reply in replies
    ]


def plan_entries(plans) -> list[Entry]:
    language = get_language()
    # Newest first by the date publication.plan_date() decides, which is not one column; the
    # plans are few (one per country and generation).
    dated = sorted(
        ((publication.plan_date(plan), plan) for plan in plans.order_by("slug")),
        key=lambda pair: pair[0] or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        reverse=True,
    )
    return [
        Entry(
            id=tag(language, "plan", plan.slug),
            title=gettext("Plan: %(plan)s – %(title)s")
            % {"plan": plan_name(plan), "title": plan.display_title},
            link=plan.get_absolute_url(),
            summary=escape(plan.summary),
            published=published,
            category=gettext("Plan"),
        )
        for published, plan in dated[:ENTRIES]
        if published
    ]


def newest_entries(plans) -> list[Entry]:
    entries = (
        critique_entries(plans)
        + assessment_entries(plans)
        + reply_entries(plans)
        + plan_entries(plans)
    )
    entries.sort(key=lambda entry: (entry.published, entry.id), reverse=True)
    return entries[:ENTRIES]


class PublishedFeed(Feed):
    """What is published on the whole site, newest first."""

    feed_type = Atom1Feed
    author_name = AUTHOR

    def plans(self, obj):
        return Plan.objects.filter(is_synthetic=False)

    def title(self, obj):
        return gettext("napwatch: new critiques, assessments and plans")

    def subtitle(self, obj):
        return gettext(
            "Critiques and assessments of Women, Peace and Security National Action Plans, "
            "as napwatch's editors publish them."
        )

    def link(self, obj):
        return reverse("plans:list")

    def feed_url(self, obj):
        return reverse("discovery:feed")

    def feed_guid(self, obj):
        return tag(get_language(), "feed")

    def items(self, obj):
        return newest_entries(self.plans(obj))

    def item_title(self, item: Entry):
        return item.title

    def item_link(self, item: Entry):
        return item.link

    def item_description(self, item: Entry):
        return item.summary

    def item_guid(self, item: Entry):
        return item.id

    def item_pubdate(self, item: Entry):
        return item.published

    def item_updateddate(self, item: Entry):
        return item.published

    def item_categories(self, item: Entry):
        return [item.category]


class PlanFeed(PublishedFeed):
    """What is published about one plan: its critiques, its assessments, and the plan itself."""

    def get_object(self, request, slug: str):
        return get_object_or_404(Plan, slug=slug)

    def plans(self, obj):
        return Plan.objects.filter(pk=obj.pk)

    def title(self, obj):
        return gettext("napwatch: %(plan)s – new critiques and assessments") % {
            "plan": plan_name(obj)
        }

    def subtitle(self, obj):
        return obj.display_title

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("discovery:plan-feed", kwargs={"slug": obj.slug})

    def feed_guid(self, obj):
        return tag(get_language(), "feed", obj.slug)
