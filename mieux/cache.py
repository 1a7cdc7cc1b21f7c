"""Django's Redis cache backend, with one redis-py client per connection pool.

Django builds a new `redis.Redis` for every cache call (django.core.cache.backends.redis), and
constructing one registers some 170 response callbacks: on an API request whose token is read from
the cache, that was a tenth of the request's Python time. redis-py's clients are meant to be shared —
thread-safe, each command taking a connection from the pool and giving it back — so one client per
pool is kept. The pool itself is Django's, created lazily per process as before (a forked worker
makes its own), so nothing else changes.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedRedisCacheClient
