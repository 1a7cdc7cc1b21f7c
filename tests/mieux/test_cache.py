"""The Redis cache backend that keeps one redis-py client per pool (mieux.cache), against real Redis."""

import os
import threading

import pytest

from mieux.cache import SharedClientRedisCache
from tests.conftest import skip_unless


@pytest.fixture
def redis_cache():
    url = os.environ.get("CACHE_URL", "")
    skip_unless(url.startswith("redis://"), "needs Redis as the cache (set CACHE_URL)")
    # A database of its own, emptied after, so nothing of the suite's cache is read or lost.
    cache = SharedClientRedisCache(url.rsplit("/", 1)[0] + "/9", {"KEY_PREFIX": "mieux-cache-test"})
    yield cache
    cache.clear()


def test_settings_swap_djangos_redis_backend_for_the_shared_client_one():
    from mieux.settings.base import cache_settings

    parsed = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://h:6379/1"}
    assert cache_settings(parsed) == {
        "BACKEND": "mieux.cache.SharedClientRedisCache",
        "LOCATION": "redis://h:6379/1",
    }
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mieux"}
    assert cache_settings(local) == local


def test_every_cache_operation_works_through_one_client(redis_cache):
    redis_cache.set("token", {"user": 7}, 30)
    assert redis_cache.get("token") == {"user": 7}
    assert redis_cache.add("token", "other") is False
    redis_cache.set_many({"a": 1, "b": 2})
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert redis_cache.incr("a") == 2
    assert redis_cache.delete("token") is True
    assert redis_cache.get("token") is None

    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client("any key") is client


def test_threads_share_the_client_without_mixing_replies(redis_cache):
    """redis-py clients are thread-safe (each command takes its own connection from the pool): a
    reply never reaches another thread's call."""
    wrong = []

    def worker(number: int) -> None:
        for round_ in range(200):
            key = f"thread-{number}-{round_}"
            redis_cache.set(key, (number, round_), 30)
            if redis_cache.get(key) != (number, round_):
                wrong.append(key)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert len(redis_cache._cache._clients) == 1
