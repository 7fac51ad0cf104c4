"""When something was first published, for the feeds: the one place that decides it.

An Atom entry's `<published>` (and `<updated>`, which the feeds leave equal to it so that an
entry never jumps back to the top) is the date the thing first became public. Critiques and
assessments keep `published_at`, which is set on their first publication and kept through later
ones; a plan file's `first_published` date is loaded into it (planfiles/stamps.py), so the same
file gives the same entry dates on every install and every day.

A plan became public when it was adopted: its `adopted_on`, or the first day of its period when
only the period is known. Not its `updated_at`: since the first-publication dates, the loader
stamps that with the file's latest revision, after every critique and assessment the file dates,
and an edit in the admin moves it, so the plan's entry would move to the top of a reader.
"""

from __future__ import annotations

import datetime

# The field a critique's and an assessment's first publication is read from (and ordered by).
CRITIQUE_FIELD = "published_at"
ASSESSMENT_FIELD = "published_at"


def critique_date(critique) -> datetime.datetime | None:
    return getattr(critique, CRITIQUE_FIELD)


def assessment_date(assessment) -> datetime.datetime | None:
    return getattr(assessment, ASSESSMENT_FIELD)


def plan_date(plan) -> datetime.datetime | None:
    """When the plan was adopted (the first day of its first year if only that is known), in
    UTC; None if the plan states neither."""
    if plan.adopted_on:
        day = plan.adopted_on
    elif plan.period_start:
        day = datetime.date(plan.period_start, 1, 1)
    else:
        return None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
