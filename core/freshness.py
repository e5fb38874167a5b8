"""Version tokens for what the directory keeps in the shared cache.

Cached counts, option lists and rankings (``kept``) are stored under keys that include a
version token;
a change replaces the token, and entries under the old one are simply never read again. The
token is random, so a token lost from the cache (evicted, flushed) never brings back entries
stored under an earlier one. It is replaced twice: at once, for the rest of the changing
request, and again when the change commits, because a reader between the two would have
stored the data as it was before the commit under the new token.
"""

import logging
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


def kept(key_of, compute, seconds: int):
    """``compute()``, kept in the cache under the key ``key_of()`` names (it usually reads
    version tokens) for ``seconds``; computed every time when the cache is unreachable."""
    try:
        key = key_of()
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
