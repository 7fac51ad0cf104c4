"""When something was first published, for the feeds: the one place that decides it.

An Atom entry's `<published>` (and `<updated>`, which the feeds leave equal to it so that an
entry never jumps back to the top) is the date the thing first became public. Critiques and
assessments keep `published_at`, which is set on their first publication and kept through later
ones (critiques/services.py, scorecards/services.py); a plan is public from the moment it is
loaded, so its `created_at`. A dedicated first-publication field replaces these by changing the
names here and nothing else.
"""

from __future__ import annotations

import datetime

# The field a critique's and an assessment's first publication is read from (and ordered by).
CRITIQUE_FIELD = "published_at"
ASSESSMENT_FIELD = "published_at"
PLAN_FIELD = "created_at"


def critique_date(critique) -> datetime.datetime | None:
    return getattr(critique, CRITIQUE_FIELD)


def assessment_date(assessment) -> datetime.datetime | None:
    return getattr(assessment, ASSESSMENT_FIELD)


def plan_date(plan) -> datetime.datetime | None:
    return getattr(plan, PLAN_FIELD)
