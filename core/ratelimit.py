"""Per-member limits on writes, declared in ``settings.RATE_LIMITS`` and kept in the cache.

Actions call ``consume(user, "forum.reply")``; when the member has used up the window, it raises
``RateLimited``, which ``accounts.middleware.MembersOnlyMiddleware`` turns into a 429 page.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateLimited(Exception):
    def __init__(self, action: str, retry_after: int):
        super().__init__(action)
        self.action = action
        self.retry_after = retry_after


def parse_rate(rate: str) -> tuple[int, int]:
    """``"60/h"`` -> (60, 3600); the period may carry a multiplier (``"5/10m"``) or be seconds."""
    count, _, period = rate.partition("/")
    unit = period[-1] if period[-1:].isalpha() else "s"
    amount = period[:-1] if period[-1:].isalpha() else period
    return int(count), int(amount or 1) * PERIODS[unit]


def consume(user, action: str) -> None:
    """Count one use of ``action`` by ``user``; raise ``RateLimited`` past the limit."""
    limit, window = parse_rate(settings.RATE_LIMITS[action])
    now = int(time.time())
    bucket = now // window
    key = f"rl:{action}:{user.pk}:{bucket}"
    try:
        used = _count(key, window)
    except Exception:
        # The cache (Redis in production) is down: a write must not fail because of its limiter.
        logger.warning(
            "Rate limiter unavailable; allowing %s by user %s", action, user.pk, exc_info=True
        )
        return
    if used > limit:
        raise RateLimited(action, retry_after=(bucket + 1) * window - now)


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window + 1)
        return 1
