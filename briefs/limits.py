"""The time limits around a PDF brief, read from the environment in one place, and the rule they keep.

    GUNICORN_TIMEOUT        seconds gunicorn lets a web worker spend on one request (default 30)
    NAPWATCH_BRIEF_TIMEOUT  seconds a brief may take to render before it is stopped (default 20)
    NAPWATCH_BRIEF_WAIT     seconds a request waits for a render it queued (default 5)

The rule: a reader must get napwatch's own page (the PDF, "being prepared", or the 503 page),
never gunicorn's bare 500 after it killed the worker. So the render limit and the wait both end
at least `WORKER_TIMEOUT_MARGIN` seconds before the worker timeout; the margin pays for reading
the plan and writing the page. Renders run in the task worker, but the Tasks backend may be the
immediate one (a render inside the request), so the render limit is held to the rule too.

No Django here: napwatch/settings.py and napwatch/gunicorn.conf.py both read the limits with
`read()`, and gunicorn refuses to start on `problems()` before Django is loaded; the system check
in briefs/checks.py applies the same rule to the settings.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

WORKER_TIMEOUT_MARGIN = 5


class LimitError(ValueError):
    """A limit that is not a number; the message names the variable."""


@dataclass(frozen=True)
class Limits:
    worker_timeout: int = 30
    brief_timeout: int = 20
    brief_wait: float = 5.0

    def problems(self) -> list[str]:
        """What breaks the rule, one sentence each (empty when the limits agree)."""
        ceiling = self.worker_timeout - WORKER_TIMEOUT_MARGIN
        found = []
        if self.brief_timeout >= ceiling:
            found.append(
                f"NAPWATCH_BRIEF_TIMEOUT ({self.brief_timeout:g} s) must be less than the web "
                f"worker timeout GUNICORN_TIMEOUT ({self.worker_timeout:g} s) minus a margin of "
                f"{WORKER_TIMEOUT_MARGIN} s, so below {ceiling:g} s: otherwise gunicorn kills a "
                "worker rendering a brief and the reader gets a bare 500 instead of napwatch's 503 page."
            )
        if self.brief_wait >= ceiling:
            found.append(
                f"NAPWATCH_BRIEF_WAIT ({self.brief_wait:g} s) must be less than GUNICORN_TIMEOUT "
                f"({self.worker_timeout:g} s) minus {WORKER_TIMEOUT_MARGIN} s, so below {ceiling:g} s."
            )
        return found


def read(environ: Mapping[str, str] = os.environ) -> Limits:
    """The limits set in `environ`, else the defaults. LimitError names a bad variable."""
    defaults = Limits()
    return Limits(
        worker_timeout=int(_seconds(environ, "GUNICORN_TIMEOUT", defaults.worker_timeout)),
        brief_timeout=int(_seconds(environ, "NAPWATCH_BRIEF_TIMEOUT", defaults.brief_timeout)),
        brief_wait=_seconds(environ, "NAPWATCH_BRIEF_WAIT", defaults.brief_wait, zero_ok=True),
    )


def _seconds(environ: Mapping[str, str], name: str, default: float, *, zero_ok=False) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw) if zero_ok else int(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
    except ValueError:
        kind = "a number" if zero_ok else "a whole number"
        raise LimitError(f"{name} must be {kind} of seconds (got {raw!r}).") from None
    if value < 0 or (value == 0 and not zero_ok):
        raise LimitError(f"{name} must be a positive number of seconds (got {raw!r}).")
    return value
