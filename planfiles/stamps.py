"""Dates a load writes in place of the clock: a row the file dates (a critique's or assessment's
`first_published` and `revised`) is stamped with that date, so that loading the same files on two
different days gives the same rows, the same citations and the same data-release version.

A later edit in the admin moves `updated_at` to its own time, beside the first publication date,
which never moves."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from critiques.models.publication import partial_date
from pagecache.models import PlanRevision
from planfiles.validate import iter_critiques
from plans.models import Plan


def midnight(day: datetime.date | None) -> datetime.datetime | None:
    """The first moment of a day, in UTC."""
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def item_stamp(item) -> datetime.datetime | None:
    """When a dated item of a file (a critique, an assessment) last changed: its `revised`
    day, else its first publication (None: the file does not say)."""
    if item.revised:
        return midnight(item.revised)
    if item.first_published:
        return midnight(partial_date(item.first_published)[0])
    return None


def latest_stamp(items: Iterable) -> datetime.datetime | None:
    """The latest date among these items (a plan file's date: its latest dated change)."""
    stamps = [stamp for stamp in map(item_stamp, items) if stamp is not None]
    return max(stamps, default=None)


def stamp_row(obj, stamp: datetime.datetime | None) -> None:
    """Gives a row just saved the file's date as its last change (a row without `updated_at`, or
    a file without a date, keeps the clock's)."""
    if stamp is None or not hasattr(obj, "updated_at"):
        return
    type(obj).objects.filter(pk=obj.pk).update(updated_at=stamp)
    obj.updated_at = stamp


def stamp_revision(plan: Plan, token_before: str | None, stamp: datetime.datetime | None) -> None:
    """A plan whose pages the load changed is dated by its file (the date the plan's citations
    give), not by the day of the load."""
    if stamp is None:
        return
    revision = PlanRevision.objects.filter(plan=plan).first()
    if revision is not None and revision.token != token_before:
        PlanRevision.objects.filter(pk=revision.pk).update(changed_at=stamp)


PUBLISHED = ("published", "withdrawn")


def publication(model, lookup: dict, item) -> dict:
    """The publication fields a load writes for a critique or assessment.

    A file that states `first_published` is the record of it: the row takes that date (and its
    precision), and, once published, `published_at` is that day's first moment. Without it, a row
    published by this load for the first time is published now, as in the admin (the model then
    dates it today), and a row published before keeps its date."""
    if item.first_published:
        day, precision = partial_date(item.first_published)
        values = {"first_published_on": day, "first_published_precision": precision}
        if item.status in PUBLISHED:
            values["published_at"] = midnight(day)
        return values
    existing = model.objects.filter(**lookup).only("published_at").first()
    if item.status == "published" and not (existing and existing.published_at):
        return {"published_at": timezone.now()}
    return {}


def file_stamp(plan_file) -> datetime.datetime | None:
    """A plan file's date: the latest date it states for a critique or an assessment."""
    critiques = [critique for _where, critique in iter_critiques(plan_file.plan)]
    return latest_stamp([*critiques, *plan_file.assessments])
