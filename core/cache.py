"""Django's Redis cache, made to fail fast and soft: the cache is never the truth here, so a
Redis that is down or frozen must not stop requests.

With short socket timeouts (``config.settings``), an error makes the operation a miss: ``get``
answers the default, writes are dropped, and ``add`` answers True, so that whoever uses it as a
lock or a counter (allauth's rate limiter) lets the request through instead of refusing it. After
an error, Redis is left alone for ``RETRY_AFTER`` seconds (every operation is a miss at once),
then tried again. One warning is logged per outage.

Django keeps its cache objects per context, and under ASGI every request runs in a context of its
own: each request got a new cache object, with a new connection pool, so a new TCP connection to
Redis (a connect per request, and pools left for the collector), and its own memory of an outage
(each request waited for the dead Redis again). The cache objects of one configuration share one
client (its pools) and one outage state per process instead (``_Shared``).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class _Shared:
    """The client (its connection pools) and the outage state of one cache configuration in this
    process, whichever cache object (request) uses them."""

    def __init__(self, options):
        self.options = options  # held, so that the id in the key is not given to another dict
        self.client = None
        self.down_until = 0.0
        self.down = False
        self.lock = threading.Lock()


_SHARED: dict[tuple, _Shared] = {}
_SHARED_LOCK = threading.Lock()


def _shared_for(servers: list[str], options: dict) -> _Shared:
    # The OPTIONS dict of the settings is the same object for every cache object made from them
    # (a settings override makes a new one, and so a new client).
    key = (tuple(servers), id(options) if options else None)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = _Shared(options)
        return _SHARED[key]


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._shared = _shared_for(self._servers, self._options)

    @cached_property
    def _cache(self):
        shared = self._shared
        with shared.lock:
            if shared.client is None:
                shared.client = self._class(self._servers, **self._options)
            return shared.client

    def _attempt(self, operation, fallback, *args, **kwargs):
        shared = self._shared
        if time.monotonic() < shared.down_until:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            with shared.lock:
                shared.down_until = time.monotonic() + RETRY_AFTER
                if not shared.down:
                    shared.down = True
                    logger.warning("Cache unavailable, answering misses: %r", error)
            return fallback
        if shared.down:
            with shared.lock:
                if shared.down:
                    shared.down = False
                    logger.warning("Cache available again")
        return result

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        """A counter that cannot be read starts again (``ValueError``: no such key)."""
        missing = object()
        result = self._attempt(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def clear(self):
        return self._attempt(super().clear, False)
