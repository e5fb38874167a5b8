from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
    path("ws/threads/<int:thread_id>/", consumers.ThreadConsumer.as_asgi()),
]
