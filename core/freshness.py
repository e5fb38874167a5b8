"""Version tokens for what the directory keeps in the shared cache.

Cached counts, option lists and rankings (``kept``) are stored under keys that include a
version token;
a change replaces the token, and entries under the old one are simply never read again. The
token is random, so a token lost from the cache (evicted, flushed) never brings back entries
stored under an earlier one. It is replaced twice: at once, for the rest of the changing
request, and again when the change commits, because a reader between the two would have
stored the data as it was before the commit under the new token.

Since a key names its tokens, the value under a key never changes: ``kept(..., remember=True)``
also keeps it in this process's memory (``Memory``: the last ``MEMORY_ITEMS`` keys, each for at
most its ``seconds`` after it was read), so a warm page reads it without a round trip to Redis
and without unpickling it. Only the tokens (``current``) are read from the cache every time, so a
change is seen at once by every process. What ``kept`` answers from memory is the same object
for every request of the process: its callers never change it (they copy what they would).
"""

import logging
import threading
import time
from collections import OrderedDict
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


MEMORY_ITEMS = 128  # a directory count is ~100 KB in memory: at most ~13 MB per process
MISSING = object()


class Memory:
    """A bounded per-process memory of kept values: key -> (until, value), least recently used
    dropped first. Thread-safe (a request is a thread under ASGI)."""

    def __init__(self, size: int = MEMORY_ITEMS):
        self.size = size
        self.items: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return MISSING
            if found[0] < time.monotonic():
                del self.items[key]
                return MISSING
            self.items.move_to_end(key)
            return found[1]

    def put(self, key: str, value, seconds: float) -> None:
        with self.lock:
            self.items[key] = (time.monotonic() + seconds, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


memory = Memory()


def kept(key_of, compute, seconds: int, *, remember: bool = False, into: Memory | None = None):
    """``compute()``, kept in the cache under the key ``key_of()`` names (it usually reads
    version tokens) for ``seconds``; computed every time when the cache is unreachable.
    ``remember``: also in this process's memory (``Memory``), for callers that never change
    what they get (``into``: a memory of the caller's own instead of the shared one)."""
    kept_in = into if into is not None else memory
    try:
        key = key_of()
    except Exception:
        logger.warning("Cache unreachable: computed without it", exc_info=True)
        return compute()
    if remember and (found := kept_in.get(key)) is not MISSING:
        return found
    try:
        found = cache.get(key)
    except Exception:
        logger.warning("Cache unreachable: computed without it", exc_info=True)
        return compute()
    if found is None:
        found = compute()
        try:
            cache.set(key, found, seconds)
        except Exception:
            logger.warning("Cache unreachable: %s not kept", key, exc_info=True)
    if remember:
        kept_in.put(key, found, seconds)
    return found


def mark_changed(key: str) -> None:
    """Entries cached under ``key``'s current token are out of date (now, and on commit)."""
    renew(key)
    transaction.on_commit(lambda: renew(key))


def renew(key: str) -> None:
    try:
        cache.set(key, uuid4().hex, timeout=None)
    except Exception:  # an unreachable cache must not stop an edit or a migration
        logger.warning("Could not renew the cache version %s", key, exc_info=True)


def current(*keys: str) -> tuple[str, ...]:
    """The tokens of ``keys``, creating missing ones; raises when the cache is unreachable."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            found[key] = cache.get_or_set(key, lambda: uuid4().hex, timeout=None)
    return tuple(found[key] for key in keys)
