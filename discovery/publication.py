"""When something was first published, for the feeds: the one place that decides it.

An Atom entry's `<published>` (and `<updated>`, which the feeds leave equal to it so that an
entry never jumps back to the top) is the date the thing first became public. Critiques and
assessments keep `published_at`, which is set on their first publication and kept through later
ones; a plan file's `first_published` date is loaded into it (planfiles/stamps.py), so the same
file gives the same entry dates on every install and every day. A plan's entry is dated by the
plan file's latest date (`updated_at`, which the loader stamps from the file, not the clock).
"""

from __future__ import annotations

import datetime

# The field a critique's and an assessment's first publication is read from (and ordered by).
CRITIQUE_FIELD = "published_at"
ASSESSMENT_FIELD = "published_at"
PLAN_FIELD = "updated_at"


def critique_date(critique) -> datetime.datetime | None:
    return getattr(critique, CRITIQUE_FIELD)


def assessment_date(assessment) -> datetime.datetime | None:
    return getattr(assessment, ASSESSMENT_FIELD)


def plan_date(plan) -> datetime.datetime | None:
    return getattr(plan, PLAN_FIELD)
