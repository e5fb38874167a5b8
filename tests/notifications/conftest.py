import pytest
from asgiref.sync import async_to_sync
from channels.auth import AuthMiddlewareStack
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.routing import websocket_urlpatterns


@pytest.fixture
def pushed(monkeypatch):
    """Records every (group, message) the app sends to the channel layer."""
    sent = []
    layer = get_channel_layer()
    original = layer.group_send

    async def record(group, message):
        sent.append((group, message))
        await original(group, message)

    monkeypatch.setattr(layer, "group_send", record)
    return sent


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def communicator(path: str, session_key: str | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver")]
    if session_key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    app = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
    return WebsocketCommunicator(app, path, headers=headers)


@pytest.fixture
def run():
    """``run(coroutine_function)``: drive an async scenario from a sync test."""
    return lambda scenario: async_to_sync(scenario)()
