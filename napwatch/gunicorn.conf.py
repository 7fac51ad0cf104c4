"""gunicorn settings for `make serve` (the production path; see docs/deploying.md).

HOST and PORT choose the address (default 127.0.0.1:8000, behind a reverse proxy on the same
machine); WEB_CONCURRENCY the number of worker processes (default 2 x cores + 1, gunicorn's own
advice for sync workers, whose time is mostly spent waiting on PostgreSQL). Logs go to stdout in
the app's own format (napwatch/logging_config.py): JSON lines in production.

GUNICORN_TIMEOUT is read by briefs/limits.py, as the settings read it: gunicorn refuses to start
when a brief's render limit (NAPWATCH_BRIEF_TIMEOUT) or wait (NAPWATCH_BRIEF_WAIT) would not end
well before it, as `manage.py check` does (napwatch.E001).
"""

import multiprocessing
import os
import sys
from pathlib import Path

# gunicorn reads this file before it imports the app: make the project importable for briefs.limits.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from briefs import limits as brief_limits  # noqa: E402

try:
    _limits = brief_limits.read(os.environ)
except brief_limits.LimitError as exc:
    sys.exit(f"napwatch: {exc}")
if _limits.problems():
    sys.exit("napwatch: gunicorn will not start: " + " ".join(_limits.problems()))

from napwatch.environment import env
from napwatch.logging_config import log_level, logging_config

bind = f"{env.str('HOST', default='127.0.0.1')}:{env.int('PORT', default=8000)}"
workers = env.int("WEB_CONCURRENCY", default=multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = _limits.worker_timeout
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound. The app is imported once,
# in the master, before workers are forked: a recycled worker is ready in milliseconds instead of
# importing Django again (about a second of CPU taken from the other workers), and workers share
# the imported code's memory. Nothing opens a database connection at import time, so no
# connection is shared between workers.
max_requests = 2000
max_requests_jitter = 200
preload_app = True
# The proxy in front is trusted for X-Forwarded-*; FORWARDED_ALLOW_IPS widens it (default local).
# Django reads the same variable, the same way (NAPWATCH_TRUSTED_PROXIES in settings.py): unset or
# empty means the default in both, so the two never disagree about who may say "https".
forwarded_allow_ips = env.str("FORWARDED_ALLOW_IPS", default="127.0.0.1,::1")
# Refuse absurd request lines and headers early (414/431/400 before Django sees them).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

access_log_on = env.bool("GUNICORN_ACCESS_LOG", default=True)
accesslog = "-" if access_log_on else None
errorlog = "-"
loglevel = log_level().lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The same handler and formatter as Django's LOGGING; gunicorn's two loggers do not propagate to
# the root, so each record is written once.
logconfig_dict = logging_config(
    debug=env.bool("DEBUG", default=False),
    loggers={
        "gunicorn.error": {"handlers": ["console"], "level": log_level(), "propagate": False},
        "gunicorn.access": {
            "handlers": ["console"],
            "level": "INFO" if access_log_on else "CRITICAL",
            "propagate": False,
        },
    },
)

# gunicorn's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl), which two
# servers on one machine would fight over; napwatch does not use it.
control_socket_disable = True
