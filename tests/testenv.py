"""A pytest plugin loaded before Django starts (`-p tests.testenv` in pyproject.toml).

The suite runs under production settings (DEBUG off) with a throw-away secret, plain HTTP
and the database named by DATABASE_URL (SQLite when unset), as `make test` documents.
"""

import atexit
import os
import shutil
import tempfile

# Never a developer's .env: the suite runs the same whether `make run` wrote one or not.
os.environ["NAPWATCH_ENV_FILE"] = os.devnull
os.environ.setdefault("SECRET_KEY", "napwatch-test-suite-only-" + "x" * 40)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("NAPWATCH_TESTING", "true")
# Background tasks run inside the request unless a test asks for the database backend and its
# worker (tests/briefs/conftest.py's `db_tasks`): a test without a worker never waits on a queue.
os.environ.setdefault("NAPWATCH_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
# No connection outlives its request in tests, so the test database can be dropped at the end.
os.environ.setdefault("CONN_MAX_AGE", "0")
# Cached public pages go to a folder of this run's own, never the project's .cache/pages.
if "NAPWATCH_PAGE_CACHE_DIR" not in os.environ:
    os.environ["NAPWATCH_PAGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="napwatch-test-pages-")
    atexit.register(shutil.rmtree, os.environ["NAPWATCH_PAGE_CACHE_DIR"], ignore_errors=True)
# So do the data release's zips (opendata/release.py).
if "NAPWATCH_DATA_RELEASE_DIR" not in os.environ:
    os.environ["NAPWATCH_DATA_RELEASE_DIR"] = tempfile.mkdtemp(prefix="napwatch-test-data-")
    atexit.register(shutil.rmtree, os.environ["NAPWATCH_DATA_RELEASE_DIR"], ignore_errors=True)
# On SQLite the test database is a file of this run's own, not shared memory, so that requests in
# several threads lock it as a deployed site's requests do (tests/editing/test_concurrent_saves.py).
if (
    os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite")
    and "TEST_DATABASE_NAME" not in os.environ
):
    _test_database_folder = tempfile.mkdtemp(prefix="napwatch-test-db-")
    os.environ["TEST_DATABASE_NAME"] = os.path.join(_test_database_folder, "test.sqlite3")
    atexit.register(shutil.rmtree, _test_database_folder, ignore_errors=True)
