"""CACHE_URL: several app servers and task workers share one Redis for pages, briefs, render
claims and per-client counters; unset, each machine keeps today's caches on its own disk.

The Redis tests use NAPWATCH_TEST_REDIS_URL (default redis://127.0.0.1:6379/14, a database of
their own: they empty it) and are skipped, saying so, when no Redis answers there. CI has one.
"""

import ast
import os
import threading

import pytest
from django.core.cache import caches
from django.test import override_settings

from briefs import client_bound, tasks
from tests.project.test_settings import read_settings

REDIS_URL = os.environ.get("NAPWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason=f"no Redis answers at {REDIS_URL} (NAPWATCH_TEST_REDIS_URL)"
)


def redis_caches() -> dict:
    """settings.CACHES as CACHE_URL=REDIS_URL makes them (read by the settings module itself)."""
    found = read_settings(
        "CACHES", CACHE_URL=REDIS_URL, NAPWATCH_PAGE_CACHE="true", SECRET_KEY="x" * 50
    )
    assert found.returncode == 0, found.stderr

    return ast.literal_eval(found.stdout.strip())


def test_without_cache_url_each_machine_keeps_its_caches_on_disk():
    found = read_settings("CACHES", NAPWATCH_PAGE_CACHE="true", SECRET_KEY="x" * 50)
    assert found.returncode == 0, found.stderr
    text = found.stdout
    assert text.count("FileBasedCache") == 2  # pages and briefs
    assert "LocMemCache" in text  # the default cache
    assert "Redis" not in text


def test_cache_url_puts_every_cache_in_the_one_redis_each_under_its_prefix():
    found = redis_caches()
    assert {alias: conf["BACKEND"] for alias, conf in found.items()} == dict.fromkeys(
        ("default", "briefs", "pages"), "django.core.cache.backends.redis.RedisCache"
    )
    assert {conf["LOCATION"] for conf in found.values()} == {REDIS_URL}
    assert len({conf["KEY_PREFIX"] for conf in found.values()}) == 3


def test_a_cache_url_that_is_not_redis_stops_the_start():
    found = read_settings("CACHES", CACHE_URL="memcache://127.0.0.1:11211", SECRET_KEY="x" * 50)
    assert found.returncode != 0
    assert "CACHE_URL must be a redis:// or rediss:// address" in found.stderr


@pytest.fixture
def shared_redis():
    """This process's caches as an app server with CACHE_URL has them, emptied before and after.
    Each `override_settings(CACHES=...)` inside makes new cache connections, as another machine
    has."""
    conf = redis_caches()
    with override_settings(CACHES=conf):
        caches["pages"].clear()  # (one Redis database: this clears the others too)
        yield conf
        caches["pages"].clear()


@needs_redis
@pytest.mark.django_db
def test_a_page_made_on_one_app_server_is_served_from_the_cache_by_another(
    client, minimal_plan, shared_redis
):
    url = "/en/plans/testland-2024/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with override_settings(CACHES=shared_redis):  # another server: its own connections
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@needs_redis
def test_two_servers_claiming_the_same_render_at_once_queue_it_once(shared_redis):
    key = "a-brief-key"
    wins = []
    start = threading.Barrier(8)

    def claim():
        start.wait()
        wins.append(tasks.cache().add(tasks.job_key(key), {"task": None}, 60))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 7 + [True]


@needs_redis
def test_renders_counted_at_once_from_many_servers_lose_no_count(shared_redis, settings):
    settings.NAPWATCH_BRIEF_RENDERS_PER_CLIENT = 40
    start = threading.Barrier(8)

    def count():
        start.wait()
        for _ in range(5):
            client_bound.count_client_render("198.51.100.7")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = client_bound.over_client_bound("198.51.100.7")
    assert refused is not None and refused.status == 429
    assert "40 briefs" in refused.message
    assert 0 < refused.retry_after <= client_bound.CLIENT_WINDOW
    assert client_bound.over_client_bound("198.51.100.8") is None
