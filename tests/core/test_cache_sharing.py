"""Under ASGI each request has a context of its own, so Django gives each its own cache object:
they share one Redis client (its connection pools) and one memory of an outage per process."""

import asyncio
import socket

from asgiref.sync import sync_to_async
from django.core.cache import caches

from config.settings import redis_cache


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


def test_requests_in_their_own_contexts_share_one_client(settings):
    settings.CACHES = {"default": redis_cache(closed_port_url())}
    seen = []

    def request():
        cache = caches["default"]
        # The objects, kept alive: a freed object's id() is reused.
        seen.append((cache, cache._cache))

    async def requests():
        for _ in range(3):  # as uvicorn runs each request: a task, so a context, of its own
            await asyncio.get_running_loop().create_task(sync_to_async(request)())

    asyncio.run(requests())
    assert len({id(cache) for cache, _client in seen}) == 3  # Django's objects, one per request
    assert len({id(client) for _cache, client in seen}) == 1


def test_an_outage_seen_by_one_request_is_remembered_by_the_next(settings):
    settings.CACHES = {"default": redis_cache(closed_port_url())}
    params = settings.CACHES["default"]
    backend = caches.create_connection  # a new object each call, as each request gets
    first, second = backend("default"), backend("default")
    assert first is not second
    assert first.get("key", "miss") == "miss"  # tries, fails, remembers
    tried = []
    assert second._attempt(lambda: tried.append(1), "miss") == "miss"
    assert tried == []  # not tried again within RETRY_AFTER
    assert params["OPTIONS"] is settings.CACHES["default"]["OPTIONS"]


def test_another_configuration_has_its_own_client(settings):
    settings.CACHES = {"default": redis_cache(closed_port_url())}
    before = caches.create_connection("default")._cache
    settings.CACHES = {"default": redis_cache(closed_port_url())}
    assert caches.create_connection("default")._cache is not before
