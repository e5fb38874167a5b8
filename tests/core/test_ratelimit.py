import pytest

from core import ratelimit


def test_parse_rate():
    assert ratelimit.parse_rate("60/h") == (60, 3600)
    assert ratelimit.parse_rate("5/10m") == (5, 600)
    assert ratelimit.parse_rate("3/30") == (3, 30)
    assert ratelimit.parse_rate("1/d") == (1, 86400)


def test_limit_counts_per_user_and_action(member, other_member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "2/h"}
    ratelimit.consume(member, "forum.reply")
    ratelimit.consume(member, "forum.reply")
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.consume(member, "forum.reply")
    assert 0 < refused.value.retry_after <= 3600
    ratelimit.consume(other_member, "forum.reply")  # another member has their own budget
    ratelimit.consume(member, "forum.thread")  # and so has another action


def test_an_unreachable_cache_lets_writes_through(member, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forum.reply": "1/h"}
    for _ in range(3):
        ratelimit.consume(member, "forum.reply")
    assert "Rate limiter unavailable" in caplog.text
