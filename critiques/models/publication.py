"""When a critique or an assessment was first published, to the precision the record knows it.

A plan file states it (`first_published: "2021-06"`: a critique drawn from a policy brief is
dated by the brief); loading keeps it, so every install cites the same work with the same date.
A critique first published in the admin gets the day it was published. A later edit records its
own time in `updated_at`, beside this date, which never moves once set.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def partial_date(text: str) -> tuple[datetime.date, str]:
    """'2021', '2021-06' or '2021-06-15' as (its first day, its precision)."""
    parts = [int(part) for part in text.split("-")]
    precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
    return datetime.date(*(parts + [1] * (3 - len(parts)))), precision.value


def partial_text(day: datetime.date, precision: str) -> str:
    """The inverse of `partial_date`: a date written to its precision."""
    text = day.isoformat()
    return {DatePrecision.YEAR: text[:4], DatePrecision.MONTH: text[:7]}.get(precision, text)


class FirstPublication(models.Model):
    first_published_on = models.DateField(
        _("first published on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When it was first published; never moves once set (a later edit is dated "
            "by its own last-changed time)."
        ),
    )
    first_published_precision = models.CharField(
        _("precision of the first publication date"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        editable=False,
    )

    class Meta:
        abstract = True

    def note_first_publication(self, update_fields=None):
        """Gives a row published for the first time the day it was published; returns the
        update_fields to save (with the date's fields when they were just set)."""
        published_at = getattr(self, "published_at", None)
        if self.first_published_on is not None or published_at is None:
            return update_fields
        self.first_published_on = published_at.astimezone(datetime.UTC).date()
        self.first_published_precision = DatePrecision.DAY
        if update_fields is None:
            return None
        return {*update_fields, "first_published_on", "first_published_precision"}

    @property
    def first_published(self) -> str:
        """The date as a plan file writes it: 2021, 2021-06 or 2021-06-15 ('' if unpublished)."""
        if self.first_published_on is None:
            return ""
        return partial_text(self.first_published_on, self.first_published_precision)

    @property
    def first_published_display(self) -> str:
        """The date as a reader sees it, in the reader's language, to its precision."""
        if self.first_published_on is None:
            return ""
        if self.first_published_precision == DatePrecision.YEAR:
            return str(self.first_published_on.year)
        if self.first_published_precision == DatePrecision.MONTH:
            return formats.date_format(self.first_published_on, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.first_published_on, "DATE_FORMAT")
