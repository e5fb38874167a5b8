"""Django's Redis cache, made to fail fast and soft: the cache is never the truth here, so a
Redis that is down or frozen must not stop requests.

With short socket timeouts (``config.settings``), an error makes the operation a miss: ``get``
answers the default, writes are dropped, and ``add`` answers True, so that whoever uses it as a
lock or a counter (allauth's rate limiter) lets the request through instead of refusing it. After
an error, Redis is left alone for ``RETRY_AFTER`` seconds (every operation is a miss at once),
then tried again. One warning is logged per outage.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            with self._lock:
                self._down_until = time.monotonic() + RETRY_AFTER
                if not self._down:
                    self._down = True
                    logger.warning("Cache unavailable, answering misses: %r", error)
            return fallback
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
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
