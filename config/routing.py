"""WebSocket routes of every app, gathered in one list for config.asgi."""

from forum.routing import websocket_urlpatterns as forum_routes
from notifications.routing import websocket_urlpatterns as notification_routes

websocket_urlpatterns = [*notification_routes, *forum_routes]
