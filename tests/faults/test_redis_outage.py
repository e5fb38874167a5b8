"""Redis down, frozen or restarted: the cache answers misses at once (sign-in keeps working
through allauth's limiter), a frozen Redis holds a request for about a second, not as long as it
hangs, and connections a restart left dead in the pools are replaced on first use."""

import logging
import signal
import socket
import threading

import pytest
from asgiref.sync import async_to_sync
from channels_redis.core import RedisChannelLayer
from django.core.cache import cache

from config.settings import redis_cache, redis_channel_layer
from core import cache as fail_soft
from tests.conftest import PASSWORD
from tests.notifications.live_servers import OwnRedis

pytestmark = pytest.mark.django_db


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": redis_cache(closed_port_url())}


@pytest.fixture
def own_redis(settings):
    server = OwnRedis()
    server.start()
    settings.CACHES = {"default": redis_cache(server.url)}
    yield server
    if server.process is not None:
        server.process.send_signal(signal.SIGCONT)
    server.stop()


def restart(server: OwnRedis) -> None:
    server.stop()
    server.start()  # same port, empty


def sign_in(client, member) -> int:
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}, follow=False
    )
    return response.status_code


def test_sign_in_works_while_redis_is_down(client, member, redis_down):
    assert sign_in(client, member) == 302
    assert client.get("/home/").status_code == 200


def test_the_cache_answers_misses_while_redis_is_down_and_says_so_once(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="core.cache")
    assert cache.get("anything", "default") == "default"
    assert cache.add("lock", 1) is True  # a lock or counter taken: the request goes on
    cache.set("kept", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("computed", lambda: 42) == 42
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert caplog.text.count("Cache unavailable") == 1


@pytest.mark.services
def test_the_cache_survives_a_restart_of_redis(own_redis, caplog, monkeypatch):
    monkeypatch.setattr(fail_soft, "RETRY_AFTER", 0)
    caplog.set_level(logging.WARNING, logger="core.cache")
    cache.set("before", 1)
    assert cache.get("before") == 1
    restart(own_redis)
    # The pooled connection died with the server: the first command retries on a new one.
    cache.set("after", 2)
    assert cache.get("after") == 2
    assert "Cache unavailable" not in caplog.text
    own_redis.stop()
    assert cache.get("after", "miss") == "miss"
    own_redis.start()
    assert cache.get("after", "miss") == "miss"  # an empty Redis, but an answer
    cache.set("back", 3)
    assert cache.get("back") == 3
    assert "Cache available again" in caplog.text


@pytest.mark.services
def test_sign_in_works_while_redis_is_frozen(client, member, own_redis):
    own_redis.process.send_signal(signal.SIGSTOP)
    # Should the sign-in wait for Redis, this thaws it after a generous minute, and says so.
    thawed = threading.Event()

    def thaw():
        own_redis.process.send_signal(signal.SIGCONT)
        thawed.set()

    watchdog = threading.Timer(60, thaw)
    watchdog.start()
    try:
        assert sign_in(client, member) == 302
        assert client.get("/home/").status_code == 200
    finally:
        watchdog.cancel()
    assert not thawed.is_set(), "sign-in waited for the frozen Redis"


@pytest.mark.services
def test_the_channel_layer_survives_a_restart_of_redis(own_redis):
    layer = RedisChannelLayer(**redis_channel_layer(own_redis.url)["CONFIG"])

    async def scenario():
        first = await layer.new_channel()
        await layer.send(first, {"type": "before"})
        before = await layer.receive(first)
        restart(own_redis)
        # No error: the dead pooled connection is replaced on the first command.
        second = await layer.new_channel()
        await layer.send(second, {"type": "after"})
        after = await layer.receive(second)
        await layer.flush()
        await layer.close_pools()
        return before, after

    assert async_to_sync(scenario)() == ({"type": "before"}, {"type": "after"})


@pytest.mark.services
def test_a_push_gives_up_on_a_frozen_redis(own_redis, monkeypatch):
    from notifications import delivery

    layer = RedisChannelLayer(**redis_channel_layer(own_redis.url)["CONFIG"])
    monkeypatch.setattr(delivery, "get_channel_layer", lambda: layer)
    monkeypatch.setattr(delivery, "PUSH_TIMEOUT", 0.5)
    assert delivery.send_to_groups([("user.1", {"type": "notification.new"})]) is True
    own_redis.process.send_signal(signal.SIGSTOP)
    thawed = threading.Event()
    watchdog = threading.Timer(
        60, lambda: (own_redis.process.send_signal(signal.SIGCONT), thawed.set())
    )
    watchdog.start()
    try:
        assert delivery.send_to_groups([("user.1", {"type": "notification.new"})]) is False
    finally:
        watchdog.cancel()
    assert not thawed.is_set(), "the push waited for the frozen Redis"
