"""The unread count of the badge on every page, kept in the cache instead of counted per request.

``count(user)`` reads the cached number (counting once on a miss); ``forget(user_ids)`` drops it,
now and again after the transaction commits, and every write that changes what is unread calls it
(``notifications.actions``: notify, withdraw, marking read). An entry also expires on its own
after ``UNREAD_COUNT_CACHE_SECONDS``, so a write made another way is seen at the latest then.
"""

import contextlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Notification


def key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def count(user) -> int:
    """An unreachable cache is a miss: the count comes from the table."""
    try:
        found = cache.get(key(user.pk))
    except Exception:  # a cache down stops no page
        return Notification.objects.unread_count(user)
    if found is None:
        found = Notification.objects.unread_count(user)
        with contextlib.suppress(Exception):
            cache.set(key(user.pk), found, settings.UNREAD_COUNT_CACHE_SECONDS)
    return found


def forget(user_ids) -> None:
    keys = [key(pk) for pk in set(user_ids)]
    if not keys:
        return
    with contextlib.suppress(Exception):
        cache.delete_many(keys)
    # A page counting between the write and its commit may have cached the old number.
    transaction.on_commit(lambda: _delete(keys))


def _delete(keys) -> None:
    with contextlib.suppress(Exception):
        cache.delete_many(keys)
