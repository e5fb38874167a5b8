"""Django's ASGI handler, with the threads that run requests' sync code kept for the next ones.

Under ASGI Django runs each request's synchronous code (middleware, view, templates, queries) on
a thread of that request's own (asgiref's ``ThreadSensitiveContext``): a thread is started for
every request and another to join it when the request ends. Starting one blocks the event loop
until the new thread holds the GIL, which under load means waiting behind the other requests'
threads: a profile of a ``bin/web`` worker serving the thread page to 16 connections found the
loop a third of its time in ``Thread.start``, and the worker using half a core while requests
waited. Here a request borrows an idle single-thread executor (one thread, as before, so every
sync call of the request runs on the same thread), and gives it back when it ends; asgiref leaves
an executor it is given open for the next use. As under a threaded WSGI server, a thread serves
many requests, one after the other; what a request keeps (its database connection, its language)
lives in its context, not in the thread. At most ``KEEP`` idle threads are kept per process.
"""

from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler

KEEP = 32


class ThreadKeepingASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self.idle: list[ThreadPoolExecutor] = []  # only touched from the event loop's thread

    def load_middleware(self, is_async=False):
        """The middleware chain as under WSGI: every middleware here is synchronous, and the
        views too, so the whole chain runs in one call on the request's thread instead of
        crossing back to the event loop to resolve the view and again to run it."""
        super().load_middleware(is_async=False)

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":  # as Django's: WebSockets are routed to channels
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = (
            self.idle.pop()
            if self.idle
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="request")
        )
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            if len(self.idle) < KEEP:
                self.idle.append(executor)
            else:
                executor.shutdown(wait=False)


def get_asgi_application() -> ThreadKeepingASGIHandler:
    """As ``django.core.asgi.get_asgi_application``, with the handler above."""
    django.setup(set_prefix=False)
    return ThreadKeepingASGIHandler()
