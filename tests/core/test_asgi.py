"""Under ASGI each request's sync code runs on a thread of its own request (core.asgi): kept
for the next request instead of started anew, and the middleware chain and the view in one
call on it."""

import asyncio
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.core.signals import request_finished, request_started

from core.asgi import ThreadKeepingASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


def serve(handler, paths: list[str]) -> list[int]:
    async def scenario():
        statuses = []
        for path in paths:
            asking = HttpCommunicator(handler, "GET", path, headers=[(b"host", b"testserver")])
            response = await asking.get_response(timeout=30)
            await asking.wait(timeout=30)  # the request has ended: its thread is idle again
            statuses.append(response["status"])
        return statuses

    return async_to_sync(scenario)()


def test_one_request_after_another_runs_on_the_same_kept_thread():
    handler = ThreadKeepingASGIHandler()
    started, finished = [], []

    def on_start(**kwargs):
        started.append(threading.current_thread())

    def on_finish(**kwargs):
        finished.append(threading.current_thread())

    request_started.connect(on_start)
    request_finished.connect(on_finish)
    try:
        statuses = serve(handler, ["/healthz", "/healthz", "/healthz"])
    finally:
        request_started.disconnect(on_start)
        request_finished.disconnect(on_finish)
    assert statuses == [200, 200, 200]
    assert len(set(started)) == 1  # one thread, started once, for all three
    assert set(finished) == set(started)  # the request's end ran on its thread too
    assert started[0].name.startswith("request")
    assert started[0] is not threading.main_thread()
    assert len(handler.idle) == 1


def test_the_middleware_chain_is_synchronous_as_under_wsgi():
    """Django's own ASGI handler builds an async chain: each request then crosses from its
    thread back to the event loop to resolve the view, and again to run it."""
    from django.core.handlers.asgi import ASGIHandler

    assert asyncio.iscoroutinefunction(ASGIHandler()._middleware_chain)
    assert not asyncio.iscoroutinefunction(ThreadKeepingASGIHandler()._middleware_chain)
